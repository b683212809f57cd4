-- The stand-up as the AI Assistant asks it, one question per message: where one user's conversation with it stands
-- on their date. The answers become a saved stand-up (table standup) once the last question is answered.
CREATE TABLE chat_standup_flow (
    client_key       VARCHAR(255)             NOT NULL,
    account_id       VARCHAR(255)             NOT NULL,
    -- The user's date in their own Jira time zone.
    flow_date        DATE                     NOT NULL,
    -- How many of the three questions are answered (0 while the first is asked, 3 once done).
    answered         INTEGER                  NOT NULL,
    -- {"yesterday": "...", "today": "...", "blockers": "..."} and the issue keys of suggestions the user took.
    answers          JSONB                    NOT NULL DEFAULT '{}'::jsonb,
    kept_issue_keys  JSONB                    NOT NULL DEFAULT '[]'::jsonb,
    -- What the user asked before the stand-up interrupted: answered once the stand-up is done or snoozed.
    deferred_message TEXT,
    -- The chat task that moved the flow last, and what it answered: a run of that task again (after a crash or a
    -- resume) gets the same answer back instead of taking the message as the answer to the next question.
    last_task_id     UUID,
    last_turn        JSONB,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (client_key, account_id, flow_date)
);
