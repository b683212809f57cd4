package dev.jiraai.confirm;

import java.util.UUID;

import com.atlassian.connect.spring.ContextJwt;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Confirm, reject, read or edit a proposal; the request carries only the proposal's id
 * (and, for an edit, the new payload, validated again).
 */
@RestController
@ContextJwt
class ProposalController {

	private final Proposals proposals;

	ProposalController(Proposals proposals) {
		this.proposals = proposals;
	}

	@GetMapping("/api/proposals/{proposalId}")
	ProposalView get(SiteUser user, @PathVariable UUID proposalId) {
		return ProposalView.of(this.proposals.get(user, proposalId));
	}

	@PatchMapping("/api/proposals/{proposalId}")
	ProposalView edit(SiteUser user, @PathVariable UUID proposalId, @RequestBody JsonNode payload) {
		return ProposalView.of(this.proposals.edit(user, proposalId, payload));
	}

	@PostMapping("/api/proposals/{proposalId}/confirm")
	ProposalView confirm(SiteUser user, @PathVariable UUID proposalId) {
		return ProposalView.of(this.proposals.confirm(user, proposalId));
	}

	@PostMapping("/api/proposals/{proposalId}/reject")
	ProposalView reject(SiteUser user, @PathVariable UUID proposalId) {
		return ProposalView.of(this.proposals.reject(user, proposalId));
	}

	/**
	 * A proposal as the API shows it.
	 *
	 * @param proposalId its id
	 * @param kind what it does
	 * @param state where it is
	 * @param payload what will be (or was) written
	 * @param result what the write produced, once done
	 * @param expiresAt until when it can be confirmed
	 */
	record ProposalView(UUID proposalId, String kind, Proposal.State state, JsonNode payload, JsonNode result,
			java.time.Instant expiresAt) {

		static ProposalView of(Proposal proposal) {
			return new ProposalView(proposal.id(), proposal.kind(), proposal.state(), proposal.payload(),
					proposal.result(), proposal.expiresAt());
		}

	}

}
