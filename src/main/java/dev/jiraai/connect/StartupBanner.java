package dev.jiraai.connect;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells whoever started the app where Jira can find it.
 */
@Component
class StartupBanner {

	private static final Logger logger = LoggerFactory.getLogger(StartupBanner.class);

	private final AppProperties app;

	StartupBanner(AppProperties app) {
		this.app = app;
	}

	@EventListener(ApplicationReadyEvent.class)
	void announce() {
		logger.info("Connect descriptor: {} (app key '{}'); Forge remote base URL: {}{}", this.app.descriptorUrl(),
				this.app.key(), this.app.baseUrl(),
				this.app.forgeEnabled() ? "" : " (APP_ID not set: Forge calls are refused)");
	}

}
