package dev.jiraai.ai;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What is hidden from the model besides secrets, which always are.
 *
 * @param maskPersonalDataDefault whether e-mail addresses and phone numbers are replaced
 * by placeholders for sites that did not choose
 */
@ConfigurationProperties("jira-ai.privacy")
public record PrivacyProperties(@DefaultValue("true") boolean maskPersonalDataDefault) {
}
