package dev.jiraai.admin;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.jiraai.jira.IssueKey;
import dev.jiraai.jira.ProjectKey;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The site's audit log for its admins ({@code audit_log}, written by the confirm module
 * for every proposal carried out, whatever the outcome, and by the API tokens module):
 * newest first, filtered, a page at a time, or all of it as CSV; and its retention.
 */
@Service
class AuditTrail {

	static final int MAX_PAGE_SIZE = 200;

	static final int CSV_LIMIT = 100_000;

	private static final Pattern ISSUE_KEY = Pattern.compile("\\b" + IssueKey.SHAPE + "\\b");

	private final JdbcClient jdbc;

	private final AccountNames names;

	/**
	 * What to show: entries of the period (all time when {@code null}), of one user,
	 * feature and project, each when not {@code null}.
	 */
	record Filter(Period period, String accountId, String feature, ProjectKey project) {
	}

	/** An account and its display name (its id when Jira no longer knows it). */
	record Account(String accountId, String displayName) {
	}

	/** An issue written to, and where to see it. */
	record IssueLink(String key, URI url) {
	}

	/**
	 * One entry.
	 *
	 * @param proposedBy {@code ai} for a proposal of the AI carried out when a user
	 * confirmed it, {@code user} for what a user did themselves (e.g. create a token)
	 * @param confirmedBy who confirmed or did it, or {@code null} when the account was
	 * closed
	 */
	record Entry(long id, Instant at, String kind, String summary, String outcome, String error, String feature,
			String proposedBy, UUID proposalId, Account confirmedBy, String target, List<IssueLink> links) {
	}

	record Page(List<Entry> entries, int page, int size, long total) {
	}

	AuditTrail(JdbcClient jdbc, AccountNames names) {
		this.jdbc = jdbc;
		this.names = names;
	}

	Page page(SiteUser admin, Filter filter, int page, int size) {
		Where where = where(admin, filter);
		long total = this.jdbc.sql("SELECT count(*) FROM audit_log WHERE " + where.sql)
			.params(where.params)
			.query(Long.class)
			.single();
		List<Object> params = new ArrayList<>(where.params);
		params.add(size);
		params.add((long) page * size);
		return new Page(entries(admin, where, " LIMIT ? OFFSET ?", params), page, size, total);
	}

	String csv(SiteUser admin, Filter filter) {
		Where where = where(admin, filter);
		List<Object> params = new ArrayList<>(where.params);
		params.add(CSV_LIMIT);
		Csv csv = new Csv().row("at", "kind", "summary", "outcome", "error", "feature", "proposed_by", "proposal_id",
				"confirmed_by_account_id", "confirmed_by_name", "target", "links");
		for (Entry entry : entries(admin, where, " LIMIT ?", params)) {
			csv.row(entry.at(), entry.kind(), entry.summary(), entry.outcome(), entry.error(), entry.feature(),
					entry.proposedBy(), entry.proposalId(),
					entry.confirmedBy() == null ? null : entry.confirmedBy().accountId(),
					entry.confirmedBy() == null ? null : entry.confirmedBy().displayName(), entry.target(),
					String.join(" ", entry.links().stream().map(link -> link.url().toString()).toList()));
		}
		return csv.toString();
	}

	private List<Entry> entries(SiteUser admin, Where where, String limit, List<Object> params) {
		List<Entry> rows = this.jdbc.sql("""
				SELECT id, created_at, kind, summary, outcome, error, feature, proposal_id, account_id, target
				FROM audit_log WHERE %s ORDER BY created_at DESC, id DESC""".formatted(where.sql) + limit)
			.params(params)
			.query((rs, row) -> {
				UUID proposal = rs.getObject("proposal_id", UUID.class);
				String accountId = rs.getString("account_id");
				return new Entry(rs.getLong("id"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
						rs.getString("kind"), rs.getString("summary"), rs.getString("outcome"), rs.getString("error"),
						rs.getString("feature"), proposal == null ? "user" : "ai", proposal,
						accountId == null ? null : new Account(accountId, null), rs.getString("target"), List.of());
			})
			.list();
		URI browse = browseBase(admin);
		// Names and links after the rows are read: no Jira call while a connection is
		// held.
		return rows.stream()
			.map(entry -> new Entry(entry.id(), entry.at(), entry.kind(), entry.summary(), entry.outcome(),
					entry.error(), entry.feature(), entry.proposedBy(), entry.proposalId(),
					entry.confirmedBy() == null ? null
							: new Account(entry.confirmedBy().accountId(),
									this.names.of(admin, entry.confirmedBy().accountId())),
					entry.target(), links(browse, entry)))
			.toList();
	}

	private static URI browseBase(SiteUser admin) {
		URI base = (admin.site().displayUrl() != null) ? admin.site().displayUrl() : admin.site().baseUrl();
		String text = base.toString();
		return URI.create(text.endsWith("/") ? text : text + "/");
	}

	private static List<IssueLink> links(URI browse, Entry entry) {
		// Only what Jira writes are issues: a token's prefix is no issue key.
		if (entry.target() == null || "api-tokens".equals(entry.feature())) {
			return List.of();
		}
		List<IssueLink> links = new ArrayList<>();
		Matcher keys = ISSUE_KEY.matcher(entry.target());
		while (keys.find()) {
			links.add(new IssueLink(keys.group(), browse.resolve("browse/" + keys.group())));
		}
		return List.copyOf(links);
	}

	private record Where(String sql, List<Object> params) {
	}

	private static Where where(SiteUser admin, Filter filter) {
		StringBuilder sql = new StringBuilder("client_key = ?");
		List<Object> params = new ArrayList<>(List.of(admin.site().clientKey()));
		if (filter.period() != null) {
			sql.append(" AND created_at >= ? AND created_at < ?");
			params.add(filter.period().start());
			params.add(filter.period().end());
		}
		if (filter.accountId() != null) {
			sql.append(" AND account_id = ?");
			params.add(filter.accountId());
		}
		if (filter.feature() != null) {
			sql.append(" AND feature = ?");
			params.add(filter.feature());
		}
		if (filter.project() != null) {
			// An issue key of the project anywhere in the target (a batch names several).
			sql.append(" AND target ~ ?");
			params.add("(^|[^A-Z0-9_])" + filter.project().value() + "-[0-9]");
		}
		return new Where(sql.toString(), params);
	}

	/** Deletes every site's entries older than the retention; how many. */
	int deleteOlderThan(java.time.Duration retention, Clock clock) {
		return this.jdbc.sql("DELETE FROM audit_log WHERE created_at < ?")
			.param(clock.instant().minus(retention).atOffset(ZoneOffset.UTC))
			.update();
	}

}
