import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { buttonNamed, byTestId, click, queryByTestId, render, settle, type, waitFor, type Rendered } from '../../test/render';
import { ApiTokensPanel } from './ApiTokensPanel';

const SECRET = 'jaa_AbCdEfGhIjKl' + 'x'.repeat(40);

const ACTIVE = {
  id: 't-1',
  name: 'nightly report',
  prefix: 'jaa_AbCdEfGhIjKl',
  scopes: ['chat'],
  status: 'active',
  createdAt: '2026-12-01T10:00:00Z',
  expiresAt: '2026-12-31T10:00:00Z',
  lastUsedAt: '2026-12-05T08:00:00Z',
};

function json(body: unknown, status = 200): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
}

describe('ApiTokensPanel', () => {
  const fetchMock = vi.fn();
  let tokens: unknown[];
  let enabled: boolean;
  let rendered: Rendered | undefined;

  beforeEach(() => {
    window.AP = { context: { getToken: vi.fn().mockResolvedValue('jwt') } };
    tokens = [];
    enabled = true;
    fetchMock.mockReset();
    fetchMock.mockImplementation(async (url: string, init: RequestInit) => {
      const key = `${init.method} ${url}`;
      if (key === 'GET /api/tokens') return json({ enabled, tokens });
      if (key === 'POST /api/tokens') {
        const body = JSON.parse(String(init.body));
        tokens = [{ ...ACTIVE, name: body.name, scopes: body.scopes, lastUsedAt: undefined }];
        return json({ ...ACTIVE, name: body.name, scopes: body.scopes, token: SECRET }, 201);
      }
      if (key === 'DELETE /api/tokens/t-1') {
        tokens = [{ ...ACTIVE, status: 'revoked', revokedAt: '2026-12-06T10:00:00Z' }];
        return new Response(null, { status: 204 });
      }
      return json({ title: `No route for ${key}` }, 404);
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

  const requests = (method: string) => fetchMock.mock.calls.filter(([, init]) => (init as RequestInit).method === method);

  it('creates a token and shows its secret once, with a warning and a Copy button', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    rendered = await render(<ApiTokensPanel />);
    await waitFor(() => expect(byTestId('apitokens-empty')).toBeTruthy());

    await type(byTestId<HTMLInputElement>('token-name'), '  CI bot ');
    await type(byTestId<HTMLInputElement>('token-days'), '90');
    await click(byTestId('token-scope-assess'));
    await click(byTestId('token-create'));

    await waitFor(() => expect(byTestId('created-secret')).toBeTruthy());
    expect(requests('POST').map(([, init]) => JSON.parse(String((init as RequestInit).body)))).toEqual([
      { name: 'CI bot', expiresInDays: 90, scopes: ['chat', 'assess'] },
    ]);
    expect(byTestId<HTMLInputElement>('created-secret-value').value).toBe(SECRET);
    expect(byTestId('created-secret').textContent).toContain('It will not be shown again');
    await click(byTestId('created-secret-copy'));
    expect(writeText).toHaveBeenCalledWith(SECRET);
    expect(byTestId('created-secret').textContent).toContain('Copied to the clipboard.');

    await waitFor(() => expect(byTestId('apitokens-list').textContent).toContain('CI bot'));
    await click(byTestId('created-secret-done'));
    expect(queryByTestId('created-secret')).toBeNull();
    expect(document.body.textContent).not.toContain(SECRET);
  });

  it('refuses a token without a name or scope, and sends nothing', async () => {
    rendered = await render(<ApiTokensPanel />);
    await waitFor(() => expect(byTestId('create-token-form')).toBeTruthy());

    await click(byTestId('token-create'));
    expect(document.querySelector('[role="alert"]')?.textContent).toBe('A name has 1 to 100 characters.');
    await type(byTestId<HTMLInputElement>('token-name'), 'script');
    await click(byTestId('token-scope-chat'));
    await click(byTestId('token-create'));
    expect(document.querySelector('[role="alert"]')?.textContent).toBe('Choose at least one scope.');
    await click(byTestId('token-scope-chat'));
    await type(byTestId<HTMLInputElement>('token-days'), '400');
    await click(byTestId('token-create'));
    expect(document.querySelector('[role="alert"]')?.textContent).toBe('A token is valid for 1 to 365 days.');
    expect(requests('POST')).toHaveLength(0);
  });

  it('lists when each token was last used and expires, and revokes one after the modal confirms', async () => {
    tokens = [ACTIVE];
    rendered = await render(<ApiTokensPanel />);
    await waitFor(() => expect(byTestId('apitokens-list')).toBeTruthy());
    const row = byTestId('apitokens-row');
    expect(row.textContent).toContain('nightly report');
    expect(row.textContent).toContain('jaa_AbCdEfGhIjKl…');
    expect(row.textContent).toContain(new Date(ACTIVE.lastUsedAt).toLocaleString());
    expect(row.textContent).toContain(new Date(ACTIVE.expiresAt).toLocaleString());

    await click(buttonNamed('Revoke nightly report'));
    await waitFor(() => expect(byTestId('revoke-token-modal')).toBeTruthy());
    await click(byTestId('revoke-cancel'));
    await settle();
    expect(requests('DELETE')).toHaveLength(0);

    await click(buttonNamed('Revoke nightly report'));
    await waitFor(() => expect(byTestId('revoke-token-modal')).toBeTruthy());
    await click(byTestId('revoke-confirm'));
    await waitFor(() => expect(queryByTestId('revoke-token-modal')).toBeNull());
    expect(requests('DELETE').map(([url]) => url)).toEqual(['/api/tokens/t-1']);
    await waitFor(() => expect(byTestId('apitokens-row').textContent).toContain('Revoked'));
    expect(() => buttonNamed('Revoke nightly report')).toThrow();
  });

  it('says so when an admin switched tokens off, and offers no form', async () => {
    enabled = false;
    tokens = [ACTIVE];
    rendered = await render(<ApiTokensPanel />);
    await waitFor(() => expect(byTestId('apitokens-off')).toBeTruthy());
    expect(queryByTestId('create-token-form')).toBeNull();
  });
});
