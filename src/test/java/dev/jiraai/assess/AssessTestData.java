package dev.jiraai.assess;

/**
 * Model answers the assessor tests script {@code FakeOpenAi} with.
 */
public final class AssessTestData {

	public static final String VALID = """
			{"scores":{"clarity":7,"completeness":5,"acceptanceCriteria":3,"estimability":6,"dependencies":4,"risk":5,
			"overall":5},
			"reasons":{"clarity":"The user value is stated.","completeness":"No flows for errors.",
			"acceptanceCriteria":"None written.","estimability":"PSP choice open.","dependencies":"Blocked by SCRUM-2.",
			"risk":"PCI scope unclear.","overall":"Workable, but needs acceptance criteria."},
			"gaps":["No acceptance criteria","PSP not chosen"],
			"recommendations":["Add Given/When/Then criteria for saving and using a card"],
			"questions":["Which PSP tokenises the card?"],
			"improvedDescription":"## User story\\nAs a returning customer I want to save my card so that I can pay with one click.\\n\\n## Acceptance criteria\\n- Given a saved card, when I pay, then no card entry is needed."}""";

	private AssessTestData() {
	}

}
