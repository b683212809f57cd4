import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { useCallback, useEffect, useState } from 'react';

import type { ApiError } from '../../../bridge';
import { asApiError } from '../../../useAppContext';
import { AdminProblem } from '../common/AdminProblem';
import { AdminSection } from '../common/AdminSection';
import { ExportCsv } from '../common/ExportCsv';
import { exportUsage, loadUsage, type Tokens, type Usage, type UsagePeriod } from './api';
import { DailyChart, usd } from './DailyChart';

type State = { status: 'loading' } | { status: 'ready'; usage: Usage } | { status: 'error'; error: ApiError };

function TokenCells({ tokens }: { tokens: Tokens }) {
  return (
    <>
      <td className="admin-number">{tokens.promptTokens.toLocaleString()}</td>
      <td className="admin-number">{tokens.completionTokens.toLocaleString()}</td>
      <td className="admin-number">{tokens.totalTokens.toLocaleString()}</td>
      <td className="admin-number">{usd(tokens.estimatedCostUsd)}</td>
    </>
  );
}

function TokenHeadings() {
  return (
    <>
      <th scope="col" className="admin-number">Prompt tokens</th>
      <th scope="col" className="admin-number">Completion tokens</th>
      <th scope="col" className="admin-number">Total</th>
      <th scope="col" className="admin-number">Estimated cost</th>
    </>
  );
}

/** How much of the site's daily token budget today's calls used, as a progress bar. */
function BudgetBar({ usage }: { usage: Usage }) {
  const { used, siteDailyTokens, userDailyTokens } = usage.budgetToday;
  if (siteDailyTokens == null) {
    return <p data-testid="usage-budget">Today: {used.toLocaleString()} tokens. The site has no daily token budget.</p>;
  }
  const percent = Math.min(100, Math.round((used / siteDailyTokens) * 100));
  return (
    <div data-testid="usage-budget">
      <p id="usage-budget-label">
        Budget used today (UTC): {used.toLocaleString()} of {siteDailyTokens.toLocaleString()} tokens ({percent}%)
        {userDailyTokens != null && `; each user may use ${userDailyTokens.toLocaleString()} a day`}.
      </p>
      <div
        className="admin-progress"
        role="progressbar"
        aria-labelledby="usage-budget-label"
        aria-valuemin={0}
        aria-valuemax={siteDailyTokens}
        aria-valuenow={Math.min(used, siteDailyTokens)}
      >
        <div className={`admin-progress-value${percent >= 90 ? ' admin-progress-high' : ''}`} style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

/**
 * The admin page's Usage section (docs/admin.md, "Usage"): tokens and estimated cost per day
 * over a chosen period, per feature and for the top 10 users, today's budget, and a CSV export.
 */
export function UsageSection() {
  const [period, setPeriod] = useState<UsagePeriod>({});
  const [draft, setDraft] = useState<UsagePeriod>({});
  const [state, setState] = useState<State>({ status: 'loading' });

  const load = useCallback(async (chosen: UsagePeriod) => {
    setState({ status: 'loading' });
    try {
      const usage = await loadUsage(chosen);
      setState({ status: 'ready', usage });
      setDraft({ from: usage.from, to: usage.to });
    } catch (error) {
      setState({ status: 'error', error: asApiError(error) });
    }
  }, []);

  useEffect(() => {
    void load(period);
  }, [load, period]);

  return (
    <AdminSection id="admin-usage-heading" title="Usage" testId="usage-section">
        <form
          className="admin-filters"
          onSubmit={(event) => {
            event.preventDefault();
            setPeriod({ ...draft });
          }}
        >
          <label>
            From
            <input type="date" value={draft.from ?? ''} onChange={(e) => setDraft({ ...draft, from: e.target.value })} data-testid="usage-from" />
          </label>
          <label>
            To
            <input type="date" value={draft.to ?? ''} onChange={(e) => setDraft({ ...draft, to: e.target.value })} data-testid="usage-to" />
          </label>
          <Button type="submit" testId="usage-show">
            Show
          </Button>
          <ExportCsv download={() => exportUsage(period)} testId="usage-export" />
        </form>
        {state.status === 'loading' && <p aria-busy="true">Loading usage…</p>}
        {state.status === 'error' && (
          <AdminProblem error={state.error} fallbackTitle="Usage could not be loaded">
            <Button onClick={() => void load(period)}>Try again</Button>
          </AdminProblem>
        )}
        {state.status === 'ready' && (
          <>
            <p data-testid="usage-total">
              {state.usage.from} to {state.usage.to} (UTC): {state.usage.total.totalTokens.toLocaleString()} tokens, estimated{' '}
              {usd(state.usage.total.estimatedCostUsd)}.
            </p>
            <BudgetBar usage={state.usage} />
            <DailyChart days={state.usage.days} />
            <Heading size="small" as="h3">
              Per feature
            </Heading>
            {state.usage.features.length === 0 ? (
              <p>No model calls in this period.</p>
            ) : (
              <table className="data-table" data-testid="usage-features">
                <thead>
                  <tr>
                    <th scope="col">Feature</th>
                    <TokenHeadings />
                  </tr>
                </thead>
                <tbody>
                  {state.usage.features.map((feature) => (
                    <tr key={feature.feature}>
                      <td>{feature.feature}</td>
                      <TokenCells tokens={feature} />
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <Heading size="small" as="h3">
              Top users
            </Heading>
            {state.usage.topUsers.length === 0 ? (
              <p>No user made model calls in this period.</p>
            ) : (
              <table className="data-table" data-testid="usage-users">
                <thead>
                  <tr>
                    <th scope="col">User</th>
                    <TokenHeadings />
                  </tr>
                </thead>
                <tbody>
                  {state.usage.topUsers.map((user) => (
                    <tr key={user.accountId}>
                      <td title={user.accountId}>{user.displayName}</td>
                      <TokenCells tokens={user} />
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
    </AdminSection>
  );
}
