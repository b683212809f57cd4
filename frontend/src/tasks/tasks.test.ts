import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const invokeRemote = vi.fn();
vi.mock('@forge/bridge', () => ({ invokeRemote: (...args: unknown[]) => invokeRemote(...args) }));

import { ApiError } from '../bridge';
import { cancelTask, continueTask, followTask, resumeTask, startTask, type TaskHandlers, type TaskView } from './tasks';

function view(overrides: Partial<TaskView>): TaskView {
  return { taskId: 't-1', kind: 'assess', status: 'processing', progress: null, ...overrides };
}

/** Records what the handlers were told, in order. */
function recorder() {
  const seen: string[] = [];
  const handlers: TaskHandlers = {
    onTask: (id) => seen.push(`task ${id}`),
    onProgress: (p) => seen.push(`progress ${p.stage}: ${p.message}`),
    onText: (delta) => seen.push(`text ${delta}`),
    onWaiting: (message) => seen.push(`waiting ${message}`),
  };
  return { seen, handlers };
}

// ---------------------------------------------------------------------------------------------
// Forge: invokeRemote, polling

describe('tasks on Forge (polling)', () => {
  /** Answers GET /api/tasks/t-1 with the next view; the last one repeats. */
  let views: TaskView[];

  beforeEach(() => {
    delete window.AP;
    vi.useFakeTimers();
    invokeRemote.mockReset();
    views = [];
    invokeRemote.mockImplementation(({ path, method }: { path: string; method: string }) => {
      if (method === 'GET' && path === '/api/tasks/t-1') {
        const next = views.length > 1 ? views.shift()! : views[0];
        return Promise.resolve({ status: 200, headers: { 'content-type': 'application/json' }, body: next });
      }
      return Promise.resolve({ status: 404, headers: {}, body: { title: `No route for ${method} ${path}` } });
    });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  const polls = () => invokeRemote.mock.calls.filter(([input]) => (input as { method: string }).method === 'GET').length;

  it('startTask asks for a task with Prefer: respond-async and tells 202 from a 200 answer', async () => {
    invokeRemote.mockResolvedValueOnce({
      status: 202,
      headers: { location: '/api/tasks/t-9' },
      body: { taskId: 't-9', kind: 'assess', status: 'processing' },
    });
    expect(await startTask('/api/issues/SCRUM-1/assessments?force=true')).toEqual({ taskId: 't-9', accepted: { taskId: 't-9', kind: 'assess', status: 'processing' } });
    expect(invokeRemote).toHaveBeenCalledWith({
      path: '/api/issues/SCRUM-1/assessments?force=true',
      method: 'POST',
      headers: { Accept: 'application/json', Prefer: 'respond-async' },
    });

    invokeRemote.mockResolvedValueOnce({ status: 200, headers: {}, body: { id: 'as-1' } });
    expect(await startTask('/api/drafts', { body: { text: 'x' } })).toEqual({ done: { id: 'as-1' } });
    expect(invokeRemote).toHaveBeenLastCalledWith({
      path: '/api/drafts',
      method: 'POST',
      headers: { Accept: 'application/json', Prefer: 'respond-async' },
      body: { text: 'x' },
    });

    // A 202 whose body lacks the id still names the task in Location.
    invokeRemote.mockResolvedValueOnce({ status: 202, headers: { Location: '/api/tasks/t-10' }, body: {} });
    expect(await startTask('/api/drafts')).toEqual({ taskId: 't-10', accepted: {} });
  });

  it('polls after 250 ms, backing off to 1 s, reporting each progress once and only new text', async () => {
    views = [
      view({ progress: { stage: 'reading-issue', message: 'Reading SCRUM-1…' } }),
      view({ progress: { stage: 'reading-issue', message: 'Reading SCRUM-1…' } }),
      view({ progress: { stage: 'asking-model', message: 'Asking the AI model…' }, text: '{"sco' }),
      view({ progress: { stage: 'asking-model', message: 'Asking the AI model…' }, text: '{"scores":' }),
      view({ progress: { stage: 'asking-model', message: 'Asking the AI model…' }, text: '{"scores":' }),
      view({ status: 'completed', progress: null, result: { id: 'as-1' } }),
    ];
    const { seen, handlers } = recorder();

    const followed = followTask('t-1', handlers);
    await vi.advanceTimersByTimeAsync(249);
    expect(polls()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(polls()).toBe(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(polls()).toBe(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(polls()).toBe(3);
    await vi.advanceTimersByTimeAsync(1000);
    expect(polls()).toBe(4);
    await vi.advanceTimersByTimeAsync(2000);

    await expect(followed).resolves.toEqual({ status: 'completed', result: { id: 'as-1' } });
    expect(polls()).toBe(6);
    expect(seen).toEqual([
      'progress reading-issue: Reading SCRUM-1…',
      'progress asking-model: Asking the AI model…',
      'text {"sco',
      'text res":',
    ]);
  });

  it('follows a feature\'s own endpoints: its poll answer converted, handed over as sent, and kept with a pause', async () => {
    const answers = [
      { status: 'processing', message: 'Searching your issues…' },
      { status: 'waiting_confirmation', message: 'Confirm the comment', proposals: [{ id: 'p-1' }] },
    ];
    invokeRemote.mockImplementation(({ path }: { path: string }) =>
      Promise.resolve(
        path === '/api/chat/result/t-1'
          ? { status: 200, headers: { 'content-type': 'application/json' }, body: answers.length > 1 ? answers.shift() : answers[0] }
          : { status: 404, headers: {}, body: { title: 'No route' } },
      ),
    );
    const polled: unknown[] = [];
    const { seen, handlers } = recorder();
    const endpoints = {
      events: (id: string) => `/api/chat/stream/${id}`,
      view: (id: string) => `/api/chat/result/${id}`,
      toView: (body: unknown): TaskView => {
        const b = body as { status: TaskView['status']; message: string };
        return view({ status: b.status, progress: { stage: '', message: b.message } });
      },
    };

    const followed = followTask('t-1', { ...handlers, onPoll: (body) => polled.push(body) }, undefined, undefined, endpoints);
    await vi.advanceTimersByTimeAsync(750);

    await expect(followed).resolves.toMatchObject({
      status: 'waiting_confirmation',
      message: 'Confirm the comment',
      detail: { proposals: [{ id: 'p-1' }] },
    });
    expect(seen).toEqual(['progress : Searching your issues…', 'waiting Confirm the comment']);
    expect(polled).toHaveLength(2);
    expect(invokeRemote.mock.calls.every(([input]) => (input as { path: string }).path === '/api/chat/result/t-1')).toBe(true);
  });

  it('rejects with an ApiError carrying the problem of a failed task', async () => {
    views = [
      view({
        status: 'failed',
        problem: {
          type: 'https://example.com/problems/llm-unavailable',
          title: 'AI model unavailable',
          status: 503,
          detail: 'The provider timed out.',
          retryAfterSeconds: 60,
        },
      }),
    ];

    const followed = followTask('t-1').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(250);
    const error = (await followed) as ApiError;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(503);
    expect(error.title).toBe('AI model unavailable');
    expect(error.detail).toBe('The provider timed out.');
    expect(error.type).toBe('https://example.com/problems/llm-unavailable');
    expect(error.problem?.retryAfterSeconds).toBe(60);
  });

  it('keeps polling through a failed poll, and gives up on a 404', async () => {
    let answers = 0;
    invokeRemote.mockImplementation(() => {
      answers++;
      if (answers === 1) return Promise.reject(new Error('network down'));
      if (answers === 2) return Promise.resolve({ status: 200, headers: {}, body: view({ status: 'completed', result: 'ok' }) });
      return Promise.resolve({ status: 404, headers: {}, body: {} });
    });

    const followed = followTask('t-1');
    await vi.advanceTimersByTimeAsync(750);
    await expect(followed).resolves.toEqual({ status: 'completed', result: 'ok' });

    invokeRemote.mockResolvedValue({
      status: 404,
      headers: { 'content-type': 'application/problem+json' },
      body: { title: 'Task not found', status: 404 },
    });
    const missing = followTask('t-1').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(250);
    expect(((await missing) as ApiError).status).toBe(404);
  });

  it('waiting_confirmation resolves with the server message; continueTask resumes and reports only what is new', async () => {
    views = [
      view({ progress: { stage: 'asking-model', message: 'Asking the AI model…' }, text: 'abc' }),
      view({
        status: 'waiting_confirmation',
        progress: { stage: 'asking-model', message: 'The server restarted. Continue the assessment?' },
      }),
    ];
    const { seen, handlers } = recorder();

    const followed = followTask('t-1', handlers);
    await vi.advanceTimersByTimeAsync(750);
    const waiting = await followed;

    expect(waiting).toMatchObject({
      status: 'waiting_confirmation',
      taskId: 't-1',
      message: 'The server restarted. Continue the assessment?',
    });
    expect(seen).toEqual([
      'progress asking-model: Asking the AI model…',
      'text abc',
      'waiting The server restarted. Continue the assessment?',
    ]);
    if (waiting.status !== 'waiting_confirmation') throw new Error('not waiting');

    seen.length = 0;
    invokeRemote.mockImplementation(({ path, method }: { path: string; method: string }) => {
      if (method === 'POST' && path === '/api/tasks/t-1/resume') {
        return Promise.resolve({ status: 202, headers: {}, body: view({ status: 'processing' }) });
      }
      if (method === 'GET' && path === '/api/tasks/t-1') {
        const next = views.length > 1 ? views.shift()! : views[0];
        return Promise.resolve({ status: 200, headers: {}, body: next });
      }
      return Promise.resolve({ status: 404, headers: {}, body: {} });
    });
    views = [
      view({ progress: { stage: 'asking-model', message: 'Asking the AI model…' }, text: 'abcdef' }),
      view({ status: 'completed', result: { id: 'as-1' } }),
    ];

    const continued = continueTask('t-1', waiting.cursor, handlers);
    await vi.advanceTimersByTimeAsync(750);

    await expect(continued).resolves.toEqual({ status: 'completed', result: { id: 'as-1' } });
    expect(invokeRemote).toHaveBeenCalledWith({ path: '/api/tasks/t-1/resume', method: 'POST', body: { decision: 'continue' } });
    expect(seen).toEqual(['text def']);
  });

  it('resumeTask sends the decision, cancelTask posts to cancel and a finished task answers 409', async () => {
    invokeRemote.mockResolvedValueOnce({ status: 202, headers: {}, body: view({ status: 'processing' }) });
    await resumeTask('t-1', 'cancel');
    expect(invokeRemote).toHaveBeenLastCalledWith({ path: '/api/tasks/t-1/resume', method: 'POST', body: { decision: 'cancel' } });

    invokeRemote.mockResolvedValueOnce({ status: 200, headers: {}, body: view({ status: 'cancelled' }) });
    expect((await cancelTask('t-1')).status).toBe('cancelled');
    expect(invokeRemote).toHaveBeenLastCalledWith({ path: '/api/tasks/t-1/cancel', method: 'POST' });

    invokeRemote.mockResolvedValueOnce({
      status: 409,
      headers: { 'content-type': 'application/problem+json' },
      body: { title: 'Task already finished', status: 409 },
    });
    const error = (await cancelTask('t-1').catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(409);
  });

  it('aborting stops polling and does not cancel the task', async () => {
    views = [view({ progress: { stage: 'asking-model', message: 'Asking…' } })];
    const controller = new AbortController();

    const followed = followTask('t-1', {}, controller.signal).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(750);
    expect(polls()).toBe(2);
    controller.abort(new DOMException('Stopped', 'AbortError'));
    await vi.advanceTimersByTimeAsync(5000);

    expect(((await followed) as DOMException).name).toBe('AbortError');
    expect(polls()).toBe(2);
    expect(invokeRemote.mock.calls.some(([input]) => (input as { path: string }).path.endsWith('/cancel'))).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Connect: fetch with the context JWT, the event stream

/** A stream the test fills: frames, then close or a dropped connection. */
function eventStream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  const encoder = new TextEncoder();
  return {
    response: new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }),
    send: (text: string) => controller.enqueue(encoder.encode(text)),
    close: () => controller.close(),
    drop: () => controller.error(new TypeError('network error')),
  };
}

const frame = (id: number, event: string, data: unknown) => `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

describe('tasks on Connect (event stream)', () => {
  const fetchMock = vi.fn();

  beforeEach(() => {
    window.AP = { context: { getToken: vi.fn().mockResolvedValue('ctx.jwt') } };
    vi.useFakeTimers();
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    delete window.AP;
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  const eventCalls = () =>
    fetchMock.mock.calls
      .filter(([url]) => url === '/api/tasks/t-1/events')
      .map(([, init]) => (init as RequestInit).headers as Record<string, string>);

  it('startTask sends the JWT and Prefer: respond-async, and reads the task id of a 202', async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ taskId: 't-1', kind: 'draft', status: 'processing' }), {
        status: 202,
        headers: { 'Content-Type': 'application/json', Location: '/api/tasks/t-1' },
      }),
    );

    expect(await startTask('/api/drafts', { body: { text: 'x' } })).toEqual({ taskId: 't-1', accepted: { taskId: 't-1', kind: 'draft', status: 'processing' } });
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/drafts');
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"text":"x"}');
    expect(init.headers).toMatchObject({ Authorization: 'JWT ctx.jwt', Accept: 'application/json', Prefer: 'respond-async' });
  });

  it('reports the events in order and resolves with the result', async () => {
    const stream = eventStream();
    fetchMock.mockResolvedValue(stream.response);
    const { seen, handlers } = recorder();

    const followed = followTask('t-1', handlers);
    stream.send(frame(1, 'progress', { stage: 'reading-issue', message: 'Reading SCRUM-1…' }));
    stream.send(frame(2, 'progress', { stage: 'asking-model', message: 'Asking the AI model…' }));
    stream.send(frame(3, 'text', { delta: '{"scores"' }));
    stream.send(frame(4, 'text', { delta: ': {' }));
    stream.send(frame(5, 'result', { id: 'as-1' }));
    stream.close();

    await expect(followed).resolves.toEqual({ status: 'completed', result: { id: 'as-1' } });
    expect(seen).toEqual([
      'progress reading-issue: Reading SCRUM-1…',
      'progress asking-model: Asking the AI model…',
      'text {"scores"',
      'text : {',
    ]);
    const [headers] = eventCalls();
    expect(headers).toMatchObject({ Authorization: 'JWT ctx.jwt', Accept: 'text/event-stream' });
    expect(headers['Last-Event-ID']).toBeUndefined();
    expect(fetchMock.mock.calls[0][1]).toMatchObject({ method: 'GET' });
  });

  it('resumes a dropped stream with Last-Event-ID and reports no event twice', async () => {
    const first = eventStream();
    const second = eventStream();
    fetchMock.mockResolvedValueOnce(first.response).mockResolvedValueOnce(second.response);
    const { seen, handlers } = recorder();

    const followed = followTask('t-1', handlers);
    first.send(frame(1, 'progress', { stage: 'asking-model', message: 'Asking the AI model…' }));
    first.send(frame(2, 'text', { delta: 'ab' }));
    await vi.advanceTimersByTimeAsync(0);
    first.drop();
    await vi.advanceTimersByTimeAsync(499);
    expect(eventCalls()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(eventCalls()).toHaveLength(2);
    expect(eventCalls()[1]['Last-Event-ID']).toBe('2');

    // Should the server replay an event it already sent, it is still reported once.
    second.send(frame(2, 'text', { delta: 'ab' }));
    second.send(frame(3, 'text', { delta: 'cd' }));
    second.send(frame(4, 'result', { id: 'as-1' }));
    second.close();

    await expect(followed).resolves.toEqual({ status: 'completed', result: { id: 'as-1' } });
    expect(seen).toEqual(['progress asking-model: Asking the AI model…', 'text ab', 'text cd']);
  });

  it('an error event rejects with its problem and is not retried', async () => {
    const stream = eventStream();
    fetchMock.mockResolvedValue(stream.response);

    const followed = followTask('t-1').catch((e: unknown) => e);
    stream.send(frame(1, 'error', { title: 'AI model busy', status: 429, detail: 'Too many requests.', retryAfterSeconds: 30 }));
    stream.close();
    const error = (await followed) as ApiError;
    await vi.advanceTimersByTimeAsync(5000);

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(429);
    expect(error.title).toBe('AI model busy');
    expect(error.problem?.retryAfterSeconds).toBe(30);
    expect(eventCalls()).toHaveLength(1);
  });

  it('waiting and cancelled events end the stream', async () => {
    const waiting = eventStream();
    fetchMock.mockResolvedValueOnce(waiting.response);
    const { seen, handlers } = recorder();
    const followed = followTask('t-1', handlers);
    waiting.send(frame(7, 'waiting', { stage: 'asking-model', message: 'Still there? The server restarted.' }));

    await expect(followed).resolves.toMatchObject({
      status: 'waiting_confirmation',
      message: 'Still there? The server restarted.',
      cursor: { lastEventId: '7' },
    });
    expect(seen).toEqual(['waiting Still there? The server restarted.']);

    const cancelled = eventStream();
    fetchMock.mockResolvedValueOnce(cancelled.response);
    const again = followTask('t-1', {}, undefined, { lastEventId: '7', textLength: 0 });
    cancelled.send(frame(8, 'cancelled', {}));
    await expect(again).resolves.toEqual({ status: 'cancelled' });
    expect(eventCalls()[1]['Last-Event-ID']).toBe('7');
  });

  it('reads a feature\'s own stream and hands over the events it does not know, in order', async () => {
    const stream = eventStream();
    fetchMock.mockResolvedValue(stream.response);
    const { seen, handlers } = recorder();
    const endpoints = { events: (id: string) => `/api/chat/stream/${id}`, view: (id: string) => `/api/chat/result/${id}` };

    const followed = followTask('t-1', { ...handlers, onEvent: (event, data) => seen.push(`${event} ${JSON.stringify(data)}`) }, undefined, undefined, endpoints);
    stream.send(frame(1, 'tool', { tool: 'myIssues', message: 'Searching your issues…' }));
    stream.send(frame(2, 'text', { delta: 'You have' }));
    stream.send(frame(3, 'waiting', { message: 'Confirm the comment', proposals: [{ id: 'p-1' }] }));

    await expect(followed).resolves.toMatchObject({
      status: 'waiting_confirmation',
      cursor: { lastEventId: '3' },
      detail: { proposals: [{ id: 'p-1' }] },
    });
    expect(seen).toEqual(['tool {"tool":"myIssues","message":"Searching your issues…"}', 'text You have', 'waiting Confirm the comment']);
    expect(fetchMock.mock.calls[0][0]).toBe('/api/chat/stream/t-1');
  });

  it('falls back to polling when the stream keeps dropping', async () => {
    fetchMock.mockImplementation(async (url: string) => {
      if (url === '/api/tasks/t-1/events') throw new TypeError('Failed to fetch');
      return new Response(JSON.stringify(view({ status: 'completed', result: { id: 'as-1' } })), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    });

    const followed = followTask('t-1');
    // Three reconnects (0.5 + 1 + 2 s), then the first poll after 250 ms.
    await vi.advanceTimersByTimeAsync(3750);

    await expect(followed).resolves.toEqual({ status: 'completed', result: { id: 'as-1' } });
    expect(eventCalls()).toHaveLength(4);
    expect(fetchMock.mock.calls.filter(([url]) => url === '/api/tasks/t-1')).toHaveLength(1);
  });
});
