import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const invokeRemote = vi.fn();
const getForgeContext = vi.fn();
vi.mock('@forge/bridge', () => ({
  invokeRemote: (...args: unknown[]) => invokeRemote(...args),
  view: { getContext: () => getForgeContext() },
}));

import type { Assessment } from '../assessment';
import { NOT_CONFIGURED_MESSAGE } from '../components/SurfaceFrame';
import { byTestId, click, queryByTestId, render, settle, waitFor, type Rendered } from '../test/render';
import { AssessSurface } from './AssessSurface';

// ---------------------------------------------------------------------------------------------
// Fixtures

const CONTEXT = {
  siteUrl: 'https://example.atlassian.net',
  accountId: 'abc',
  productType: 'jira',
  features: {},
  llmConfigured: true,
};

function assessment(overrides: Partial<Assessment> = {}): Assessment {
  return {
    id: 'as-2',
    issueKey: 'SCRUM-1',
    scores: { clarity: 7, completeness: 5, acceptanceCriteria: 3, estimability: 6, dependencies: 8, risk: 9, overall: 6 },
    reasons: {
      clarity: 'The goal is stated plainly.',
      completeness: 'Error cases are missing.',
      acceptanceCriteria: 'There are no acceptance criteria.',
      estimability: 'Scope is mostly clear.',
      dependencies: 'Links to the API epic.',
      risk: 'Small, contained change.',
      overall: 'Workable once acceptance criteria exist.',
    },
    gaps: ['No acceptance criteria'],
    recommendations: ['Add Given/When/Then criteria'],
    questions: ['Which browsers must be supported?'],
    improvedDescription: '## Goal\n\nLet users reset their password.\n\n- [ ] Email arrives within a minute',
    promptVersion: 3,
    model: 'test-model',
    cached: false,
    createdAt: '2025-11-20T10:00:00Z',
    ...overrides,
  };
}

const OLDER = assessment({
  id: 'as-1',
  scores: { clarity: 4, completeness: 4, acceptanceCriteria: 2, estimability: 4, dependencies: 6, risk: 7, overall: 4 },
  createdAt: '2025-11-19T10:00:00Z',
});

function json(body: unknown, status = 200, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
}

function problem(status: number, body: Record<string, unknown>): Response {
  return json({ status, ...body }, status, 'application/problem+json');
}

/** `202 Accepted`: the server runs the assessment as a background task. */
function accepted(taskId: string): Response {
  return new Response(JSON.stringify({ taskId, kind: 'assess', status: 'processing' }), {
    status: 202,
    headers: { 'Content-Type': 'application/json', Location: `/api/tasks/${taskId}` },
  });
}

/** A streamed response whose frames the test sends one by one. */
function sseStream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  const encoder = new TextEncoder();
  return {
    response: new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }),
    // The panel stops reading once the task has ended: what the server sends after that is dropped.
    send: async (text: string) => {
      await act(async () => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          // already cancelled by the reader
        }
      });
    },
    close: async () => {
      await act(async () => {
        try {
          controller.close();
        } catch {
          // already cancelled by the reader
        }
      });
    },
  };
}

