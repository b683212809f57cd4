/**
 * Database infrastructure: the embedded PostgreSQL that local runs and tests use when no
 * external database is configured.
 */
@ApplicationModule(displayName = "Database")
package dev.jiraai.database;

import org.springframework.modulith.ApplicationModule;
