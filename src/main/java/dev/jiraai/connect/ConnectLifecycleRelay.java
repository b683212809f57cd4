package dev.jiraai.connect;

import com.atlassian.connect.spring.AddonInstalledEvent;
import com.atlassian.connect.spring.AddonUninstalledEvent;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns the library's lifecycle events into this app's own, so no other module depends on
 * the library's types.
 */
@Component
class ConnectLifecycleRelay {

	private final ApplicationEventPublisher events;

	ConnectLifecycleRelay(ApplicationEventPublisher events) {
		this.events = events;
	}

	@EventListener
	void on(AddonInstalledEvent event) {
		this.events.publishEvent(new SiteInstalled(event.getHost().getClientKey(), event.getHost().getBaseUrl()));
	}

	@EventListener
	void on(AddonUninstalledEvent event) {
		this.events.publishEvent(new SiteUninstalled(event.getHost().getClientKey(), event.getHost().getBaseUrl()));
	}

}
