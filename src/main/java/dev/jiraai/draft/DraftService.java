package dev.jiraai.draft;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jiraai.ai.AiCall;
import dev.jiraai.ai.LlmGateway;
import dev.jiraai.ai.ModelMarkdown;
import dev.jiraai.ai.SourceUrls;
import dev.jiraai.ai.StructuredOutputs;
import dev.jiraai.confirm.Proposal;
import dev.jiraai.confirm.Proposals;
import dev.jiraai.jira.JiraIdentity;
import dev.jiraai.jira.JiraMetadata;
import dev.jiraai.jira.JiraSearch;
import dev.jiraai.jira.JiraUsers;
import dev.jiraai.jira.NotVisible;
import dev.jiraai.jira.ProjectKey;
import dev.jiraai.jira.payload.IssueSummary;
import dev.jiraai.jira.payload.IssueType;
import dev.jiraai.jira.payload.JiraUser;
import dev.jiraai.jira.payload.Priority;
import dev.jiraai.jira.payload.Project;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.stereotype.Service;

/**
 * Drafts issues from free text for a user: a ticket, an epic with its stories, or a
 * requirement analysis.
 * <p>
 * Everything the model may choose comes from the project's create metadata as the user
 * sees it (issue types, priorities, components), and what it chose is checked against it:
 * an issue type or component that does not exist is not kept, an assignee is only ever a
 * real user found through Jira's user search, never an invented one. The drafts are
 * stored as a proposal; nothing is created until the user confirms it. Similar existing
 * issues are listed so duplicates can be spotted.
 * <p>
 * Public for the AI Assistant, which analyses requirements and proposes new issues
 * through {@link #analyseRequirement} and {@link #proposeCreatable}; the rest serves the
 * draft dialog.
 */
@Service
public class DraftService {

	static final String CREATE = "draft.create";

	private static final ObjectMapper json = new ObjectMapper();

	private static final Set<String> STOP_WORDS = Set.of("about", "after", "also", "because", "been", "before", "being",
			"could", "does", "from", "have", "into", "just", "like", "more", "need", "needs", "should", "some", "than",
			"that", "their", "them", "then", "there", "these", "they", "this", "when", "where", "which", "while",
			"will", "with", "would", "your", "able", "want", "make");

	private final JiraMetadata metadata;

	private final JiraUsers users;

	private final JiraSearch search;

	private final StructuredOutputs outputs;

	private final LlmGateway gateway;

	private final Proposals proposals;

	private final DraftChecks checks;

	DraftService(JiraMetadata metadata, JiraUsers users, JiraSearch search, StructuredOutputs outputs,
			LlmGateway gateway, Proposals proposals, DraftChecks checks) {
		this.metadata = metadata;
		this.users = users;
		this.search = search;
		this.outputs = outputs;
		this.gateway = gateway;
		this.proposals = proposals;
		this.checks = checks;
	}

	/**
	 * What the user may pick from in a project.
	 *
	 * @param issueTypes the issue types the user can create there
	 * @param priorities the priorities its create screen allows
	 * @param components its components
	 */
	record CreateOptions(List<String> issueTypes, List<String> priorities, List<String> components) {
	}

	List<Project> projects(SiteUser user) {
		return this.metadata.projects(JiraIdentity.of(user));
	}

	CreateOptions options(SiteUser user, ProjectKey projectKey) {
		JiraIdentity who = JiraIdentity.of(user);
		project(user, projectKey);
		List<IssueType> types = this.metadata.createIssueTypes(who, projectKey);
		List<String> components = types.stream()
			.filter(type -> !type.subtask())
			.findFirst()
			.map(type -> this.metadata.createFields(who, projectKey, type.id()))
			.flatMap(fields -> fields.stream().filter(field -> "components".equals(field.fieldId())).findFirst())
			.map(field -> field.allowedValues().stream().map(value -> value.name()).toList())
			.orElse(List.of());
		return new CreateOptions(types.stream().map(IssueType::name).toList(),
				this.metadata.priorities(who, projectKey).stream().map(Priority::name).toList(), components);
	}

	DraftResponse draft(SiteUser user, DraftRequest request) {
		Project project = project(user, request.projectKey());
		String projectText = project.key() + " " + project.name();
		return switch (request.mode()) {
			case "analysis" -> analyse(user, request, projectText);
			case "breakdown" -> breakdown(user, request, projectText);
			default -> ticket(user, request, projectText);
		};
	}

