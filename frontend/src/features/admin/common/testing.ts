/** Test helpers of the admin sections: a Connect iframe whose fetch answers as the routes say. */
import { vi } from 'vitest';

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
}

export function csv(text: string): Response {
  return new Response(text, { headers: { 'Content-Type': 'text/csv' } });
}

export const NOT_ADMIN = () =>
  json({ type: 'https://jira-ai.dev/problems/not-site-admin', title: 'Jira administrators only', status: 403 }, 403);

/** Puts the app in a Connect iframe with `fetch` stubbed; the mock, to script and inspect. */
export function connectFetch(answer: (url: string) => Promise<Response>) {
  const fetchMock = vi.fn(answer);
  window.AP = { context: { getToken: vi.fn().mockResolvedValue('jwt') } };
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** Stubs the object URLs a CSV download makes; `createObjectURL`, to assert it was called. */
export function stubDownloads(name: string) {
  const createObjectURL = vi.fn().mockReturnValue(`blob:${name}`);
  const revokeObjectURL = vi.fn();
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL }));
  return { createObjectURL, revokeObjectURL };
}

export function leaveConnect(): void {
  document.body.innerHTML = '';
  delete window.AP;
  vi.unstubAllGlobals();
}
