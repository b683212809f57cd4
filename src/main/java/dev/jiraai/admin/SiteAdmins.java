package dev.jiraai.admin;

import dev.jiraai.jira.JiraIdentity;
import dev.jiraai.jira.JiraPermissions;
import dev.jiraai.problem.DescribedProblem;
import dev.jiraai.problem.ProblemType;
import dev.jiraai.tenancy.SiteUser;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Whether a user is a Jira administrator of their site, as Jira says when asked as that
 * user ("Administer Jira", {@code GET /rest/api/3/mypermissions}). The answer is kept a
 * minute per site and account ({@link AdminCaches#SITE_ADMINS}): an admin page makes
 * several calls in a row, and a revoked admin loses access within the minute.
 */
@Service
public class SiteAdmins {

	private final JiraPermissions permissions;

	private final Cache answers;

	SiteAdmins(JiraPermissions permissions, CacheManager caches) {
		this.permissions = permissions;
		this.answers = caches.getCache(AdminCaches.SITE_ADMINS);
	}

	/** Whether the user administers the site; the app acting for itself does not. */
	public boolean isAdmin(SiteUser user) {
		if (user.accountId() == null) {
			return false;
		}
		Boolean admin = this.answers.get(user.site().clientKey() + "|" + user.accountId(),
				() -> this.permissions.hasGlobal(JiraIdentity.of(user), JiraPermissions.ADMINISTER));
		return Boolean.TRUE.equals(admin);
	}

	/**
	 * Checks that the user administers the site.
	 * @throws NotSiteAdmin when they do not
	 */
	public void require(SiteUser user) {
		if (!isAdmin(user)) {
			throw new NotSiteAdmin();
		}
	}

	/** The caller is not a Jira administrator of the site. */
	public static final class NotSiteAdmin extends RuntimeException implements DescribedProblem {

		private static final ProblemType TYPE = new ProblemType(HttpStatus.FORBIDDEN, "not-site-admin",
				"Jira administrators only", "Ask a Jira administrator of the site to do it.");

		NotSiteAdmin() {
			super("Only a Jira administrator of this site may do this");
		}

		@Override
		public ProblemType problemType() {
			return TYPE;
		}

	}

}
