-- When each site's stored account ids were last reported to Atlassian's personal data reporting API and when the
-- next report is due. claimed_until is the lease of the instance reporting right now, so that several instances
-- on one database report a site once.
CREATE TABLE personal_data_report (
    client_key        VARCHAR(255) PRIMARY KEY,
    last_reported_at  TIMESTAMP WITH TIME ZONE,
    next_due_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_until     TIMESTAMP WITH TIME ZONE
);

CREATE INDEX personal_data_report_due_idx ON personal_data_report (next_due_at);

-- An audit entry outlives a closed account without naming it (docs/privacy.md).
ALTER TABLE audit_log ALTER COLUMN account_id DROP NOT NULL;
