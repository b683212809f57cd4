package dev.jiraai.ai;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.ResponseErrorHandler;

/**
 * Turns a provider's error answer into a {@link ProviderError} carrying its status,
 * OpenAI error code and {@code Retry-After}, which Spring AI's own handler drops.
 */
final class ProviderErrorHandler implements ResponseErrorHandler {

	private static final ObjectMapper json = new ObjectMapper();

	@Override
	public boolean hasError(ClientHttpResponse response) throws IOException {
		return response.getStatusCode().isError();
	}

	@Override
	public void handleError(URI url, HttpMethod method, ClientHttpResponse response) throws IOException {
		throw from(response.getStatusCode().value(), response.getHeaders(),
				new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
	}

	static ProviderError from(int status, HttpHeaders headers, String body) {
		String type = null;
		String code = null;
		String message = body;
		try {
			JsonNode error = json.readTree(body).path("error");
			if (error.isObject()) {
				type = error.path("type").isTextual() ? error.path("type").asText() : null;
				code = error.path("code").isTextual() ? error.path("code").asText() : null;
				message = error.path("message").asText(body);
			}
		}
		catch (IOException notJson) {
			// Some gateways answer errors in plain text or HTML: keep the body as the
			// message.
		}
		Duration retryAfter = null;
		String header = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (header != null) {
			try {
				retryAfter = Duration.ofMillis((long) (Double.parseDouble(header.trim()) * 1000));
			}
			catch (NumberFormatException ignored) {
				// An HTTP-date Retry-After: fall back to backoff.
			}
		}
		return new ProviderError(status, type, code, message, retryAfter);
	}

}
