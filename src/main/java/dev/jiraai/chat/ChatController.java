package dev.jiraai.chat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.atlassian.connect.spring.ContextJwt;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jiraai.apitokens.ApiTokenRequests;
import dev.jiraai.confirm.Proposal;
import dev.jiraai.confirm.Proposals;
import dev.jiraai.tasks.AiTasks;
import dev.jiraai.tasks.TaskStatus;
import dev.jiraai.tasks.TaskStreams;
import dev.jiraai.tasks.TaskView;
import dev.jiraai.tenancy.SiteUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The assistant's API (docs/chat.md): send a message (a task), poll or stream its result,
 * resume it with the user's decision on a proposal, and the user's conversations.
 */
@RestController
@ContextJwt
class ChatController {

	private final AiTasks tasks;

	private final TaskStreams streams;

	private final Conversations conversations;

	private final Proposals proposals;

	private final ChatGreeting greeting;

	private final ObjectMapper json;

	ChatController(AiTasks tasks, TaskStreams streams, Conversations conversations, Proposals proposals,
			ChatGreeting greeting, ObjectMapper json) {
		this.tasks = tasks;
		this.streams = streams;
		this.conversations = conversations;
		this.proposals = proposals;
		this.greeting = greeting;
		this.json = json;
	}

	/** The answer to a send. */
	record Sent(UUID taskId, String conversationId, TaskStatus status, Instant createdAt) {
	}

	@PostMapping("/api/chat/send")
	ResponseEntity<Sent> send(SiteUser user, @Valid @RequestBody ChatRequest request,
			@RequestAttribute(name = ApiTokenRequests.TOKEN_PREFIX, required = false) String apiToken) {
		String conversationId = (request.conversationId() != null) ? request.conversationId()
				: "c-" + UUID.randomUUID();
		ChatRequest.Context context = request.context();
		ChatInput input = new ChatInput(conversationId, request.message(),
				request.outputFormat() == null ? "markdown" : request.outputFormat(),
				context == null || context.issueKey() == null ? null : context.issueKey().value(),
				context == null || context.projectKey() == null ? null : context.projectKey().value(),
				apiToken != null);
		TaskView.Started started = this.tasks.start(user, ChatTask.KIND, input);
		// Listed at once, before the model has said anything.
		this.conversations.open(user, conversationId, request.message());
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(URI.create("/api/chat/result/" + started.taskId()))
			.body(new Sent(started.taskId(), conversationId, started.status(), Instant.now()));
	}

	/**
	 * A turn as a script or the Forge page polls it.
	 *
	 * @param message the latest progress, or what awaits the user
	 * @param activity what the tools did so far
	 * @param proposals while waiting: the proposals awaiting the user, as they are now
	 * @param result once completed: the Markdown answer, or with {@code outputFormat:
	 * json} an object {@code {answer, data, proposals}}
	 * @param error once failed: the problem
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ChatResult(UUID taskId, String conversationId, TaskStatus status, String message, List<JsonNode> activity,
			String text, List<Proposal> proposals, JsonNode result, JsonNode error, Instant createdAt,
			Instant updatedAt) {
	}

	@GetMapping("/api/chat/result/{taskId}")
	ChatResult result(SiteUser user, @PathVariable UUID taskId) {
		TaskView view = this.tasks.get(user, taskId, ChatTask.KIND);
		ChatInput input = this.tasks.input(user, taskId, ChatInput.class);
		String message = (view.progress() == null) ? null : view.progress().message();
		List<Proposal> waiting = null;
		JsonNode result = null;
		if (view.status() == TaskStatus.WAITING_CONFIRMATION && view.result() != null) {
			waiting = awaited(user, view);
		}
		if (view.status() == TaskStatus.COMPLETED && view.result() != null) {
			ChatAnswer answer = this.json.convertValue(view.result(), ChatAnswer.class);
			result = input.json() ? jsonAnswer(user, answer) : this.json.getNodeFactory().textNode(answer.answer());
		}
		return new ChatResult(taskId, input.conversationId(), view.status(), message,
				this.tasks.events(user, taskId, "tool"), view.text(), waiting, result, view.problem(), view.createdAt(),
				view.updatedAt());
	}

	private ObjectNode jsonAnswer(SiteUser user, ChatAnswer answer) {
		ObjectNode node = this.json.createObjectNode();
		node.put("answer", answer.answer());
		node.set("data", answer.data() == null ? this.json.createObjectNode() : answer.data());
		node.set("proposals",
				this.json.valueToTree(answer.proposals().stream().map(p -> this.proposals.get(user, p.id())).toList()));
		return node;
	}

	/** The proposals a waiting turn awaits a decision on, as they are now. */
	private List<Proposal> awaited(SiteUser user, TaskView view) {
		List<Proposal> stored = this.json.convertValue(view.result().path("proposals"),
				this.json.getTypeFactory().constructCollectionType(List.class, Proposal.class));
		return stored.stream().map(proposal -> this.proposals.get(user, proposal.id())).toList();
	}

