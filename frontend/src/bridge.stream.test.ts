import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const invokeRemote = vi.fn();
vi.mock('@forge/bridge', () => ({ invokeRemote: (...args: unknown[]) => invokeRemote(...args) }));

import { ApiError, apiStream, createSseParser } from './bridge';

type Frame = [event: string, data: string];

function parseAll(chunks: string[], end = true): Frame[] {
  const frames: Frame[] = [];
  const parser = createSseParser((event, data) => frames.push([event, data]));
  for (const chunk of chunks) parser.push(chunk);
  if (end) parser.end();
  return frames;
}

/** Every way of cutting `text` into two pieces, and into single characters. */
function splits(text: string): string[][] {
  const result: string[][] = [[text], Array.from(text)];
  for (let i = 1; i < text.length; i++) result.push([text.slice(0, i), text.slice(i)]);
  return result;
}

const STREAM =
  'event: progress\n' +
  'data: {"stage":"reading-issue","message":"Reading SCRUM-1 and its links…"}\n' +
  '\n' +
  ': keep-alive comment\n' +
  'event: text\n' +
  'data: {"delta":"{\\"scores\\":"}\n' +
  '\n' +
  'event: assessment\n' +
  'data: {"id":"a1",\n' +
  'data: "issueKey":"SCRUM-1"}\n' +
  '\n';

const EXPECTED: Frame[] = [
  ['progress', '{"stage":"reading-issue","message":"Reading SCRUM-1 and its links…"}'],
  ['text', '{"delta":"{\\"scores\\":"}'],
  ['assessment', '{"id":"a1",\n"issueKey":"SCRUM-1"}'],
];

describe('createSseParser', () => {
  it('parses named frames, joins multi-line data and skips comments', () => {
    expect(parseAll([STREAM])).toEqual(EXPECTED);
  });

  it('gives the same frames however the stream is cut into chunks', () => {
    for (const chunks of splits(STREAM)) {
      expect(parseAll(chunks)).toEqual(EXPECTED);
    }
  });

  it('dispatches a frame only at its blank line', () => {
    const frames: Frame[] = [];
    const parser = createSseParser((event, data) => frames.push([event, data]));

    parser.push('event: text\ndata: {"delta":"a');
    expect(frames).toEqual([]);
    parser.push('b"}\n');
    expect(frames).toEqual([]);
    parser.push('\nevent: te');
    expect(frames).toEqual([['text', '{"delta":"ab"}']]);
    parser.push('xt\ndata: x\n\n');
    expect(frames).toEqual([
      ['text', '{"delta":"ab"}'],
      ['text', 'x'],
    ]);
  });

  it('accepts CRLF and CR line endings, also with CR and LF in different chunks', () => {
    const crlf = 'event: a\r\ndata: 1\r\n\r\nevent: b\r\ndata: 2\r\n\r\n';
    const cr = 'event: a\rdata: 1\r\revent: b\rdata: 2\r\r';
    const expected: Frame[] = [
      ['a', '1'],
      ['b', '2'],
    ];
    for (const text of [crlf, cr]) {
      for (const chunks of splits(text)) {
        expect(parseAll(chunks)).toEqual(expected);
      }
    }
  });

  it('names frames without an event "message", drops one leading space only, ignores retry', () => {
    expect(parseAll(['id: 7\nretry: 1000\ndata:  two spaces\n\ndata:none\n\n'])).toEqual([
      ['message', ' two spaces'],
      ['message', 'none'],
    ]);
  });

  it('passes the last event id with each frame; it stays until the next id line', () => {
    const frames: Array<[string, string, string]> = [];
    const parser = createSseParser((event, data, id) => frames.push([event, data, id]));
    parser.push('data: before\n\nid: 7\nevent: text\ndata: a\n\nevent: text\ndata: b\n\nid: 8\ndata: c\n\nid: x\0y\ndata: d\n\n');
    parser.end();
    expect(frames).toEqual([
      ['message', 'before', ''],
      ['text', 'a', '7'],
      ['text', 'b', '7'],
      ['message', 'c', '8'],
      ['message', 'd', '8'],
    ]);
  });

  it('drops frames without data and a leading byte order mark', () => {
    expect(parseAll(['\uFEFFevent: progress\n\n', 'event: text\ndata: x\n\n'])).toEqual([['text', 'x']]);
  });

  it('dispatches a last frame that lacks its blank line when the stream ends', () => {
    expect(parseAll(['event: assessment\ndata: {"id":1}'], false)).toEqual([]);
    expect(parseAll(['event: assessment\ndata: {"id":1}'])).toEqual([['assessment', '{"id":1}']]);
  });
});

function sseResponse(chunks: Array<string | Uint8Array>, status = 200): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
  return new Response(body, { status, headers: { 'Content-Type': 'text/event-stream;charset=UTF-8' } });
}

