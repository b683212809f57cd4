package dev.jiraai.privacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import com.atlassian.connect.spring.AtlassianHost;
import dev.jiraai.connect.ConnectTokens;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Client of Atlassian's personal data reporting API: {@code POST /app/report-accounts/}
 * with at most {@value #MAX_ACCOUNTS} accounts, authenticated as the app with a Connect
 * JWT signed with the site's shared secret (issuer: the app key; {@code qsh} of the
 * request), as the library signs the app's calls to Jira.
 */
@Component
class ReportingApi {

	/** Atlassian's limit of accounts per request. */
	static final int MAX_ACCOUNTS = 90;

	private static final String REPORT_ACCOUNTS = "/app/report-accounts/";

	private static final Duration JWT_LIFETIME = Duration.ofMinutes(3);

	private static final Duration DEFAULT_RETRY_AFTER = Duration.ofMinutes(1);

	private static final DateTimeFormatter UPDATED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX")
		.withZone(java.time.ZoneOffset.UTC);

	private final RestClient http;

	private final ConnectTokens tokens;

	private final Clock clock;

	private final ObjectMapper json;

	ReportingApi(RestClient.Builder builder, PrivacyProperties properties, ConnectTokens tokens, Optional<Clock> clock,
			ObjectMapper json) {
		this.http = builder.clone().baseUrl(properties.reportingBaseUrl().toString()).build();
		this.tokens = tokens;
		this.clock = clock.orElseGet(Clock::systemUTC);
		this.json = json;
	}

	/**
	 * Reports one batch of a site's accounts.
	 * @throws PersonalDataReportFailed when the API cannot be reached or refuses the
	 * report
	 */
	ReportAnswer report(AtlassianHost host, List<StoredAccount> accounts) {
		if (accounts.isEmpty() || accounts.size() > MAX_ACCOUNTS) {
			throw new IllegalArgumentException(
					"A report holds 1 to %d accounts, not %d".formatted(MAX_ACCOUNTS, accounts.size()));
		}
		Body body = new Body(accounts.stream()
			.map(account -> new Body.Account(account.accountId(),
					UPDATED_AT.format(account.updatedAt().truncatedTo(ChronoUnit.MILLIS))))
			.toList());
		try {
			return this.http.post()
				.uri(REPORT_ACCOUNTS)
				.header(HttpHeaders.AUTHORIZATION, "JWT " + jwt(host))
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.body(body)
				.exchange((request, response) -> answer(host, response.getStatusCode(), response.getHeaders(),
						StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8)));
		}
		catch (RestClientException ex) {
			throw new PersonalDataReportFailed(host.getClientKey(), ex.getMessage(), ex);
		}
	}

	private ReportAnswer answer(AtlassianHost host, HttpStatusCode status, HttpHeaders headers, String body)
			throws IOException {
		return switch (status.value()) {
			case 200 -> new ReportAnswer.Statuses(statuses(body), cyclePeriod(headers));
			case 204 -> new ReportAnswer.Statuses(List.of(), cyclePeriod(headers));
			case 429 -> new ReportAnswer.RateLimited(retryAfter(headers));
			default -> throw new PersonalDataReportFailed(host.getClientKey(), "HTTP " + status.value(), null);
		};
	}

	private List<ReportAnswer.AccountStatus> statuses(String body) throws IOException {
		List<ReportAnswer.AccountStatus> accounts = this.json.readValue(body, Answer.class).accounts();
		return (accounts != null) ? List.copyOf(accounts) : List.of();
	}

	private String jwt(AtlassianHost host) {
		return this.tokens.apiJwt(HttpMethod.POST, REPORT_ACCOUNTS, host, this.clock.instant(), JWT_LIFETIME);
	}

	/**
	 * {@code Cycle-Period}: a number of hours; an ISO-8601 duration is accepted too.
	 */
	static Optional<Duration> cyclePeriod(HttpHeaders headers) {
		String value = headers.getFirst("Cycle-Period");
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		try {
			return Optional.of(value.trim().matches("\\d+") ? Duration.ofHours(Long.parseLong(value.trim()))
					: Duration.parse(value.trim()));
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	/** {@code Retry-After}: seconds or an HTTP date (RFC 9110). */
	private Duration retryAfter(HttpHeaders headers) {
		String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (value == null || value.isBlank()) {
			return DEFAULT_RETRY_AFTER;
		}
		if (value.trim().matches("\\d+")) {
			return Duration.ofSeconds(Long.parseLong(value.trim()));
		}
		try {
			Duration until = Duration.between(this.clock.instant(),
					ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
			return until.isNegative() ? Duration.ZERO : until;
		}
		catch (DateTimeParseException ex) {
			return DEFAULT_RETRY_AFTER;
		}
	}

	/** The request body: {@code {"accounts":[{"accountId":…,"updatedAt":…}]}}. */
	record Body(List<Account> accounts) {

		record Account(String accountId, String updatedAt) {
		}

	}

	/** The 200 body: {@code {"accounts":[{"accountId":…,"status":…}]}}. */
	record Answer(List<ReportAnswer.AccountStatus> accounts) {
	}

}
