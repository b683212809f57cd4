package dev.jiraai.ai;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;

import org.springframework.stereotype.Component;

/**
 * Keeps prompt material within a token budget (counted with jtokkit's {@code o200k_base},
 * the encoding of current OpenAI models; other models' tokenizers differ a little, so
 * budgets keep a margin).
 * <p>
 * Parts are kept in the order given, which is the order of usefulness: the first part
 * that does not fit is cut in the middle (its beginning and end usually carry the most)
 * and every later, less useful part is dropped; each cut says what was left out so
 * neither the model nor a reviewer mistakes it for the whole.
 */
@Component
public class TokenBudget {

	/**
	 * Loading the encoding takes about a second; it loads on a thread of its own from
	 * start-up on, so the app does not wait for it to start, and the first count waits
	 * for it only if it comes that soon. (The default registry would load all five
	 * encodings jtokkit knows.)
	 */
	private final CompletableFuture<Encoding> encoding = CompletableFuture.supplyAsync(
			() -> Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE),
			command -> Thread.ofVirtual().name("token-encoding-load").start(command));

	/** How many tokens a text has. */
	public int count(String text) {
		return (text == null || text.isEmpty()) ? 0 : this.encoding.join().countTokens(text);
	}

	/**
	 * A part of a prompt.
	 *
	 * @param label what it is, used in the note when it is cut (e.g.
	 * {@code comment by Alice})
	 * @param text its text
	 */
	public record Part(String label, String text) {
	}

	/**
	 * The result of fitting parts into a budget.
	 *
	 * @param parts the kept parts, cut where needed
	 * @param tokens the tokens they use, at most: when the parts fit by size alone this
	 * is their UTF-8 length, which bounds their token count
	 * @param notes what was cut or dropped, for the prompt and for logs
	 */
	public record Fitted(List<Part> parts, int tokens, List<String> notes) {
	}

	/** Fits parts, most useful first, into {@code budget} tokens. */
	public Fitted fit(List<Part> parts, int budget) {
		// A token is at least one UTF-8 byte, so parts whose bytes fit need no counting
		// (the common case, and counting was measured at 4.5 % of an assessment's CPU).
		int bytes = 0;
		for (Part part : parts) {
			bytes += utf8Length(part.text());
		}
		if (bytes <= budget) {
			return new Fitted(List.copyOf(parts), bytes, List.of());
		}
		List<Part> kept = new ArrayList<>();
		List<String> notes = new ArrayList<>();
		int used = 0;
		int dropped = 0;
		boolean full = false;
		for (Part part : parts) {
			int size = count(part.text());
			int room = budget - used;
			if (full) {
				dropped++;
			}
			else if (size <= room) {
				kept.add(part);
				used += size;
			}
			else if (room >= 40) {
				String cut = cutMiddle(part.text(), room - 20, part.label());
				kept.add(new Part(part.label(), cut));
				used += count(cut);
				notes.add("%s was cut from %d to about %d tokens".formatted(part.label(), size, room));
				full = true;
			}
			else {
				dropped++;
				full = true;
			}
		}
		if (dropped > 0) {
			notes.add("%d more part(s) were left out to stay within %d tokens".formatted(dropped, budget));
		}
		return new Fitted(List.copyOf(kept), used, List.copyOf(notes));
	}

	private static int utf8Length(String text) {
		if (text == null) {
			return 0;
		}
		int bytes = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				bytes++;
			}
			else if (c < 0x800) {
				bytes += 2;
			}
			else if (Character.isHighSurrogate(c)) {
				bytes += 4;
				i++;
			}
			else {
				bytes += 3;
			}
		}
		return bytes;
	}

	/**
	 * The text within {@code maxTokens}, keeping its beginning and end, with a note of
	 * what was cut.
	 */
	public String cutMiddle(String text, int maxTokens, String label) {
		IntArrayList tokens = this.encoding.join().encode(text);
		if (tokens.size() <= maxTokens) {
			return text;
		}
		int head = (int) (maxTokens * 0.7);
		int tail = Math.max(0, maxTokens - head);
		IntArrayList first = new IntArrayList(head);
		for (int i = 0; i < head; i++) {
			first.add(tokens.get(i));
		}
		IntArrayList last = new IntArrayList(tail);
		for (int i = tokens.size() - tail; i < tokens.size(); i++) {
			last.add(tokens.get(i));
		}
		return this.encoding.join().decode(first)
				+ "\n[... %d tokens of %s cut ...]\n".formatted(tokens.size() - head - tail, label)
				+ this.encoding.join().decode(last);
	}

}
