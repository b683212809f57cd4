package dev.jiraai.apitokens;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.atlassian.connect.spring.ContextJwt;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's own API tokens, from the app in Jira (docs/api.md, "API tokens"): create one
 * (its secret is in this answer only), list and revoke them.
 */
@RestController
@ContextJwt
class ApiTokenController {

	private final ApiTokens tokens;

	ApiTokenController(ApiTokens tokens) {
		this.tokens = tokens;
	}

	/**
	 * A token to create.
	 *
	 * @param name what it is for, e.g. the script's name
	 * @param expiresInDays how long it is valid, at most a year
	 * @param scopes {@code chat} and/or {@code assess}
	 */
	record CreateRequest(@NotBlank @Size(max = 100) String name, @NotNull @Min(1) @Max(365) Integer expiresInDays,
			@NotEmpty List<@NotNull ApiTokenScope> scopes) {
	}

	/** A new token and its secret, shown this once. */
	record CreatedToken(UUID id, String name, String prefix, List<ApiTokenScope> scopes, Instant createdAt,
			Instant expiresAt, String token) {
	}

	@PostMapping("/api/tokens")
	ResponseEntity<CreatedToken> create(SiteUser user, @Valid @RequestBody CreateRequest request) {
		ApiTokens.Created created = this.tokens.create(user, request.name(), request.expiresInDays(), request.scopes());
		ApiToken token = created.token();
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(new CreatedToken(token.id(), token.name(), token.prefix(), token.scopes(), token.createdAt(),
					token.expiresAt(), created.secret()));
	}

	/** The user's tokens and whether the site allows tokens. */
	record Tokens(boolean enabled, List<ApiToken> tokens) {
	}

	@GetMapping("/api/tokens")
	Tokens mine(SiteUser user) {
		return new Tokens(this.tokens.enabled(user), this.tokens.mine(user));
	}

	@DeleteMapping("/api/tokens/{tokenId}")
	ResponseEntity<Void> revoke(SiteUser user, @PathVariable UUID tokenId) {
		this.tokens.revokeMine(user, tokenId);
		return ResponseEntity.noContent().build();
	}

}
