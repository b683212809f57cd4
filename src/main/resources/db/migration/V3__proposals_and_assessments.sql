-- A write the AI proposed, stored exactly as shown to the user; only its id travels in the confirm request.
-- The state moves PENDING -> EXECUTING -> DONE / FAILED, or PENDING -> REJECTED / EXPIRED, by conditional updates.
CREATE TABLE proposal (
    id           UUID PRIMARY KEY,
    client_key   VARCHAR(255) NOT NULL,
    account_id   VARCHAR(255) NOT NULL,
    feature      VARCHAR(64)  NOT NULL,
    kind         VARCHAR(64)  NOT NULL,
    payload      JSONB        NOT NULL,
    state        VARCHAR(16)  NOT NULL,
    result       JSONB,
    error        TEXT,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX proposal_site_user_idx ON proposal (client_key, account_id, created_at DESC);
CREATE INDEX proposal_state_expiry_idx ON proposal (state, expires_at);

-- Every write the app carried out for a user: who, what, where, when, from which feature and proposal.
CREATE TABLE audit_log (
    id           BIGSERIAL PRIMARY KEY,
    client_key   VARCHAR(255) NOT NULL,
    account_id   VARCHAR(255) NOT NULL,
    feature      VARCHAR(64)  NOT NULL,
    kind         VARCHAR(64)  NOT NULL,
    proposal_id  UUID,
    target       VARCHAR(255),
    summary      TEXT         NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX audit_log_site_idx ON audit_log (client_key, created_at DESC);

-- Assessments of issues, reused while the issue, the prompt and the model are unchanged.
CREATE TABLE assessment (
    id              UUID PRIMARY KEY,
    client_key      VARCHAR(255) NOT NULL,
    issue_id        VARCHAR(64)  NOT NULL,
    issue_key       VARCHAR(64)  NOT NULL,
    issue_updated   TIMESTAMP WITH TIME ZONE NOT NULL,
    prompt_id       VARCHAR(255) NOT NULL,
    prompt_version  INTEGER      NOT NULL,
    prompt_hash     VARCHAR(64)  NOT NULL,
    model           VARCHAR(255) NOT NULL,
    account_id      VARCHAR(255),
    overall         INTEGER      NOT NULL,
    result          JSONB        NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX assessment_lookup_idx ON assessment (client_key, issue_id, issue_updated, prompt_hash, model);
CREATE INDEX assessment_history_idx ON assessment (client_key, issue_id, created_at DESC);
