package dev.jiraai.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Calls the app as Forge's {@code invokeRemote} does: the Forge Invocation Token, the
 * user's Forge token ({@code x-forge-oauth-user}), JSON, and Forge's limit: Forge cuts a
 * Custom UI call to a remote at 25 seconds, so a call that takes longer fails the test,
 * as it would fail in Jira.
 *
 * @param http the client
 * @param baseUrl the app instance called
 */
public record ForgeCalls(HttpClient http, String baseUrl) {

	/** Forge's limit for one Custom UI → remote call. */
	public static final Duration LIMIT = Duration.ofSeconds(25);

	public HttpResponse<String> call(SimulatedSite site, String accountId, String userToken, String method,
			String pathAndQuery, String jsonBody, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + pathAndQuery))
			.timeout(LIMIT)
			.header("Authorization", "Bearer " + site.forgeInvocationToken(accountId))
			.header("x-forge-oauth-user", userToken)
			.header("Accept", "application/json")
			.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(jsonBody));
		if (jsonBody != null) {
			request.header("Content-Type", "application/json");
		}
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (HttpTimeoutException ex) {
			throw new AssertionError("Forge would have cut this call at 25 s: " + method + " " + pathAndQuery, ex);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
