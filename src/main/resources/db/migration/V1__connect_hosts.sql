-- Connect hosts: one row per Jira site that installed the app (atlassian-connect-spring-boot's AtlassianHost).
CREATE TABLE atlassian_host (
    client_key                          VARCHAR(255) PRIMARY KEY,
    oauth_client_id                     VARCHAR(255),
    shared_secret                       VARCHAR(512) NOT NULL,
    authentication                      VARCHAR(16),
    cloud_id                            VARCHAR(255),
    base_url                            VARCHAR(512) NOT NULL,
    display_url                         VARCHAR(512),
    display_url_servicedesk_help_center VARCHAR(512),
    product_type                        VARCHAR(64),
    description                         VARCHAR(1024),
    service_entitlement_number          VARCHAR(255),
    entitlement_id                      VARCHAR(255),
    entitlement_number                  VARCHAR(255),
    installation_id                     VARCHAR(512),
    addon_installed                     BOOLEAN      NOT NULL,
    created_date                        TIMESTAMP WITH TIME ZONE,
    last_modified_date                  TIMESTAMP WITH TIME ZONE,
    created_by                          VARCHAR(255),
    last_modified_by                    VARCHAR(255)
);

CREATE INDEX atlassian_host_base_url_idx ON atlassian_host (base_url, last_modified_date DESC);

-- Forge installation id -> Connect client key, for Forge Invocation Tokens of Connect-on-Forge installs.
CREATE TABLE atlassian_host_mapping (
    installation_id VARCHAR(512) PRIMARY KEY,
    client_key      VARCHAR(255) NOT NULL
);

CREATE INDEX atlassian_host_mapping_client_key_idx ON atlassian_host_mapping (client_key);

-- Sites whose data is due for deletion after an uninstall; a reinstall before purge_after removes the row.
CREATE TABLE site_data_deletion (
    client_key     VARCHAR(255) PRIMARY KEY,
    uninstalled_at TIMESTAMP WITH TIME ZONE NOT NULL,
    purge_after    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX site_data_deletion_purge_after_idx ON site_data_deletion (purge_after);
