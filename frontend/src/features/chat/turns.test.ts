import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const invokeRemote = vi.fn();
vi.mock('@forge/bridge', () => ({ invokeRemote: (...args: unknown[]) => invokeRemote(...args) }));

import { ApiError } from '../../bridge';
import { retryAfterText } from '../../retryAfter';
import { deleteConversation, loadGreeting, renameConversation, type TurnHandlers } from './api';
import { nextStepFor } from './problems';
import { answerProposal, followTurn, sendMessage } from './turns';

// Forge: every call is an invokeRemote; a turn is followed by polling GET /api/chat/result/{id}.

interface Remote {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const PROBLEM_HEADERS = { 'content-type': 'application/problem+json' };

const COMMENT = {
  id: 'p-1',
  kind: 'chat.comment',
  state: 'PENDING',
  payload: { issueKey: 'SCRUM-2', body: 'Deployed, @[Bob Builder](5b10)' },
  result: null,
  error: null,
  createdAt: '2026-12-04T10:00:00Z',
  expiresAt: '2026-12-04T10:15:00Z',
};

const SEARCHING = { tool: 'myIssues', message: 'Searching your issues…' };
const READING = { tool: 'getIssue', message: 'Reading SCRUM-2…' };
const COMMENTING = { tool: 'proposeComment', message: 'Preparing a comment…' };

/** Records what the handlers were told, in order. */
function recorder() {
  const seen: string[] = [];
  const handlers: TurnHandlers = {
    onStarted: (taskId, conversationId) => seen.push(`started ${taskId} ${conversationId}`),
    onActivity: (a) => seen.push(`activity ${a.message}`),
    onProgress: (message) => seen.push(`progress ${message}`),
    onText: (delta) => seen.push(`text ${delta}`),
  };
  return { seen, handlers };
}

describe('a chat turn on Forge', () => {
  /** What GET /api/chat/result/t-1 answers next (the last one repeats). */
  let results: unknown[];
  let routes: Map<string, (body: unknown) => Remote>;

  function route(key: string, answer: Remote | ((body: unknown) => Remote)) {
    routes.set(key, typeof answer === 'function' ? answer : () => answer);
  }

  function requests(): string[] {
    return invokeRemote.mock.calls.map(([input]) => {
      const { method, path } = input as { method: string; path: string };
      return `${method} ${path}`;
    });
  }

  function bodyOf(key: string): unknown {
    const call = invokeRemote.mock.calls.find(([input]) => `${(input as { method: string }).method} ${(input as { path: string }).path}` === key);
    return (call?.[0] as { body?: unknown } | undefined)?.body;
  }

  beforeEach(() => {
    delete window.AP;
    vi.useFakeTimers();
    results = [];
    routes = new Map();
    route('GET /api/chat/result/t-1', () => ({ status: 200, headers: JSON_HEADERS, body: results.length > 1 ? results.shift() : results[0] }));
    invokeRemote.mockReset();
    invokeRemote.mockImplementation(({ path, method, body }: { path: string; method: string; body?: unknown }) => {
      const handler = routes.get(`${method} ${path}`);
      return Promise.resolve(
        handler ? handler(body) : { status: 404, headers: PROBLEM_HEADERS, body: { status: 404, title: `No route for ${method} ${path}` } },
      );
    });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends, polls from processing to waiting_confirmation, resumes with the edit, and polls on to completed', async () => {
    route('POST /api/chat/send', {
      status: 202,
      headers: { ...JSON_HEADERS, location: '/api/chat/result/t-1' },
      body: { taskId: 't-1', conversationId: 'c-1', status: 'processing', createdAt: '2026-12-04T10:00:00Z' },
    });
    results = [
      { taskId: 't-1', conversationId: 'c-1', status: 'processing', message: 'Searching your issues…', activity: [SEARCHING] },
      { taskId: 't-1', conversationId: 'c-1', status: 'processing', message: 'Reading SCRUM-2…', activity: [SEARCHING, READING] },
      {
        taskId: 't-1',
        conversationId: 'c-1',
        status: 'waiting_confirmation',
        message: 'Confirm the comment on SCRUM-2',
        activity: [SEARCHING, READING, COMMENTING],
        proposals: [COMMENT],
      },
    ];
    const { seen, handlers } = recorder();

    const sent = sendMessage({ message: 'Tell Bob the fix is deployed', context: { issueKey: 'SCRUM-2', projectKey: 'SCRUM' } }, handlers);
    await vi.advanceTimersByTimeAsync(5000);
    const waiting = await sent;

    expect(invokeRemote.mock.calls[0][0]).toEqual({
      path: '/api/chat/send',
      method: 'POST',
      headers: { Accept: 'application/json', Prefer: 'respond-async' },
      body: { message: 'Tell Bob the fix is deployed', outputFormat: 'markdown', context: { issueKey: 'SCRUM-2', projectKey: 'SCRUM' } },
    });
    expect(waiting).toMatchObject({
      status: 'waiting',
      taskId: 't-1',
      message: 'Confirm the comment on SCRUM-2',
      proposals: [{ id: 'p-1', kind: 'chat.comment', state: 'PENDING', payload: COMMENT.payload }],
    });
    expect(seen).toEqual([
      'started t-1 c-1',
      'activity Searching your issues…',
      'progress Searching your issues…',
      'activity Reading SCRUM-2…',
      'progress Reading SCRUM-2…',
      'activity Preparing a comment…',
    ]);
    if (waiting.status !== 'waiting') throw new Error('not waiting');

    // The user edits the comment and confirms it.
    route('POST /api/chat/resume/t-1', { status: 202, headers: JSON_HEADERS, body: { taskId: 't-1', status: 'processing' } });
    await answerProposal('t-1', { confirmation: true, proposalId: 'p-1', userInput: { body: 'Deployed to prod, @[Bob Builder](5b10)' } });
    expect(bodyOf('POST /api/chat/resume/t-1')).toEqual({
      confirmation: true,
      proposalId: 'p-1',
      userInput: { body: 'Deployed to prod, @[Bob Builder](5b10)' },
    });

    // The task's activity list is the whole task's: after the pause only what is new is reported.
    results = [
      { taskId: 't-1', status: 'processing', message: 'Carrying it out…', activity: [SEARCHING, READING, COMMENTING] },
      { taskId: 't-1', status: 'completed', activity: [SEARCHING, READING, COMMENTING], result: 'I added the comment to SCRUM-2.' },
    ];
    seen.length = 0;
    const followed = followTurn('t-1', handlers, waiting.cursor);
    await vi.advanceTimersByTimeAsync(5000);

    await expect(followed).resolves.toEqual({ status: 'completed', answer: 'I added the comment to SCRUM-2.', conversationId: undefined, proposals: [] });
    expect(seen).toEqual(['progress Carrying it out…']);
    expect(requests().filter((r) => r !== 'GET /api/chat/result/t-1')).toEqual(['POST /api/chat/send', 'POST /api/chat/resume/t-1']);
  });

  it('reports the answer written so far while polling, only the part that is new', async () => {
    route('POST /api/chat/send', { status: 202, headers: JSON_HEADERS, body: { taskId: 't-1', conversationId: 'c-1', status: 'processing' } });
    results = [
      { taskId: 't-1', status: 'processing', text: 'You have ' },
      { taskId: 't-1', status: 'processing', text: 'You have 2 issues' },
      { taskId: 't-1', status: 'completed', result: 'You have 2 issues.' },
    ];
    const { seen, handlers } = recorder();
    const sent = sendMessage({ message: 'What am I working on?', conversationId: 'c-1' }, handlers);
    await vi.advanceTimersByTimeAsync(5000);

    await expect(sent).resolves.toMatchObject({ status: 'completed', answer: 'You have 2 issues.' });
    expect(seen).toEqual(['started t-1 c-1', 'text You have ', 'text 2 issues']);
    expect(bodyOf('POST /api/chat/send')).toEqual({ message: 'What am I working on?', outputFormat: 'markdown', conversationId: 'c-1' });
  });

  it('a reject sends confirmation false with the proposal id and no edits', async () => {
    route('POST /api/chat/resume/t-1', { status: 202, headers: JSON_HEADERS, body: { taskId: 't-1', status: 'processing' } });
    await answerProposal('t-1', { confirmation: false, proposalId: 'p-1', userInput: { body: 'ignored' } });
    expect(bodyOf('POST /api/chat/resume/t-1')).toEqual({ confirmation: false, proposalId: 'p-1' });
  });

  it('a json result and an answer of 200 at once are answers too; unknown proposal kinds are left out', async () => {
    route('POST /api/chat/send', {
      status: 200,
      headers: JSON_HEADERS,
      body: {
        taskId: 't-1',
        conversationId: 'c-9',
        status: 'completed',
        result: { answer: 'Done.', data: {}, proposals: [{ ...COMMENT, state: 'DONE' }, { id: 'p-x', kind: 'chat.dance', payload: {} }] },
      },
    });
    await expect(sendMessage({ message: 'Comment' })).resolves.toMatchObject({
      status: 'completed',
      answer: 'Done.',
      conversationId: 'c-9',
      proposals: [{ id: 'p-1', state: 'DONE' }],
    });
  });

  it('a failed turn rejects with its problem, which the page explains', async () => {
    route('POST /api/chat/send', { status: 202, headers: JSON_HEADERS, body: { taskId: 't-1', status: 'processing' } });
    results = [
      {
        taskId: 't-1',
        status: 'failed',
        error: { type: 'https://jira-ai.dev/problems/ai-unavailable', status: 502, title: 'The AI model is unavailable', detail: 'Try again in a moment.' },
      },
    ];
    const sent = sendMessage({ message: 'Hi' }).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(2000);
    const error = (await sent) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 502, title: 'The AI model is unavailable', detail: 'Try again in a moment.' });
  });

