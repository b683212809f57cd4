-- A site's own model: endpoint, model and API key (AES-GCM ciphertext, see SecretCipher). Null columns fall back
-- to the app's defaults.
CREATE TABLE site_ai_settings (
    client_key      VARCHAR(255) PRIMARY KEY,
    base_url        VARCHAR(1024),
    model           VARCHAR(255),
    api_key_cipher  TEXT,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by      VARCHAR(255)
);

-- A site's override of a prompt's body (same id, variables and output schema as the catalog's).
CREATE TABLE prompt_override (
    client_key  VARCHAR(255)  NOT NULL,
    prompt_id   VARCHAR(255)  NOT NULL,
    body        TEXT          NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by  VARCHAR(255),
    PRIMARY KEY (client_key, prompt_id)
);

-- One row per model call: who, for what, with which prompt, how many tokens, how long, how it ended.
CREATE TABLE llm_usage (
    id                 BIGSERIAL PRIMARY KEY,
    client_key         VARCHAR(255)  NOT NULL,
    account_id         VARCHAR(255),
    feature            VARCHAR(64)   NOT NULL,
    model              VARCHAR(255)  NOT NULL,
    prompt_id          VARCHAR(255),
    prompt_version     INTEGER,
    prompt_hash        VARCHAR(64),
    prompt_tokens      INTEGER       NOT NULL,
    completion_tokens  INTEGER       NOT NULL,
    latency_ms         BIGINT        NOT NULL,
    outcome            VARCHAR(32)   NOT NULL,
    cost_usd           NUMERIC(14, 6),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX llm_usage_site_day_idx ON llm_usage (client_key, created_at);
CREATE INDEX llm_usage_user_day_idx ON llm_usage (client_key, account_id, created_at);
