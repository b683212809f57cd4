package dev.jiraai.draft;

/**
 * Model answers the draft tests script {@code FakeOpenAi} with.
 */
final class DraftTestData {

	static final String BUG = """
			{"summary":"Checkout: Pay now button does nothing on Safari 17","issueType":"Bug","priority":"High",
			"labels":["safari","regression"],"components":["Checkout","Warehouse"],"assigneeHint":"Bob",
			"descriptionMarkdown":"## Steps to reproduce\\n1. Open checkout in Safari 17\\n2. Click **Pay now**\\n\\n## Expected behaviour\\nThe payment starts.\\n\\n## Actual behaviour\\nNothing happens.\\n\\n## Environment\\n**Open question:** which macOS version?\\n\\n## Impact\\nAbout 8% of checkouts.",
			"acceptanceCriteria":["Given Safari 17, when I click Pay now, then the payment starts"],
			"missingInformation":["macOS version"]}""";

	static final String STORY_INVENTED_ASSIGNEE = """
			{"summary":"Export order history as CSV","issueType":"Feature","priority":"Urgent","labels":["export"],
			"components":[],"assigneeHint":"Zed Nobody",
			"descriptionMarkdown":"## User story\\nAs a merchant I want to export my orders so that I can reconcile them.",
			"acceptanceCriteria":["Given orders, when I export, then I get a CSV"],"missingInformation":[]}""";

	static final String BREAKDOWN = """
			{"epic":{"summary":"Saved cards","descriptionMarkdown":"## Goal\\nOne-click payments.\\n\\n## Scope\\nCards only.\\n\\n## Outcomes\\nFaster checkout.",
			"acceptanceCriteria":["Returning customers pay without typing a card"]},
			"items":[
			{"ref":"S1","summary":"Tokenise cards with the PSP","issueType":"Task","descriptionMarkdown":"## Goal\\nStore PSP tokens.\\n\\n## Definition of done\\n- Tokens stored",
			"acceptanceCriteria":["No PAN is stored"],"dependsOn":[],"complexity":"M"},
			{"ref":"S2","summary":"Pay with a saved card","issueType":"Story","descriptionMarkdown":"## User story\\nAs a returning customer I want to pay with a saved card so that checkout is faster.",
			"acceptanceCriteria":["Given a saved card, when I pay, then no card entry is needed"],"dependsOn":["S1","S9"],"complexity":"L"}],
			"openQuestions":["Which PSP?"]}""";

	static final String ANALYSIS_MARKDOWN = "## Summary\nOne-click payments for returning customers.\n\n## Functional requirements\n| ID | Requirement | Priority |\n| --- | --- | --- |\n| FR-1 | Save a card | must |\n";

	private DraftTestData() {
	}

}
