-- The AI score issue property is written after the assessment is answered, off the request path.
-- Pending until Jira took it; a job retries what the first attempt did not write.
ALTER TABLE assessment ADD COLUMN score_property_pending BOOLEAN NOT NULL DEFAULT FALSE;

CREATE INDEX assessment_score_pending_idx ON assessment (created_at) WHERE score_property_pending;

-- An unchanged issue is recognised from its key before the full read.
CREATE INDEX assessment_issue_key_idx ON assessment (client_key, issue_key, created_at DESC);
