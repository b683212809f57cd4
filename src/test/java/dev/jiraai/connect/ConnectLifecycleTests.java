package dev.jiraai.connect;

import java.net.http.HttpResponse;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.atlassian.connect.spring.AtlassianHostMappingRepository;
import com.atlassian.connect.spring.AtlassianHostRepository;
import dev.jiraai.support.AppTestSupport;
import dev.jiraai.support.ConnectJwts;
import dev.jiraai.support.SimulatedSite;
import dev.jiraai.tenancy.SiteDataRetention;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Connect lifecycle as Jira Cloud drives it: signed installs, uninstalls and
 * reinstalls, and what each does to the tokens of the site.
 */
class ConnectLifecycleTests extends AppTestSupport {

	@Autowired
	AtlassianHostRepository hosts;

	@Autowired
	AtlassianHostMappingRepository mappings;

	@Autowired
	SiteDataRetention retention;

	@Test
	void signedInstallStoresTheSiteAndItsForgeInstallation() {
		SimulatedSite site = jira.newSite("install");

		HttpResponse<String> response = site.install(appBaseUrl());

		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(this.hosts.findById(site.clientKey())).hasValueSatisfying(host -> {
			assertThat(host.getBaseUrl()).isEqualTo(site.baseUrl());
			assertThat(host.isAddonInstalled()).isTrue();
			assertThat(host.getSharedSecret()).isEqualTo(site.sharedSecret());
		});
		assertThat(this.mappings.findById(site.installationId()))
			.hasValueSatisfying(mapping -> assertThat(mapping.getClientKey()).isEqualTo(site.clientKey()));
	}

	@Test
	void fullLifecycleInstallUseUninstallRefuse() {
		SimulatedSite site = installedSite("lifecycle");
		String alice = site.user("Alice");
		String connectToken = site.contextJwt(alice);
		String forgeToken = site.forgeInvocationToken(alice);
		assertThat(get("/api/context", "JWT " + connectToken).statusCode()).isEqualTo(200);
		assertThat(get("/api/context", "Bearer " + forgeToken).statusCode()).isEqualTo(200);

		assertThat(site.uninstall(appBaseUrl()).statusCode()).isEqualTo(204);

		await().untilAsserted(() -> assertThat(this.retention.scheduledDeletion(site.clientKey())).isPresent());
		assertThat(get("/api/context", "JWT " + connectToken).statusCode()).isEqualTo(401);
		assertThat(get("/api/context", "JWT " + site.contextJwt(alice)).statusCode()).isEqualTo(401);
		assertThat(get("/api/context", "Bearer " + forgeToken).statusCode()).isEqualTo(401);
		assertThat(this.retention.scheduledDeletion(site.clientKey()))
			.hasValueSatisfying(purgeAfter -> assertThat(purgeAfter).isCloseTo(Instant.now().plus(30, ChronoUnit.DAYS),
					org.assertj.core.api.Assertions.within(1, ChronoUnit.HOURS)));
	}

	@Test
	void reinstallBeforeRetentionEndsCancelsTheDeletion() {
		SimulatedSite site = installedSite("reinstall");
		site.uninstall(appBaseUrl());
		await().untilAsserted(() -> assertThat(this.retention.scheduledDeletion(site.clientKey())).isPresent());

		assertThat(site.install(appBaseUrl()).statusCode()).isEqualTo(204);

		await().untilAsserted(() -> assertThat(this.retention.scheduledDeletion(site.clientKey())).isEmpty());
		assertThat(this.retention.purgeDue(Instant.now().plus(365, ChronoUnit.DAYS))).doesNotContain(site.clientKey());
		assertThat(get("/api/context", "JWT " + site.contextJwt(site.user("Alice"))).statusCode()).isEqualTo(200);
	}

	@Test
	void purgeAfterRetentionDeletesTheSiteAndItsSecret() {
		SimulatedSite site = installedSite("purge");
		site.uninstall(appBaseUrl());
		await().untilAsserted(() -> assertThat(this.retention.scheduledDeletion(site.clientKey())).isPresent());

		assertThat(this.retention.purgeDue(Instant.now())).doesNotContain(site.clientKey());
		assertThat(this.retention.purgeDue(Instant.now().plus(31, ChronoUnit.DAYS))).contains(site.clientKey());

		assertThat(this.hosts.findById(site.clientKey())).isEmpty();
		assertThat(this.mappings.findById(site.installationId())).isEmpty();
		assertThat(this.retention.scheduledDeletion(site.clientKey())).isEmpty();
	}