  describe('problem details become the errors the page shows', () => {
    async function sendRejection(answer: Remote): Promise<ApiError> {
      route('POST /api/chat/send', answer);
      return (await sendMessage({ message: 'Hi' }).catch((error: unknown) => error)) as ApiError;
    }

    it('404: the conversation is gone', async () => {
      const error = await sendRejection({
        status: 404,
        headers: PROBLEM_HEADERS,
        body: { type: 'https://jira-ai.dev/problems/conversation-not-found', status: 404, title: 'Conversation not found', detail: 'Start a new conversation.' },
      });
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status: 404, title: 'Conversation not found', detail: 'Start a new conversation.' });
      expect(retryAfterText(error)).toBeUndefined();
    });

    it('409 on resume: the assistant had already moved on', async () => {
      route('POST /api/chat/resume/t-1', {
        status: 409,
        headers: PROBLEM_HEADERS,
        body: { type: 'https://jira-ai.dev/problems/task-conflict', status: 409, title: 'The task is not waiting' },
      });
      const error = (await answerProposal('t-1', { confirmation: true, proposalId: 'p-1' }).catch((e: unknown) => e)) as ApiError;
      expect(error).toMatchObject({ status: 409, title: 'The task is not waiting' });
      expect(nextStepFor(error)).toBe('The assistant had already moved on; look at the conversation below.');
    });

