-- Whether e-mail addresses and phone numbers are hidden from the site's model; null follows
-- jira-ai.privacy.mask-personal-data-default. Secrets are always hidden.
ALTER TABLE site_ai_settings ADD COLUMN mask_personal_data BOOLEAN;
