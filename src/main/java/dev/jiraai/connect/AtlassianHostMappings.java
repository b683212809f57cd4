package dev.jiraai.connect;

import com.atlassian.connect.spring.AtlassianHostMappingRepository;

import org.springframework.transaction.annotation.Transactional;

/**
 * JPA repository of Forge installation id to Connect client key mappings, written by the
 * library's lifecycle controller and read when a Forge Invocation Token must be
 * associated with its Connect host.
 */
interface AtlassianHostMappings extends AtlassianHostMappingRepository {

	@Override
	@Transactional
	long deleteByClientKey(String clientKey);

}
