package dev.jiraai.apitokens;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A token as lists show it: never its secret or hash.
 *
 * @param id the token's id, for revoking it
 * @param accountId the owner, whose identity the token acts with
 * @param name what the owner called it
 * @param prefix the token's first characters, to recognise it
 * @param scopes what it may be used for
 * @param status {@code active}, {@code expired} or {@code revoked}
 * @param lastUsedAt when it was last used (to the minute), or {@code null}
 * @param revokedAt when it was revoked, or {@code null}
 * @param revokedBy who revoked it (the owner or an admin), or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ApiToken(UUID id, String accountId, String name, String prefix, List<ApiTokenScope> scopes, String status,
		Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt, String revokedBy) {

	static String status(Instant now, Instant expiresAt, Instant revokedAt) {
		if (revokedAt != null) {
			return "revoked";
		}
		return now.isBefore(expiresAt) ? "active" : "expired";
	}

}
