import { afterEach, beforeEach, describe, expect, it, type Mock } from 'vitest';

import { byTestId, click, render, type, waitFor, type Rendered } from '../../../test/render';
import { connectFetch, csv, json, leaveConnect, NOT_ADMIN, stubDownloads } from '../common/testing';
import { UsageSection } from './UsageSection';

const USAGE = {
  from: '2026-12-05',
  to: '2026-12-06',
  total: { promptTokens: 2700, completionTokens: 450, totalTokens: 3150, estimatedCostUsd: 0.0006 },
  days: [
    { day: '2026-12-05', promptTokens: 2200, completionTokens: 400, totalTokens: 2600, estimatedCostUsd: 0.00057 },
    { day: '2026-12-06', promptTokens: 500, completionTokens: 50, totalTokens: 550, estimatedCostUsd: null },
  ],
  features: [{ feature: 'assess', promptTokens: 2700, completionTokens: 450, totalTokens: 3150, estimatedCostUsd: 0.0006 }],
  topUsers: [
    { accountId: 'bob-1', displayName: 'Bob Builder', promptTokens: 1700, completionTokens: 350, totalTokens: 2050, estimatedCostUsd: 0.0005 },
  ],
  budgetToday: { day: '2026-12-06', used: 550, siteDailyTokens: 1000, userDailyTokens: 200 },
};

describe('UsageSection', () => {
  let fetchMock: Mock<(url: string) => Promise<Response>>;
  let rendered: Rendered | undefined;

  beforeEach(() => {
    fetchMock = connectFetch(async (url) => (url.startsWith('/api/admin/usage.csv') ? csv('day,feature\r\n') : json(USAGE)));
  });

  afterEach(() => {
    rendered?.unmount();
    rendered = undefined;
    leaveConnect();
  });

  it('shows the days as bars and a table, the features, the top users and the budget used today', async () => {
    rendered = await render(<UsageSection />);
    await waitFor(() => expect(byTestId('usage-chart')).toBeTruthy());

    expect(document.querySelector('h2')?.textContent).toBe('Usage');
    expect(fetchMock.mock.calls[0][0]).toBe('/api/admin/usage');
    expect(document.querySelectorAll('[data-testid="usage-bar"]')).toHaveLength(2);
    const bars = [...document.querySelectorAll<SVGRectElement>('[data-testid="usage-bar"]')];
    expect(Number(bars[0].getAttribute('height'))).toBeGreaterThan(Number(bars[1].getAttribute('height')));
    expect(byTestId('usage-chart').getAttribute('aria-label')).toContain('3,150');
    expect(byTestId('usage-days-table').textContent).toContain('2026-12-05');
    expect(byTestId('usage-days-table').textContent).toContain('2,200');
    expect(byTestId('usage-features').textContent).toContain('assess');
    expect(byTestId('usage-users').textContent).toContain('Bob Builder');
    const bar = byTestId('usage-budget').querySelector('[role="progressbar"]');
    expect(bar?.getAttribute('aria-valuenow')).toBe('550');
    expect(bar?.getAttribute('aria-valuemax')).toBe('1000');
    expect(byTestId('usage-budget').textContent).toContain('55%');
  });

  it('asks for the chosen period and exports it as CSV', async () => {
    const { createObjectURL, revokeObjectURL } = stubDownloads('usage');
    rendered = await render(<UsageSection />);
    await waitFor(() => expect(byTestId('usage-chart')).toBeTruthy());

    await type(byTestId<HTMLInputElement>('usage-from'), '2026-11-01');
    await type(byTestId<HTMLInputElement>('usage-to'), '2026-11-30');
    await click(byTestId('usage-show'));
    await waitFor(() => expect(fetchMock.mock.calls.map(([url]) => url)).toContain('/api/admin/usage?from=2026-11-01&to=2026-11-30'));

    await click(byTestId('usage-export'));
    await waitFor(() => expect(createObjectURL).toHaveBeenCalled());
    expect(fetchMock.mock.calls.map(([url]) => url)).toContain('/api/admin/usage.csv?from=2026-11-01&to=2026-11-30');
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:usage');
  });

  it('tells a non-admin that only Jira administrators can see it', async () => {
    fetchMock.mockImplementation(async () => NOT_ADMIN());
    rendered = await render(<UsageSection />);

    await waitFor(() => expect(byTestId('admin-not-admin').textContent).toContain('Only Jira administrators can see this.'));
  });

  it('says in plain words when the period is refused', async () => {
    fetchMock.mockImplementation(async () =>
      json(
        {
          type: 'https://jira-ai.dev/problems/invalid-period',
          title: 'Invalid period',
          status: 400,
          detail: 'The period from 2025-01-01 to 2026-12-06 is longer than 366 days. Choose a shorter period.',
        },
        400,
      ),
    );
    rendered = await render(<UsageSection />);

    await waitFor(() => expect(byTestId('admin-problem').textContent).toContain('longer than 366 days'));
    expect(byTestId('admin-problem').textContent).not.toContain('Exception');
  });
});
