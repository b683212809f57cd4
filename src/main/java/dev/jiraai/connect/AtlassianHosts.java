package dev.jiraai.connect;

import com.atlassian.connect.spring.AtlassianHostRepository;

/**
 * JPA repository of Connect hosts (one per installed Jira site), mapped in
 * {@code META-INF/orm.xml}: the 4.x JPA starter of atlassian-connect-spring-boot is not
 * on Maven Central, so the app provides it.
 */
interface AtlassianHosts extends AtlassianHostRepository {

}
