package dev.jiraai.connect;

import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.Optional;
import java.util.Set;

import com.atlassian.connect.spring.internal.AtlassianConnectProperties;
import com.atlassian.connect.spring.internal.auth.frc.types.ForgeInvocationToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Verifies Forge Invocation Tokens (FIT) against Atlassian's JWKS.
 * <p>
 * The library downloads the JWKS on every bearer request and accepts tokens without an
 * expiry; this verifier keeps the key set in a cache with a bounded, rate-limited refresh
 * (a token signed by an unknown key triggers at most one refresh per interval) and
 * requires {@code exp}, issuer {@code forge/invocation-token} and the Forge app id as
 * audience.
 */
@Component
class ForgeInvocationTokens {

	private static final Logger logger = LoggerFactory.getLogger(ForgeInvocationTokens.class);

	private static final String FORGE_ISSUER = "forge/invocation-token";

	private final AppProperties app;

	private final DefaultJWTProcessor<SecurityContext> processor;

	private final ObjectMapper objectMapper = new ObjectMapper()
		.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

	ForgeInvocationTokens(AppProperties app, AtlassianConnectProperties connect, ConnectProperties properties) {
		this.app = app;
		this.processor = new DefaultJWTProcessor<>();
		this.processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
				jwkSource(connect.getForgeInvocationTokenJwksUrl(), properties)));
		this.processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(app.forgeEnabled() ? app.id() : null,
				new JWTClaimsSet.Builder().issuer(FORGE_ISSUER).build(),
				Set.of(JWTClaimNames.EXPIRATION_TIME, JWTClaimNames.AUDIENCE)));
	}

	private static JWKSource<SecurityContext> jwkSource(String jwksUrl, ConnectProperties properties) {
		try {
			return JWKSourceBuilder.<SecurityContext>create(URI.create(jwksUrl).toURL())
				.cache(properties.forgeJwksCacheTtl().toMillis(), properties.forgeJwksRefreshTimeout().toMillis())
				.rateLimited(properties.forgeJwksMinRefreshInterval().toMillis())
				.refreshAheadCache(false)
				.retrying(false)
				.build();
		}
		catch (MalformedURLException ex) {
			throw new IllegalStateException("Invalid Forge JWKS URL '%s'".formatted(jwksUrl), ex);
		}
	}

	/**
	 * Verifies a raw token.
	 * @return the decoded token, or empty when it is not a valid FIT for this app (the
	 * reason is logged)
	 */
	Optional<ForgeInvocationToken> verify(String rawToken) {
		if (!this.app.forgeEnabled()) {
			logger.debug("Rejected a Forge Invocation Token: no Forge app id (APP_ID) is configured");
			return Optional.empty();
		}
		try {
			JWTClaimsSet claims = this.processor.process(rawToken, null);
			ForgeInvocationToken token = this.objectMapper.readValue(claims.toString(), ForgeInvocationToken.class);
			if (token.getApp() == null || token.getApp().getInstallationId() == null) {
				logger.info("Rejected a Forge Invocation Token without an installation id");
				return Optional.empty();
			}
			return Optional.of(token);
		}
		catch (ParseException | BadJOSEException | JOSEException | JsonProcessingException ex) {
			logger.info("Rejected a Forge Invocation Token: {}", ex.getMessage());
			return Optional.empty();
		}
	}

}
