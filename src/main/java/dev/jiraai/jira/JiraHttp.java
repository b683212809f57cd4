package dev.jiraai.jira;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import java.net.http.HttpClient;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jiraai.connect.ActAsUserTokenRefused;
import dev.jiraai.connect.ConnectUserAgent;
import io.github.resilience4j.retry.Retry;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The HTTP boundary of the Jira client: picks the credentials of the identity a call is
 * made as, retries what may be retried, and turns failures into {@link JiraException}s
 * carrying Jira's own messages.
 * <p>
 * One pooled client serves every site and identity, for the life of the app: the
 * credentials differ per call and go in a header ({@link JiraCredentials}); connections
 * are kept alive and reused, and the JDK client's work runs on virtual threads. Timeouts
 * are Spring Boot's {@code spring.http.client.*}.
 */
@Component
class JiraHttp {

	private final RestTemplate client;

	private final JiraCredentials credentials;

	private final String userAgent;

	private final JiraRetryPolicy retries;

	private final ObjectMapper json;

	private final io.micrometer.core.instrument.MeterRegistry meters;

	JiraHttp(RestTemplateBuilder builder, JiraCredentials credentials, ConnectUserAgent userAgent,
			JiraProperties properties, ObjectMapper json, io.micrometer.core.instrument.MeterRegistry meters) {
		this.meters = meters;
		this.client = builder
			.requestFactoryBuilder(ClientHttpRequestFactoryBuilder.jdk()
				.withHttpClientCustomizer(http -> http.version(HttpClient.Version.HTTP_1_1)
					.executor(Executors.newVirtualThreadPerTaskExecutor())))
			.build();
		this.credentials = credentials;
		this.userAgent = userAgent.value();
		this.retries = new JiraRetryPolicy(properties.retry());
		this.json = json;
	}

	/**
	 * Builds a relative request URI from a template, its variables and query parameters
	 * (null values left out).
	 */
	static URI uri(String template, Map<String, ?> query, Object... variables) {
		UriComponentsBuilder builder = UriComponentsBuilder.fromPath(template);
		query.forEach((name, value) -> {
			if (value != null) {
				builder.queryParam(name, value);
			}
		});
		return builder.encode().buildAndExpand(variables).toUri();
	}

	static URI uri(String template, Object... variables) {
		return uri(template, Map.of(), variables);
	}

	/** An idempotent read. */
	JsonNode get(String operation, JiraIdentity who, URI uri) {
		return exchange(operation, who, HttpMethod.GET, uri, null, true);
	}

	/**
	 * A write.
	 * @param idempotent whether sending it twice does no harm (PUT of a field, a
	 * transition); when not, an ambiguous failure is reported as {@link OutcomeUnknown}
	 * ({@link AmbiguousFailure}) rather than retried
	 * @return the response body, or {@code null} for an empty one
	 */
	JsonNode send(String operation, JiraIdentity who, HttpMethod method, URI uri, Object body, boolean idempotent) {
		return exchange(operation, who, method, uri, body, idempotent);
	}

