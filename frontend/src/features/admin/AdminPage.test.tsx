import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { byTestId, click, queryByTestId, render, type, waitFor, type Rendered } from '../../test/render';
import { ADMIN_SECTIONS, AdminPage } from './AdminPage';
import { keyHint } from './ModelSection';

const OPERATOR_MODEL = {
  baseUrl: 'https://api.openai.com',
  model: 'gpt-4o-mini',
  temperature: null,
  usingOperatorDefault: true,
  operatorDefaultAvailable: true,
  keyConfigured: true,
  key: null,
};

const OWN_MODEL = {
  ...OPERATOR_MODEL,
  baseUrl: 'https://models.example.com/v1',
  usingOperatorDefault: false,
  key: { lastFour: '1234', setAt: '2026-12-06T10:00:00Z' },
};

const CHAT = {
  readOnly: false,
  allowedTools: null,
  tools: [
    { name: 'myIssues', writes: false },
    { name: 'proposeComment', writes: true },
  ],
};

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
}

describe('AdminPage', () => {
  const fetchMock = vi.fn();
  let routes: Record<string, (init: RequestInit) => Response>;
  let rendered: Rendered | undefined;

  beforeEach(() => {
    window.AP = { context: { getToken: vi.fn().mockResolvedValue('jwt') } };
    routes = {
      'GET /api/admin/model': () => json(OPERATOR_MODEL),
      'GET /api/admin/features': () => json({ assess: true, draft: true, chat: true, standup: true }),
      'GET /api/admin/chat-settings': () => json(CHAT),
    };
    fetchMock.mockReset();
    fetchMock.mockImplementation(async (url: string, init: RequestInit) => {
      const route = routes[`${init.method} ${url}`];
      return route ? route(init) : json({ title: `No route for ${init.method} ${url}` }, 404);
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

  const bodiesOf = (method: string, url: string) =>
    fetchMock.mock.calls
      .filter(([u, init]) => u === url && (init as RequestInit).method === method)
      .map(([, init]) => JSON.parse(String((init as RequestInit).body)));

  it('has one h1 and an h2 per section, in the order of ADMIN_SECTIONS', async () => {
    rendered = await render(<AdminPage />);
    await waitFor(() => expect(byTestId('model-source')).toBeTruthy());

    expect([...document.querySelectorAll('h1')].map((h) => h.textContent)).toEqual(['AI Assistant settings']);
    expect([...document.querySelectorAll('h2[id]')].map((h) => h.textContent)).toEqual(['Model', 'Features', 'Usage', 'Audit']);
    expect(ADMIN_SECTIONS.map((section) => section.id)).toEqual(['model', 'features', 'usage', 'audit']);
  });

  it('sends only what changed, the key write-only, and shows its last four characters', async () => {
    routes['PUT /api/admin/model'] = () => json(OWN_MODEL);
    rendered = await render(<AdminPage />);
    await waitFor(() => expect(byTestId<HTMLInputElement>('model-base-url').value).toBe('https://api.openai.com'));
    expect(queryByTestId('model-use-default')).toBeNull();

    await type(byTestId<HTMLInputElement>('model-base-url'), 'https://models.example.com/v1');
    await type(byTestId<HTMLInputElement>('model-api-key'), 'sk-secret-1234');
    await type(byTestId<HTMLInputElement>('model-temperature'), '0.3');
    await click(byTestId('model-save'));

    await waitFor(() => expect(byTestId('model-notice').textContent).toContain('saved'));
    expect(bodiesOf('PUT', '/api/admin/model')).toEqual([
      { baseUrl: 'https://models.example.com/v1', apiKey: 'sk-secret-1234', temperature: 0.3 },
    ]);
    expect(byTestId<HTMLInputElement>('model-api-key').value).toBe('');
    expect(byTestId('model-key-hint').textContent).toMatch(/^•••• 1234, set on /);
    expect(document.body.textContent).not.toContain('sk-secret');
    expect(byTestId('model-use-default')).toBeTruthy();
  });

  it('shows the model and latency of a test call, or its error in plain words', async () => {
    routes['POST /api/admin/model/test'] = () => json({ ok: true, latencyMs: 412, model: 'gpt-4o-mini-2024', error: null });
    rendered = await render(<AdminPage />);
    await waitFor(() => expect(byTestId('model-source')).toBeTruthy());

    await click(byTestId('model-test'));
    await waitFor(() => expect(byTestId('model-check').textContent).toContain('gpt-4o-mini-2024 answered in 412 ms.'));

    routes['POST /api/admin/model/test'] = () =>
      json({ ok: false, latencyMs: 30, model: 'gpt-4o-mini', error: 'The API key was refused (HTTP 401).' });
    await click(byTestId('model-test'));
    await waitFor(() => expect(byTestId('model-check').textContent).toContain('The API key was refused (HTTP 401).'));
  });

  it('says a refused endpoint in the server’s words', async () => {
    routes['PUT /api/admin/model'] = () =>
      json(
        {
          type: 'https://jira-ai.dev/problems/invalid-model-endpoint',
          title: 'The model endpoint cannot be used',
          status: 400,
          detail: "The base URL 'https://10.0.0.1' cannot be used: its host 10.0.0.1 is an internal address.",
        },
        400,
      );
    rendered = await render(<AdminPage />);
    await waitFor(() => expect(byTestId('model-source')).toBeTruthy());

    await type(byTestId<HTMLInputElement>('model-base-url'), 'https://10.0.0.1');
    await click(byTestId('model-save'));

    await waitFor(() => expect(byTestId('model-notice').textContent).toContain('is an internal address'));
  });

  it('refuses a temperature outside 0 to 2 before asking the server', async () => {
    rendered = await render(<AdminPage />);
    await waitFor(() => expect(byTestId('model-source')).toBeTruthy());

    await type(byTestId<HTMLInputElement>('model-temperature'), '5');
    await click(byTestId('model-save'));

    await waitFor(() => expect(byTestId('model-notice').textContent).toContain('from 0 to 2'));
    expect(bodiesOf('PUT', '/api/admin/model')).toEqual([]);
  });

  it('tells a non-admin that only Jira administrators can change the settings', async () => {
    const forbidden = () =>
      json({ type: 'https://jira-ai.dev/problems/not-site-admin', title: 'Jira administrators only', status: 403 }, 403);
    routes['GET /api/admin/model'] = forbidden;
    routes['GET /api/admin/features'] = forbidden;
    rendered = await render(<AdminPage />);

    await waitFor(() => expect(byTestId('model-notice').textContent).toBe('Only Jira administrators can change these settings.'));
    await waitFor(() => expect(byTestId('features-notice').textContent).toBe('Only Jira administrators can change these settings.'));
    expect(queryByTestId('features-save')).toBeNull();
  });

  it('saves features, read-only mode and the tool allow-list', async () => {
    routes['PUT /api/admin/features'] = (init) => json(JSON.parse(String(init.body)));
    routes['PUT /api/admin/chat-settings'] = (init) => json({ ...CHAT, ...JSON.parse(String(init.body)) });
    rendered = await render(<AdminPage />);
    await waitFor(() => expect(byTestId('feature-chat')).toBeTruthy());

    await click(byTestId('feature-chat'));
    await click(byTestId('chat-read-only'));
    await click(byTestId('tool-proposeComment'));
    await click(byTestId('features-save'));

    await waitFor(() => expect(byTestId('features-notice').textContent).toContain('saved'));
    expect(bodiesOf('PUT', '/api/admin/features')).toEqual([{ assess: true, draft: true, chat: false, standup: true }]);
    expect(bodiesOf('PUT', '/api/admin/chat-settings')).toEqual([{ readOnly: true, allowedTools: ['myIssues'] }]);
    expect(byTestId<HTMLInputElement>('feature-chat').checked).toBe(false);
    expect(byTestId<HTMLInputElement>('tool-proposeComment').checked).toBe(false);
  });

  it('shows a key without a date when its time was not recorded', () => {
    expect(keyHint({ lastFour: 'abcd', setAt: null })).toBe('•••• abcd');
    expect(keyHint(null)).toBe('No key of this site’s own.');
  });
});
