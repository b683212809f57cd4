-- Personal API tokens for scripts calling the chat API from outside Jira (docs/api.md, "API tokens").
-- Only a SHA-256 hash of the token is kept: the secret is shown once, when it is created.
CREATE TABLE api_token (
    id           UUID                     PRIMARY KEY,
    client_key   VARCHAR(255)             NOT NULL,
    -- The owner: the token acts as this account (Connect act-as-user).
    account_id   VARCHAR(255)             NOT NULL,
    name         VARCHAR(100)             NOT NULL,
    -- The token's first characters (jaa_ and its public id), shown in lists and used to find the row.
    prefix       VARCHAR(32)              NOT NULL UNIQUE,
    token_hash   BYTEA                    NOT NULL,
    scopes       TEXT[]                   NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE,
    -- Who revoked it: the owner or an admin.
    revoked_by   VARCHAR(255)
);

CREATE INDEX api_token_owner_idx ON api_token (client_key, account_id);

-- Requests per token and minute: the rate limit is counted here, so every instance sharing the database counts
-- the same requests. Old minutes are deleted as new ones start.
CREATE TABLE api_token_usage (
    token_id UUID                     NOT NULL REFERENCES api_token (id) ON DELETE CASCADE,
    minute   TIMESTAMP WITH TIME ZONE NOT NULL,
    requests INTEGER                  NOT NULL,
    PRIMARY KEY (token_id, minute)
);

-- A site's switch for API tokens. No row: tokens are allowed.
CREATE TABLE api_token_settings (
    client_key VARCHAR(255)             PRIMARY KEY,
    enabled    BOOLEAN                  NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by VARCHAR(255)
);
