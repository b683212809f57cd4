package dev.jiraai.connect;

import java.util.Optional;

import com.atlassian.connect.spring.AtlassianHost;
import com.atlassian.connect.spring.AtlassianHostRepository;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;

/**
 * JPA repository of Connect hosts (one per installed Jira site), mapped in
 * {@code META-INF/orm.xml}: the 4.x JPA starter of atlassian-connect-spring-boot is not
 * on Maven Central, so the app provides it.
 * <p>
 * A host is read on every request (to check its JWT, to resolve the site, to sign calls
 * as the app), so reads by client key are cached ({@link HostCaches#HOSTS}). Saving or
 * deleting a host evicts it here; {@link HostCaches} evicts it on the other instances
 * when the library reports an install or uninstall.
 */
interface AtlassianHosts extends AtlassianHostRepository {

	@Override
	@Cacheable(cacheNames = HostCaches.HOSTS, unless = "#result == null")
	Optional<AtlassianHost> findById(String clientKey);

	@Override
	@CacheEvict(cacheNames = HostCaches.HOSTS, key = "#p0.clientKey")
	<S extends AtlassianHost> S save(S host);

	@Override
	@CacheEvict(cacheNames = HostCaches.HOSTS, key = "#p0")
	void deleteById(String clientKey);

	@Override
	@CacheEvict(cacheNames = HostCaches.HOSTS, key = "#p0.clientKey")
	void delete(AtlassianHost host);

}