    it('429 with Retry-After: when to try again', async () => {
      const error = await sendRejection({
        status: 429,
        headers: { ...PROBLEM_HEADERS, 'retry-after': '30' },
        body: { type: 'https://jira-ai.dev/problems/too-many-tasks', status: 429, title: 'Too many AI tasks', retryAfterSeconds: 30 },
      });
      expect(error).toMatchObject({ status: 429, title: 'Too many AI tasks' });
      expect(retryAfterText(error)).toBe('Try again in 30 seconds.');
    });

    it('503 not configured: what the admin does', async () => {
      const error = await sendRejection({
        status: 503,
        headers: PROBLEM_HEADERS,
        body: { type: 'https://jira-ai.dev/problems/ai-not-configured', status: 503, title: 'AI is not configured' },
      });
      expect(error).toMatchObject({ status: 503, title: 'AI is not configured' });
      expect(retryAfterText(error)).toBeUndefined();
      expect(nextStepFor(error)).toContain('A Jira admin sets up the AI model');
    });

    it('no answer at all: check the connection', async () => {
      invokeRemote.mockRejectedValueOnce(new Error('offline'));
      const error = (await sendMessage({ message: 'Hi' }).catch((e: unknown) => e)) as ApiError;
      expect(error.status).toBe(0);
      expect(nextStepFor(error)).toBe('Check your connection, then send your message again.');
    });
  });

  it('greeting and conversations: checked shapes, the right paths and bodies', async () => {
    route('GET /api/chat/greeting', {
      status: 200,
      headers: JSON_HEADERS,
      body: {
        displayName: 'Alice Adams',
        capabilities: [{ id: 'my-issues', title: 'Your work', description: 'List your issues' }, { id: 'x' }],
        suggestions: [{ label: 'What am I working on?', prompt: 'What am I working on?' }, { label: 'Empty', prompt: '  ' }],
      },
    });
    await expect(loadGreeting()).resolves.toEqual({
      displayName: 'Alice Adams',
      capabilities: [{ id: 'my-issues', title: 'Your work', description: 'List your issues' }],
      suggestions: [{ label: 'What am I working on?', prompt: 'What am I working on?' }],
      readOnly: false,
    });

    route('PATCH /api/chat/conversations/c%2F1', (body) => ({ status: 200, headers: JSON_HEADERS, body: { id: 'c/1', ...(body as object) } }));
    await expect(renameConversation('c/1', 'Sprint notes')).resolves.toMatchObject({ id: 'c/1', title: 'Sprint notes' });
    expect(bodyOf('PATCH /api/chat/conversations/c%2F1')).toEqual({ title: 'Sprint notes' });

    route('DELETE /api/chat/conversations/c-1', { status: 204, headers: {} });
    await deleteConversation('c-1');
    expect(requests()).toContain('DELETE /api/chat/conversations/c-1');
  });
});

