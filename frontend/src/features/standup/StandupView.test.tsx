import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import {
  accessibleName,
  buttonNamed,
  byTestId,
  click,
  expectLabelInName,
  queryByTestId,
  render,
  type,
  waitFor,
  type Rendered,
} from '../../test/render';
import StandupView from './StandupView';

// The stand-up view on Connect: every request goes to fetch, answered as the contract says.

const QUESTIONS = [
  { id: 'yesterday', text: 'What did you do yesterday?' },
  { id: 'today', text: 'What will you do today?' },
  { id: 'blockers', text: 'Is there any blocker?' },
];

const TODAY = {
  date: '2026-12-06',
  timeZone: 'Pacific/Auckland',
  snoozed: false,
  questions: QUESTIONS,
  standup: null,
  suggestions: {
    yesterday: [
      { issueKey: 'SCRUM-2', summary: 'Checkout button', status: 'In Progress', url: 'https://example.atlassian.net/browse/SCRUM-2', why: 'You updated it yesterday' },
    ],
    today: [{ issueKey: 'SCRUM-1', summary: 'Login page', status: 'In Progress', url: 'https://example.atlassian.net/browse/SCRUM-1', why: 'Assigned to you, in progress' }],
  },
};

/** 09:14 in Auckland (UTC+13 in December) is 20:14 UTC the day before. */
const SAVED = {
  date: '2026-12-06',
  yesterday: 'SCRUM-2 Checkout button',
  today: 'Login page',
  blockers: '',
  issueKeys: ['SCRUM-1'],
  createdAt: '2026-12-05T20:14:00Z',
  updatedAt: '2026-12-05T20:14:00Z',
};

