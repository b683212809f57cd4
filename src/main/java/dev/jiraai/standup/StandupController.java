package dev.jiraai.standup;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import com.atlassian.connect.spring.ContextJwt;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jiraai.confirm.Proposal;
import dev.jiraai.jira.ProjectKey;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The stand-up API (docs/standup.md): today's questions, suggestions and saved answers,
 * saving, snoozing, history, the preview of what is posted (a proposal confirmed through
 * {@code /api/proposals}), and a project's team view.
 */
@RestController
@ContextJwt
class StandupController {

	private final Standups standups;

	private final TeamStandups team;

	StandupController(Standups standups, TeamStandups team) {
		this.standups = standups;
		this.team = team;
	}

	/** Today as the stand-up view shows it. */
	record Today(LocalDate date, ZoneId timeZone, boolean snoozed, List<Standups.Question> questions, Standup standup,
			StandupSuggestions suggestions) {
	}

	/** The history. */
	record History(List<Standup> standups) {
	}

	/** What a preview asks for. */
	record PreviewRequest(boolean flagBlocked) {
	}

	/** A proposal as {@code GET /api/proposals/{id}} shows it. */
	record ProposalView(UUID proposalId, String kind, Proposal.State state, JsonNode payload, JsonNode result,
			Instant expiresAt) {
	}

	@GetMapping("/api/standup/today")
	Today today(SiteUser user) {
		StandupDay day = this.standups.today(user);
		return new Today(day.date(), day.timeZone(), day.snoozed(), Standups.QUESTIONS, day.standup(),
				day.suggestions());
	}

	@PutMapping("/api/standup/today")
	Standup save(SiteUser user, @RequestBody StandupAnswers answers) {
		return this.standups.save(user, answers);
	}

	@PostMapping("/api/standup/snooze")
	ResponseEntity<Void> snooze(SiteUser user) {
		this.standups.snooze(user);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/standup/history")
	History history(SiteUser user, @RequestParam(defaultValue = "30") int limit) {
		return new History(this.standups.history(user, limit));
	}

	@PostMapping("/api/standup/today/preview")
	ResponseEntity<ProposalView> preview(SiteUser user, @RequestBody PreviewRequest request) {
		Proposal proposal = this.standups.preview(user, request.flagBlocked());
		return ResponseEntity.created(URI.create("/api/proposals/" + proposal.id()))
			.body(new ProposalView(proposal.id(), proposal.kind(), proposal.state(), proposal.payload(),
					proposal.result(), proposal.expiresAt()));
	}

	@GetMapping("/api/standup/team")
	TeamDay team(SiteUser user, @RequestParam ProjectKey projectKey) {
		return this.team.team(user, projectKey);
	}

}
