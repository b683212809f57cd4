import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';

const invokeRemote = vi.fn();
const getForgeContext = vi.fn();
const forgeClose = vi.fn();
vi.mock('@forge/bridge', () => ({
  invokeRemote: (...args: unknown[]) => invokeRemote(...args),
  view: { getContext: () => getForgeContext(), close: () => forgeClose() },
}));

import type { Draft } from '../drafts';
import { byTestId, click, queryByTestId, render, settle, waitFor, type Rendered } from '../test/render';
import { DraftSurface } from './DraftSurface';

// ---------------------------------------------------------------------------------------------
// Fixtures

const CONTEXT = {
  siteUrl: 'https://example.atlassian.net',
  accountId: 'abc',
  productType: 'jira',
  features: {},
  llmConfigured: true,
};

const PROJECTS = [
  { key: 'SCRUM', name: 'Scrum team' },
  { key: 'OPS', name: 'Operations' },
];

const CREATE_OPTIONS = {
  issueTypes: ['Epic', 'Story', 'Task', 'Bug'],
  priorities: ['Highest', 'High', 'Medium', 'Low'],
  components: ['Web', 'API'],
};

function draft(overrides: Partial<Draft> = {}): Draft {
  return {
    ref: 't1',
    summary: 'Password reset link opens a blank page on Safari',
    issueType: 'Bug',
    priority: 'High',
    labels: ['login'],
    components: ['Web'],
    assignee: { accountId: 'u-1', displayName: 'Jane Doe' },
    assigneeHint: null,
    descriptionMarkdown: '## Steps\n\n1. Open the reset link in *Safari*',
    acceptanceCriteria: ['The reset page loads on Safari 17'],
    parentRef: null,
    parentKey: null,
    dependsOn: [],
    complexity: null,
    missingInformation: ['Which Safari version?'],
    fields: {},
    ...overrides,
  };
}

const SIMILAR = [
  { key: 'SCRUM-3', summary: 'Reset email link broken', status: 'In Progress', url: 'https://example.atlassian.net/browse/SCRUM-3' },
];

const TEXT = 'Users on Safari cannot reset their password: the link opens a blank page. Jane should look at it.';

function ticketAnswer(overrides: Record<string, unknown> = {}) {
  return { proposalId: 'p-1', drafts: [draft()], analysis: null, similar: SIMILAR, problems: [], ...overrides };
}

function breakdownAnswer() {
  return {
    proposalId: 'p-2',
    drafts: [
      draft({ ref: 'epic', summary: 'Self-service password reset', issueType: 'Epic', assignee: null, missingInformation: [] }),
      draft({ ref: 's1', summary: 'Send the reset email', issueType: 'Story', parentRef: 'epic', complexity: 'S', missingInformation: [] }),
      draft({
        ref: 's2',
        summary: 'Reset page works on Safari',
        issueType: 'Story',
        parentRef: 'epic',
        dependsOn: ['s1'],
        complexity: 'M',
        assignee: null,
        assigneeHint: 'Bob',
        missingInformation: [],
      }),
    ],
    analysis: null,
    similar: [],
    problems: [],
  };
}

function json(body: unknown, status = 200, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
}

