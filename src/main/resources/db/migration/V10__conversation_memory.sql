-- The message history of a conversation with the model (Spring AI chat memory), per site and user: the chat
-- assistant's memory in PostgreSQL. A conversation's window is rewritten as a whole when it changes.
CREATE TABLE ai_conversation_message (
    id              BIGSERIAL                PRIMARY KEY,
    client_key      VARCHAR(255)             NOT NULL,
    account_id      VARCHAR(255)             NOT NULL,
    conversation_id VARCHAR(100)             NOT NULL,
    message_type    VARCHAR(20)              NOT NULL,
    content         TEXT                     NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ai_conversation_message_conversation_idx
    ON ai_conversation_message (client_key, account_id, conversation_id, id);
