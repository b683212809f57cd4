-- Tokens spent per site and day (account_id '') and per site, user and day, kept up to date with every model
-- call, so the budget check reads two rows instead of summing the day's llm_usage rows, a sum that grew with
-- every call of the day. Days are UTC, as the budgets are.
CREATE TABLE llm_usage_daily (
    client_key  VARCHAR(255)             NOT NULL,
    day         DATE                     NOT NULL,
    account_id  VARCHAR(255)             NOT NULL,
    tokens      BIGINT                   NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (client_key, day, account_id)
);

-- Today's calls so far, so that budgets already spent today stay spent across the upgrade.
INSERT INTO llm_usage_daily (client_key, day, account_id, tokens, updated_at)
SELECT client_key, (created_at AT TIME ZONE 'UTC')::date, '', SUM(prompt_tokens + completion_tokens), MAX(created_at)
FROM llm_usage
WHERE created_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
GROUP BY client_key, (created_at AT TIME ZONE 'UTC')::date;

INSERT INTO llm_usage_daily (client_key, day, account_id, tokens, updated_at)
SELECT client_key, (created_at AT TIME ZONE 'UTC')::date, account_id, SUM(prompt_tokens + completion_tokens),
       MAX(created_at)
FROM llm_usage
WHERE created_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AND account_id IS NOT NULL
GROUP BY client_key, (created_at AT TIME ZONE 'UTC')::date, account_id;
