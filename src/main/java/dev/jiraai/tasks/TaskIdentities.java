package dev.jiraai.tasks;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;

import dev.jiraai.ai.SecretCipher;
import dev.jiraai.tenancy.ForgeUserToken;
import dev.jiraai.tenancy.SiteUser;
import dev.jiraai.tenancy.Sites;

import org.springframework.stereotype.Component;

/**
 * Who a task acts for, kept with it and made a {@link SiteUser} again when a step runs.
 * <p>
 * Connect: the account id is enough; Jira is called with the act-as-user grant, which
 * works for as long as the app is installed. Forge: the invocation's user token is kept
 * encrypted (with the site as associated data) only while the task runs, and is usable
 * until its own expiry; a step that finds it gone or expired asks the user to resume,
 * which brings a fresh one. Without an encryption key the token stays in this instance's
 * memory only: a task picked up by another instance then asks its user to resume.
 */
@Component
class TaskIdentities {

	private final SecretCipher cipher;

	private final Sites sites;

	private final Clock clock;

	TaskIdentities(SecretCipher cipher, Sites sites, Optional<Clock> clock) {
		this.cipher = cipher;
		this.sites = sites;
		this.clock = clock.orElseGet(Clock::systemUTC);
	}

	/** How the user of a request is stored with their task. */
	TaskStore.Identity of(SiteUser user) {
		ForgeUserToken token = user.forge().orElse(null);
		if (user.channel() == SiteUser.Channel.CONNECT || token == null) {
			return new TaskStore.Identity(user.channel().name().toLowerCase(), null, null, null);
		}
		String sealed = this.cipher.canEncrypt() ? this.cipher.encrypt(token.token(), user.site().clientKey()) : null;
		return new TaskStore.Identity("forge", token.apiBaseUrl().toString(), sealed, token.expiresAt());
	}

	/**
	 * The task's user, able to call Jira now.
	 * @param inMemory the Forge user token of the request that started or resumed the
	 * task, when this instance still holds it
	 * @throws UserNeeded when the user cannot be acted for without them
	 */
	SiteUser user(TaskStore.Row row, Optional<ForgeUserToken> inMemory) {
		SiteUser.Channel channel = "forge".equals(row.channel()) ? SiteUser.Channel.FORGE : SiteUser.Channel.CONNECT;
		ForgeUserToken token = null;
		if (channel == SiteUser.Channel.FORGE) {
			token = inMemory.or(() -> stored(row))
				.filter(candidate -> candidate.usableAt(this.clock.instant()))
				.orElseThrow(() -> new UserNeeded(
						"This was interrupted and needs you to continue. Press Continue to pick it up where it stopped."));
		}
		ForgeUserToken forgeToken = token;
		return this.sites.user(row.clientKey(), row.accountId(), channel, forgeToken)
			.orElseThrow(() -> new IllegalStateException("The app is no longer installed on this site"));
	}

	private Optional<ForgeUserToken> stored(TaskStore.Row row) {
		if (row.forgeUserToken() == null || row.forgeApiBaseUrl() == null || row.forgeTokenExpiresAt() == null) {
			return Optional.empty();
		}
		return Optional.of(new ForgeUserToken(URI.create(row.forgeApiBaseUrl()),
				this.cipher.decrypt(row.forgeUserToken(), row.clientKey()), row.forgeTokenExpiresAt()));
	}

}
