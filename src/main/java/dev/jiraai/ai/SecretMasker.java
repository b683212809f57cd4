package dev.jiraai.ai;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets (and, when asked, e-mail addresses and phone numbers) in text bound
 * for the model by numbered placeholders such as {@code [secret-1]}; the same value gets
 * the same placeholder in every text one masker sees, so the model can still tell them
 * apart. One masker serves one model call and is not thread-safe.
 */
public final class SecretMasker {

	/**
	 * A kind of value to hide: the pattern and which of its groups is the value (0: the
	 * whole match), so that a label such as {@code password=} stays readable.
	 *
	 * @param hints text of which at least one must occur (in lower case) for the pattern
	 * to be able to match: most text has none, so most patterns never run (the masking
	 * regexes were the hottest leaf frames of an assessment's profile)
	 */
	private record Rule(String kind, Pattern pattern, int group, List<String> hints) {

		Rule(String kind, Pattern pattern, int group, String... hints) {
			this(kind, pattern, group, List.of(hints));
		}

		boolean mayMatch(String lowerCase) {
			if (this.hints.isEmpty()) {
				return true;
			}
			for (String hint : this.hints) {
				if (lowerCase.contains(hint)) {
					return true;
				}
			}
			return false;
		}

	}

	private static final List<Rule> SECRETS = List.of(
			new Rule("secret",
					Pattern
						.compile("-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\\s\\S]*?(?:-----END \\1PRIVATE KEY-----|\\z)"),
					0, "-----begin"),
			// Credentials in a URL: postgres://user:pass@host keeps its scheme and host.
			new Rule("secret", Pattern.compile("\\b[A-Za-z][A-Za-z0-9+.-]*://([^\\s:/@\\[\\]]+:[^\\s@/\\[\\]]+)@"), 1,
					"://"),
			new Rule("secret", Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"), 0,
					"eyj"),
			new Rule("secret", Pattern.compile("(?i)\\bbearer\\s+([A-Za-z0-9._~+/-]{16,}=*)"), 1, "bearer"),
			new Rule("secret", Pattern.compile("\\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}"), 0, "sk-"),
			new Rule("secret", Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"), 0, "akia", "asia"),
			new Rule("secret", Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})"), 0,
					"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
			new Rule("secret", Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}"), 0, "xox"),
			// password=..., pwd: ...: a value of one word followed by more words reads
			// as a sentence ("Password: reset flow broken"), not a secret, unless it has
			// a digit or symbol.
			new Rule("secret", Pattern.compile("(?i)\\b(?:password|passwd|pwd|passphrase|secret|client[_-]?secret"
					+ "|api[_-]?key|access[_-]?key|secret[_-]?key|auth[_-]?token|access[_-]?token)"
					+ "[\"']?\\s*[:=]\\s*[\"']?((?=[^\\s\"',;]*[^A-Za-z\\s\"',;])[^\\s\"',;]+|[A-Za-z]++(?![ \\t]+[a-z]))"),
					1, "pass", "pwd", "secret", "key", "token"));

	private static final List<Rule> PERSONAL = List.of(new Rule("email",
			Pattern.compile("(?<![\\w.+-])[\\w.+-]++@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"), 0, "@"),
			// International (+49 30 1234567) or North American ((555) 123-4567,
			// 555-123-4567) numbers; dates, versions and issue keys have other shapes.
			new Rule("phone", Pattern
				.compile("(?<![\\w+])(?:\\+[1-9]\\d{0,2}[ .-]?(?:\\(\\d{1,4}\\)[ .-]?)?\\d{2,4}(?:[ .-]?\\d{2,4}){1,4}"
						+ "|\\(\\d{3}\\)[ .-]?\\d{3}[ .-]\\d{4}|\\b\\d{3}[.-]\\d{3}[.-]\\d{4})(?![\\w-])"),
					0, "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));

	private final boolean personal;

	private final Map<String, Map<String, String>> placeholders = new LinkedHashMap<>();

	/**
	 * @param personal whether e-mail addresses and phone numbers are hidden too
	 */
	public SecretMasker(boolean personal) {
		this.personal = personal;
	}

	/**
	 * The text with what this masker hides replaced by placeholders.
	 * @param text the text; {@code null} stays {@code null}
	 */
	public String mask(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		String masked = apply(text, SECRETS);
		return this.personal ? apply(masked, PERSONAL) : masked;
	}

	/** How many distinct values were hidden so far. */
	public Masked counts() {
		return new Masked(count("secret"), count("email"), count("phone"));
	}

	private String apply(String text, List<Rule> rules) {
		String result = text;
		String lowerCase = text.toLowerCase(java.util.Locale.ROOT);
		for (Rule rule : rules) {
			if (!rule.mayMatch(lowerCase)) {
				continue;
			}
			Matcher matcher = rule.pattern().matcher(result);
			if (!matcher.find()) {
				continue;
			}
			StringBuilder out = new StringBuilder(result.length());
			int from = 0;
			do {
				out.append(result, from, matcher.start(rule.group()))
					.append(placeholder(rule.kind(), matcher.group(rule.group())));
				from = matcher.end(rule.group());
			}
			while (matcher.find());
			result = out.append(result, from, result.length()).toString();
			lowerCase = result.toLowerCase(java.util.Locale.ROOT);
		}
		return result;
	}

	private String placeholder(String kind, String value) {
		Map<String, String> ofKind = this.placeholders.computeIfAbsent(kind, k -> new LinkedHashMap<>());
		return ofKind.computeIfAbsent(value, v -> "[%s-%d]".formatted(kind, ofKind.size() + 1));
	}

	private int count(String kind) {
		return this.placeholders.getOrDefault(kind, Map.of()).size();
	}

}
