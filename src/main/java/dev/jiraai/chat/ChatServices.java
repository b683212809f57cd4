package dev.jiraai.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jiraai.ai.ConversationHistory;
import dev.jiraai.ai.IntentClassifier;
import dev.jiraai.ai.LlmGateway;
import dev.jiraai.assess.AssessmentService;
import dev.jiraai.confirm.Proposals;
import dev.jiraai.jira.JiraMetadata;
import dev.jiraai.jira.JiraUsers;

import org.springframework.stereotype.Component;

/**
 * What a turn works with, handed to each {@link ChatTurnRun} as one piece.
 */
@Component
record ChatServices(LlmGateway gateway, IntentClassifier intents, ChatTools tools, Proposals proposals,
		AssessmentService assessments, JiraMetadata metadata, JiraUsers users, ConversationHistory history,
		Conversations conversations, ChatStandup standup, ChatProperties properties, ObjectMapper json) {
}
