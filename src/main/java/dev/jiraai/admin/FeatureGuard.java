package dev.jiraai.admin;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.jiraai.problem.DescribedProblem;
import dev.jiraai.problem.ProblemType;
import dev.jiraai.tenancy.RequestUsers;
import dev.jiraai.tenancy.SiteFeatures;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Refuses the endpoints of a feature a site switched off ({@link SiteFeatures}), by path,
 * before the request body is read: the server enforces the switch, the frontend only
 * hides what it refuses. Stand-up refuses itself (its chat flow needs the switch too).
 */
@Configuration(proxyBeanMethods = false)
class FeatureGuard implements WebMvcConfigurer {

	/** The paths of each feature, and how it is called in a problem's detail. */
	private static final Map<String, Feature> FEATURES = Map.of("assess",
			new Feature("Assessment", new String[] { "/api/issues/*/assessments", "/api/assessments/**" }), "draft",
			new Feature("Drafting issues", new String[] { "/api/drafts/**", "/api/projects/*/create-options" }), "chat",
			new Feature("The AI Assistant chat", new String[] { "/api/chat/**" }));

	private final SiteFeatures features;

	FeatureGuard(SiteFeatures features) {
		this.features = features;
	}

	private record Feature(String label, String[] paths) {
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		FEATURES.forEach((name, feature) -> registry.addInterceptor(new HandlerInterceptor() {
			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
				RequestUsers.current().ifPresent(user -> {
					if (!FeatureGuard.this.features.isOn(user.site(), name)) {
						throw new FeatureOff(feature.label());
					}
				});
				return true;
			}
		}).addPathPatterns(feature.paths()).order(Ordered.LOWEST_PRECEDENCE));
	}

	/** The feature is switched off for the site: as if it did not exist. */
	static final class FeatureOff extends RuntimeException implements DescribedProblem {

		private static final ProblemType TYPE = new ProblemType(HttpStatus.NOT_FOUND, "feature-off",
				"Feature switched off", "Ask a Jira admin to switch it on in the app's settings.");

		FeatureOff(String label) {
			super("%s is off for this site".formatted(label));
		}

		@Override
		public ProblemType problemType() {
			return TYPE;
		}

	}

}
