-- A site's choices for the AI Assistant: which tools the model may call and whether it may propose writes at all.
-- No row: every tool, writes allowed (after confirmation).
CREATE TABLE chat_settings (
    client_key    VARCHAR(255)             PRIMARY KEY,
    -- The assistant proposes no write (no comment, transition, assignment or new issue): no writing tool is offered.
    read_only     BOOLEAN                  NOT NULL DEFAULT FALSE,
    -- The names of the tools the model may call (e.g. myIssues, proposeComment); NULL: every tool.
    allowed_tools TEXT[],
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by    VARCHAR(255)
);
