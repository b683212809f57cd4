package dev.jiraai.tenancy;

import java.util.Optional;

/**
 * The user of the request being handled, for checks that run before a controller is
 * called (handler interceptors), where no {@link SiteUser} parameter can be resolved.
 */
public final class RequestUsers {

	private RequestUsers() {
	}

	/**
	 * The request's user, read from the security context of the request thread.
	 * @return the user, or empty when the request is not authenticated (the library's
	 * interceptor then refuses it)
	 */
	public static Optional<SiteUser> current() {
		return CurrentSiteUserResolver.find();
	}

}