function problem(status: number, body: Record<string, unknown>): Response {
  return json({ status, ...body }, status, 'application/problem+json');
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Sets a React-controlled input's value as typing would. */
async function type(element: HTMLInputElement | HTMLTextAreaElement, value: string): Promise<void> {
  await act(async () => {
    const proto = element instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(element, value);
    element.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function blur(element: HTMLElement): Promise<void> {
  await act(async () => {
    element.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
  });
}

function button(testId: string): HTMLButtonElement {
  return byTestId<HTMLButtonElement>(testId);
}

// ---------------------------------------------------------------------------------------------
// Connect

type Handler = (init: RequestInit) => Response | Promise<Response>;

describe('DraftSurface on Connect', () => {
  const fetchMock = vi.fn();
  let routes: Map<string, Handler>;
  let rendered: Rendered | undefined;

  function route(key: string, handler: Handler | Response) {
    routes.set(key, typeof handler === 'function' ? handler : () => handler.clone());
  }

  function calls(key: string): RequestInit[] {
    return fetchMock.mock.calls
      .filter(([url, init]) => `${(init as RequestInit).method} ${url}` === key)
      .map(([, init]) => init as RequestInit);
  }

  function bodies(key: string): unknown[] {
    return calls(key).map((init) => JSON.parse(String(init.body)));
  }

  beforeEach(() => {
    window.AP = { context: { getToken: vi.fn().mockResolvedValue('jwt') }, dialog: { close: vi.fn() } };
    window.history.replaceState(null, '', '/connect/draft?projectKey=SCRUM&issueKey=SCRUM-1&jwt=x');
    routes = new Map();
    route('GET /api/context', json(CONTEXT));
    route('GET /api/projects', json(PROJECTS));
    route('GET /api/projects/SCRUM/create-options', json(CREATE_OPTIONS));
    route('POST /api/drafts', json(ticketAnswer()));
    route('PATCH /api/proposals/p-1', (init) => {
      const body = JSON.parse(String(init.body));
      return json({ proposalId: 'p-1', kind: 'drafts', state: 'PENDING', payload: body, result: null, expiresAt: '2030-01-01T10:15:00Z' });
    });
    route('POST /api/proposals/p-1/reject', json({ proposalId: 'p-1', state: 'REJECTED' }));
    fetchMock.mockReset();
    fetchMock.mockImplementation(async (url: string, init: RequestInit) => {
      const handler = routes.get(`${init.method} ${url}`);
      return handler ? handler(init) : problem(404, { title: `No route for ${init.method} ${url}` });
    });
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    rendered?.unmount();
    rendered = undefined;
    document.body.innerHTML = '';
    delete window.AP;
    vi.unstubAllGlobals();
    window.history.replaceState(null, '', '/');
  });

  async function renderSurface() {
    rendered = await render(<DraftSurface />);
    await settle();
    return rendered.container;
  }

  async function draftTicket(text = TEXT) {
    await renderSurface();
    await type(byTestId('draft-text'), text);
    await click(button('draft-button'));
    return waitFor(() => byTestId('draft-card-0'));
  }

  it('input: empty text disables Draft, the current project is the default, a bad parent key shows an error', async () => {
    const container = await renderSurface();

    expect(container.querySelector('h1')?.textContent).toBe('Draft with AI');
    expect(button('draft-button').disabled).toBe(true);
    expect(byTestId('project-select').textContent).toContain('Scrum team (SCRUM)');

    await type(byTestId('draft-text'), '   ');
    expect(button('draft-button').disabled).toBe(true);

    await type(byTestId('draft-text'), 'Add dark mode to the settings page');
    expect(button('draft-button').disabled).toBe(false);
    expect(container.textContent).toContain('34/8000');

    const parent = byTestId<HTMLInputElement>('parent-key');
    await type(parent, 'SCRUM 12');
    await blur(parent);
    expect(byTestId('parent-key-error').textContent).toContain('issue key such as SCRUM-12');
    expect(parent.getAttribute('aria-describedby')).toContain(byTestId('parent-key-error').id);

    await click(button('draft-button'));
    await settle();
    expect(calls('POST /api/drafts')).toHaveLength(0);

    await type(parent, 'scrum-12');
    expect(queryByTestId('parent-key-error')).toBeNull();

    await type(byTestId('draft-text'), 'x'.repeat(8001));
    expect(button('draft-button').disabled).toBe(true);
    expect(container.textContent).toContain('Shorten the text to 8000 characters');
  });

  it('input: offers the current issue as parent and sends the request the backend expects', async () => {
    await renderSurface();
    await click(button('use-current-issue'));
    expect(byTestId<HTMLInputElement>('parent-key').value).toBe('SCRUM-1');
    await type(byTestId('draft-text'), TEXT);
    await click(byTestId('draft-mode-breakdown--radio-input'));
    route('POST /api/drafts', json({ ...breakdownAnswer(), proposalId: 'p-2' }));
    await click(button('draft-button'));
    await waitFor(() => byTestId('draft-card-2'));

    expect(bodies('POST /api/drafts')).toEqual([
      { text: TEXT, projectKey: 'SCRUM', parentKey: 'SCRUM-1', mode: 'breakdown', outputFormat: 'markdown' },
    ]);
  });

  it('input: without a project in the URL nothing is chosen and Draft waits for a project', async () => {
    window.history.replaceState(null, '', '/connect/draft?projectKey=%7Bproject.key%7D&jwt=x');
    const container = await renderSurface();
    await type(byTestId('draft-text'), TEXT);

    expect(byTestId('project-select').textContent).toContain('Choose a project');
    expect(button('draft-button').disabled).toBe(true);
    expect(container.textContent).toContain('Choose a project first.');
    expect(queryByTestId('use-current-issue')).toBeNull();
  });

  it('ticket: draft, edit the summary, create, confirm once even when clicked twice, then links to the issue', async () => {
    const answer = deferred<Response>();
    route('POST /api/drafts', () => answer.promise);
    const confirmed = deferred<Response>();
    route('POST /api/proposals/p-1/confirm', () => confirmed.promise);
    await renderSurface();

    await type(byTestId('draft-text'), TEXT);
    await click(button('draft-button'));
    // At once, before the server answers.
    expect(byTestId('draft-progress').textContent).toContain('Drafting…');
    expect(button('draft-button').disabled).toBe(true);
    await act(async () => answer.resolve(json(ticketAnswer())));
    const card = await waitFor(() => byTestId('draft-card-0'));

    expect(queryByTestId('draft-progress')).toBeNull();
    const summary = byTestId<HTMLInputElement>('draft-summary-0');
    expect(summary.value).toBe('Password reset link opens a blank page on Safari');
    expect(byTestId('draft-type-0').textContent).toContain('Bug');
    expect(byTestId('draft-priority-0').textContent).toContain('High');
    expect(byTestId('draft-components-0').textContent).toContain('Web');
    expect(byTestId<HTMLInputElement>('draft-labels-0').value).toBe('login');
    expect(byTestId('draft-assignee-0').textContent).toContain('Jane Doe');
    expect(byTestId<HTMLTextAreaElement>('draft-description-0').value).toContain('## Steps');
    expect(byTestId<HTMLInputElement>('draft-ac-0-0').value).toBe('The reset page loads on Safari 17');
    expect(byTestId('draft-missing-0').textContent).toContain('Which Safari version?');
    expect(card.textContent).toContain('48/255');
    await waitFor(() => expect(calls('GET /api/projects/SCRUM/create-options')).toHaveLength(1));

    // The Markdown preview renders the description safely.
    await click(button('draft-preview-toggle-0'));
    await waitFor(() => expect(byTestId('draft-preview-0').querySelector('em')?.textContent).toBe('Safari'));
    await click(button('draft-preview-toggle-0'));

    await type(summary, 'Password reset page is blank on Safari 17');
    await click(button('create-button'));
    const modal = await waitFor(() => byTestId('confirm-modal'));

    expect(bodies('PATCH /api/proposals/p-1')).toEqual([
      { projectKey: 'SCRUM', drafts: [{ ...draft(), summary: 'Password reset page is blank on Safari 17' }] },
    ]);
    expect(modal.textContent).toContain('Create this issue in SCRUM?');
    expect(byTestId('confirm-item-0').textContent).toContain('Password reset page is blank on Safari 17');
    expect(byTestId('confirm-item-0').textContent).toContain('Bug');
    expect(byTestId('confirm-item-0').textContent).toContain('Assignee: Jane Doe');

    const confirmButton = button('confirm-button');
    await act(async () => {
      confirmButton.click();
      confirmButton.click();
    });
    await click(button('confirm-button'));
    await settle();
    expect(calls('POST /api/proposals/p-1/confirm')).toHaveLength(1);

    await act(async () =>
      confirmed.resolve(
        json({ proposalId: 'p-1', state: 'DONE', result: { issues: [{ key: 'SCRUM-12', url: 'https://example.atlassian.net/browse/SCRUM-12' }] } }),
      ),
    );
    const created = await waitFor(() => byTestId('created-issues'));
    const link = created.querySelector('a')!;
    expect(link.textContent).toBe('Open SCRUM-12');
    expect(link.getAttribute('href')).toBe('https://example.atlassian.net/browse/SCRUM-12');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
    expect(created.textContent).toContain('Password reset page is blank on Safari 17');
    expect(byTestId('draft-announcement').textContent).toBe('Created SCRUM-12.');
    await waitFor(() => expect(queryByTestId('confirm-modal')).toBeNull());
    expect(calls('POST /api/proposals/p-1/confirm')).toHaveLength(1);
    expect(calls('POST /api/proposals/p-1/reject')).toHaveLength(0);

    await click(button('close-button'));
    expect(window.AP!.dialog!.close).toHaveBeenCalledTimes(1);

    await click(button('draft-another-button'));
    expect(byTestId<HTMLTextAreaElement>('draft-text').value).toBe('');
    expect(queryByTestId('created-issues')).toBeNull();
  });

  it('ticket: a 422 on save shows the problems next to the named fields and keeps the edits', async () => {
    route(
      'PATCH /api/proposals/p-1',
      problem(422, {
        type: 'https://jira-ai-assistant.example/problems/issue-not-creatable',
        title: 'The issue cannot be created as it is',
        problems: [
          { fieldId: 'priority', name: 'Priority', problem: 'Priority "High" is not allowed', allowedValues: ['Medium', 'Low'], draft: 0 },
          { fieldId: 'customfield_10010', name: 'Team', problem: 'Team is required', allowedValues: ['Red', 'Blue'], draft: 0 },
        ],
      }),
    );
    await draftTicket();

    await type(byTestId('draft-summary-0'), 'Edited summary');
    await click(button('create-button'));
    const priorityProblem = await waitFor(() => byTestId('draft-priority-problem-0'));

    expect(priorityProblem.textContent).toContain('Priority "High" is not allowed. Allowed values: Medium, Low.');
    // Next to the priority field, inside the card.
    expect(byTestId('draft-priority-0').contains(priorityProblem)).toBe(true);
    expect(byTestId('draft-problems-0').textContent).toContain('Team: Team is required. Allowed values: Red, Blue.');
    expect(byTestId('draft-problems').textContent).toContain('Jira would refuse this as it is');
    expect(byTestId<HTMLInputElement>('draft-summary-0').value).toBe('Edited summary');
    expect(queryByTestId('confirm-modal')).toBeNull();
    expect(calls('POST /api/proposals/p-1/confirm')).toHaveLength(0);
    expect(button('create-button').disabled).toBe(false);
  });

  it('ticket: problems from the draft answer are shown before confirming; a bad summary blocks saving', async () => {
    route(
      'POST /api/drafts',
      json(
        ticketAnswer({
          problems: [
            { fieldId: 'components', name: 'Components', problem: 'Component is required', allowedValues: ['Web', 'API'], draft: 0 },
            { fieldId: 'reporter', name: 'Reporter', problem: 'You cannot set the reporter', allowedValues: [] },
          ],
        }),
      ),
    );
    await draftTicket();

    expect(byTestId('draft-components-problem-0').textContent).toContain('Component is required. Allowed values: Web, API.');
    expect(byTestId('draft-problems').textContent).toContain('Reporter: You cannot set the reporter.');

    await type(byTestId('draft-summary-0'), '  ');
    expect(byTestId('draft-card-0').textContent).toContain('Enter a summary.');
    await click(button('create-button'));
    expect(byTestId('draft-validation').textContent).toContain('Fix the fields marked in red first.');
    expect(calls('PATCH /api/proposals/p-1')).toHaveLength(0);
  });

  it('ticket: a suggested assignee without a user, and clearing the assignee', async () => {
    route('POST /api/drafts', json(ticketAnswer({ drafts: [draft({ assignee: null, assigneeHint: 'Bob' })] })));
    await draftTicket();

    expect(byTestId('draft-assignee-0').textContent).toContain('Suggested: Bob (no matching user)');
    await click(button('draft-assignee-clear-0'));
    expect(byTestId('draft-assignee-0').textContent).toContain('Unassigned');

    await click(button('create-button'));
    await waitFor(() => byTestId('confirm-modal'));
    const sent = bodies('PATCH /api/proposals/p-1')[0] as { drafts: Draft[] };
    expect(sent.drafts[0].assignee).toBeNull();
    expect(sent.drafts[0].assigneeHint).toBeNull();
  });

  it('Cancel in the modal rejects the proposal and goes back to the text; Back to editing keeps the drafts', async () => {
    await draftTicket();

    await click(button('create-button'));
    await waitFor(() => byTestId('confirm-modal'));
    await click(button('back-button'));
    await waitFor(() => expect(queryByTestId('confirm-modal')).toBeNull());
    expect(byTestId('draft-card-0')).toBeTruthy();
    expect(calls('POST /api/proposals/p-1/reject')).toHaveLength(0);

    await click(button('create-button'));
    await waitFor(() => byTestId('confirm-modal'));
    await click(button('cancel-button'));
    await settle();

    expect(calls('POST /api/proposals/p-1/reject')).toHaveLength(1);
    expect(calls('POST /api/proposals/p-1/confirm')).toHaveLength(0);
    await waitFor(() => expect(queryByTestId('confirm-modal')).toBeNull());
    expect(queryByTestId('draft-card-0')).toBeNull();
    expect(byTestId<HTMLTextAreaElement>('draft-text').value).toBe(TEXT);
    expect(byTestId('draft-notice').textContent).toContain('Nothing was created');
  });

  it('similar issues are listed with links that open in a new tab, or "No similar issues found"', async () => {
    await draftTicket();

    const panel = byTestId('similar-issues');
    const link = panel.querySelector('a')!;
    expect(link.textContent).toBe('SCRUM-3');
    expect(link.getAttribute('href')).toBe('https://example.atlassian.net/browse/SCRUM-3');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
    expect(panel.textContent).toContain('Reset email link broken');
    expect(panel.textContent).toContain('In Progress');

    await click(button('start-over-button'));
    route('POST /api/drafts', json(ticketAnswer({ similar: [] })));
    await click(button('draft-button'));
    await waitFor(() => byTestId('draft-card-0'));
    expect(byTestId('similar-issues').textContent).toContain('No similar issues found');
  });

  it('breakdown: the epic first, its children indented with "depends on" and complexity, all created together', async () => {
    route('POST /api/drafts', json(breakdownAnswer()));
    route('PATCH /api/proposals/p-2', (init) =>
      json({ proposalId: 'p-2', kind: 'drafts', state: 'PENDING', payload: JSON.parse(String(init.body)), result: null }),
    );
    route(
      'POST /api/proposals/p-2/confirm',
      json({
        proposalId: 'p-2',
        state: 'DONE',
        result: {
          issues: [
            { key: 'SCRUM-20', url: 'https://example.atlassian.net/browse/SCRUM-20' },
            { key: 'SCRUM-21', url: 'https://example.atlassian.net/browse/SCRUM-21' },
            { key: 'SCRUM-22' },
          ],
        },
      }),
    );
    await renderSurface();
    await type(byTestId('draft-text'), TEXT);
    await click(byTestId('draft-mode-breakdown--radio-input'));
    await click(button('draft-button'));
    await waitFor(() => byTestId('draft-card-2'));

    const cards = Array.from(document.querySelectorAll('[data-testid^="draft-card-"]'));
    expect(cards.map((c) => c.getAttribute('data-testid'))).toEqual(['draft-card-0', 'draft-card-1', 'draft-card-2']);
    expect(byTestId('draft-type-0').textContent).toContain('Epic');
    expect(byTestId('draft-card-0').style.marginLeft).toBe('');
    expect(byTestId('draft-card-1').style.marginLeft).not.toBe('');
    expect(byTestId('draft-parent-ref-1').textContent).toBe('Child of “Self-service password reset”');
    expect(byTestId('draft-depends-2').textContent).toContain('Depends on');
    expect(byTestId('draft-depends-2').textContent).toContain('“Send the reset email”');
    expect(byTestId('draft-complexity-1').textContent).toBe('Complexity S');
    expect(byTestId('draft-complexity-2').textContent).toBe('Complexity M');
    expect(byTestId('draft-assignee-2').textContent).toContain('Suggested: Bob (no matching user)');
    // The epic has children, so only the stories can be removed.
    expect(queryByTestId('draft-remove-0')).toBeNull();
    expect(button('create-button').textContent).toBe('Create 3 issues');

    await click(button('create-button'));
    const modal = await waitFor(() => byTestId('confirm-modal'));
    expect(modal.textContent).toContain('Create these 3 issues in SCRUM?');
    expect(byTestId('confirm-item-1').textContent).toContain('Child of “Self-service password reset”');
    expect(byTestId('confirm-item-2').textContent).toContain('Depends on “Send the reset email”');

    await click(button('confirm-button'));
    const created = await waitFor(() => byTestId('created-issues'));
    const links = Array.from(created.querySelectorAll('a'));
    expect(links.map((a) => a.textContent)).toEqual(['Open SCRUM-20', 'Open SCRUM-21', 'Open SCRUM-22']);
    // Without a url from the server the link is built from the site.
    expect(links[2].getAttribute('href')).toBe('https://example.atlassian.net/browse/SCRUM-22');
  });

  it('breakdown: a batch Jira created only part of says which exist, and confirming again creates the rest', async () => {
    route('POST /api/drafts', json(breakdownAnswer()));
    route('PATCH /api/proposals/p-2', (init) =>
      json({ proposalId: 'p-2', kind: 'drafts', state: 'PENDING', payload: JSON.parse(String(init.body)), result: null }),
    );
    let confirms = 0;
    route('POST /api/proposals/p-2/confirm', () => {
      confirms += 1;
      const issues = [
        { ref: 'epic', key: 'SCRUM-20', url: 'https://example.atlassian.net/browse/SCRUM-20' },
        { ref: 'S1', key: 'SCRUM-21', url: 'https://example.atlassian.net/browse/SCRUM-21' },
      ];
      return confirms === 1
        ? json({
            proposalId: 'p-2',
            state: 'PARTIAL',
            result: { issues, failed: [{ ref: 'S2', summary: 'Send the reset email', error: 'Jira refused to create issue: Summary: too long' }] },
          })
        : json({ proposalId: 'p-2', state: 'DONE', result: { issues: [...issues, { ref: 'S2', key: 'SCRUM-22' }], failed: [] } });
    });
    await renderSurface();
    await type(byTestId('draft-text'), TEXT);
    await click(byTestId('draft-mode-breakdown--radio-input'));
    await click(button('draft-button'));
    await waitFor(() => byTestId('draft-card-2'));
    await click(button('create-button'));
    const modal = await waitFor(() => byTestId('confirm-modal'));

    await click(button('confirm-button'));
    await waitFor(() => expect(modal.textContent).toContain('Some issues were not created'));
    expect(modal.textContent).toContain('Created SCRUM-20, SCRUM-21');
    expect(modal.textContent).toContain('Not created: "Send the reset email" (Jira refused to create issue: Summary: too long)');
    expect(queryByTestId('created-issues')).toBeNull();

    await click(button('confirm-button'));
    const created = await waitFor(() => byTestId('created-issues'));
    expect(Array.from(created.querySelectorAll('a')).map((a) => a.textContent)).toEqual([
      'Open SCRUM-20',
      'Open SCRUM-21',
      'Open SCRUM-22',
    ]);
    expect(calls('POST /api/proposals/p-2/confirm')).toHaveLength(2);
  });

  it('breakdown: removing a story drops it and the dependencies on it', async () => {
    route('POST /api/drafts', json(breakdownAnswer()));
    route('PATCH /api/proposals/p-2', (init) =>
      json({ proposalId: 'p-2', kind: 'drafts', state: 'PENDING', payload: JSON.parse(String(init.body)), result: null }),
    );
    await renderSurface();
    await type(byTestId('draft-text'), TEXT);
    await click(byTestId('draft-mode-breakdown--radio-input'));
    await click(button('draft-button'));
    await waitFor(() => byTestId('draft-card-2'));

    await click(button('draft-remove-1'));
    expect(queryByTestId('draft-card-2')).toBeNull();
    expect(queryByTestId('draft-depends-1')).toBeNull();

    await click(button('create-button'));
    await waitFor(() => byTestId('confirm-modal'));
    const sent = bodies('PATCH /api/proposals/p-2')[0] as { drafts: Draft[] };
    expect(sent.drafts.map((d) => d.ref)).toEqual(['epic', 's2']);
    expect(sent.drafts[1].dependsOn).toEqual([]);
  });

  it('analysis: renders the Markdown, copies it, and drafts tickets from the same text', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    // jsdom has no Clipboard API.
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    onTestFinished(() => {
      delete (navigator as { clipboard?: unknown }).clipboard;
    });
    const markdown = '# Goal\n\nLet users reset a password **themselves**.\n\n<script>alert(1)</script>';
    route('POST /api/drafts', (init) => {
      const body = JSON.parse(String(init.body));
      return body.mode === 'analysis'
        ? json({ proposalId: null, drafts: [], analysis: { markdown, json: null }, similar: SIMILAR, problems: [] })
        : json(breakdownAnswer());
    });
    await renderSurface();
    await type(byTestId('draft-text'), TEXT);
    await click(byTestId('draft-mode-analysis--radio-input'));
    await click(button('draft-button'));

    const analysis = await waitFor(() => byTestId('analysis'));
    await waitFor(() => expect(analysis.querySelector('h3')?.textContent).toBe('Goal'));
    expect(analysis.querySelector('strong')?.textContent).toBe('themselves');
    expect(analysis.querySelector('script')).toBeNull();
    expect(byTestId('similar-issues').textContent).toContain('SCRUM-3');

    await click(button('copy-markdown-button'));
    await settle();
    expect(writeText).toHaveBeenCalledWith(markdown);
    expect(byTestId('copy-status').textContent).toBe('Copied to the clipboard.');

    await click(button('draft-tickets-button'));
    await waitFor(() => byTestId('draft-card-2'));
    expect(bodies('POST /api/drafts')).toEqual([
      { text: TEXT, projectKey: 'SCRUM', parentKey: null, mode: 'analysis', outputFormat: 'markdown' },
      { text: TEXT, projectKey: 'SCRUM', parentKey: null, mode: 'breakdown', outputFormat: 'markdown' },
    ]);
  });

  it('shows a drafting problem with when to retry, and keeps the text', async () => {
    route(
      'POST /api/drafts',
      problem(429, { title: 'Too many drafts', detail: 'This site reached its hourly limit.', retryAfterSeconds: 30 }),
    );
    await renderSurface();
    await type(byTestId('draft-text'), TEXT);
    await click(button('draft-button'));

    const error = await waitFor(() => byTestId('draft-error'));
    expect(error.textContent).toContain('Too many drafts');
    expect(error.textContent).toContain('Try again in 30 seconds.');
    expect(byTestId<HTMLTextAreaElement>('draft-text').value).toBe(TEXT);
    expect(button('draft-button').disabled).toBe(false);
  });

  it('a failed save that is not a 422 shows the problem and keeps the drafts', async () => {
    route('PATCH /api/proposals/p-1', problem(409, { title: 'The drafts expired', detail: 'Draft again to start a new proposal.' }));
    await draftTicket();
    await click(button('create-button'));

    const error = await waitFor(() => byTestId('create-error'));
    expect(error.textContent).toContain('The drafts expired');
    expect(byTestId('draft-card-0')).toBeTruthy();
    expect(queryByTestId('confirm-modal')).toBeNull();
  });

  it('Cancel while drafting cancels the task and goes back to the text, with a note', async () => {
    route(
      'POST /api/drafts',
      new Response(JSON.stringify({ taskId: 't-6', kind: 'draft', status: 'processing' }), {
        status: 202,
        headers: { 'Content-Type': 'application/json', Location: '/api/tasks/t-6' },
      }),
    );
    // The event stream stays open until the test's cancel.
    route('GET /api/tasks/t-6/events', () => new Response(new ReadableStream<Uint8Array>(), { headers: { 'Content-Type': 'text/event-stream' } }));
    route('POST /api/tasks/t-6/cancel', json({ taskId: 't-6', kind: 'draft', status: 'cancelled', progress: null }));
    await renderSurface();
    await type(byTestId('draft-text'), TEXT);
    await click(button('draft-button'));

    await click(await waitFor(() => button('draft-cancel-button')));
    const notice = await waitFor(() => byTestId('draft-notice'));

    expect(calls('POST /api/tasks/t-6/cancel')).toHaveLength(1);
    expect(calls('GET /api/tasks/t-6/events')[0].signal?.aborted).toBe(true);
    expect(notice.textContent).toContain('Drafting was cancelled.');
    expect(queryByTestId('draft-progress')).toBeNull();
    expect(byTestId<HTMLTextAreaElement>('draft-text').value).toBe(TEXT);
    expect(document.activeElement).toBe(byTestId('draft-text'));
    expect(byTestId('draft-announcement').textContent).toBe('Drafting was cancelled.');
    expect(button('draft-button').disabled).toBe(false);
  });

  it('disables drafting when no AI model is configured', async () => {
    route('GET /api/context', json({ ...CONTEXT, llmConfigured: false }));
    const container = await renderSurface();
    await type(byTestId('draft-text'), TEXT);

    expect(button('draft-button').disabled).toBe(true);
    expect(container.textContent).toContain('Drafting needs an AI model');
  });
});

// ---------------------------------------------------------------------------------------------
// Forge: the project and issue come from view.getContext(), calls go through invokeRemote

describe('DraftSurface on Forge', () => {
  let rendered: Rendered | undefined;

  beforeEach(() => {
    delete window.AP;
    invokeRemote.mockReset();
    getForgeContext.mockReset();
    forgeClose.mockReset();
    getForgeContext.mockResolvedValue({ extension: { type: 'jira:issueAction', project: { key: 'OPS' }, issue: { key: 'OPS-4' } } });
    invokeRemote.mockImplementation(({ path, method }: { path: string; method: string }) => {
      const ok = (body: unknown) => Promise.resolve({ status: 200, headers: { 'content-type': 'application/json' }, body });
      if (path === '/api/context') return ok(CONTEXT);
      if (path === '/api/projects') return ok(PROJECTS);
      if (path === '/api/projects/OPS/create-options') return ok(CREATE_OPTIONS);
      if (method === 'POST' && path === '/api/drafts') return ok(ticketAnswer());
      return Promise.resolve({ status: 404, headers: {}, body: { title: 'No route' } });
    });
  });

  afterEach(() => {
    rendered?.unmount();
    rendered = undefined;
    document.body.innerHTML = '';
  });

  it('defaults to the project from the Forge context and drafts through invokeRemote', async () => {
    rendered = await render(<DraftSurface />);
    await settle();

    await waitFor(() => expect(byTestId('project-select').textContent).toContain('Operations (OPS)'));
    expect(byTestId('use-current-issue').textContent).toBe('Use OPS-4');
    await type(byTestId('draft-text'), TEXT);
    await click(button('draft-button'));
    await waitFor(() => byTestId('draft-card-0'));

    expect(invokeRemote).toHaveBeenCalledWith({
      path: '/api/drafts',
      method: 'POST',
      headers: { Accept: 'application/json', Prefer: 'respond-async' },
      body: { text: TEXT, projectKey: 'OPS', parentKey: null, mode: 'ticket', outputFormat: 'markdown' },
    });
  });

  it('follows a drafting task by polling: the server progress shows, never the model JSON, then the drafts', async () => {
    const views: unknown[] = [
      { taskId: 't-5', kind: 'draft', status: 'processing', progress: { stage: 'asking-model', message: 'Writing the ticket…' }, text: '{"drafts": [' },
      { taskId: 't-5', kind: 'draft', status: 'completed', progress: null, result: ticketAnswer() },
    ];
    const fallback = invokeRemote.getMockImplementation()!;
    invokeRemote.mockImplementation((input: { path: string; method: string }) => {
      const ok = (body: unknown, status = 200) => Promise.resolve({ status, headers: { 'content-type': 'application/json' }, body });
      if (input.method === 'POST' && input.path === '/api/drafts') return ok({ taskId: 't-5', kind: 'draft', status: 'processing' }, 202);
      if (input.method === 'GET' && input.path === '/api/tasks/t-5') return ok(views.length > 1 ? views.shift() : views[0]);
      return fallback(input);
    });
    rendered = await render(<DraftSurface />);
    await settle();
    await waitFor(() => expect(byTestId('project-select').textContent).toContain('Operations (OPS)'));
    await type(byTestId('draft-text'), TEXT);
    await click(button('draft-button'));

    await waitFor(() => expect(byTestId('draft-progress').textContent).toContain('Writing the ticket…'));
    expect(document.body.textContent).not.toContain('{"drafts"');
    expect(button('draft-cancel-button').textContent).toBe('Cancel');
    await waitFor(() => byTestId('draft-card-0'));
    expect(byTestId<HTMLInputElement>('draft-summary-0').value).toBe('Password reset link opens a blank page on Safari');
  });
});
