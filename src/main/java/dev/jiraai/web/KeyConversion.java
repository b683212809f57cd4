package dev.jiraai.web;

import dev.jiraai.jira.IssueKey;
import dev.jiraai.jira.ProjectKey;
import io.swagger.v3.oas.models.media.StringSchema;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Issue and project keys in paths and query parameters become {@link IssueKey} and
 * {@link ProjectKey} before a controller runs, so a malformed key is a 400 naming it
 * ({@link RequestProblems}) and never reaches a service. Bodies get the same through the
 * types' Jackson creators. The API description shows them as the strings they are on the
 * wire.
 */
@Configuration(proxyBeanMethods = false)
class KeyConversion implements WebMvcConfigurer {

	static {
		SpringDocUtils.getConfig()
			.replaceWithSchema(IssueKey.class, new StringSchema().pattern(IssueKey.SHAPE).example("PAY-42"));
		SpringDocUtils.getConfig()
			.replaceWithSchema(ProjectKey.class, new StringSchema().pattern(ProjectKey.SHAPE).example("PAY"));
	}

	@Override
	public void addFormatters(FormatterRegistry registry) {
		registry.addConverter(String.class, IssueKey.class, IssueKey::of);
		registry.addConverter(String.class, ProjectKey.class, ProjectKey::of);
	}

}
