package dev.jiraai.admin;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * What {@link ModelEndpoints} lets a site admin set, with the operator's switches off and
 * on; names resolve through a fixed table, so no DNS is needed.
 */
class ModelEndpointsTests {

	private static final ModelEndpoints.Resolver table = host -> switch (host) {
		case "models.internal.example" -> new InetAddress[] { InetAddress.getByName("127.0.0.1") };
		case "metadata.internal.example" -> new InetAddress[] { InetAddress.getByName("169.254.169.254") };
		case "api.example.com" -> new InetAddress[] { InetAddress.getByName("93.184.215.14") };
		default -> throw new UnknownHostException(host);
	};

	private final ModelEndpoints strict = new ModelEndpoints(
			new AdminProperties(false, false, java.time.Duration.ofDays(365)), table);

	private final ModelEndpoints lenient = new ModelEndpoints(
			new AdminProperties(true, true, java.time.Duration.ofDays(365)), table);

	@Test
	void aPublicHttpsEndpointIsAccepted() {
		assertThatNoException().isThrownBy(() -> this.strict.check("https://api.example.com/v1"));
	}

	@Test
	void aNameThatResolvesToLoopbackOrLinkLocalIsRefused() {
		assertThatExceptionOfType(ModelEndpoints.InvalidModelEndpoint.class)
			.isThrownBy(() -> this.strict.check("https://models.internal.example/v1"))
			.withMessageContaining("internal address (127.0.0.1)");
		assertThatExceptionOfType(ModelEndpoints.InvalidModelEndpoint.class)
			.isThrownBy(() -> this.strict.check("https://metadata.internal.example/"))
			.withMessageContaining("169.254.169.254");
	}

	@Test
	void privateAndUniqueLocalAddressesAreRefused() {
		for (String url : new String[] { "https://10.0.0.1", "https://172.16.5.4", "https://192.168.0.1",
				"https://[fc00::1]", "https://[fe80::1]", "https://100.64.0.1", "https://0.0.0.0",
				"https://localhost:8443", "https://app.localhost" }) {
			assertThatExceptionOfType(ModelEndpoints.InvalidModelEndpoint.class).as(url)
				.isThrownBy(() -> this.strict.check(url));
		}
	}

	@Test
	void anUnknownHostIsRefused() {
		assertThatExceptionOfType(ModelEndpoints.InvalidModelEndpoint.class)
			.isThrownBy(() -> this.strict.check("https://nowhere.example/v1"))
			.withMessageContaining("unknown");
	}

	@Test
	void httpIsRefusedUnlessTheOperatorAllowsIt() {
		assertThatExceptionOfType(ModelEndpoints.InvalidModelEndpoint.class)
			.isThrownBy(() -> this.strict.check("http://api.example.com/v1"))
			.withMessageContaining("https");
		assertThatNoException().isThrownBy(() -> this.lenient.check("http://api.example.com/v1"));
	}

	@Test
	void theOperatorMayAllowPrivateHostsSuchAsALocalModel() {
		assertThatNoException().isThrownBy(() -> this.lenient.check("http://localhost:11434/v1"));
		assertThatNoException().isThrownBy(() -> this.lenient.check("https://models.internal.example/v1"));
	}

	@Test
	void credentialsInTheUrlAreRefusedEvenWhenPrivateHostsAreAllowed() {
		assertThatExceptionOfType(ModelEndpoints.InvalidModelEndpoint.class)
			.isThrownBy(() -> this.lenient.check("https://user:pw@api.example.com/v1"));
	}

}
