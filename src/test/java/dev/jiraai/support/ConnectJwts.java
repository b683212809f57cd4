package dev.jiraai.support;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signs and checks JWTs the way Jira Cloud does, written from Atlassian's Connect JWT
 * specification (not from the library under test): the query string hash ({@code qsh}),
 * HS256 tokens with a site's shared secret and RS256 signed installs.
 */
public final class ConnectJwts {

	/** The {@code qsh} of context JWTs, which are not bound to one request. */
	public static final String CONTEXT_QSH = "context-qsh";

	private ConnectJwts() {
	}

	/**
	 * The query string hash of a request: SHA-256 of {@code METHOD&path&canonical-query},
	 * hex encoded.
	 * @param method the HTTP method
	 * @param pathAndQuery the path relative to the product or app base URL, with its raw
	 * (encoded) query
	 */
	public static String qsh(String method, String pathAndQuery) {
		URI uri = URI.create(pathAndQuery);
		String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) ? "/" : uri.getRawPath();
		if (path.length() > 1 && path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		String canonical = method.toUpperCase() + "&" + path.replace("&", "%26") + "&"
				+ canonicalQuery(uri.getRawQuery());
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String canonicalQuery(String rawQuery) {
		if (rawQuery == null || rawQuery.isEmpty()) {
			return "";
		}
		Map<String, List<String>> parameters = new TreeMap<>();
		for (String pair : rawQuery.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			if (!"jwt".equals(key)) {
				parameters.computeIfAbsent(encode(key), k -> new ArrayList<>()).add(encode(value));
			}
		}
		List<String> parts = new ArrayList<>();
		parameters.forEach((key, values) -> {
			values.sort(null);
			parts.add(key + "=" + String.join(",", values));
		});
		return String.join("&", parts);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8)
			.replace("+", "%20")
			.replace("*", "%2A")
			.replace("%7E", "~");
	}

	/**
	 * An HS256 token signed with a shared secret, valid for three minutes, with any extra
	 * claims.
	 */
	public static String hs256(String sharedSecret, String issuer, Consumer<JWTClaimsSet.Builder> claims) {
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(issuer)
			.issueTime(Date.from(Instant.now()))
			.expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(3))));
		claims.accept(builder);
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), builder.build());
		try {
			jwt.sign(new MACSigner(secretKey(sharedSecret)));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	/**
	 * An RS256 token with a key id, as Jira signs installs and Forge signs invocation
	 * tokens.
	 */
	public static String rs256(RSAPrivateKey key, String keyId, JWTClaimsSet claims) {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims);
		try {
			jwt.sign(new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	/**
	 * Verifies an HS256 token with a shared secret.
	 * @return its claims
	 * @throws IllegalArgumentException when it is malformed, badly signed or expired
	 */
	public static JWTClaimsSet verifyHs256(String token, String sharedSecret) {
		try {
			SignedJWT jwt = SignedJWT.parse(token);
			if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || jwt.getState() != JWSObject.State.SIGNED
					|| !jwt.verify(new MACVerifier(secretKey(sharedSecret)))) {
				throw new IllegalArgumentException("JWT signature does not verify");
			}
			JWTClaimsSet claims = jwt.getJWTClaimsSet();
			if (claims.getExpirationTime() == null || claims.getExpirationTime().toInstant().isBefore(Instant.now())) {
				throw new IllegalArgumentException("JWT is expired or has no exp");
			}
			return claims;
		}
		catch (java.text.ParseException | JOSEException ex) {
			throw new IllegalArgumentException("Malformed JWT: " + ex.getMessage(), ex);
		}
	}

	/**
	 * HS256 needs at least 256 bits of key; Jira's shared secrets are longer than that.
	 */
	private static byte[] secretKey(String secret) {
		byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
		if (bytes.length < 32) {
			throw new IllegalArgumentException("A shared secret needs at least 32 bytes");
		}
		return bytes;
	}

}
