package dev.jiraai.connect;

import com.atlassian.connect.spring.internal.AtlassianConnectErrorController;

/**
 * The error page ({@code /error}) belongs to atlassian-connect-spring-boot, which maps it
 * itself; this tells its controller apart without other modules naming the library's
 * internal type.
 */
public final class ConnectErrorPage {

	private ConnectErrorPage() {
	}

	/** Whether a controller is the error page's. */
	public static boolean isErrorPage(Class<?> controller) {
		return AtlassianConnectErrorController.class.isAssignableFrom(controller);
	}

}
