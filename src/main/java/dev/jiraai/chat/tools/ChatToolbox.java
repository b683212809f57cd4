package dev.jiraai.chat.tools;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.jiraai.ai.LlmGateway;
import dev.jiraai.assess.AssessmentService;
import dev.jiraai.chat.ChatSettings;
import dev.jiraai.chat.ChatSiteSettings;
import dev.jiraai.chat.ChatTools;
import dev.jiraai.chat.ChatTurn;
import dev.jiraai.chat.proposals.TransitionPlanner;
import dev.jiraai.confirm.Proposals;
import dev.jiraai.draft.DraftService;
import dev.jiraai.jira.JiraIssues;
import dev.jiraai.jira.JiraMetadata;
import dev.jiraai.jira.JiraSearch;
import dev.jiraai.jira.JiraTransitions;
import dev.jiraai.jira.JiraUsers;
import dev.jiraai.tenancy.Site;
import dev.jiraai.tenancy.SiteFeatures;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.method.MethodToolCallbackProvider;
import org.springframework.stereotype.Component;

/**
 * The assistant's Jira tools, built for each turn: the reading, AI and proposing tools
 * bound to the turn (so they report to it and act only for its user), keeping only those
 * the site offers: on its allow-list, of a product feature it has switched on, and no
 * writing tool in read-only mode.
 */
@Component
class ChatToolbox implements ChatTools {

	private final ChatSettings settings;

	private final SiteFeatures features;

	private final JiraSearch search;

	private final JiraIssues issues;

	private final JiraMetadata metadata;

	private final JiraUsers users;

	private final JiraTransitions transitions;

	private final IssueText issueText;

	private final LlmGateway gateway;

	private final AssessmentService assessments;

	private final DraftService drafts;

	private final Proposals proposals;

	private final TransitionPlanner planner;

	ChatToolbox(ChatSettings settings, SiteFeatures features, JiraSearch search, JiraIssues issues,
			JiraMetadata metadata, JiraUsers users, JiraTransitions transitions, IssueText issueText,
			LlmGateway gateway, AssessmentService assessments, DraftService drafts, Proposals proposals,
			TransitionPlanner planner) {
		this.settings = settings;
		this.features = features;
		this.search = search;
		this.issues = issues;
		this.metadata = metadata;
		this.users = users;
		this.transitions = transitions;
		this.issueText = issueText;
		this.gateway = gateway;
		this.assessments = assessments;
		this.drafts = drafts;
		this.proposals = proposals;
		this.planner = planner;
	}

	@Override
	public List<ToolCallback> forTurn(SiteUser user, ChatTurn turn) {
		ToolTurn toolTurn = new ToolTurn(user, turn);
		ToolCallback[] all = MethodToolCallbackProvider.builder()
			.toolObjects(
					new ReadTools(toolTurn, this.search, this.issues, this.metadata, this.users, this.transitions,
							this.issueText),
					new InsightTools(toolTurn, this.issues, this.search, this.issueText, this.gateway, this.assessments,
							this.drafts),
					new ProposalTools(toolTurn, this.proposals, this.issues, this.users, this.planner, this.drafts))
			.build()
			.getToolCallbacks();
		Offered offered = offered(user.site());
		return Arrays.stream(all)
			.filter(callback -> AssistantTool.named(callback.getToolDefinition().name())
				.filter(offered::has)
				.isPresent())
			.toList();
	}

	@Override
	public List<Capability> available(Site site) {
		Offered offered = offered(site);
		return Arrays.stream(AssistantTool.values())
			.filter(offered::has)
			.map(AssistantTool::capability)
			.flatMap(Optional::stream)
			.toList();
	}

	private Offered offered(Site site) {
		return new Offered(this.settings.of(site), this.features.forSite(site));
	}

	/** What a site offers: its settings and its product features. */
	private record Offered(ChatSiteSettings settings, Map<String, Boolean> features) {

		boolean has(AssistantTool tool) {
			return this.settings.allows(tool.toolName()) && !(tool.writes() && this.settings.readOnly())
					&& tool.feature().map(feature -> this.features.getOrDefault(feature, false)).orElse(true);
		}

	}

}
