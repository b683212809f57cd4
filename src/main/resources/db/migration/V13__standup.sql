-- A user's daily stand-up on a site: one per date in the user's own Jira time zone, replaced when saved again the
-- same day. An answer the user skipped is ''. issue_keys: the suggested issues the user kept (a JSON array of keys).
CREATE TABLE standup (
    client_key    VARCHAR(255)             NOT NULL,
    account_id    VARCHAR(255)             NOT NULL,
    standup_date  DATE                     NOT NULL,
    time_zone     VARCHAR(64)              NOT NULL,
    yesterday     TEXT                     NOT NULL,
    today         TEXT                     NOT NULL,
    blockers      TEXT                     NOT NULL,
    issue_keys    JSONB                    NOT NULL DEFAULT '[]'::jsonb,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (client_key, account_id, standup_date)
);
-- The team view reads a site's stand-ups of one date.
CREATE INDEX standup_site_date_idx ON standup (client_key, standup_date);

-- A user asked not to be asked for a stand-up in the chat on this date (their own).
CREATE TABLE standup_snooze (
    client_key    VARCHAR(255)             NOT NULL,
    account_id    VARCHAR(255)             NOT NULL,
    snooze_date   DATE                     NOT NULL,
    PRIMARY KEY (client_key, account_id, snooze_date)
);
