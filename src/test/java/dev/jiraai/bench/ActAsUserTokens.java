package dev.jiraai.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * Atlassian's OAuth 2.0 token endpoint, which Connect's act-as-user calls before every
 * first Jira read for a user. The library hard-codes
 * {@code https://oauth-2-authorization-server.services.atlassian.com}; the tests redirect
 * it with a bean post-processor, which a packaged jar cannot take. So the child JVM gets
 * a hosts file ({@code jdk.net.hosts.file}) naming this machine for that host, and a
 * trust store holding this server's self-signed certificate. It listens on 443 (the bench
 * runs as root) and grants every assertion a bearer token the bench Jira accepts.
 */
final class ActAsUserTokens implements AutoCloseable {

	static final String HOST = "oauth-2-authorization-server.services.atlassian.com";

	private static final String PASSWORD = "bench-only";

	private final HttpsServer server;

	private final Path hostsFile;

	private final Path trustStore;

	ActAsUserTokens(Path directory, Duration latency) throws IOException, InterruptedException {
		Files.createDirectories(directory);
		Path keyStore = directory.resolve("token-endpoint.p12");
		Path certificate = directory.resolve("token-endpoint.cer");
		this.trustStore = directory.resolve("trust.p12");
		this.hostsFile = directory.resolve("hosts");
		for (Path file : List.of(keyStore, certificate, this.trustStore)) {
			Files.deleteIfExists(file);
		}
		keytool("-genkeypair", "-alias", "endpoint", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname",
				"CN=" + HOST, "-ext", "san=dns:" + HOST, "-keystore", keyStore.toString(), "-storetype", "PKCS12",
				"-storepass", PASSWORD);
		keytool("-exportcert", "-alias", "endpoint", "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-file",
				certificate.toString());
		keytool("-importcert", "-noprompt", "-alias", "endpoint", "-file", certificate.toString(), "-keystore",
				this.trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
		Files.writeString(this.hostsFile, "127.0.0.1 localhost " + HOST + "\n::1 localhost\n");
		this.server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 443), 1024);
		this.server.setHttpsConfigurator(new HttpsConfigurator(sslContext(keyStore)));
		Upstream.onVirtualThreads(this.server);
		this.server.createContext("/oauth2/token", exchange -> {
			Upstream.body(exchange);
			Upstream.pause(latency);
			Upstream.respond(exchange, 200, "application/json",
					"{\"access_token\":\"bench-user-%s\",\"token_type\":\"Bearer\",\"expires_in\":900}"
						.formatted(UUID.randomUUID()));
		});
		this.server.start();
	}

	/** The system properties that send the child's token requests here. */
	List<String> jvmArguments() {
		return List.of("-Djdk.net.hosts.file=" + this.hostsFile, "-Djavax.net.ssl.trustStore=" + this.trustStore,
				"-Djavax.net.ssl.trustStorePassword=" + PASSWORD, "-Djavax.net.ssl.trustStoreType=PKCS12");
	}

	private static SSLContext sslContext(Path keyStore) throws IOException {
		try (InputStream in = Files.newInputStream(keyStore)) {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(in, PASSWORD.toCharArray());
			KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keys.init(store, PASSWORD.toCharArray());
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keys.getKeyManagers(), null, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IOException(ex);
		}
	}

	private static void keytool(String... arguments) throws IOException, InterruptedException {
		List<String> command = new java.util.ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (process.waitFor() != 0) {
			throw new IOException("keytool failed: " + output);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
