package dev.jiraai.admin;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

import dev.jiraai.problem.DescribedProblem;
import dev.jiraai.problem.ProblemType;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Checks a model endpoint a site admin sets, so the setting cannot make the app call a
 * host inside the operator's network (server-side request forgery): https only, and no
 * loopback, link-local, private (RFC 1918), unique-local IPv6 or {@code localhost} host,
 * nor a name that resolves to one, unless the operator allows them
 * ({@link AdminProperties}). A name is resolved when it is set; a DNS answer that changes
 * later is not re-checked on every call.
 */
@Component
class ModelEndpoints {

	private final AdminProperties properties;

	private final Resolver resolver;

	/** Resolves a host name to its addresses (replaceable in tests). */
	interface Resolver {

		InetAddress[] resolve(String host) throws UnknownHostException;

	}

	@Autowired
	ModelEndpoints(AdminProperties properties) {
		this(properties, InetAddress::getAllByName);
	}

	ModelEndpoints(AdminProperties properties, Resolver resolver) {
		this.properties = properties;
		this.resolver = resolver;
	}

	/**
	 * Checks an endpoint.
	 * @throws InvalidModelEndpoint when it may not be used, saying why
	 */
	void check(String baseUrl) {
		URI uri;
		try {
			uri = new URI(baseUrl.strip());
		}
		catch (URISyntaxException ex) {
			throw new InvalidModelEndpoint(baseUrl, "it is not a URL");
		}
		String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
		if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
			throw new InvalidModelEndpoint(baseUrl, "it must be an https URL, e.g. https://api.openai.com/v1");
		}
		if (scheme.equals("http") && !this.properties.allowHttpModelUrls()) {
			throw new InvalidModelEndpoint(baseUrl, "it must use https (the API key would travel unencrypted)");
		}
		if (uri.getUserInfo() != null) {
			throw new InvalidModelEndpoint(baseUrl, "it must not contain a user name or password");
		}
		if (this.properties.allowPrivateModelHosts()) {
			return;
		}
		String host = uri.getHost().toLowerCase(Locale.ROOT);
		if (host.equals("localhost") || host.endsWith(".localhost")) {
			throw new InvalidModelEndpoint(baseUrl, "its host is this server (localhost)");
		}
		InetAddress[] addresses;
		try {
			addresses = this.resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
		}
		catch (UnknownHostException ex) {
			throw new InvalidModelEndpoint(baseUrl, "its host %s is unknown".formatted(host));
		}
		for (InetAddress address : addresses) {
			if (isInternal(address)) {
				throw new InvalidModelEndpoint(baseUrl,
						"its host %s is an internal address (%s), not reachable for a site's model".formatted(host,
								address.getHostAddress()));
			}
		}
	}

	static boolean isInternal(InetAddress address) {
		if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
				|| address.isAnyLocalAddress() || address.isMulticastAddress()) {
			return true;
		}
		byte[] bytes = address.getAddress();
		// Unique-local IPv6 (fc00::/7), which isSiteLocalAddress() does not cover.
		if (bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc) {
			return true;
		}
		// Carrier-grade NAT (100.64.0.0/10), private in practice.
		return bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
	}

	/** A model endpoint a site admin may not set. */
	static final class InvalidModelEndpoint extends RuntimeException implements DescribedProblem {

		private static final ProblemType TYPE = new ProblemType(HttpStatus.BAD_REQUEST, "invalid-model-endpoint",
				"The model endpoint cannot be used", "Enter the public https URL of an OpenAI-compatible API.");

		InvalidModelEndpoint(String baseUrl, String why) {
			super("The base URL '%s' cannot be used: %s".formatted(baseUrl, why));
		}

		@Override
		public ProblemType problemType() {
			return TYPE;
		}

	}

}
