package dev.jiraai.assess;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.jiraai.ai.LlmGateway;
import dev.jiraai.ai.PreparedCall;
import dev.jiraai.ai.PromptTemplate;
import dev.jiraai.ai.ResolvedPrompt;
import dev.jiraai.ai.SourceUrls;
import dev.jiraai.ai.StructuredOutputs;
import dev.jiraai.jira.IssueKey;
import dev.jiraai.jira.JiraException;
import dev.jiraai.jira.JiraIdentity;
import dev.jiraai.jira.JiraIssues;
import dev.jiraai.jira.NotVisible;
import dev.jiraai.jira.payload.IssueVersion;
import dev.jiraai.jira.payload.JiraIssue;
import dev.jiraai.ai.Checkpoints;
import dev.jiraai.problem.DescribedProblem;
import dev.jiraai.problem.ProblemType;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Assesses issues for users.
 * <p>
 * The issue is read as the user, so a user who may not see it gets Jira's 404 (or 403)
 * and nothing reaches the model. A stored assessment of the same issue version
 * ({@code updated}), prompt (content hash) and model is returned at once without a model
 * call unless a re-assessment is forced. The issue text is data for the model, never
 * instructions: an issue asking the model to act yields an assessment and no write, since
 * every write needs a proposal the user confirms. The overall score and its date are
 * stored as an issue entity property, indexed for JQL ({@code aiScore < 6}), after the
 * answer ({@link ScoreProperties}).
 */
@Service
public class AssessmentService {

	static final String PROMPT = "ticket_assessor";

	private final JiraIssues issues;

	private final IssueBrief brief;

	private final StructuredOutputs outputs;

	private final LlmGateway gateway;

	private final AssessmentRepository repository;

	private final ScoreProperties scores;

	private final Clock clock;

	AssessmentService(JiraIssues issues, IssueBrief brief, StructuredOutputs outputs, LlmGateway gateway,
			AssessmentRepository repository, ScoreProperties scores, Optional<Clock> clock) {
		this.scores = scores;
		this.issues = issues;
		this.brief = brief;
		this.outputs = outputs;
		this.gateway = gateway;
		this.repository = repository;
		this.clock = clock.orElseGet(Clock::systemUTC);
	}

	/** Hears how an assessment progresses, for streaming it to the panel. */
	public interface Listener {

		Listener NONE = new Listener() {
		};

		default void progress(String stage, String message) {
		}

		default void text(String piece) {
		}

	}

	/**
	 * Assesses an issue, or returns the stored assessment of the same issue version,
	 * prompt and model.
	 * @param force assess again even when a stored assessment applies
	 * @param stream whether to stream the model's text to the listener as it is written
	 */
	public Assessment assess(SiteUser user, IssueKey issueKey, boolean force, boolean stream, Listener listener) {
		return assess(user, issueKey, force, stream, listener, Checkpoints.NONE);
	}