	private JsonNode exchange(String operation, JiraIdentity who, HttpMethod method, URI uri, Object body,
			boolean idempotent) {
		Retry retry = this.retries.retryFor(operation, idempotent);
		try {
			ResponseEntity<JsonNode> response = retry.executeSupplier(() -> {
				// Signed per attempt: a Connect JWT is short-lived and a user token may
				// have been refreshed.
				JiraCredentials.Signed signed = this.credentials.sign(who, method, uri);
				long started = System.nanoTime();
				String status = "io_error";
				try {
					ResponseEntity<JsonNode> answer = this.client.exchange(signed.uri(), method,
							new HttpEntity<>(body, headers(signed, body)), JsonNode.class);
					status = Integer.toString(answer.getStatusCode().value());
					return answer;
				}
				catch (HttpStatusCodeException ex) {
					status = Integer.toString(ex.getStatusCode().value());
					throw ex;
				}
				finally {
					// Each attempt, by operation ("get issue") and Jira's status: never a
					// site, user or issue key as a tag.
					this.meters.timer("jira.calls", "operation", operation, "status", status)
						.record(java.time.Duration.ofNanos(System.nanoTime() - started));
				}
			});
			return response.getBody();
		}
		catch (HttpStatusCodeException ex) {
			if (!idempotent && isAmbiguous(ex)) {
				throw new AmbiguousFailure(operation, ex);
			}
			throw translate(operation, ex);
		}
		catch (ResourceAccessException ex) {
			if (!idempotent) {
				throw new AmbiguousFailure(operation, ex);
			}
			throw new JiraException.Unavailable(operation, 0, rootMessage(ex), ex);
		}
		catch (RestClientException ex) {
			throw ActAsUserTokenRefused.in(ex)
				.<JiraException>map(refused -> new JiraException.UserAuthorizationUnavailable(operation, refused))
				.orElseGet(() -> new JiraException.Unavailable(operation, 0, rootMessage(ex), ex));
		}
		catch (RuntimeException ex) {
			// The token fetch fails inside the library, which may wrap the refusal in its
			// own
			// exception types.
			throw ActAsUserTokenRefused.in(ex)
				.<RuntimeException>map(refused -> new JiraException.UserAuthorizationUnavailable(operation, refused))
				.orElse(ex);
		}
	}

	/** Whether Jira may have carried out the request despite the error. */
	private static boolean isAmbiguous(HttpStatusCodeException ex) {
		int status = ex.getStatusCode().value();
		return ex.getStatusCode().is5xxServerError() && status != 503;
	}

	JiraException translate(String operation, HttpStatusCodeException ex) {
		int status = ex.getStatusCode().value();
		List<String> messages = new ArrayList<>();
		Map<String, String> errors = new LinkedHashMap<>();
		try {
			JsonNode body = this.json.readTree(ex.getResponseBodyAsString());
			if (body != null) {
				body.path("errorMessages").forEach(message -> messages.add(message.asText()));
				body.path("errors")
					.properties()
					.forEach(error -> errors.put(error.getKey(), error.getValue().asText()));
				if (body.hasNonNull("message") && messages.isEmpty()) {
					messages.add(body.path("message").asText());
				}
			}
		}
		catch (Exception notJson) {
			// Jira answers some errors (401 in particular) with an empty or HTML body.
		}
		return switch (status) {
			case 401 -> new JiraException.Unauthorized(operation, messages, ex);
			case 403 -> new JiraException.Forbidden(operation, messages, ex);
			case 404 -> new JiraException.NotFound(operation, messages, ex);
			case 429 -> new JiraException.RateLimited(operation,
					JiraRetryPolicy.serverWait(ex).orElse(java.time.Duration.ofSeconds(60)), ex);
			default -> ex.getStatusCode().is5xxServerError()
					? new JiraException.Unavailable(operation, status, "HTTP " + status, ex)
					: new JiraException.Rejected(operation, status, messages, errors, ex);
		};
	}

	private HttpHeaders headers(JiraCredentials.Signed signed, Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setAccept(List.of(MediaType.APPLICATION_JSON));
		if (body != null) {
			headers.setContentType(MediaType.APPLICATION_JSON);
		}
		headers.set(HttpHeaders.AUTHORIZATION, signed.authorization());
		headers.set(HttpHeaders.USER_AGENT, this.userAgent);
		return headers;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
	}

	/**
	 * A non-idempotent call failed in a way that leaves unknown whether Jira carried it
	 * out (connection lost, timeout, 5xx other than 503). The caller resolves it by
	 * looking for the request id it stamped on what it wrote, and reports
	 * {@link JiraException.OutcomeUnknown} when it cannot find it.
	 */
	static final class AmbiguousFailure extends RuntimeException {

		private final String operation;

		AmbiguousFailure(String operation, Throwable cause) {
			super("The outcome of '%s' is unknown: %s".formatted(operation, rootMessage(cause)), cause);
			this.operation = operation;
		}

		JiraException.OutcomeUnknown unresolved(java.net.URI checkUrl) {
			return new JiraException.OutcomeUnknown(this.operation, checkUrl, this);
		}

	}

}
