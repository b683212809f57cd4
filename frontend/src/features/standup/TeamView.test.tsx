import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { accessibleName, buttonNamed, byTestId, click, queryByTestId, render, type, waitFor, type Rendered } from '../../test/render';
import { TeamView } from './TeamView';

const TEAM = {
  projectKey: 'SCRUM',
  date: '2026-12-06',
  people: [
    {
      accountId: 'a-1',
      displayName: 'Alice Analyst',
      given: true,
      standup: {
        date: '2026-12-06',
        yesterday: 'Reviewed SCRUM-2',
        today: 'SCRUM-3',
        blockers: 'Waiting for the API key',
        issueKeys: ['SCRUM-2'],
        createdAt: '2026-12-05T20:00:00Z',
        updatedAt: '2026-12-05T20:00:00Z',
      },
    },
    { accountId: 'b-2', displayName: 'Bob Builder', given: false, standup: null },
  ],
  blockers: [{ accountId: 'a-1', displayName: 'Alice Analyst', text: 'Waiting for the API key', issueKeys: ['SCRUM-2'] }],
  summary: null,
  summaryError: 'The AI model is not set up, so there is no summary today.',
};

function json(body: unknown, status = 200, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
}

describe('TeamView', () => {
  const fetchMock = vi.fn();
  const onAnnounce = vi.fn();
  let rendered: Rendered | undefined;

  beforeEach(() => {
    window.AP = { context: { getToken: vi.fn().mockResolvedValue('jwt') } };
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    rendered?.unmount();
    rendered = undefined;
    onAnnounce.mockReset();
    document.body.innerHTML = '';
    delete window.AP;
    vi.unstubAllGlobals();
  });

  it('shows the project the page is about at once: who has given a stand-up, each update, the blockers together and why there is no summary', async () => {
    fetchMock.mockImplementation(async () => json(TEAM));
    rendered = await render(<TeamView projectKey="SCRUM" onAnnounce={onAnnounce} />);
    const day = await waitFor(() => byTestId('standup-team-day'));
    expect(fetchMock.mock.calls[0][0]).toBe('/api/standup/team?projectKey=SCRUM');
    expect(byTestId<HTMLInputElement>('standup-team-project').value).toBe('SCRUM');

    const alice = byTestId('standup-person-a-1');
    expect(alice.textContent).toContain('Alice Analyst');
    expect(alice.textContent).toContain('Given');
    expect(alice.textContent).toContain('Reviewed SCRUM-2');
    const bob = byTestId('standup-person-b-2');
    expect(bob.textContent).toContain('Not yet');
    expect(bob.querySelector('dl')).toBeNull();

    const blockers = byTestId('standup-team-blockers');
    expect(blockers.textContent).toContain('1 blocker');
    expect(blockers.textContent).toContain('Alice Analyst (SCRUM-2): Waiting for the API key');
    expect(byTestId('standup-team-summary-error').textContent).toContain('The AI model is not set up, so there is no summary today.');
    expect(queryByTestId('standup-team-summary')).toBeNull();
    expect(day.textContent).toContain('1 of 2 people have given their stand-up.');
    expect(onAnnounce).toHaveBeenLastCalledWith('SCRUM: 1 of 2 people have given their stand-up.');
  });

  it('the summary is rendered Markdown when there is one', async () => {
    fetchMock.mockImplementation(async () => json({ ...TEAM, summary: 'Alice is **blocked** on the API key.', summaryError: null }));
    rendered = await render(<TeamView projectKey="SCRUM" onAnnounce={onAnnounce} />);
    const summary = await waitFor(() => byTestId('standup-team-summary'));
    expect(summary.querySelector('strong')?.textContent).toBe('blocked');
    expect(queryByTestId('standup-team-summary-error')).toBeNull();
  });

  it('a project the user cannot see (404) says so in plain words; a key that is not one is not sent', async () => {
    fetchMock.mockImplementation(async () =>
      json({ type: 'https://jira-ai.dev/problems/not-found', status: 404, title: 'Not Found' }, 404, 'application/problem+json'),
    );
    rendered = await render(<TeamView onAnnounce={onAnnounce} />);
    const field = byTestId<HTMLInputElement>('standup-team-project');
    expect(accessibleName(field)).toBe('Project key');

    await type(field, 'not a key');
    await click(buttonNamed('Show the team'));
    expect(byTestId('standup-team-invalid').textContent).toContain('like SCRUM');
    expect(fetchMock).not.toHaveBeenCalled();

    await type(field, 'secret');
    await click(buttonNamed('Show the team'));
    const problem = await waitFor(() => byTestId('standup-team-problem'));
    expect(fetchMock.mock.calls[0][0]).toBe('/api/standup/team?projectKey=SECRET');
    expect(problem.textContent).toContain('You cannot see this project or it does not exist.');
    expect(problem.textContent).not.toMatch(/404|Not Found/);
  });
});