	private DraftResponse ticket(SiteUser user, DraftRequest request, String projectText) {
		CreateOptions options = options(user, request.projectKey());
		AiCall call = new AiCall(user.site(), user.accountId(), "draft", "ticket_creator.system", "ticket_creator",
				Map.of("request", request.text(), "project", projectText, "issue_types",
						String.join(", ", options.issueTypes()), "priorities", String.join(", ", options.priorities()),
						"components", String.join(", ", options.components()), "parent",
						request.parentKey() == null ? "" : request.parentKey().value()));
		ModelOutputs.Ticket ticket = this.outputs.call(call, ModelOutputs.Ticket.class)
			.value()
			.withoutForeignLinks(sources(request));
		Draft draft = new Draft("T1", ticket.summary(), pick(ticket.issueType(), options.issueTypes(), "Task"),
				pickOrNull(ticket.priority(), options.priorities()), labels(ticket.labels()),
				ticket.components().stream().filter(options.components()::contains).toList(),
				person(user, request.projectKey(), ticket.assigneeHint()), ticket.assigneeHint(),
				ticket.descriptionMarkdown(), ticket.acceptanceCriteria(), null, request.parentKey(), List.of(), null,
				ticket.missingInformation(), Map.of());
		return proposed(user, request.projectKey(), List.of(draft),
				similar(user, request.projectKey(), ticket.summary()));
	}

	private DraftResponse breakdown(SiteUser user, DraftRequest request, String projectText) {
		CreateOptions options = options(user, request.projectKey());
		List<String> itemTypes = options.issueTypes().stream().filter(type -> !type.equalsIgnoreCase("Epic")).toList();
		AiCall call = new AiCall(user.site(), user.accountId(), "draft", "ticket_creator.system", "ticket_breakdown",
				Map.of("requirement", request.text(), "project", projectText, "issue_types",
						String.join(", ", itemTypes)));
		ModelOutputs.Breakdown plan = this.outputs.call(call, ModelOutputs.Breakdown.class)
			.value()
			.withoutForeignLinks(sources(request));
		List<Draft> drafts = new ArrayList<>();
		drafts.add(new Draft("epic", plan.epic().summary(), pick("Epic", options.issueTypes(), itemTypes.get(0)), null,
				List.of(), List.of(), null, null, plan.epic().descriptionMarkdown(), plan.epic().acceptanceCriteria(),
				null, request.parentKey(), List.of(), null, plan.openQuestions(), Map.of()));
		Set<String> refs = new java.util.HashSet<>(plan.items().stream().map(ModelOutputs.Item::ref).toList());
		for (ModelOutputs.Item item : plan.items()) {
			drafts.add(new Draft(item.ref(), item.summary(), pick(item.issueType(), itemTypes, "Story"), null,
					List.of(), List.of(), null, null, item.descriptionMarkdown(), item.acceptanceCriteria(), "epic",
					null,
					item.dependsOn().stream().filter(refs::contains).filter(ref -> !ref.equals(item.ref())).toList(),
					item.complexity(), List.of(), Map.of()));
		}
		return proposed(user, request.projectKey(), drafts, similar(user, request.projectKey(), plan.epic().summary()));
	}

	private DraftResponse analyse(SiteUser user, DraftRequest request, String projectText) {
		return new DraftResponse(null, List.of(), analysis(user, request.text(), projectText, request.format()),
				List.of(), List.of());
	}

	/**
	 * Analyses a requirement for a user, as the assistant asks for it: in a project the
	 * user can see, or in none.
	 * @param projectKey the project it is for, or {@code null}
	 * @param format {@code markdown} or {@code json}
	 * @throws NotVisible when the user cannot see the project
	 * @throws dev.jiraai.ai.AiException when the model cannot answer (no model, budget
	 * spent...)
	 */
	public RequirementAnalysis analyseRequirement(SiteUser user, String text, ProjectKey projectKey, String format) {
		String projectText = "";
		if (projectKey != null) {
			Project project = project(user, projectKey);
			projectText = project.key() + " " + project.name();
		}
		return analysis(user, text, projectText, format);
	}

	private RequirementAnalysis analysis(SiteUser user, String text, String projectText, String format) {
		Map<String, String> variables = Map.of("requirement", text, "project", projectText, "context", "");
		SourceUrls sources = SourceUrls.in(List.of(text));
		if ("json".equals(format)) {
			JsonNode analysis = this.outputs
				.call(new AiCall(user.site(), user.accountId(), "draft", "requirement_analyzer.system",
						"requirement_analyzer", variables), JsonNode.class)
				.json();
			return new RequirementAnalysis(null, ModelOutputs.withoutForeignLinks(analysis, sources));
		}
		String markdown = this.gateway
			.call(new AiCall(user.site(), user.accountId(), "draft", "requirement_analyzer.system",
					"requirement_analyzer_markdown", variables))
			.text();
		return new RequirementAnalysis(ModelMarkdown.withoutForeignLinks(markdown, sources), null);
	}