	/**
	 * The user's decision on a proposal the turn waits for.
	 *
	 * @param confirmation whether to carry it out
	 * @param proposalId which proposal; needed only when several wait
	 * @param userInput fields of the payload the user edited, merged into it and checked
	 * again before anything is carried out
	 */
	record Resume(@NotNull Boolean confirmation, UUID proposalId, JsonNode userInput) {
	}

	@PostMapping("/api/chat/resume/{taskId}")
	ResponseEntity<Map<String, Object>> resume(SiteUser user, @PathVariable UUID taskId,
			@Valid @RequestBody Resume request) {
		TaskView view = this.tasks.get(user, taskId, ChatTask.KIND);
		UUID proposalId = request.proposalId();
		JsonNode edited = null;
		if (view.status() == TaskStatus.WAITING_CONFIRMATION && view.result() != null) {
			List<Proposal> waiting = awaited(user, view);
			proposalId = ChatResumes.chosen(waiting, proposalId);
			if (request.confirmation() && request.userInput() != null && request.userInput().isObject()) {
				// Checked now, in the request: an invalid edit is answered at once and
				// the turn keeps waiting, with nothing lost. Stored only by the run of
				// the resume that wins: a concurrent resume answered 409 must not
				// change what the winning one writes.
				ObjectNode merged = ProposalEdit.merged((ObjectNode) this.proposals.get(user, proposalId).payload(),
						(ObjectNode) request.userInput());
				edited = this.proposals.checkedEdit(user, proposalId, merged);
			}
			else if (request.confirmation()) {
				// A required value still missing (a transition's Resolution) is answered
				// now, before anything is sent, as an invalid edit is.
				this.proposals.check(user, proposalId);
			}
		}
		JsonNode decision = this.json.valueToTree(new ChatDecision(request.confirmation(), proposalId, edited));
		TaskView resumed = this.tasks.resume(user, taskId, decision);
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(URI.create("/api/chat/result/" + taskId))
			.body(Map.of("taskId", taskId, "status", resumed.status()));
	}

	@GetMapping(path = "/api/chat/stream/{taskId}", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream(SiteUser user, @PathVariable UUID taskId,
			@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
		this.tasks.get(user, taskId, ChatTask.KIND);
		return this.streams.stream(user, taskId, lastEventId);
	}

	@GetMapping("/api/chat/greeting")
	ChatGreeting.Greeting greeting(SiteUser user) {
		return this.greeting.of(user);
	}

	/** The assistant's workflow as a Mermaid flowchart, drawn from its definition. */
	@GetMapping("/api/chat/workflow")
	Map<String, String> workflow() {
		return Map.of("format", "mermaid", "diagram", ChatWorkflow.mermaid());
	}

	@GetMapping("/api/chat/conversations")
	Map<String, List<Conversations.Conversation>> conversations(SiteUser user) {
		return Map.of("conversations", this.conversations.list(user));
	}

	@GetMapping("/api/chat/conversations/{conversationId}/messages")
	Map<String, List<Conversations.Message>> messages(SiteUser user, @PathVariable String conversationId) {
		return Map.of("messages", this.conversations.messages(user, conversationId));
	}

	/** A new title. */
	record Rename(@NotBlank @Size(max = 100) String title) {
	}

	@PatchMapping("/api/chat/conversations/{conversationId}")
	Conversations.Conversation rename(SiteUser user, @PathVariable String conversationId,
			@Valid @RequestBody Rename request) {
		return this.conversations.rename(user, conversationId, request.title());
	}

	@DeleteMapping("/api/chat/conversations/{conversationId}")
	ResponseEntity<Void> delete(SiteUser user, @PathVariable String conversationId) {
		this.conversations.delete(user, conversationId);
		return ResponseEntity.noContent().build();
	}

}
