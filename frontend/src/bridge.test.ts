import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const invokeRemote = vi.fn();
vi.mock('@forge/bridge', () => ({ invokeRemote: (...args: unknown[]) => invokeRemote(...args) }));

import { ApiError, apiFetch, isConnect } from './bridge';

function jsonResponse(status: number, body: unknown, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
}

describe('bridge on Connect (window.AP present)', () => {
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

  it('detects Connect', () => {
    expect(isConnect()).toBe(true);
  });

  it('sends the context JWT to the given relative path and returns the JSON body', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { siteUrl: 'https://example.atlassian.net' }));

    const result = await apiFetch<{ siteUrl: string }>('/api/context');

    expect(result).toEqual({ siteUrl: 'https://example.atlassian.net' });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/context');
    expect(init.method).toBe('GET');
    const headers = init.headers as Record<string, string>;
    expect(headers.Authorization).toBe('JWT ctx.jwt.token');
    expect(headers.Accept).toBe('application/json');
    expect(headers['Content-Type']).toBe('application/json');
    expect(init.body).toBeUndefined();
    expect(invokeRemote).not.toHaveBeenCalled();
  });

  it('serialises a request body as JSON', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }));

    const result = await apiFetch('/api/drafts', { method: 'POST', body: { summary: 'x' } });

    expect(result).toBeUndefined();
    const [, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"summary":"x"}');
  });

  it('turns a problem+json 503 into an ApiError with title and detail', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(
        503,
        {
          type: 'https://example.com/problems/llm-unavailable',
          title: 'AI model unavailable',
          status: 503,
          detail: 'The AI provider did not answer. Try again in a minute.',
        },
        'application/problem+json',
      ),
    );

    const error = await apiFetch('/api/context').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(503);
    expect(apiError.title).toBe('AI model unavailable');
    expect(apiError.detail).toBe('The AI provider did not answer. Try again in a minute.');
    expect(apiError.type).toBe('https://example.com/problems/llm-unavailable');
    expect(apiError.message).toBe('The AI provider did not answer. Try again in a minute.');
  });

  it('gives a status-only ApiError for a non-problem error body', async () => {
    fetchMock.mockResolvedValue(new Response('<html>Bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }));

    const error = (await apiFetch('/api/context').catch((e: unknown) => e)) as ApiError;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(502);
    expect(error.title).toBeUndefined();
  });

  it('gives an ApiError with status 0 when the backend cannot be reached', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));

    const error = (await apiFetch('/api/context').catch((e: unknown) => e)) as ApiError;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(0);
    expect(error.title).toBe('Could not reach AI Assistant');
  });
});

describe('bridge on Forge (no window.AP)', () => {
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

  it('detects Forge', () => {
    expect(isConnect()).toBe(false);
  });

  it('calls invokeRemote with path, method and body and returns the body', async () => {
    invokeRemote.mockResolvedValue({ status: 200, headers: { 'content-type': ['application/json'] }, body: { ok: true } });

    const result = await apiFetch<{ ok: boolean }>('/api/drafts', { method: 'post', body: { summary: 'x' } });

    expect(result).toEqual({ ok: true });
    expect(invokeRemote).toHaveBeenCalledWith({ path: '/api/drafts', method: 'POST', body: { summary: 'x' } });
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('defaults to GET without a body', async () => {
    invokeRemote.mockResolvedValue({ status: 200, headers: {}, body: { siteUrl: 'https://example.atlassian.net' } });

    await apiFetch('/api/context');

    expect(invokeRemote).toHaveBeenCalledWith({ path: '/api/context', method: 'GET' });
  });

  it('parses a body that arrives as a JSON string', async () => {
    invokeRemote.mockResolvedValue({ status: 200, headers: {}, body: '{"n":1}' });

    await expect(apiFetch('/api/context')).resolves.toEqual({ n: 1 });
  });

  it('maps a problem+json 503 to an ApiError with title and detail', async () => {
    invokeRemote.mockResolvedValue({
      status: 503,
      headers: { 'Content-Type': 'application/problem+json' },
      body: { title: 'AI model unavailable', status: 503, detail: 'Try again in a minute.' },
    });

    const error = (await apiFetch('/api/context').catch((e: unknown) => e)) as ApiError;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(503);
    expect(error.title).toBe('AI model unavailable');
    expect(error.detail).toBe('Try again in a minute.');
  });

  it('gives an ApiError with status 0 when the Forge bridge fails', async () => {
    invokeRemote.mockRejectedValue(new Error('Unable to establish a connection with the Custom UI bridge.'));

    const error = (await apiFetch('/api/context').catch((e: unknown) => e)) as ApiError;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(0);
  });
});
