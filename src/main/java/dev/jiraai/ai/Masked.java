package dev.jiraai.ai;

/**
 * How many distinct items were hidden from the model, each replaced by a placeholder such
 * as {@code [secret-1]}.
 *
 * @param secrets API keys, tokens, passwords, private keys and credentials in URLs
 * @param emails e-mail addresses
 * @param phones phone numbers
 */
public record Masked(int secrets, int emails, int phones) {

	/** Nothing was hidden. */
	public static final Masked NONE = new Masked(0, 0, 0);

}
