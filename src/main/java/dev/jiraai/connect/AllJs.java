package dev.jiraai.connect;

import com.atlassian.connect.spring.internal.AtlassianConnectProperties;

import org.springframework.stereotype.Component;

/**
 * Where a Connect page loads Jira's {@code all.js} from: the configured URL
 * ({@code atlassian.connect.all-js-url}, a local stand-in in tests), or the library's
 * default (its debug build with {@code atlassian.connect.debug-all-js}).
 */
@Component
public class AllJs {

	private final AtlassianConnectProperties connect;

	AllJs(AtlassianConnectProperties connect) {
		this.connect = connect;
	}

	public String url() {
		if (this.connect.getAllJsUrl() != null) {
			return this.connect.getAllJsUrl();
		}
		return this.connect.isDebugAllJs() ? AtlassianConnectProperties.DEFAULT_ALL_DEBUG_JS_URL
				: AtlassianConnectProperties.DEFAULT_ALL_JS_URL;
	}

}
