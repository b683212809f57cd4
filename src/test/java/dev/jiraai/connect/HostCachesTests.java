package dev.jiraai.connect;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;

import com.atlassian.connect.spring.AtlassianHostMappingRepository;
import com.atlassian.connect.spring.AtlassianHostRepository;
import com.zaxxer.hikari.HikariDataSource;
import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.ConnectJwts;
import dev.jiraai.support.SimulatedSite;
import dev.jiraai.tenancy.SiteDataRetention;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The caches of hosts and Forge installations never let a site's old credentials or a
 * removed installation work: not here after an install, uninstall or purge, and not after
 * another instance changed them.
 */
class HostCachesTests extends AppTestSupport {

	@Autowired
	AtlassianHostRepository hosts;

	@Autowired
	AtlassianHostMappingRepository mappings;

	@Autowired
	SiteDataRetention retention;

	@Autowired
	HikariDataSource dataSource;

	@Test
	void aReinstallWithANewSecretIsUsedAtOnceThoughTheOldHostWasCached() {
		SimulatedSite site = installedSite("cached-rotate");
		String alice = site.user("Alice");
		String oldSecret = site.sharedSecret();
		assertThat(get("/api/context", "JWT " + site.contextJwt(alice)).statusCode()).isEqualTo(200);

		site.rotateSharedSecret();
		assertThat(site.install(appBaseUrl()).statusCode()).isEqualTo(204);

		assertThat(get("/api/context", "JWT " + site.contextJwt(alice)).statusCode()).isEqualTo(200);
		assertThat(get("/api/context", "JWT " + signedWith(oldSecret, site, alice)).statusCode()).isEqualTo(401);
	}

	@Test
	void aPurgedSitesForgeInstallationIsGoneThoughItWasCached() {
		SimulatedSite site = installedSite("cached-purge");
		String forgeToken = site.forgeInvocationToken(site.user("Alice"));
		assertThat(get("/api/context", "Bearer " + forgeToken).statusCode()).isEqualTo(200);
		site.uninstall(appBaseUrl());
		await().untilAsserted(() -> assertThat(this.retention.scheduledDeletion(site.clientKey())).isPresent());

		this.retention.purgeDue(java.time.Instant.now().plus(31, java.time.temporal.ChronoUnit.DAYS));

		assertThat(this.mappings.findById(site.installationId())).isEmpty();
		assertThat(this.hosts.findById(site.clientKey())).isEmpty();
		assertThat(get("/api/context", "Bearer " + forgeToken).statusCode()).isEqualTo(401);
	}

	@Test
	void aSecretChangedThroughAnotherInstanceIsUsedOnceItsEvictionArrives() throws Exception {
		SimulatedSite site = installedSite("cached-cluster");
		String alice = site.user("Alice");
		assertThat(get("/api/context", "JWT " + site.contextJwt(alice)).statusCode()).isEqualTo(200);
		String otherSecret = "another-instance-stored-this-secret-0123456789abcdef";

		// What another instance does on a reinstall: the row changes, then the eviction
		// notice goes to every instance.
		try (Connection other = DriverManager.getConnection(this.dataSource.getJdbcUrl(), this.dataSource.getUsername(),
				this.dataSource.getPassword())) {
			try (PreparedStatement update = other
				.prepareStatement("UPDATE atlassian_host SET shared_secret = ? WHERE client_key = ?")) {
				update.setString(1, otherSecret);
				update.setString(2, site.clientKey());
				assertThat(update.executeUpdate()).isEqualTo(1);
			}
			try (PreparedStatement notice = other.prepareStatement("SELECT pg_notify(?, ?)")) {
				notice.setString(1, "jira_ai_cache_evict");
				notice.setString(2, HostCaches.HOSTS + "\u001f" + site.clientKey());
				notice.execute();
			}
		}

		await().untilAsserted(
				() -> assertThat(get("/api/context", "JWT " + signedWith(otherSecret, site, alice)).statusCode())
					.isEqualTo(200));
		assertThat(get("/api/context", "JWT " + site.contextJwt(alice)).statusCode()).isEqualTo(401);
	}

	private static String signedWith(String secret, SimulatedSite site, String accountId) {
		return ConnectJwts.hs256(secret, site.clientKey(),
				claims -> claims.subject(accountId).claim("qsh", ConnectJwts.CONTEXT_QSH));
	}

}
