package dev.jiraai.ai;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prompt material fits its token budget, and says what it left out.
 */
class TokenBudgetTests {

	private final TokenBudget budget = new TokenBudget();

	@Test
	void countsTokens() {
		assertThat(this.budget.count("")).isZero();
		assertThat(this.budget.count("Hello world")).isBetween(2, 3);
	}

	@Test
	void keepsWhatFitsInOrderCutsTheFirstThatDoesNotAndDropsTheRest() {
		String longComment = "word ".repeat(2000);
		List<TokenBudget.Part> parts = List.of(new TokenBudget.Part("description", "A short description."),
				new TokenBudget.Part("comment by Bob", longComment), new TokenBudget.Part("comment by Carol", "Old."));

		TokenBudget.Fitted fitted = this.budget.fit(parts, 300);

		assertThat(fitted.tokens()).isLessThanOrEqualTo(300);
		assertThat(fitted.parts()).extracting(TokenBudget.Part::label).containsExactly("description", "comment by Bob");
		assertThat(fitted.parts().get(1).text()).contains("tokens of comment by Bob cut").startsWith("word word");
		assertThat(fitted.notes()).anySatisfy(note -> assertThat(note).contains("comment by Bob was cut"))
			.anySatisfy(note -> assertThat(note).contains("1 more part(s) were left out"));
	}

	@Test
	void leavesTextWithinTheBudgetAlone() {
		assertThat(this.budget.cutMiddle("Short text", 100, "x")).isEqualTo("Short text");
	}

}
