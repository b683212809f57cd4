package dev.jiraai.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the app's HTTP surface.
 *
 * @param maxBodySize the largest request body accepted; a larger one is refused with 413
 * {@code request-too-large} before anything reads it (the largest legitimate body, a
 * draft of 8,000 characters or a batch of drafts, is far below the default)
 */
@ConfigurationProperties("jira-ai.web")
record WebProperties(@DefaultValue("1MB") DataSize maxBodySize) {
}