describe('apiStream on Connect', () => {
  const fetchMock = vi.fn();

  beforeEach(() => {
    window.AP = { context: { getToken: vi.fn().mockResolvedValue('ctx.jwt.token') } };
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockReset();
    invokeRemote.mockReset();
  });

  afterEach(() => {
    delete window.AP;
    vi.unstubAllGlobals();
  });

  it('asks for an event stream with the JWT and reports each event with parsed JSON data', async () => {
    // "…" is three bytes in UTF-8; cut it between two network chunks.
    const bytes = new TextEncoder().encode(STREAM);
    const cut = bytes.indexOf(0xe2) + 1;
    fetchMock.mockResolvedValue(sseResponse([bytes.slice(0, cut), bytes.slice(cut)]));
    const events: Array<[string, unknown]> = [];

    await apiStream('/api/issues/SCRUM-1/assessments?force=false', {
      method: 'POST',
      onEvent: (event, data) => events.push([event, data]),
    });

    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/issues/SCRUM-1/assessments?force=false');
    expect(init.method).toBe('POST');
    const headers = init.headers as Record<string, string>;
    expect(headers.Authorization).toBe('JWT ctx.jwt.token');
    expect(headers.Accept).toBe('text/event-stream');
    expect(events).toEqual([
      ['progress', { stage: 'reading-issue', message: 'Reading SCRUM-1 and its links…' }],
      ['text', { delta: '{"scores":' }],
      ['assessment', { id: 'a1', issueKey: 'SCRUM-1' }],
    ]);
  });

  it('rejects with an ApiError for an error event, after the events before it', async () => {
    fetchMock.mockResolvedValue(
      sseResponse([
        'event: progress\ndata: {"stage":"asking-model","message":"Asking the AI model…"}\n\n',
        'event: error\ndata: {"title":"AI model busy","status":429,"detail":"Too many requests.","retryAfterSeconds":30}\n\n',
        'event: assessment\ndata: {"id":"never"}\n\n',
      ]),
    );
    const events: string[] = [];

    const error = (await apiStream('/x', { method: 'POST', onEvent: (event) => events.push(event) }).catch(
      (e: unknown) => e,
    )) as ApiError;

    expect(events).toEqual(['progress']);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(429);
    expect(error.title).toBe('AI model busy');
    expect(error.detail).toBe('Too many requests.');
    expect(error.problem?.retryAfterSeconds).toBe(30);
  });

  it('throws an ApiError for a non-2xx problem answer', async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ title: 'Issue not found', status: 404, detail: 'SCRUM-9 does not exist.' }), {
        status: 404,
        headers: { 'Content-Type': 'application/problem+json' },
      }),
    );
    const onEvent = vi.fn();

    const error = (await apiStream('/x', { method: 'POST', onEvent }).catch((e: unknown) => e)) as ApiError;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(404);
    expect(error.title).toBe('Issue not found');
    expect(onEvent).not.toHaveBeenCalled();
  });

  it('reports a plain JSON answer as one assessment event', async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ id: 'a2' }), { status: 200, headers: { 'Content-Type': 'application/json' } }),
    );
    const onEvent = vi.fn();

    await apiStream('/x', { method: 'POST', onEvent });

    expect(onEvent).toHaveBeenCalledTimes(1);
    expect(onEvent).toHaveBeenCalledWith('assessment', { id: 'a2' });
  });

  it('gives an ApiError with status 0 when the connection fails', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));

    const error = (await apiStream('/x', { method: 'POST', onEvent: vi.fn() }).catch((e: unknown) => e)) as ApiError;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(0);
  });
});

describe('apiStream on Forge (no window.AP)', () => {
  const fetchMock = vi.fn();

  beforeEach(() => {
    delete window.AP;
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockReset();
    invokeRemote.mockReset();
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('calls invokeRemote for JSON and reports the answer as one assessment event', async () => {
    invokeRemote.mockResolvedValue({ status: 200, headers: {}, body: { id: 'a3', issueKey: 'SCRUM-1' } });
    const events: Array<[string, unknown]> = [];

    await apiStream('/api/issues/SCRUM-1/assessments?force=true', {
      method: 'POST',
      onEvent: (event, data) => events.push([event, data]),
    });

    expect(invokeRemote).toHaveBeenCalledWith({
      path: '/api/issues/SCRUM-1/assessments?force=true',
      method: 'POST',
      headers: { Accept: 'application/json' },
    });
    expect(events).toEqual([['assessment', { id: 'a3', issueKey: 'SCRUM-1' }]]);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('throws the ApiError of a problem answer', async () => {
    invokeRemote.mockResolvedValue({
      status: 503,
      headers: { 'content-type': 'application/problem+json' },
      body: { title: 'AI model unavailable', status: 503, detail: 'Try again later.', retryAfterSeconds: 60 },
    });
    const onEvent = vi.fn();

    const error = (await apiStream('/x', { method: 'POST', onEvent }).catch((e: unknown) => e)) as ApiError;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(503);
    expect(error.problem?.retryAfterSeconds).toBe(60);
    expect(onEvent).not.toHaveBeenCalled();
  });
});