	@Test
	void reinstallWithRotatedSecretMakesTheOldSecretUseless() {
		SimulatedSite site = installedSite("rotate");
		String alice = site.user("Alice");
		String oldSecret = site.sharedSecret();

		site.rotateSharedSecret();
		assertThat(site.install(appBaseUrl()).statusCode()).isEqualTo(204);

		String signedWithOldSecret = ConnectJwts.hs256(oldSecret, site.clientKey(),
				claims -> claims.subject(alice).claim("qsh", ConnectJwts.CONTEXT_QSH));
		assertThat(get("/api/context", "JWT " + signedWithOldSecret).statusCode()).isEqualTo(401);
		assertThat(get("/api/context", "JWT " + site.contextJwt(alice)).statusCode()).isEqualTo(200);
	}

	@Nested
	class RefusesForgedInstall {

		@Test
		void signedByAnotherKeyUnderJirasKeyId() throws Exception {
			SimulatedSite site = jira.newSite("forged");
			RSAPrivateKey rogue = (RSAPrivateKey) java.security.KeyPairGenerator.getInstance("RSA")
				.generateKeyPair()
				.getPrivate();
			String jirasKeyId = jira.installKeyId();

			HttpResponse<String> response = site.lifecycle("installed", appBaseUrl(), claims -> {
			}, rogue, jirasKeyId);

			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(hosts.findById(site.clientKey())).isEmpty();
		}

		@Test
		void signedWithAnUnknownKeyId() throws Exception {
			SimulatedSite site = jira.newSite("unknown-kid");
			RSAPrivateKey rogue = (RSAPrivateKey) java.security.KeyPairGenerator.getInstance("RSA")
				.generateKeyPair()
				.getPrivate();

			HttpResponse<String> response = site.lifecycle("installed", appBaseUrl(), claims -> {
			}, rogue, "not-a-jira-key");

			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(hosts.findById(site.clientKey())).isEmpty();
		}

		@Test
		void forAnotherApp() {
			SimulatedSite site = jira.newSite("wrong-audience");

			HttpResponse<String> response = site.lifecycle("installed", appBaseUrl(),
					claims -> claims.audience("https://evil.example.com"));

			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(hosts.findById(site.clientKey())).isEmpty();
		}

		@Test
		void withQshOfAnotherRequest() {
			SimulatedSite site = jira.newSite("wrong-qsh");

			HttpResponse<String> response = site.lifecycle("installed", appBaseUrl(),
					claims -> claims.claim("qsh", ConnectJwts.qsh("POST", "/uninstalled")));

			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(hosts.findById(site.clientKey())).isEmpty();
		}

		@Test
		void firstInstallIssuedForAnotherSite() {
			SimulatedSite site = jira.newSite("wrong-issuer");
			SimulatedSite other = jira.newSite("wrong-issuer-other");

			HttpResponse<String> response = site.lifecycle("installed", appBaseUrl(),
					claims -> claims.issuer(other.clientKey()));

			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(hosts.findById(site.clientKey())).isEmpty();
			assertThat(hosts.findById(other.clientKey())).isEmpty();
			assertThat(get("/api/context", "JWT " + site.contextJwt(site.user("Alice"))).statusCode()).isEqualTo(401);
		}

		@Test
		void repeatInstallIssuedForAnotherSite() {
			SimulatedSite site = installedSite("wrong-issuer-repeat");
			SimulatedSite other = installedSite("wrong-issuer-repeat-other");
			String secretBefore = hosts.findById(site.clientKey()).orElseThrow().getSharedSecret();
			site.rotateSharedSecret();

			HttpResponse<String> response = site.lifecycle("installed", appBaseUrl(),
					claims -> claims.issuer(other.clientKey()));

			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(hosts.findById(site.clientKey()).orElseThrow().getSharedSecret()).isEqualTo(secretBefore);
		}

		@Test
		void repeatInstallWithQshOfAnotherRequest() {
			SimulatedSite site = installedSite("wrong-qsh-repeat");
			String secretBefore = hosts.findById(site.clientKey()).orElseThrow().getSharedSecret();
			site.rotateSharedSecret();

			HttpResponse<String> response = site.lifecycle("installed", appBaseUrl(),
					claims -> claims.claim("qsh", ConnectJwts.qsh("POST", "/uninstalled")));

			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(hosts.findById(site.clientKey()).orElseThrow().getSharedSecret()).isEqualTo(secretBefore);
		}

		@Test
		void unsigned() {
			SimulatedSite site = jira.newSite("unsigned");

			assertThat(site.unsignedLifecycle("installed", appBaseUrl()).statusCode()).isEqualTo(401);
			assertThat(hosts.findById(site.clientKey())).isEmpty();
		}

		@Test
		void unsignedUninstallOfAnInstalledSite() {
			SimulatedSite site = installedSite("unsigned-uninstall");

			assertThat(site.unsignedLifecycle("uninstalled", appBaseUrl()).statusCode()).isEqualTo(401);
			assertThat(hosts.findById(site.clientKey()))
				.hasValueSatisfying(host -> assertThat(host.isAddonInstalled()).isTrue());
		}

	}

}