	/**
	 * The URLs the user's request contained: the only ones the model's drafts may link
	 * to; other links and all images become plain text before anything is proposed.
	 */
	private static SourceUrls sources(DraftRequest request) {
		return SourceUrls.in(List.of(request.text()));
	}

	/**
	 * Proposes creating issues another feature drafted (the assistant's epic with
	 * stories, say), only once the create screen would take every one of them: unlike a
	 * draft the user edits in the dialog, what is proposed here must be creatable as it
	 * stands.
	 * @param feature the proposing feature, recorded with the proposal
	 * @param drafts the issues, an epic first with its stories naming it as
	 * {@code parentRef}
	 * @throws NotVisible when the user cannot see the project
	 * @throws dev.jiraai.confirm.InvalidProposalPayload when a draft is malformed
	 * @throws dev.jiraai.jira.IssueNotCreatable naming each field the create screen would
	 * refuse, with its allowed values
	 */
	public Proposal proposeCreatable(SiteUser user, String feature, ProjectKey projectKey, List<Draft> drafts) {
		project(user, projectKey);
		DraftPayload payload = new DraftPayload(projectKey, drafts);
		this.checks.check(user, payload);
		return this.proposals.propose(user, feature, CREATE, payload);
	}

	private DraftResponse proposed(SiteUser user, ProjectKey projectKey, List<Draft> drafts,
			List<DraftResponse.Similar> similar) {
		Proposal proposal = this.proposals.propose(user, "draft", CREATE, new DraftPayload(projectKey, drafts));
		return new DraftResponse(proposal.id(), drafts, null, similar, this.checks.problems(user, projectKey, drafts));
	}

	/**
	 * Existing issues of the project sharing the draft's most telling words, most
	 * overlapping first.
	 */
	List<DraftResponse.Similar> similar(SiteUser user, ProjectKey projectKey, String summary) {
		List<String> terms = terms(summary);
		Map<String, IssueSummary> found = new LinkedHashMap<>();
		Map<String, Integer> hits = new LinkedHashMap<>();
		for (String term : terms) {
			String jql = "project = %s AND text ~ %s ORDER BY updated DESC".formatted(projectKey.value(),
					JiraSearch.quote(term));
			for (IssueSummary issue : this.search.search(JiraIdentity.of(user), jql, 10, null).issues()) {
				found.putIfAbsent(issue.key(), issue);
				hits.merge(issue.key(), 1, Integer::sum);
			}
		}
		return found.values()
			.stream()
			.sorted(Comparator.comparing((IssueSummary issue) -> -hits.get(issue.key())))
			.limit(5)
			.map(issue -> new DraftResponse.Similar(issue.key(), issue.summary(),
					issue.status() == null ? null : issue.status().name(),
					user.site().browseUrl(issue.key()).toString()))
			.toList();
	}

	/** The longest distinct words that are not filler, at most three. */
	static List<String> terms(String text) {
		return java.util.Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
			.filter(word -> word.length() >= 4 && !STOP_WORDS.contains(word))
			.distinct()
			.sorted(Comparator.comparingInt(String::length).reversed())
			.limit(3)
			.toList();
	}

	/**
	 * A person for a name the text suggested, only among users Jira says can be assigned
	 * in the project.
	 */
	private Draft.Person person(SiteUser user, ProjectKey projectKey, String hint) {
		if (hint == null || hint.isBlank()) {
			return null;
		}
		List<JiraUser> candidates = this.users.assignable(JiraIdentity.of(user), projectKey, null, hint.strip(), 5);
		String wanted = hint.strip().toLowerCase(Locale.ROOT);
		return candidates.stream()
			.filter(candidate -> candidate.displayName() != null
					&& candidate.displayName().toLowerCase(Locale.ROOT).contains(wanted))
			.findFirst()
			.map(candidate -> new Draft.Person(candidate.accountId(), candidate.displayName()))
			.orElse(null);
	}

	private Project project(SiteUser user, ProjectKey projectKey) {
		return this.metadata.project(JiraIdentity.of(user), projectKey)
			.orElseThrow(() -> NotVisible.project(projectKey));
	}

	private static String pick(String wanted, List<String> allowed, String fallback) {
		return allowed.stream()
			.filter(name -> name.equalsIgnoreCase(wanted))
			.findFirst()
			.orElse(allowed.contains(fallback) ? fallback : (allowed.isEmpty() ? wanted : allowed.get(0)));
	}

	private static String pickOrNull(String wanted, List<String> allowed) {
		return wanted == null ? null
				: allowed.stream().filter(name -> name.equalsIgnoreCase(wanted)).findFirst().orElse(null);
	}

	private static List<String> labels(List<String> labels) {
		return labels.stream().map(label -> label.strip().replaceAll("\\s+", "-")).filter(l -> !l.isEmpty()).toList();
	}

}
