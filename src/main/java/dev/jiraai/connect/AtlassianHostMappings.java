package dev.jiraai.connect;

import java.util.Optional;

import com.atlassian.connect.spring.AtlassianHostMapping;
import com.atlassian.connect.spring.AtlassianHostMappingRepository;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.transaction.annotation.Transactional;

/**
 * JPA repository of Forge installation id to Connect client key mappings, written by the
 * library's lifecycle controller and read on every Forge call to associate its token with
 * the Connect host; reads are cached ({@link HostCaches#MAPPINGS}) and evicted like
 * {@link AtlassianHosts}.
 */
interface AtlassianHostMappings extends AtlassianHostMappingRepository {

	@Override
	@Cacheable(cacheNames = HostCaches.MAPPINGS, unless = "#result == null")
	Optional<AtlassianHostMapping> findById(String installationId);

	@Override
	@CacheEvict(cacheNames = HostCaches.MAPPINGS, key = "#p0.installationId")
	<S extends AtlassianHostMapping> S save(S mapping);

	@Override
	@Transactional
	@CacheEvict(cacheNames = HostCaches.MAPPINGS, allEntries = true)
	long deleteByClientKey(String clientKey);

}
