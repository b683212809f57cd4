package dev.jiraai.connect;

import com.atlassian.connect.spring.internal.request.UserAgentProvider;

import org.springframework.stereotype.Component;

/**
 * The {@code User-Agent} the app's own calls to Atlassian carry: the one the library's
 * clients send (library, app key and version), so Atlassian sees one app either way.
 */
@Component
public class ConnectUserAgent {

	private final String value;

	ConnectUserAgent(UserAgentProvider provider) {
		this.value = provider.getUserAgent();
	}

	public String value() {
		return this.value;
	}

}
