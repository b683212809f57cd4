-- How many times a proposal was claimed for carrying out: a later attempt first looks for what an earlier one wrote.
ALTER TABLE proposal ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;

-- Proposals an interrupted or uncertain write left behind are found by state and age.
CREATE INDEX proposal_reconcile_idx ON proposal (state, updated_at);

-- Every outcome of a confirmed write is audited, not only successes: done, partial, uncertain or failed, with why.
ALTER TABLE audit_log ADD COLUMN outcome VARCHAR(16) NOT NULL DEFAULT 'done';
ALTER TABLE audit_log ADD COLUMN error TEXT;
