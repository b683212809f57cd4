-- A site admin's choice of features (assess, draft, chat, standup). No row, or a NULL column: the operator's default
-- (jira-ai.features.*).
CREATE TABLE site_features (
    client_key  VARCHAR(255)             PRIMARY KEY,
    assess      BOOLEAN,
    draft       BOOLEAN,
    chat        BOOLEAN,
    standup     BOOLEAN,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by  VARCHAR(255)
);

-- When the site's own API key was set, shown on the admin page beside its last four characters (the key itself is
-- never shown).
ALTER TABLE site_ai_settings ADD COLUMN api_key_set_at TIMESTAMP WITH TIME ZONE;

-- The site's sampling temperature for every model call (0 to 2), over each prompt's own; NULL: each prompt's.
ALTER TABLE site_ai_settings ADD COLUMN temperature NUMERIC(3, 2);
