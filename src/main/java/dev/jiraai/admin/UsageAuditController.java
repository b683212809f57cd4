package dev.jiraai.admin;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

import com.atlassian.connect.spring.ContextJwt;
import dev.jiraai.jira.ProjectKey;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The usage and audit views of the admin page, and their CSV exports. Admins only by
 * their path ({@link AdminEndpointGuard}).
 */
@RestController
@ContextJwt
class UsageAuditController {

	private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	private final UsageReport usage;

	private final AuditTrail audit;

	private final Clock clock;

	UsageAuditController(UsageReport usage, AuditTrail audit, Optional<Clock> clock) {
		this.usage = usage;
		this.audit = audit;
		this.clock = clock.orElseGet(Clock::systemUTC);
	}

	@GetMapping("/api/admin/usage")
	UsageReport.Usage usage(SiteUser admin,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		return this.usage.of(admin, Period.of(from, to, this.clock));
	}

	@GetMapping("/api/admin/usage.csv")
	ResponseEntity<String> usageCsv(SiteUser admin,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		Period period = Period.of(from, to, this.clock);
		return csv("usage-%s-%s.csv".formatted(period.from(), period.to()), this.usage.csv(admin, period));
	}

	@GetMapping("/api/admin/audit")
	AuditTrail.Page audit(SiteUser admin,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) String user, @RequestParam(required = false) String feature,
			@RequestParam(required = false) String project, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		return this.audit.page(admin, filter(from, to, user, feature, project), Math.max(0, page),
				Math.clamp(size, 1, AuditTrail.MAX_PAGE_SIZE));
	}

	@GetMapping("/api/admin/audit.csv")
	ResponseEntity<String> auditCsv(SiteUser admin,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) String user, @RequestParam(required = false) String feature,
			@RequestParam(required = false) String project) {
		return csv("audit.csv", this.audit.csv(admin, filter(from, to, user, feature, project)));
	}

	private AuditTrail.Filter filter(LocalDate from, LocalDate to, String user, String feature, String project) {
		// Without dates the audit shows all it keeps; with one, a period as usage has.
		Period period = (from == null && to == null) ? null : Period.of(from, to, this.clock);
		return new AuditTrail.Filter(period, blankIsNull(user), blankIsNull(feature),
				blankIsNull(project) == null ? null : ProjectKey.of(project.strip()));
	}

	private static String blankIsNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static ResponseEntity<String> csv(String filename, String body) {
		return ResponseEntity.ok()
			.contentType(CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(filename).build().toString())
			.body(body);
	}

}
