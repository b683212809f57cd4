package dev.jiraai.connect;

import com.atlassian.connect.spring.AtlassianHostMappingRepository;
import com.atlassian.connect.spring.AtlassianHostRepository;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.target.LazyInitTargetSource;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * What the library injects as its host repositories: proxies that look up the JPA
 * repositories ({@link AtlassianHosts}, {@link AtlassianHostMappings}) on their first
 * call.
 * <p>
 * Why: the library's security configuration and servlet filters take the repositories in
 * their constructors, and they are built with the web server, early in start-up. A JPA
 * repository needs Hibernate's metamodel, so start-up waited there about 3.5 s for
 * Hibernate, which otherwise boots in the background while the rest of the app is built
 * ({@code spring.data.jpa.repositories.bootstrap-mode: deferred}). Nothing calls them
 * before the first request. The proxies are {@code @Primary}; they implement only the
 * library's interfaces, so the caching on the app's interfaces applies once, on the real
 * repositories.
 */
@Configuration(proxyBeanMethods = false)
class LazyHostRepositories {

	@Bean
	@Primary
	AtlassianHostRepository lazyAtlassianHostRepository(BeanFactory beans) {
		return lazy(beans, "atlassianHosts", AtlassianHostRepository.class);
	}

	@Bean
	@Primary
	AtlassianHostMappingRepository lazyAtlassianHostMappingRepository(BeanFactory beans) {
		return lazy(beans, "atlassianHostMappings", AtlassianHostMappingRepository.class);
	}

	private static <T> T lazy(BeanFactory beans, String beanName, Class<T> type) {
		LazyInitTargetSource target = new LazyInitTargetSource();
		target.setTargetBeanName(beanName);
		target.setTargetClass(type);
		target.setBeanFactory(beans);
		ProxyFactory proxy = new ProxyFactory();
		proxy.setTargetSource(target);
		proxy.addInterface(type);
		return type.cast(proxy.getProxy(LazyHostRepositories.class.getClassLoader()));
	}

}
