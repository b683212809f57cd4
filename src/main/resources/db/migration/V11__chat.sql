-- The decisions a task's user gave each time it waited for them, in order: a run after a resume (or a crash)
-- replays its checkpointed steps and finds each decision where it paused before.
ALTER TABLE ai_task ADD COLUMN decisions JSONB NOT NULL DEFAULT '[]'::jsonb;

-- The AI Assistant's conversations: one user's on one site. Their messages are ai_conversation_message rows
-- under the same (client_key, account_id, conversation_id); summary holds older turns that no longer fit the
-- window the model sees, up to message summarised_upto.
CREATE TABLE chat_conversation (
    client_key      VARCHAR(255)             NOT NULL,
    account_id      VARCHAR(255)             NOT NULL,
    id              VARCHAR(100)             NOT NULL,
    title           VARCHAR(100)             NOT NULL,
    summary         TEXT,
    summarised_upto BIGINT                   NOT NULL DEFAULT 0,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (client_key, account_id, id)
);
CREATE INDEX chat_conversation_recent_idx ON chat_conversation (client_key, account_id, updated_at DESC);
