-- db-scheduler's execution table (its documented PostgreSQL schema): one row per scheduled or running
-- execution; instances pick rows with SELECT ... FOR UPDATE SKIP LOCKED and keep a heartbeat on them, so a
-- row whose instance died is picked up again by another one.
CREATE TABLE scheduled_tasks (
    task_name            TEXT                     NOT NULL,
    task_instance        TEXT                     NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);

-- An AI task: long work a user started (assess, draft, ...), its state for polling, and who it acts for.
-- forge_user_token is the Forge invocation's user token, encrypted (SecretCipher), present only while a step
-- runs; Connect tasks act as the user through the act-as-user grant and keep no token.
CREATE TABLE ai_task (
    id                     UUID                     PRIMARY KEY,
    client_key             VARCHAR(255)             NOT NULL,
    account_id             VARCHAR(255)             NOT NULL,
    kind                   VARCHAR(40)              NOT NULL,
    input                  JSONB                    NOT NULL,
    status                 VARCHAR(30)              NOT NULL,
    stage                  VARCHAR(60),
    message                TEXT,
    result                 JSONB,
    problem                JSONB,
    channel                VARCHAR(10)              NOT NULL,
    forge_api_base_url     TEXT,
    forge_user_token       TEXT,
    forge_token_expires_at TIMESTAMP WITH TIME ZONE,
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at            TIMESTAMP WITH TIME ZONE,
    CONSTRAINT ai_task_status_known
        CHECK (status IN ('processing', 'waiting_confirmation', 'completed', 'failed', 'cancelled'))
);
CREATE INDEX ai_task_site_account_idx ON ai_task (client_key, account_id, created_at DESC);
CREATE INDEX ai_task_running_idx ON ai_task (client_key) WHERE status = 'processing';
CREATE INDEX ai_task_finished_idx ON ai_task (finished_at) WHERE finished_at IS NOT NULL;

-- What a task told its watchers, in order, for SSE replay after Last-Event-ID and for watchers on another
-- instance. Deleted some time after the task ended; the result stays on ai_task.
CREATE TABLE ai_task_event (
    task_id    UUID                     NOT NULL REFERENCES ai_task (id) ON DELETE CASCADE,
    seq        BIGINT                   NOT NULL,
    name       VARCHAR(20)              NOT NULL,
    data       JSONB                    NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (task_id, seq)
);

-- Checkpoints: the result of each finished step, so a task picked up again after a crash does not redo (or
-- pay for) a step that already completed.
CREATE TABLE ai_task_step (
    task_id    UUID                     NOT NULL REFERENCES ai_task (id) ON DELETE CASCADE,
    name       VARCHAR(60)              NOT NULL,
    value      JSONB                    NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (task_id, name)
);
