import { afterEach, beforeEach, describe, expect, it, type Mock } from 'vitest';

import { byTestId, click, render, type, waitFor, type Rendered } from '../../../test/render';
import { connectFetch, csv, json, leaveConnect, NOT_ADMIN, stubDownloads } from '../common/testing';
import { AuditSection } from './AuditSection';

function entry(id: number, overrides: Record<string, unknown> = {}) {
  return {
    id,
    at: '2026-12-06T10:00:00Z',
    kind: 'assess.comment',
    summary: `Commented on SCRUM-${id}`,
    outcome: 'done',
    error: null,
    feature: 'assess',
    proposedBy: 'ai',
    proposalId: '00000000-0000-0000-0000-00000000000' + (id % 10),
    confirmedBy: { accountId: 'bob-1', displayName: 'Bob Builder' },
    target: `SCRUM-${id}`,
    links: [{ key: `SCRUM-${id}`, url: `https://example.atlassian.net/browse/SCRUM-${id}` }],
    ...overrides,
  };
}

describe('AuditSection', () => {
  let fetchMock: Mock<(url: string) => Promise<Response>>;
  let rendered: Rendered | undefined;

  beforeEach(() => {
    fetchMock = connectFetch(async (url) => {
      const page = Number(new URL(url, 'https://app').searchParams.get('page') ?? '0');
      return json({
        entries: [
          entry(page * 10 + 1),
          entry(page * 10 + 2, { outcome: 'failed', error: 'Jira refused it', proposedBy: 'user', feature: 'api-tokens', links: [], target: 'jaa_abc' }),
        ],
        page,
        size: 50,
        total: 120,
      });
    });
  });

  afterEach(() => {
    rendered?.unmount();
    rendered = undefined;
    leaveConnect();
  });

  const urls = () => fetchMock.mock.calls.map(([url]) => String(url));

  it('lists the entries with outcome lozenges, who confirmed, the proposing feature and links to the issues', async () => {
    rendered = await render(<AuditSection />);
    await waitFor(() => expect(byTestId('audit-table')).toBeTruthy());

    expect(document.querySelector('h2')?.textContent).toBe('Audit');
    expect(urls()[0]).toBe('/api/admin/audit?page=0&size=50');
    const rows = document.querySelectorAll('[data-testid="audit-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('Done');
    expect(rows[0].textContent).toContain('AI, in assess');
    expect(rows[0].textContent).toContain('Bob Builder');
    expect(rows[0].querySelector('a')?.getAttribute('href')).toBe('https://example.atlassian.net/browse/SCRUM-1');
    expect(rows[1].textContent).toContain('Failed');
    expect(rows[1].textContent).toContain('Jira refused it');
    expect(rows[1].textContent).toContain('jaa_abc');
    expect(rows[1].querySelector('a')).toBeNull();
  });

  it('filters, pages and exports the filtered entries', async () => {
    const { createObjectURL } = stubDownloads('audit');
    rendered = await render(<AuditSection />);
    await waitFor(() => expect(byTestId('audit-table')).toBeTruthy());

    await type(byTestId<HTMLInputElement>('audit-user'), 'bob-1');
    await type(byTestId<HTMLInputElement>('audit-project'), 'pay');
    await type(byTestId<HTMLInputElement>('audit-from'), '2026-12-01');
    await click(byTestId('audit-apply'));
    await waitFor(() => expect(urls()).toContain('/api/admin/audit?from=2026-12-01&user=bob-1&project=PAY&page=0&size=50'));

    await waitFor(() => expect(byTestId('audit-page').textContent).toContain('Page 1 of 3'));
    await click(byTestId('audit-next'));
    await waitFor(() => expect(urls()).toContain('/api/admin/audit?from=2026-12-01&user=bob-1&project=PAY&page=1&size=50'));
    await waitFor(() => expect(byTestId('audit-page').textContent).toContain('Page 2 of 3'));

    fetchMock.mockImplementationOnce(async () => csv('at,kind\r\n'));
    await click(byTestId('audit-export'));
    await waitFor(() => expect(createObjectURL).toHaveBeenCalled());
    expect(urls()).toContain('/api/admin/audit.csv?from=2026-12-01&user=bob-1&project=PAY');
  });

  it('tells a non-admin that only Jira administrators can see it', async () => {
    fetchMock.mockImplementation(async () => NOT_ADMIN());
    rendered = await render(<AuditSection />);

    await waitFor(() => expect(byTestId('admin-not-admin').textContent).toContain('Only Jira administrators can see this.'));
  });
});
