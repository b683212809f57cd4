package dev.jiraai.apitokens;

import java.util.UUID;

import com.atlassian.connect.spring.ContextJwt;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every API token of the site, for its Jira admins: list, revoke any, switch the feature
 * off. Admins only by their path: the admin module refuses {@code /api/admin/**} to
 * everyone else before these methods run.
 */
@RestController
@ContextJwt
class ApiTokenAdminController {

	private final ApiTokens tokens;

	ApiTokenAdminController(ApiTokens tokens) {
		this.tokens = tokens;
	}

	@GetMapping("/api/admin/tokens")
	ApiTokenController.Tokens all(SiteUser admin) {
		return new ApiTokenController.Tokens(this.tokens.enabled(admin), this.tokens.all(admin));
	}

	@DeleteMapping("/api/admin/tokens/{tokenId}")
	ResponseEntity<Void> revoke(SiteUser admin, @PathVariable UUID tokenId) {
		this.tokens.revokeAny(admin, tokenId);
		return ResponseEntity.noContent().build();
	}

	/** Whether the site's users may create and use tokens. */
	record Settings(@NotNull Boolean enabled) {
	}

	// Not /api/admin/tokens/settings: "settings" would also be a {tokenId} there, so a
	// DELETE of it would be taken for a revoke instead of being answered 405.
	@PutMapping("/api/admin/token-settings")
	Settings settings(SiteUser admin, @Valid @RequestBody Settings settings) {
		this.tokens.setEnabled(admin, settings.enabled());
		return new Settings(this.tokens.enabled(admin));
	}

}