const PROPOSAL = {
  proposalId: 'p-9',
  kind: 'standup.post',
  state: 'PENDING',
  payload: {
    date: '2026-12-06',
    comments: [
      {
        id: 'SCRUM-2',
        issueKey: 'SCRUM-2',
        summary: 'Checkout button',
        body: '**Stand-up 2026-12-06**\n\nDone: the button.\n\nBlocker: waiting for the API key @[Bob Builder](5b10ab)',
        blocked: true,
        flag: false,
      },
      { id: 'SCRUM-1', issueKey: 'SCRUM-1', summary: 'Login page', body: 'Planned: the login page.', blocked: false, flag: false },
      { id: 'SCRUM-4', issueKey: 'SCRUM-4', summary: 'Payments', body: 'Planned: payments.', blocked: false, flag: false },
    ],
  },
  result: null,
  expiresAt: '2026-12-07T09:00:00Z',
};

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function problem(status: number, title: string, detail?: string, type = 'conflict'): Response {
  return new Response(JSON.stringify({ type: `https://jira-ai.dev/problems/${type}`, status, title, detail }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

type Handler = (init: RequestInit) => Response | Promise<Response>;

describe('StandupView', () => {
  const fetchMock = vi.fn();
  let routes: Map<string, Handler>;
  let rendered: Rendered | undefined;

  const route = (key: string, handler: Handler) => routes.set(key, handler);
  const calls = (key: string) =>
    fetchMock.mock.calls.filter(([url, init]) => `${(init as RequestInit).method} ${url}` === key).map(([, init]) => init as RequestInit);
  const bodies = (key: string) => calls(key).map((init) => JSON.parse(String(init.body)));

  beforeEach(() => {
    window.AP = { context: { getToken: vi.fn().mockResolvedValue('jwt') } };
    routes = new Map();
    route('GET /api/standup/today', () => json(TODAY));
    route('GET /api/standup/history?limit=30', () => json({ standups: [] }));
    fetchMock.mockReset();
    fetchMock.mockImplementation(async (url: string, init: RequestInit) => {
      const handler = routes.get(`${init.method} ${url}`);
      return handler ? handler(init) : problem(404, `No route for ${init.method} ${url}`, undefined, 'not-found');
    });
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    rendered?.unmount();
    rendered = undefined;
    document.body.innerHTML = '';
    delete window.AP;
    vi.unstubAllGlobals();
  });

  async function showView() {
    rendered = await render(<StandupView siteUrl="https://example.atlassian.net" />);
    await waitFor(() => byTestId('standup-today'));
    return rendered.container;
  }

  const answer = (id: string) => byTestId<HTMLTextAreaElement>(`standup-answer-${id}`);

  async function saveAnswers() {
    route('PUT /api/standup/today', (init) => json({ ...SAVED, ...JSON.parse(String(init.body)) }));
    await type(answer('today'), 'Login page');
    await click(buttonNamed('Save'));
    await waitFor(() => byTestId('standup-saved'));
  }

  async function preview() {
    route('POST /api/standup/today/preview', () => json(PROPOSAL, 201));
    await click(buttonNamed('Preview comments'));
    return waitFor(() => byTestId('standup-review'));
  }

  it('shows a skeleton at once, then the date in words, the three labelled questions and the suggestions from Jira', async () => {
    let answerToday!: () => void;
    route('GET /api/standup/today', () => new Promise<Response>((resolve) => (answerToday = () => resolve(json(TODAY)))));
    rendered = await render(<StandupView />);
    expect(byTestId('chat-skeleton').getAttribute('aria-label')).toBe('Loading your stand-up');
    answerToday();
    await waitFor(() => byTestId('standup-today'));

    expect(document.querySelector('h2')?.textContent).toBe('Your stand-up for Sunday, 6 December');
    expect(QUESTIONS.map((q) => accessibleName(answer(q.id)))).toEqual(QUESTIONS.map((q) => q.text));
    const row = byTestId('standup-suggestions-yesterday-SCRUM-2');
    expect(row.textContent).toContain('SCRUM-2');
    expect(row.textContent).toContain('Checkout button');
    expect(row.textContent).toContain('In Progress');
    expect(row.textContent).toContain('You updated it yesterday');
    expect(row.querySelector('a')?.getAttribute('href')).toBe('https://example.atlassian.net/browse/SCRUM-2');
    expect(byTestId('standup-suggestions-today').textContent).toContain('Assigned to you, in progress');
    expect(accessibleName(byTestId('standup-suggestions-yesterday-include-SCRUM-2'))).toBe('Include SCRUM-2');
    expectLabelInName(byTestId('standup-today'));
  });

  it('"Include" keeps an issue for the PUT body, "Add to answer" writes it into its answer; Save shows the time saved and announces it', async () => {
    route('PUT /api/standup/today', (init) => json({ ...SAVED, ...JSON.parse(String(init.body)) }));
    await showView();
    expect(buttonNamed('Save').disabled).toBe(true);

    await click(buttonNamed('Add to answer SCRUM-2'));
    expect(answer('yesterday').value).toBe('SCRUM-2 Checkout button');
    expect(document.activeElement).toBe(answer('yesterday'));
    await type(answer('blockers'), 'Waiting for the API key');

    const include1 = byTestId<HTMLInputElement>('standup-suggestions-today-include-SCRUM-1');
    const include2 = byTestId<HTMLInputElement>('standup-suggestions-yesterday-include-SCRUM-2');
    await click(include1);
    await click(include2);
    await click(include2); // and not after all
    expect(include1.checked).toBe(true);
    expect(include2.checked).toBe(false);

    await click(buttonNamed('Save'));
    const saved = await waitFor(() => byTestId('standup-saved'));
    expect(bodies('PUT /api/standup/today')).toEqual([
      { yesterday: 'SCRUM-2 Checkout button', today: '', blockers: 'Waiting for the API key', issueKeys: ['SCRUM-1'] },
    ]);
    expect(saved.textContent).toContain('Saved at 09:14');
    expect(saved.textContent).toContain('You can change it until the end of the day.');
    await waitFor(() => expect(document.activeElement).toBe(saved));
    expect(byTestId('standup-announcement').textContent).toBe('Stand-up saved at 09:14.');
    // Still editable: a change says it is not saved yet.
    await type(answer('today'), 'More');
    expect(byTestId('standup-saved').textContent).toContain('You have changes that are not saved yet.');
  });

  it('a stand-up saved earlier today is shown in the form, its kept issues ticked; the history lists dates, collapsed', async () => {
    route('GET /api/standup/today', () => json({ ...TODAY, standup: SAVED }));
    route('GET /api/standup/history?limit=30', () =>
      json({ standups: [SAVED, { ...SAVED, date: '2026-12-04', yesterday: 'Reviews', today: 'Tests', blockers: '' }] }),
    );
    await showView();
    expect(answer('yesterday').value).toBe('SCRUM-2 Checkout button');
    expect(byTestId<HTMLInputElement>('standup-suggestions-today-include-SCRUM-1').checked).toBe(true);
    expect(byTestId('standup-saved').textContent).toContain('Saved at 09:14');

    const older = await waitFor(() => byTestId<HTMLDetailsElement>('standup-history-2026-12-04'));
    expect(older.open).toBe(false);
    expect(older.querySelector('summary')?.textContent).toBe('Friday, 4 December 2026');
    expect(older.textContent).toContain('What will you do today?');
    expect(older.textContent).toContain('Tests');
    expect(older.textContent).toContain('Skipped');
  });

  it('a day that could not be loaded is said in words (no status code, no raw body); Load again tries again', async () => {
    route('GET /api/standup/today', () => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }));
    rendered = await render(<StandupView />);
    const shown = await waitFor(() => byTestId('standup-load-error'));
    expect(shown.textContent).toContain('Your stand-up could not be loaded');
    expect(shown.textContent).not.toMatch(/502|html|status/i);
    route('GET /api/standup/today', () => json(TODAY));
    await click(buttonNamed('Load again'));
    await waitFor(() => byTestId('standup-today'));
    expect(calls('GET /api/standup/today')).toHaveLength(2);
  });

  it('a refused save is explained in words, the answers stay', async () => {
    route('PUT /api/standup/today', () => problem(400, 'An answer is too long', 'Each answer is at most 4000 characters.', 'bad-request'));
    await showView();
    await type(answer('today'), 'Login page');
    await click(buttonNamed('Save'));
    const shown = await waitFor(() => byTestId('standup-save-problem'));
    expect(shown.textContent).toContain('An answer is too long');
    expect(shown.textContent).toContain('Each answer is at most 4000 characters.');
    expect(shown.textContent).not.toMatch(/\b400\b|Bad Request/);
    expect(answer('today').value).toBe('Login page');
    await waitFor(() => expect(document.activeElement).toBe(shown));
  });

  it('"Snooze for today" posts the snooze once and says what it means', async () => {
    route('POST /api/standup/snooze', () => new Response(null, { status: 204 }));
    await showView();
    await click(buttonNamed('Snooze for today'));
    const snoozed = await waitFor(() => byTestId('standup-snoozed'));
    expect(calls('POST /api/standup/snooze')).toHaveLength(1);
    expect(snoozed.textContent).toContain('the assistant will not ask for your stand-up in chat today');
    expect(buttonNamed('Snooze for today').disabled).toBe(true);
    expect(byTestId('standup-announcement').textContent).toContain('Snoozed for today');
  });

  it('a preview before the stand-up is saved (409) is explained in words, with what to do', async () => {
    route('POST /api/standup/today/preview', () => problem(409, 'Conflict'));
    await showView();
    await click(buttonNamed('Preview comments'));
    const shown = await waitFor(() => byTestId('standup-preview-problem'));
    expect(shown.textContent).toContain('Save your stand-up first');
    expect(shown.textContent).toContain('press Save, then preview the comments');
    expect(shown.textContent).not.toMatch(/409|Conflict|\{/);
    expect(bodies('POST /api/standup/today/preview')).toEqual([{ flagBlocked: false }]);
  });

  it('the preview shows one card per comment, mentions as names (never links), and a flag choice only on blocked ones', async () => {
    await showView();
    await saveAnswers();
    const review = await preview();
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Comments to post'));

    const blocked = byTestId('standup-comment-SCRUM-2');
    expect(accessibleName(blocked)).toBe('SCRUM-2 Checkout button');
    const body = byTestId('standup-comment-preview-SCRUM-2');
    expect(body.querySelector('strong')?.textContent).toBe('Stand-up 2026-12-06');
    expect(body.querySelector('.mention-chip')?.textContent).toBe('@Bob Builder');
    expect(body.querySelector('a')).toBeNull();
    expect(body.innerHTML).not.toContain('5b10ab');
    expect(queryByTestId('standup-flag-SCRUM-2')).not.toBeNull();
    expect(queryByTestId('standup-flag-SCRUM-1')).toBeNull();
    expect(review.querySelectorAll('article')).toHaveLength(3);
    expect(buttonNamed('Post 3 comments')).toBeTruthy();
    expectLabelInName(review);
  });

  it('Remove sends the whole payload without that comment; Edit sends it with the new body; the flag is sent too', async () => {
    await showView();
    await saveAnswers();
    await preview();
    route('PATCH /api/proposals/p-9', (init) => json({ ...PROPOSAL, payload: JSON.parse(String(init.body)) }));

    await click(buttonNamed('Remove the comment on SCRUM-1'));
    await waitFor(() => expect(queryByTestId('standup-comment-SCRUM-1')).toBeNull());
    const [removed] = bodies('PATCH /api/proposals/p-9');
    expect(removed.comments.map((c: { issueKey: string }) => c.issueKey)).toEqual(['SCRUM-2', 'SCRUM-4']);
    expect(removed.date).toBe('2026-12-06');
    // Focus goes to the next comment.
    await waitFor(() => expect(document.activeElement?.textContent).toBe('SCRUM-4 Payments'));
    expect(byTestId('standup-announcement').textContent).toBe('The comment on SCRUM-1 was removed; it will not be posted.');

    await click(buttonNamed('Edit the comment on SCRUM-4'));
    const input = byTestId<HTMLTextAreaElement>('standup-comment-input-SCRUM-4');
    expect(accessibleName(input)).toContain('Comment on SCRUM-4');
    await type(input, 'Planned: payments, with @[Alice Analyst](7c20)');
    await click(buttonNamed('Save comment'));
    await waitFor(() => expect(calls('PATCH /api/proposals/p-9')).toHaveLength(2));
    const edited = bodies('PATCH /api/proposals/p-9')[1];
    expect(edited.comments.find((c: { issueKey: string }) => c.issueKey === 'SCRUM-4').body).toBe('Planned: payments, with @[Alice Analyst](7c20)');
    expect(edited.comments).toHaveLength(2);
    await waitFor(() => expect(byTestId('standup-comment-preview-SCRUM-4').textContent).toContain('@Alice Analyst'));

    await click(byTestId('standup-flag-SCRUM-2'));
    await waitFor(() => expect(calls('PATCH /api/proposals/p-9')).toHaveLength(3));
    expect(bodies('PATCH /api/proposals/p-9')[2].comments[0]).toMatchObject({ issueKey: 'SCRUM-2', flag: true });
    expect(buttonNamed('Post 2 comments')).toBeTruthy();
  });

  it('an edit the server refuses is said in words, focus goes to it, and the comment stays', async () => {
    await showView();
    await saveAnswers();
    await preview();
    route('PATCH /api/proposals/p-9', () =>
      problem(400, 'This change cannot be saved', 'A comment needs an issue key.', 'invalid-proposal'),
    );
    await click(buttonNamed('Remove the comment on SCRUM-1'));
    const shown = await waitFor(() => byTestId('standup-review-problem'));
    expect(shown.textContent).toContain('This change cannot be saved');
    expect(shown.textContent).toContain('Check the comments, then save the change again.');
    expect(byTestId('standup-comment-SCRUM-1')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(shown));
  });

  it('Post confirms once even when pressed twice, is disabled meanwhile, then lists the posted comments with links and the refused ones with why', async () => {
    await showView();
    await saveAnswers();
    await preview();
    let answerConfirm!: () => void;
    route(
      'POST /api/proposals/p-9/confirm',
      () =>
        new Promise<Response>((resolve) => {
          answerConfirm = () =>
            resolve(
              json({
                ...PROPOSAL,
                state: 'DONE',
                result: {
                  posted: [
                    { issueKey: 'SCRUM-2', commentId: '10010', url: 'https://example.atlassian.net/browse/SCRUM-2?focusedCommentId=10010', flagged: false },
                    { issueKey: 'SCRUM-1', commentId: '10011', url: 'https://example.atlassian.net/browse/SCRUM-1?focusedCommentId=10011', flagged: false },
                  ],
                  refused: [{ issueKey: 'SCRUM-4', reason: 'You may not comment on SCRUM-4.' }],
                },
              }),
            );
        }),
    );

    const post = buttonNamed('Post 3 comments');
    // Two presses before the page re-renders (a double click): one confirm.
    await act(async () => {
      post.click();
      post.click();
    });
    await waitFor(() => expect(buttonNamed('Post 3 comments').disabled).toBe(true));
    await click(buttonNamed('Post 3 comments'));
    expect(byTestId('standup-review-busy').textContent).toContain('Posting the comments…');
    answerConfirm();

    const result = await waitFor(() => byTestId('standup-post-result'));
    expect(calls('POST /api/proposals/p-9/confirm')).toHaveLength(1);
    const posted = byTestId('standup-posted');
    expect(posted.textContent).toContain('2 comments posted');
    expect(Array.from(posted.querySelectorAll('a')).map((a) => [accessibleName(a), a.getAttribute('href')])).toEqual([
      ['Open the comment on SCRUM-2', 'https://example.atlassian.net/browse/SCRUM-2?focusedCommentId=10010'],
      ['Open the comment on SCRUM-1', 'https://example.atlassian.net/browse/SCRUM-1?focusedCommentId=10011'],
    ]);
    expect(byTestId('standup-refused').textContent).toContain('SCRUM-4: You may not comment on SCRUM-4.');
    expect(queryByTestId('standup-post')).toBeNull();
    // Previewing again would post the same update twice: that comes back only after a new save.
    expect(queryByTestId('standup-preview')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(result));
    expect(byTestId('standup-announcement').textContent).toBe('2 comments posted. Not posted: SCRUM-4.');
  });

  it('a post Jira did not confirm is explained in words and not sent again by itself', async () => {
    await showView();
    await saveAnswers();
    await preview();
    route('POST /api/proposals/p-9/confirm', () =>
      problem(409, 'The outcome is not known yet', undefined, 'proposal-outcome-unknown'),
    );
    await click(buttonNamed('Post 3 comments'));
    const shown = await waitFor(() => byTestId('standup-review-problem'));
    expect(shown.textContent).toContain('Jira did not confirm the comments');
    expect(shown.textContent).toContain('They are not sent again');
    expect(calls('POST /api/proposals/p-9/confirm')).toHaveLength(1);
  });
});
