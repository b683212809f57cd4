package dev.jiraai.chat.tools;

import java.util.function.Function;

import dev.jiraai.ai.AiException;
import dev.jiraai.ai.ToolContexts;
import dev.jiraai.ai.UntrustedText;
import dev.jiraai.chat.ChatTurn;
import dev.jiraai.confirm.InvalidProposalPayload;
import dev.jiraai.jira.InvalidKey;
import dev.jiraai.jira.JiraException;
import dev.jiraai.jira.NotVisible;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.ai.chat.model.ToolContext;

/**
 * One turn as its tools see it: each call acts as the user its tool context carries,
 * which must be the user the turn is for (a context of another user or site is refused
 * before anything is read); it tells the user what it is doing first; and a failure the
 * model can act on (a malformed key, an issue the user cannot see, Jira refusing a query,
 * a spent AI budget) comes back as plain words rather than an error.
 */
final class ToolTurn {

	private final SiteUser user;

	private final ChatTurn turn;

	ToolTurn(SiteUser user, ChatTurn turn) {
		this.user = user;
		this.turn = turn;
	}

	ChatTurn turn() {
		return this.turn;
	}

	/**
	 * Runs one tool call as the context's user, telling the user {@code activity} first.
	 * @throws IllegalStateException when the context carries no user, or one the turn is
	 * not for
	 */
	String act(ToolContext context, AssistantTool tool, String activity, Function<SiteUser, String> work) {
		SiteUser acting = ToolContexts.user(context);
		if (!acting.site().clientKey().equals(this.user.site().clientKey())
				|| !java.util.Objects.equals(acting.accountId(), this.user.accountId())) {
			throw new IllegalStateException(
					"Tool %s was called for another user than the turn's".formatted(tool.toolName()));
		}
		this.turn.activity(tool.toolName(), activity);
		try {
			return work.apply(acting);
		}
		catch (InvalidKey ex) {
			return "%s. Use the key exactly as Jira shows it.".formatted(ex.getMessage());
		}
		catch (NotVisible ex) {
			return ex.getMessage() + ". Tell the user; do not guess its content.";
		}
		catch (JiraException.NotFound | JiraException.Forbidden ex) {
			return "Jira says you may not see or do this (%s). Tell the user.".formatted(ex.operation());
		}
		catch (JiraException.Rejected ex) {
			return "Jira refused to %s. Its message:\n%s".formatted(ex.operation(), jiraSays(ex));
		}
		catch (JiraException ex) {
			return ex.getMessage() + ". Tell the user; do not call this tool again in this turn.";
		}
		catch (AiException ex) {
			return ex.getMessage() + ". Tell the user.";
		}
		catch (InvalidProposalPayload ex) {
			return "Nothing was proposed: " + ex.getMessage();
		}
	}

	/** Jira's own words, which may quote what the query or the issue said. */
	static String jiraSays(JiraException ex) {
		StringBuilder text = new StringBuilder(String.join("\n", ex.jiraMessages()));
		ex.fieldErrors().forEach((field, error) -> text.append('\n').append(field).append(": ").append(error));
		return UntrustedText.fence("jira", text.toString().strip());
	}

	/**
	 * A key the model gave, as a key.
	 * @throws InvalidKey when it is not shaped like one (answered in words by
	 * {@link #act})
	 */
	static dev.jiraai.jira.IssueKey issueKey(String value) {
		return dev.jiraai.jira.IssueKey.of(value == null ? "" : value.strip());
	}

	/**
	 * What a read of an issue gives, with Jira's 404 (and 403) as the issue not being
	 * visible to the user: Jira does not tell missing and hidden apart, nor does the app.
	 */
	static <T> T visible(dev.jiraai.jira.IssueKey issueKey, java.util.function.Supplier<T> read) {
		try {
			return read.get();
		}
		catch (JiraException.NotFound | JiraException.Forbidden ex) {
			throw NotVisible.issue(issueKey, ex);
		}
	}

	/** What the model passed, fit to show the user in an activity line. */
	static String shown(String value) {
		String text = line(value);
		return (text.length() > 40) ? text.substring(0, 40) + "…" : text;
	}

	/** A single-line value (a summary, a name) that cannot break a listing. */
	static String line(String text) {
		return (text == null) ? "" : UntrustedText.strip(text).replaceAll("\\s+", " ").strip();
	}

	/** The answer of a proposing tool: the proposal is stored, nothing is written yet. */
	static String awaitingConfirmation(String what, java.util.UUID proposalId) {
		return ("Proposed %s (proposal %s). It awaits the user's confirmation on the proposal card: nothing is "
				+ "written to Jira until they confirm. Do not say it was done; say it is ready to confirm.")
			.formatted(what, proposalId);
	}

}
