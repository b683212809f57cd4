package dev.jiraai.bench;

import java.util.List;

/**
 * The issue every assessment of the benchmark reads: a story with a description of about
 * 150 words, three comments, a parent and two links, served under any key
 * {@code BENCH-<n>} so that each virtual user assesses its own issue.
 */
final class BenchIssue {

	static final String PROJECT = "BENCH";

	static final String SUMMARY = "Let returning customers pay with a saved card";

	static final String PARENT_KEY = "BENCH-900";

	static final String PARENT_SUMMARY = "One-click checkout";

	static final String DESCRIPTION = """
			As a returning customer I want to save my card at checkout so that my next purchase takes one click \
			instead of typing sixteen digits on a phone keyboard. Today about a third of mobile checkouts are \
			abandoned on the payment step, and support hears weekly from customers who mistype their card \
			number and give up. The card itself must never touch our servers: the payment provider tokenises \
			it and we keep only the token, the last four digits, the brand and the expiry month. A customer can \
			keep up to three cards, pick a default, and delete any card from the account page at any time. When \
			a saved card expires we ask for a new one at the next checkout rather than failing the payment. \
			Fraud checks stay as they are, but a saved card still needs the security code for orders above the \
			high-value threshold that finance sets. The change ships behind a feature flag for ten percent of \
			accounts first, and we watch the conversion rate and the refund rate for two weeks before rolling \
			it out to everyone.""";

	record Comment(String id, String author, String body) {
	}

	static final List<Comment> COMMENTS = List.of(new Comment("10001", "Priya Shah",
			"Which payment provider do we use for tokenisation? The current contract only covers one-off charges."),
			new Comment("10002", "Tom Berger",
					"Legal says storing the expiry month is fine, but we need the consent text reviewed before launch."),
			new Comment("10003", "Ana Costa",
					"Design for the account page is in the checkout Figma file; the delete flow still needs an undo."));

	record Link(String verb, String key, String summary) {
	}

	static final List<Link> LINKS = List.of(new Link("is blocked by", "BENCH-901", "Sign the tokenisation contract"),
			new Link("relates to", "BENCH-902", "Show saved cards on the account page"));

	private BenchIssue() {
	}

	/**
	 * The issue's own content rendered plainly, as a reader would type it out: the
	 * baseline's variable part, with no markup, labels or wrapping of the app's prompt.
	 */
	static String plainContent(String key) {
		StringBuilder text = new StringBuilder();
		text.append(key).append(' ').append(SUMMARY).append('\n');
		text.append(DESCRIPTION).append('\n');
		text.append("Parent: ").append(PARENT_KEY).append(' ').append(PARENT_SUMMARY).append('\n');
		LINKS.forEach(link -> text.append(link.verb())
			.append(' ')
			.append(link.key())
			.append(' ')
			.append(link.summary())
			.append('\n'));
		COMMENTS.forEach(comment -> text.append(comment.author()).append(": ").append(comment.body()).append('\n'));
		return text.toString();
	}

	/** The issue as Jira REST v3 answers {@code GET /rest/api/3/issue/{key}}. */
	static String json(String key) {
		String id = String.valueOf(20000 + Math.abs(key.hashCode() % 10000));
		StringBuilder comments = new StringBuilder();
		for (Comment comment : COMMENTS) {
			if (!comments.isEmpty()) {
				comments.append(',');
			}
			comments.append("""
					{"id":"%s","author":{"accountId":"acc-%s","displayName":"%s","active":true},\
					"body":%s,"created":"2026-11-20T10:%s:00.000+0000","updated":"2026-11-20T10:00:00.000+0000"}"""
				.formatted(comment.id(), comment.id(), comment.author(), adf(comment.body()),
						comment.id().substring(3)));
		}
		StringBuilder links = new StringBuilder();
		for (int i = 0; i < LINKS.size(); i++) {
			Link link = LINKS.get(i);
			if (i > 0) {
				links.append(',');
			}
			boolean blocks = link.verb().equals("is blocked by");
			links.append("""
					{"id":"3000%d","type":{"id":"1000%d","name":"%s","inward":"%s","outward":"%s"},\
					"%s":{"id":"2990%d","key":"%s","fields":{"summary":"%s","status":{"id":"1","name":"To Do"},\
					"issuetype":{"id":"10001","name":"Story"}}}}""".formatted(i, i, blocks ? "Blocks" : "Relates",
					blocks ? "is blocked by" : "relates to", blocks ? "blocks" : "relates to",
					blocks ? "inwardIssue" : "outwardIssue", i, link.key(), link.summary()));
		}
		return """
				{"id":"%s","key":"%s","self":"https://bench.atlassian.net/rest/api/3/issue/%s","fields":{\
				"summary":"%s","description":%s,\
				"issuetype":{"id":"10001","name":"Story","subtask":false,"hierarchyLevel":0},\
				"status":{"id":"1","name":"To Do","statusCategory":{"key":"new"}},\
				"priority":{"id":"3","name":"Medium"},"labels":["checkout","payments"],"components":[],\
				"assignee":{"accountId":"acc-alice","displayName":"Alice Moreau","active":true},\
				"reporter":{"accountId":"acc-bob","displayName":"Bob Lang","active":true},\
				"created":"2026-11-18T09:00:00.000+0000","updated":"2026-11-20T11:00:00.000+0000",\
				"parent":{"id":"29900","key":"%s","fields":{"summary":"%s","status":{"id":"3","name":"In Progress"},\
				"issuetype":{"id":"10000","name":"Epic"}}},"subtasks":[],"issuelinks":[%s],\
				"comment":{"comments":[%s],"total":3,"maxResults":50,"startAt":0},\
				"project":{"id":"10000","key":"%s","name":"Bench"}}}""".formatted(id, key, id, SUMMARY,
				adf(DESCRIPTION), PARENT_KEY, PARENT_SUMMARY, links, comments, PROJECT);
	}

	/** One ADF paragraph (the texts here need no JSON escaping). */
	private static String adf(String text) {
		return """
				{"type":"doc","version":1,"content":[{"type":"paragraph","content":[{"type":"text","text":"%s"}]}]}"""
			.formatted(text);
	}

	/** A valid assessor answer, as the model sends it. */
	static final String ANSWER = """
			{"scores":{"clarity":7,"completeness":5,"acceptanceCriteria":3,"estimability":6,"dependencies":4,\
			"risk":5,"overall":5},"reasons":{"clarity":"The user value and the limits are stated.",\
			"completeness":"No error flows for a declined saved card.","acceptanceCriteria":"None are written.",\
			"estimability":"The provider choice is still open.","dependencies":"Blocked by BENCH-901.",\
			"risk":"Consent text and PCI scope need review.","overall":"Workable once criteria are added."},\
			"gaps":["No acceptance criteria","Provider not chosen"],\
			"recommendations":["Add Given/When/Then criteria for saving, using and deleting a card"],\
			"questions":["Which provider tokenises the card?"],\
			"improvedDescription":"## User story\\nAs a returning customer I want to save my card so that I pay \
			with one click.\\n\\n## Acceptance criteria\\n- Given a saved card, when I pay, then no card entry is \
			needed."}""";

}
