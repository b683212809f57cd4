package dev.jiraai.connect;

import java.io.IOException;

import com.atlassian.connect.spring.internal.request.oauth2.OAuth2JwtAccessTokenResponseClient;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Makes Connect's act-as-user fail closed. The library fetches the user's token from
 * Atlassian's authorization server inside the Jira request; a failure there would look
 * like Jira itself failing (a connection reset, a 401), be retried, and be reported as
 * "Jira is unavailable". Marking it at the token request ({@link ActAsUserTokenRefused})
 * lets the Jira client tell the user plainly, retry nothing, and never fall back to
 * acting as the app.
 */
@Configuration(proxyBeanMethods = false)
class ActAsUserTokenGuard {

	@Bean
	static BeanPostProcessor failActAsUserClosed() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof OAuth2JwtAccessTokenResponseClient client) {
					client.getRestTemplate().getInterceptors().add(0, markFailures());
				}
				return bean;
			}
		};
	}

	private static ClientHttpRequestInterceptor markFailures() {
		return (request, body, execution) -> {
			ClientHttpResponse response;
			try {
				response = execution.execute(request, body);
			}
			catch (IOException ex) {
				throw new ActAsUserTokenRefused("Atlassian's authorization server could not be reached", ex);
			}
			if (!response.getStatusCode().is2xxSuccessful()) {
				int status = response.getStatusCode().value();
				response.close();
				throw new ActAsUserTokenRefused(
						"Atlassian's authorization server refused the grant (HTTP %d)".formatted(status), null);
			}
			return response;
		};
	}

}
