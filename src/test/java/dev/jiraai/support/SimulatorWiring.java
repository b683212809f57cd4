package dev.jiraai.support;

import java.net.URI;

import com.atlassian.connect.spring.internal.request.oauth2.OAuth2JwtAccessTokenResponseClient;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.support.HttpRequestWrapper;

/**
 * Points what the library hard-codes at the simulator: the OAuth 2.0 token endpoint the
 * app exchanges a JWT assertion at to act as a user
 * ({@code https://oauth-2-authorization-server.services.atlassian.com}), and gives the
 * app a clock tests can move forward.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SimulatorWiring {

	/** The app's clock, which tests move forward ({@link TestClock}). */
	@Bean
	java.time.Clock clock() {
		return TestClock.shared();
	}

	/**
	 * The prompt catalog and the model settings as Mockito spies, so a test can count how
	 * often a request looks them up (filtered by its own site: other tests' work may
	 * still be finishing).
	 */
	@Bean
	static BeanPostProcessor countLookups() {
		return new BeanPostProcessor() {
			@Override
			// Before initialisation: Spring's proxies (caching, transactions) then wrap
			// the spy, not the other way round.
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof dev.jiraai.ai.PromptCatalog || bean instanceof dev.jiraai.ai.SiteModelSettings) {
					return org.mockito.Mockito.spy(bean);
				}
				return bean;
			}
		};
	}

	@Bean
	static BeanPostProcessor redirectActAsUserTokenEndpoint() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof OAuth2JwtAccessTokenResponseClient client) {
					client.getRestTemplate().getInterceptors().add(new ToSimulator());
				}
				return bean;
			}
		};
	}

	/** Sends token requests to the simulator's endpoint instead of Atlassian's. */
	static final class ToSimulator implements ClientHttpRequestInterceptor {

		@Override
		public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
				throws java.io.IOException {
			URI target = URI.create(JiraCloudSimulator.shared().oauthTokenUrl());
			return execution.execute(new HttpRequestWrapper(request) {
				@Override
				public URI getURI() {
					return target;
				}
			}, body);
		}

	}

}