/** Deferred promise, for answers the test releases later. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

// ---------------------------------------------------------------------------------------------
// Connect: fetch with the context JWT, routed by "METHOD path"

type Handler = (init: RequestInit) => Response | Promise<Response>;

describe('AssessSurface on Connect', () => {
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

  beforeEach(() => {
    window.AP = { context: { getToken: vi.fn().mockResolvedValue('jwt') } };
    window.history.replaceState(null, '', '/connect/issue-panel?issueKey=SCRUM-1&issueId=10010&projectKey=SCRUM&jwt=x');
    routes = new Map();
    route('GET /api/context', json(CONTEXT));
    route('GET /api/issues/SCRUM-1/assessments', json([]));
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

  async function renderSurface(element = <AssessSurface />) {
    rendered = await render(element);
    await settle();
    return rendered.container;
  }

  it('shows a spinner, then the "not configured" warning, and disables assessing', async () => {
    const context = deferred<Response>();
    route('GET /api/context', () => context.promise);

    rendered = await render(<AssessSurface />);
    expect(rendered.container.querySelector('[aria-busy="true"]')).not.toBeNull();
    expect(rendered.container.querySelector('h1')?.textContent).toBe('Assess with AI');

    await act(async () => context.resolve(json({ ...CONTEXT, llmConfigured: false })));
    await settle();

    expect(rendered.container.textContent).toContain(NOT_CONFIGURED_MESSAGE);
    expect(rendered.container.querySelector('[aria-busy="true"]')).toBeNull();
    expect(byTestId<HTMLButtonElement>('assess-button').disabled).toBe(true);
  });

  it('"Ask about this issue" opens the AI Assistant page about the issue, only when the assistant is on', async () => {
    const go = vi.fn();
    window.AP = { ...window.AP, navigator: { go } } as typeof window.AP;
    await renderSurface();
    expect(queryByTestId('ask-assistant-button')).toBeNull();
    rendered?.unmount();

    route('GET /api/context', json({ ...CONTEXT, features: { chat: true } }));
    await renderSurface();
    await click(byTestId('ask-assistant-button'));

    expect(byTestId('ask-assistant-button').textContent).toBe('Ask about this issue');
    expect(go).toHaveBeenCalledWith('addonmodule', { moduleKey: 'assistant-page', customData: { issueKey: 'SCRUM-1' } });
  });

  it('shows the problem and a Retry button when the context fails, and retries', async () => {
    route('GET /api/context', problem(404, { title: 'Site not installed', detail: 'Reinstall the app from the Jira admin page.' }));
    const container = await renderSurface();

    expect(container.textContent).toContain('Site not installed');
    expect(container.textContent).toContain('Reinstall the app from the Jira admin page.');
    const retry = Array.from(container.querySelectorAll('button')).find((b) => b.textContent === 'Retry');
    expect(retry).toBeDefined();

    route('GET /api/context', json(CONTEXT));
    await click(retry!);
    await settle();

    expect(calls('GET /api/context')).toHaveLength(2);
    expect(container.textContent).not.toContain('Site not installed');
    expect(byTestId('assess-button')).toBeTruthy();
  });

  it('without history: Assess shows progress at once, then the task’s streamed text, then the scorecard', async () => {
    const stream = sseStream();
    route('POST /api/issues/SCRUM-1/assessments?force=false', accepted('t-1'));
    route('GET /api/tasks/t-1/events', () => stream.response);
    await renderSurface();

    expect(queryByTestId('scorecard')).toBeNull();
    await click(byTestId('assess-button'));

    // Before the server has said anything.
    expect(byTestId('assess-progress').textContent).toContain('Reading SCRUM-1 and its links…');
    expect(queryByTestId('assess-button')).toBeNull();

    await waitFor(() => expect(calls('POST /api/issues/SCRUM-1/assessments?force=false')).toHaveLength(1));
    const headers = calls('POST /api/issues/SCRUM-1/assessments?force=false')[0].headers as Record<string, string>;
    expect(headers.Prefer).toBe('respond-async');
    expect(headers.Authorization).toBe('JWT jwt');
    await waitFor(() => expect(calls('GET /api/tasks/t-1/events')).toHaveLength(1));
    const eventHeaders = calls('GET /api/tasks/t-1/events')[0].headers as Record<string, string>;
    expect(eventHeaders.Accept).toBe('text/event-stream');
    expect(eventHeaders.Authorization).toBe('JWT jwt');
    expect(byTestId('assess-cancel-button').textContent).toBe('Cancel');

    await stream.send('id: 1\nevent: progress\ndata: {"stage":"asking-model","message":"Asking the AI model…"}\n\n');
    await waitFor(() => expect(byTestId('assess-progress').textContent).toContain('Asking the AI model…'));

    // A frame split across two network chunks.
    await stream.send('id: 2\nevent: text\ndata: {"delta":"{\\"scores\\": {\\"cla');
    await stream.send('rity\\": 7"}\n\nid: 3\nevent: text\ndata: {"delta":", \\"overall\\": 6"}\n\n');
    await waitFor(() => expect(byTestId('assess-stream').textContent).toBe('{"scores": {"clarity": 7, "overall": 6'));
    expect(byTestId('assess-stream').getAttribute('aria-live')).toBe('polite');
    expect(queryByTestId('scorecard')).toBeNull();

    const result = assessment();
    await stream.send(`id: 4\nevent: progress\ndata: {"stage":"validating","message":"Checking the answer…"}\n\n`);
    await stream.send(`id: 5\nevent: result\ndata: ${JSON.stringify(result)}\n\n`);
    await stream.close();

    const scorecard = await waitFor(() => byTestId('scorecard'));
    const meters = Array.from(scorecard.querySelectorAll('[role="meter"]'));
    expect(meters).toHaveLength(7);
    for (const [criterion, score] of Object.entries(result.scores)) {
      const meter = byTestId(`score-${criterion}`);
      expect(meter.getAttribute('role')).toBe('meter');
      expect(meter.getAttribute('aria-valuenow')).toBe(String(score));
      expect(meter.getAttribute('aria-valuemin')).toBe('1');
      expect(meter.getAttribute('aria-valuemax')).toBe('10');
      // Labelled by visible text, never colour alone.
      const label = document.getElementById(meter.getAttribute('aria-labelledby')!);
      expect(label?.textContent).toBeTruthy();
      expect(meter.textContent).toContain(`${score}/10`);
    }
    expect(byTestId('score-overall').textContent).toBe('6/10 — Workable with gaps');
    expect(scorecard.textContent).toContain('Error cases are missing.');
    expect(queryByTestId('assess-progress')).toBeNull();
    expect(queryByTestId('assess-stream')).toBeNull();
    expect(byTestId('history-trend').textContent).toContain('Scores: 6');
    expect(document.body.textContent).toContain('No acceptance criteria');
    // Announced, and keyboard focus lands on Re-assess instead of being lost with the Assess button.
    expect(byTestId('assess-announcement').textContent).toBe(
      'Assessment of SCRUM-1 finished: overall 6/10, Workable with gaps.',
    );
    expect(document.activeElement).toBe(byTestId('reassess-button'));
  });

  it('with history: shows the latest assessment at once without assessing, and a trend oldest first', async () => {
    route('GET /api/issues/SCRUM-1/assessments', json([assessment({ cached: true }), OLDER]));
    await renderSurface();

    expect(byTestId('score-overall').getAttribute('aria-valuenow')).toBe('6');
    expect(byTestId('reassess-button')).toBeTruthy();
    expect(queryByTestId('assess-button')).toBeNull();
    expect(fetchMock.mock.calls.some(([, init]) => (init as RequestInit).method === 'POST')).toBe(false);

    expect(byTestId('history-trend').textContent).toContain('Scores: 4, 6');
    expect(byTestId('history-trend').querySelector('svg')).not.toBeNull();
    const body = document.body.textContent ?? '';
    expect(body).toContain('Gaps');
    expect(body).toContain('Add Given/When/Then criteria');
    expect(body).toContain('Which browsers must be supported?');
    await waitFor(() => expect(byTestId('improved-description').querySelector('h4')?.textContent).toBe('Goal'));
    expect(body).toContain('saved result');
    expect(queryByTestId('masked-note')).toBeNull();
  });

  it('says how much of the issue was hidden from the AI', async () => {
    route('GET /api/issues/SCRUM-1/assessments', json([assessment({ masked: { secrets: 2, emails: 1, phones: 0 } })]));
    await renderSurface();

    expect(byTestId('masked-note').textContent).toBe('2 secrets and 1 email were hidden from the AI');
  });

  it('Re-assess forces a new assessment and adds it to the trend', async () => {
    route('GET /api/issues/SCRUM-1/assessments', json([assessment()]));
    const newer = assessment({ id: 'as-3', scores: { ...assessment().scores, overall: 8 } });
    route('POST /api/issues/SCRUM-1/assessments?force=true', json(newer));
    await renderSurface();

    await click(byTestId('reassess-button'));
    await waitFor(() => expect(byTestId('score-overall').getAttribute('aria-valuenow')).toBe('8'));

    expect(calls('POST /api/issues/SCRUM-1/assessments?force=true')).toHaveLength(1);
    expect(byTestId('history-trend').textContent).toContain('Scores: 6, 8');
  });

  it('says when to retry after a 429 problem', async () => {
    route(
      'POST /api/issues/SCRUM-1/assessments?force=false',
      problem(429, { title: 'Too many assessments', detail: 'This site reached its hourly limit.', retryAfterSeconds: 30 }),
    );
    await renderSurface();

    await click(byTestId('assess-button'));
    const error = await waitFor(() => byTestId('assess-error'));

    expect(error.textContent).toContain('Too many assessments');
    expect(error.textContent).toContain('This site reached its hourly limit.');
    expect(error.textContent).toContain('Try again in 30 seconds.');
    expect(byTestId('assess-button')).toBeTruthy();
  });

  it('shows an error event from the stream with the previous result kept', async () => {
    route('GET /api/issues/SCRUM-1/assessments', json([assessment()]));
    route('POST /api/issues/SCRUM-1/assessments?force=true', accepted('t-2'));
    route(
      'GET /api/tasks/t-2/events',
      new Response(
        'event: progress\ndata: {"stage":"asking-model","message":"Asking the AI model…"}\n\n' +
          'event: error\ndata: {"title":"AI model unavailable","status":503,"detail":"The provider timed out.","retryAfterSeconds":120}\n\n',
        { status: 200, headers: { 'Content-Type': 'text/event-stream' } },
      ),
    );
    await renderSurface();

    await click(byTestId('reassess-button'));
    const error = await waitFor(() => byTestId('assess-error'));

    expect(error.textContent).toContain('AI model unavailable');
    expect(error.textContent).toContain('The provider timed out.');
    expect(error.textContent).toContain('Try again in 2 minutes.');
    expect(byTestId('scorecard')).toBeTruthy();
  });

  it('Cancel while assessing cancels the task, stops reading and returns to idle with a note', async () => {
    const stream = sseStream();
    route('POST /api/issues/SCRUM-1/assessments?force=false', accepted('t-3'));
    route('GET /api/tasks/t-3/events', () => stream.response);
    route('POST /api/tasks/t-3/cancel', json({ taskId: 't-3', kind: 'assess', status: 'cancelled', progress: null }));
    await renderSurface();

    await click(byTestId('assess-button'));
    await stream.send('id: 1\nevent: progress\ndata: {"stage":"asking-model","message":"Asking the AI model…"}\n\n');
    await waitFor(() => expect(byTestId('assess-progress').textContent).toContain('Asking the AI model…'));
    await click(byTestId('assess-cancel-button'));
    await waitFor(() => byTestId('assess-notice'));

    expect(calls('POST /api/tasks/t-3/cancel')).toHaveLength(1);
    expect(calls('GET /api/tasks/t-3/events')[0].signal?.aborted).toBe(true);
    expect(byTestId('assess-notice').textContent).toBe('The assessment was cancelled.');
    expect(queryByTestId('assess-progress')).toBeNull();
    expect(queryByTestId('assess-cancel-button')).toBeNull();
    expect(byTestId('assess-announcement').textContent).toBe('The assessment of SCRUM-1 was cancelled.');
    // The Cancel button is gone: focus goes to the Assess button, ready to start again.
    expect(document.activeElement).toBe(byTestId('assess-button'));
    // Events after the cancel change nothing.
    await stream.send(`id: 2\nevent: result\ndata: ${JSON.stringify(assessment())}\n\n`);
    await settle();
    expect(queryByTestId('scorecard')).toBeNull();
  });

  it('a paused task shows the server message; Cancel tells the task to stop', async () => {
    route('GET /api/issues/SCRUM-1/assessments', json([assessment()]));
    route('POST /api/issues/SCRUM-1/assessments?force=true', accepted('t-4'));
    route(
      'GET /api/tasks/t-4/events',
      new Response(
        'id: 1\nevent: progress\ndata: {"stage":"asking-model","message":"Asking the AI model…"}\n\n' +
          'id: 2\nevent: waiting\ndata: {"stage":"asking-model","message":"The server restarted while assessing. Continue?"}\n\n',
        { status: 200, headers: { 'Content-Type': 'text/event-stream' } },
      ),
    );
    route('POST /api/tasks/t-4/resume', json({ taskId: 't-4', kind: 'assess', status: 'cancelled', progress: null }, 202));
    await renderSurface();

    await click(byTestId('reassess-button'));
    const waiting = await waitFor(() => byTestId('assess-waiting'));

    expect(waiting.textContent).toContain('The assessment is paused');
    expect(waiting.textContent).toContain('The server restarted while assessing. Continue?');
    expect(byTestId('assess-announcement').textContent).toBe(
      'The assessment of SCRUM-1 is paused: The server restarted while assessing. Continue?',
    );
    expect(document.activeElement).toBe(byTestId('assess-continue-button'));
    expect(queryByTestId('scorecard')).toBeNull();

    await click(byTestId('assess-cancel-button'));
    await waitFor(() => byTestId('assess-notice'));

    expect(calls('POST /api/tasks/t-4/resume').map((init) => init.body)).toEqual(['{"decision":"cancel"}']);
    expect(queryByTestId('assess-waiting')).toBeNull();
    // The previous result is back, and keyboard focus with it.
    expect(byTestId('scorecard')).toBeTruthy();
    expect(document.activeElement).toBe(byTestId('reassess-button'));
  });

  describe('actions', () => {
    const commentProposal = {
      proposalId: 'p-1',
      action: 'comment',
      preview: { markdown: '**AI readiness for SCRUM-1: 6/10**\n\n- Add acceptance criteria' },
      expiresAt: '2030-01-01T10:15:00Z',
    };

    beforeEach(() => {
      route('GET /api/issues/SCRUM-1/assessments', json([assessment()]));
      route('POST /api/assessments/as-2/proposals', (init) => {
        const { action } = JSON.parse(String(init.body)) as { action: string };
        if (action === 'comment') return json(commentProposal);
        if (action === 'apply-description') {
          return json({
            proposalId: 'p-2',
            action,
            preview: { markdown: '## Goal\n\nNew text', currentDescription: 'Old *text*' },
            expiresAt: '2030-01-01T10:15:00Z',
          });
        }
        return json({ proposalId: 'p-3', action, preview: { markdown: 'Old *text*' }, expiresAt: '2030-01-01T10:15:00Z' });
      });
    });

    it('Post as comment: the modal shows the server preview; Confirm calls confirm once even when clicked twice', async () => {
      const confirmed = deferred<Response>();
      route('POST /api/proposals/p-1/confirm', () => confirmed.promise);
      await renderSurface();

      await click(byTestId('post-comment-button'));
      const modal = await waitFor(() => byTestId('confirm-modal'));

      expect(calls('POST /api/assessments/as-2/proposals').map((i) => i.body)).toEqual(['{"action":"comment"}']);
      expect(modal.textContent).toContain('Post this comment to SCRUM-1?');
      expect(modal.querySelector('strong')?.textContent).toBe('AI readiness for SCRUM-1: 6/10');
      expect(modal.textContent).toContain('Add acceptance criteria');

      const confirmButton = byTestId('confirm-button');
      await act(async () => {
        confirmButton.click();
        confirmButton.click();
      });
      await click(byTestId('confirm-button'));
      await settle();
      expect(calls('POST /api/proposals/p-1/confirm')).toHaveLength(1);

      await act(async () =>
        confirmed.resolve(json({ proposalId: 'p-1', state: 'DONE', result: { issueKey: 'SCRUM-1', commentId: '10001' } })),
      );
      const success = await waitFor(() => byTestId('action-success'));

      expect(success.textContent).toContain('Comment posted to SCRUM-1');
      expect(byTestId('assess-announcement').textContent).toBe('Comment posted to SCRUM-1');
      await waitFor(() => expect(queryByTestId('confirm-modal')).toBeNull());
      expect(calls('POST /api/proposals/p-1/confirm')).toHaveLength(1);
      expect(calls('POST /api/proposals/p-1/reject')).toHaveLength(0);
    });

    it('Cancel rejects the proposal and changes nothing', async () => {
      route('POST /api/proposals/p-1/reject', json({ proposalId: 'p-1', state: 'REJECTED' }));
      await renderSurface();

      await click(byTestId('post-comment-button'));
      await waitFor(() => byTestId('confirm-modal'));
      await click(byTestId('cancel-button'));
      await settle();

      expect(calls('POST /api/proposals/p-1/reject')).toHaveLength(1);
      expect(calls('POST /api/proposals/p-1/confirm')).toHaveLength(0);
      await waitFor(() => expect(queryByTestId('confirm-modal')).toBeNull());
      expect(queryByTestId('action-success')).toBeNull();
    });

    it('keeps the modal open with the problem when confirming fails, and lets the user try again', async () => {
      let attempts = 0;
      route('POST /api/proposals/p-1/confirm', () =>
        ++attempts === 1
          ? problem(502, { title: 'Jira did not answer', detail: 'The comment was not posted.' })
          : json({ proposalId: 'p-1', state: 'DONE', result: { issueKey: 'SCRUM-1' } }),
      );
      await renderSurface();

      await click(byTestId('post-comment-button'));
      await waitFor(() => byTestId('confirm-modal'));
      await click(byTestId('confirm-button'));
      await waitFor(() => expect(byTestId('confirm-modal').textContent).toContain('Jira did not answer'));
      expect(byTestId('confirm-modal').textContent).toContain('Press Confirm to try again');

      await click(byTestId('confirm-button'));
      await waitFor(() => byTestId('action-success'));
      expect(attempts).toBe(2);
    });

    it('Apply improved description shows current and new, then offers Re-assess now and Restore', async () => {
      route('POST /api/proposals/p-2/confirm', json({ proposalId: 'p-2', state: 'DONE', result: { issueKey: 'SCRUM-1' } }));
      route('POST /api/proposals/p-3/confirm', json({ proposalId: 'p-3', state: 'DONE', result: { issueKey: 'SCRUM-1' } }));
      await renderSurface();

      await click(byTestId('apply-description-button'));
      const modal = await waitFor(() => byTestId('confirm-modal'));
      expect(modal.textContent).toContain('Current description');
      expect(modal.textContent).toContain('New description');
      expect(modal.querySelector('em')?.textContent).toBe('text');
      expect(modal.textContent).toContain('New text');

      await click(byTestId('confirm-button'));
      const success = await waitFor(() => byTestId('action-success'));
      expect(success.textContent).toContain('Description of SCRUM-1 updated');
      expect(byTestId('reassess-now-button').textContent).toBe('Re-assess now');
      await waitFor(() => expect(queryByTestId('confirm-modal')).toBeNull());

      await click(byTestId('restore-description-button'));
      const restoreModal = await waitFor(() => byTestId('confirm-modal'));
      expect(restoreModal.textContent).toContain('Restore the previous description of SCRUM-1?');
      expect(calls('POST /api/assessments/as-2/proposals').map((i) => i.body)).toEqual([
        '{"action":"apply-description"}',
        '{"action":"restore-description"}',
      ]);

      await click(byTestId('confirm-button'));
      await waitFor(() => expect(byTestId('action-success').textContent).toContain('Previous description of SCRUM-1 restored'));
      expect(calls('POST /api/proposals/p-3/confirm')).toHaveLength(1);
    });

    it('explains a failed proposal and that nothing changed', async () => {
      route('POST /api/assessments/as-2/proposals', problem(409, { title: 'Assessment is outdated', detail: 'The issue changed; re-assess first.' }));
      await renderSurface();

      await click(byTestId('post-comment-button'));
      const error = await waitFor(() => byTestId('action-error'));

      expect(error.textContent).toContain('Assessment is outdated');
      expect(error.textContent).toContain('Nothing was changed in Jira.');
      expect(queryByTestId('confirm-modal')).toBeNull();
    });
  });

  it('the compact glance shows the scores and trend but no actions', async () => {
    route('GET /api/issues/SCRUM-1/assessments', json([assessment(), OLDER]));
    await renderSurface(<AssessSurface compact />);

    expect(byTestId('score-overall').textContent).toBe('6/10 — Workable with gaps');
    expect(byTestId('history-trend').textContent).toContain('Scores: 4, 6');
    expect(queryByTestId('post-comment-button')).toBeNull();
    expect(queryByTestId('improved-description')).toBeNull();
  });

  it('asks to open an issue when the page has no issue key', async () => {
    window.history.replaceState(null, '', '/connect/issue-panel');
    const container = await renderSurface();

    expect(container.textContent).toContain('No issue to assess');
    expect(calls('GET /api/issues/SCRUM-1/assessments')).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------------------------
// Forge: invokeRemote cannot stream, so the panel starts a task and polls it

describe('AssessSurface on Forge', () => {
  let rendered: Rendered | undefined;
  /** Answers GET /api/tasks/t-7 with the next view; the last one repeats. */
  let views: unknown[];

  beforeEach(() => {
    delete window.AP;
    invokeRemote.mockReset();
    getForgeContext.mockReset();
    getForgeContext.mockResolvedValue({ extension: { type: 'jira:issuePanel', issue: { key: 'SCRUM-7' } } });
    views = [];
    invokeRemote.mockImplementation(({ path, method }: { path: string; method: string }) => {
      const ok = (body: unknown, status = 200) => Promise.resolve({ status, headers: { 'content-type': 'application/json' }, body });
      if (path === '/api/context') return ok(CONTEXT);
      if (method === 'GET' && path === '/api/issues/SCRUM-7/assessments') return ok([]);
      if (method === 'POST' && path === '/api/issues/SCRUM-7/assessments?force=false') {
        return ok({ taskId: 't-7', kind: 'assess', status: 'processing' }, 202);
      }
      if (method === 'GET' && path === '/api/tasks/t-7') return ok(views.length > 1 ? views.shift() : views[0]);
      if (method === 'POST' && path === '/api/tasks/t-7/resume') return ok({ taskId: 't-7', kind: 'assess', status: 'processing' }, 202);
      return Promise.resolve({ status: 404, headers: {}, body: { title: 'No route' } });
    });
  });

  afterEach(() => {
    rendered?.unmount();
    rendered = undefined;
    document.body.innerHTML = '';
  });

  const task = (overrides: Record<string, unknown>) => ({ taskId: 't-7', kind: 'assess', status: 'processing', progress: null, ...overrides });

  it('reads the issue key from the Forge context, starts a task and shows its real progress and text until the result', async () => {
    views = [
      task({ progress: { stage: 'asking-model', message: 'Asking the AI model to assess SCRUM-7…' }, text: '{"scores": {' }),
      task({ progress: { stage: 'asking-model', message: 'Asking the AI model to assess SCRUM-7…' }, text: '{"scores": {"clarity": 7' }),
      task({ status: 'completed', result: assessment({ issueKey: 'SCRUM-7', id: 'as-7' }) }),
    ];

    rendered = await render(<AssessSurface />);
    await settle();
    await click(byTestId('assess-button'));

    expect(byTestId('assess-progress').textContent).toContain('Reading SCRUM-7 and its links…');
    expect(invokeRemote).toHaveBeenCalledWith({
      path: '/api/issues/SCRUM-7/assessments?force=false',
      method: 'POST',
      headers: { Accept: 'application/json', Prefer: 'respond-async' },
    });

    await waitFor(() => expect(byTestId('assess-progress').textContent).toContain('Asking the AI model to assess SCRUM-7…'));
    await waitFor(() => expect(byTestId('assess-stream').textContent).toBe('{"scores": {"clarity": 7'));
    expect(byTestId('assess-cancel-button')).toBeTruthy();

    await waitFor(() => byTestId('scorecard'));
    expect(byTestId('scorecard').querySelectorAll('[role="meter"]')).toHaveLength(7);
    expect(queryByTestId('assess-stream')).toBeNull();
    // Every call is a short one: the start, then polls of the task.
    for (const [input] of invokeRemote.mock.calls) {
      expect(['/api/context', '/api/issues/SCRUM-7/assessments', '/api/issues/SCRUM-7/assessments?force=false', '/api/tasks/t-7']).toContain(
        (input as { path: string }).path,
      );
    }
  });

  it('a task waiting for the user shows the server message; Continue resumes it and the result follows', async () => {
    views = [
      task({ progress: { stage: 'asking-model', message: 'Asking the AI model…' }, text: '{"sco' }),
      task({ status: 'waiting_confirmation', progress: { stage: 'asking-model', message: 'The app restarted. Continue assessing SCRUM-7?' } }),
    ];

    rendered = await render(<AssessSurface />);
    await settle();
    await click(byTestId('assess-button'));
    const waiting = await waitFor(() => byTestId('assess-waiting'));
    expect(waiting.textContent).toContain('The app restarted. Continue assessing SCRUM-7?');

    views = [
      task({ progress: { stage: 'validating', message: 'Checking the answer…' }, text: '{"scores"' }),
      task({ status: 'completed', result: assessment({ issueKey: 'SCRUM-7', id: 'as-8' }) }),
    ];
    await click(byTestId('assess-continue-button'));

    expect(invokeRemote).toHaveBeenCalledWith({ path: '/api/tasks/t-7/resume', method: 'POST', body: { decision: 'continue' } });
    expect(queryByTestId('assess-waiting')).toBeNull();
    await waitFor(() => expect(byTestId('assess-progress').textContent).toContain('Checking the answer…'));
    // The text goes on from where it stopped: nothing is shown twice.
    await waitFor(() => expect(byTestId('assess-stream').textContent).toBe('{"scores"'));
    await waitFor(() => byTestId('scorecard'));
  });
});