	/**
	 * The same, with the model's answer and the stored assessment as steps of a task: a
	 * task run again after a crash neither asks the model again for an answer it already
	 * had nor stores the assessment twice.
	 */
	public Assessment assess(SiteUser user, IssueKey issueKey, boolean force, boolean stream, Listener listener,
			Checkpoints checkpoints) {
		listener.progress("reading-issue", "Reading %s and its context…".formatted(issueKey));
		// Prompts and model are looked up here, once: the cache key is made of them, and
		// the model call is rendered from the same.
		ResolvedPrompt resolved = this.gateway.resolve(user.site(), "assess", PROMPT + ".system", PROMPT);
		PromptTemplate prompt = resolved.user();
		String model = resolved.model();
		if (!force) {
			Optional<Assessment> unchanged = unchanged(user, issueKey, prompt, model);
			if (unchanged.isPresent()) {
				return unchanged.get();
			}
		}
		JiraIssue issue = readAsUser(user, issueKey);
		AssessmentRepository.Key key = new AssessmentRepository.Key(user.site().clientKey(), issue.id(),
				issue.updated(), prompt.contentHash(), model);
		if (!force) {
			Optional<Assessment> stored = this.repository.latest(key);
			if (stored.isPresent()) {
				return stored.get().asCached();
			}
		}
		listener.progress("asking-model", "Assessing %s with %s…".formatted(issue.key(), model));
		PreparedCall call = this.gateway.prepare(resolved, user.accountId(),
				Map.of("issue", this.brief.write(issue), "issue_type",
						issue.issueType() == null ? "Task" : issue.issueType().name(), "today",
						LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC).toString()));
		StructuredOutputs.Structured<AssessorOutput> answer = stream
				? this.outputs.stream(call, AssessorOutput.class, listener::text, checkpoints)
				: this.outputs.call(call, AssessorOutput.class, checkpoints);
		listener.progress("validating", "Checking the answer…");
		Assessment assessment = checkpoints.step("assessment", Assessment.class, () -> assessment(issue, answer));
		checkpoints.stepInTransaction("stored", Boolean.class, () -> {
			this.repository.save(key, prompt.id(), user.accountId(), assessment);
			this.scores.writeSoon(user.site(), assessment);
			return true;
		});
		return assessment;
	}

	/**
	 * The newest stored assessment of the issue when the issue, prompt and model are
	 * still the ones it was made from. Asks Jira only for the issue's id and
	 * {@code updated}, as the user (so it also confirms the user may still see it),
	 * instead of the issue with its comments and links.
	 */
	private Optional<Assessment> unchanged(SiteUser user, IssueKey issueKey, PromptTemplate prompt, String model) {
		Optional<AssessmentRepository.Stored> newest = this.repository.newest(user.site().clientKey(),
				issueKey.value());
		if (newest.isEmpty()) {
			return Optional.empty();
		}
		IssueVersion version;
		try {
			version = this.issues.version(JiraIdentity.of(user), issueKey);
		}
		catch (JiraException.NotFound | JiraException.Forbidden ex) {
			throw NotVisible.issue(issueKey, ex);
		}
		AssessmentRepository.Key stored = newest.get().key();
		boolean same = stored.issueId().equals(version.id()) && version.updated() != null
				&& stored.issueUpdated().toInstant().equals(version.updated().toInstant())
				&& stored.promptHash().equals(prompt.contentHash()) && stored.model().equals(model);
		return same ? Optional.of(newest.get().assessment().asCached()) : Optional.empty();
	}

	/** The assessments of an issue the user can see, newest first. */
	public List<Assessment> history(SiteUser user, IssueKey issueKey) {
		JiraIssue issue = readAsUser(user, issueKey);
		return this.repository.history(user.site().clientKey(), issue.id(), 20);
	}

	/**
	 * One assessment, if the user can still see its issue.
	 * @throws AssessmentNotFound when there is none on the user's site
	 */
	public Assessment get(SiteUser user, UUID id) {
		Assessment assessment = this.repository.find(user.site().clientKey(), id)
			.orElseThrow(() -> new AssessmentNotFound(id));
		// Assessments stored before their text was made safe get the same treatment
		// before they are proposed.
		return assessment.withoutForeignLinks(sources(readAsUser(user, IssueKey.of(assessment.issueKey()))));
	}

	/**
	 * The issue as the user sees it. Jira answers 404 both for a missing issue and one
	 * the user may not see; either way the user has no access to it here (403), and
	 * nothing about it goes to the model.
	 */
	private JiraIssue readAsUser(SiteUser user, IssueKey issueKey) {
		try {
			return this.issues.get(JiraIdentity.of(user), issueKey);
		}
		catch (JiraException.NotFound | JiraException.Forbidden ex) {
			throw NotVisible.issue(issueKey, ex);
		}
	}

	/**
	 * The assessment from the model's answer. Its text is data: a link whose target the
	 * issue did not contain, and every image, becomes plain text here, before it is
	 * stored, so the panel, the proposal preview and the Jira write all show the same.
	 */
	private Assessment assessment(JiraIssue issue, StructuredOutputs.Structured<AssessorOutput> answer) {
		AssessorOutput out = answer.value();
		AssessorOutput.Scores s = out.scores();
		AssessorOutput.Reasons r = out.reasons();
		return new Assessment(UUID.randomUUID(), issue.key(),
				new Assessment.Scores(s.clarity(), s.completeness(), s.acceptanceCriteria(), s.estimability(),
						s.dependencies(), s.risk(), s.overall()),
				new Assessment.Reasons(r.clarity(), r.completeness(), r.acceptanceCriteria(), r.estimability(),
						r.dependencies(), r.risk(), r.overall()),
				List.copyOf(out.gaps()), List.copyOf(out.recommendations()), List.copyOf(out.questions()),
				out.improvedDescription(), answer.answer().promptVersion(), answer.answer().model(), false,
				this.clock.instant(), answer.answer().masked())
			.withoutForeignLinks(sources(issue));
	}

	/** The URLs the issue's own text contained: its summary, description and comments. */
	private static SourceUrls sources(JiraIssue issue) {
		List<String> texts = new java.util.ArrayList<>();
		texts.add(issue.summary());
		texts.add(issue.descriptionMarkdown());
		issue.comments().forEach(comment -> texts.add(comment.bodyMarkdown()));
		return SourceUrls.in(texts);
	}

	/** An assessment that does not exist on the user's site. */
	public static class AssessmentNotFound extends RuntimeException implements DescribedProblem {

		private static final ProblemType PROBLEM = new ProblemType(HttpStatus.NOT_FOUND, "assessment-not-found",
				"No such assessment", "Assess the issue again to get a new one.");

		AssessmentNotFound(UUID id) {
			super("No assessment '%s' for you on this site".formatted(id));
		}

		@Override
		public ProblemType problemType() {
			return PROBLEM;
		}

	}

}