describe('a chat turn on Connect', () => {
  const fetchMock = vi.fn();

  function sse(frames: string): Response {
    return new Response(frames, { status: 200, headers: { 'Content-Type': 'text/event-stream;charset=UTF-8' } });
  }

  beforeEach(() => {
    window.AP = { context: { getToken: vi.fn().mockResolvedValue('jwt') } };
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    delete window.AP;
    vi.unstubAllGlobals();
  });

  it('follows the stream: tool activity, text deltas, the pause with its proposals, then on from Last-Event-ID', async () => {
    fetchMock.mockImplementation(async (url: string, init: RequestInit) => {
      const key = `${init.method} ${url}`;
      if (key === 'POST /api/chat/send') {
        return new Response(JSON.stringify({ taskId: 't-1', conversationId: 'c-1', status: 'processing' }), {
          status: 202,
          headers: { 'Content-Type': 'application/json', Location: '/api/chat/result/t-1' },
        });
      }
      if (key === 'GET /api/chat/stream/t-1' && !(init.headers as Record<string, string>)['Last-Event-ID']) {
        return sse(
          'id: 1\nevent: progress\ndata: {"stage":"thinking","message":"Thinking…"}\n\n' +
            `id: 2\nevent: tool\ndata: ${JSON.stringify(READING)}\n\n` +
            'id: 3\nevent: text\ndata: {"delta":"I can add "}\n\n' +
            'id: 4\nevent: text\ndata: {"delta":"this comment."}\n\n' +
            `id: 5\nevent: waiting\ndata: ${JSON.stringify({ message: 'Confirm the comment', proposals: [COMMENT] })}\n\n`,
        );
      }
      if (key === 'GET /api/chat/stream/t-1') {
        return sse('id: 6\nevent: text\ndata: {"delta":"Added."}\n\nid: 7\nevent: result\ndata: {"taskId":"t-1","status":"completed","result":"Added."}\n\n');
      }
      return new Response(JSON.stringify({ title: 'No route' }), { status: 404, headers: { 'Content-Type': 'application/problem+json' } });
    });
    const { seen, handlers } = recorder();

    const waiting = await sendMessage({ message: 'Comment on SCRUM-2' }, handlers);
    expect(waiting).toMatchObject({ status: 'waiting', message: 'Confirm the comment', proposals: [{ id: 'p-1' }] });
    expect(seen).toEqual(['started t-1 c-1', 'progress Thinking…', 'activity Reading SCRUM-2…', 'text I can add ', 'text this comment.']);
    const [, streamInit] = fetchMock.mock.calls[1] as [string, RequestInit];
    expect((streamInit.headers as Record<string, string>).Authorization).toBe('JWT jwt');
    if (waiting.status !== 'waiting') throw new Error('not waiting');

    seen.length = 0;
    await expect(followTurn('t-1', handlers, waiting.cursor)).resolves.toMatchObject({ status: 'completed', answer: 'Added.' });
    expect(seen).toEqual(['text Added.']);
    const [, resumedInit] = fetchMock.mock.calls[2] as [string, RequestInit];
    expect((resumedInit.headers as Record<string, string>)['Last-Event-ID']).toBe('5');
  });
});

describe('a standup.post proposal from the server', () => {
  it('keeps each comment with an issue key, drops the rest, and offers a flag only on blocked ones', async () => {
    const { normalizeProposal } = await import('./turns');
    const proposal = normalizeProposal({
      proposalId: 'p-7',
      kind: 'standup.post',
      state: 'pending',
      payload: {
        date: '2026-12-06',
        comments: [
          { id: 'SCRUM-2', issueKey: 'SCRUM-2', summary: 'Checkout', body: 'Done', blocked: true, flag: true },
          { issueKey: 'SCRUM-3', body: 'Planned', blocked: false, flag: true },
          { issueKey: 'not a key', body: 'x' },
        ],
      },
      result: null,
    });
    expect(proposal).toEqual({
      id: 'p-7',
      kind: 'standup.post',
      state: 'PENDING',
      result: null,
      error: null,
      createdAt: undefined,
      expiresAt: undefined,
      payload: {
        date: '2026-12-06',
        comments: [
          { id: 'SCRUM-2', issueKey: 'SCRUM-2', summary: 'Checkout', body: 'Done', blocked: true, flag: true },
          { id: 'SCRUM-3', issueKey: 'SCRUM-3', summary: '', body: 'Planned', blocked: false, flag: false },
        ],
      },
    });
  });
});
