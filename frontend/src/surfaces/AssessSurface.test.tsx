import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { NOT_CONFIGURED_MESSAGE } from '../components/SurfaceFrame';
import { AssessSurface } from './AssessSurface';

describe('AssessSurface', () => {
  let container: HTMLDivElement;
  let root: Root;
  const fetchMock = vi.fn();

  beforeEach(() => {
    window.AP = { context: { getToken: vi.fn().mockResolvedValue('jwt') } };
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    container = document.createElement('div');
    document.body.appendChild(container);
    root = createRoot(container);
  });

  afterEach(() => {
    act(() => root.unmount());
    container.remove();
    delete window.AP;
    vi.unstubAllGlobals();
  });

  async function renderAndSettle() {
    await act(async () => {
      root.render(<AssessSurface />);
    });
    // Let the token and fetch promises resolve.
    for (let i = 0; i < 5; i++) {
      await act(async () => {
        await Promise.resolve();
      });
    }
  }

  it('shows a spinner, then the site and the "not configured" warning', async () => {
    let answer!: (r: Response) => void;
    fetchMock.mockReturnValue(new Promise<Response>((resolve) => (answer = resolve)));

    await act(async () => {
      root.render(<AssessSurface />);
    });
    expect(container.querySelector('[aria-busy="true"]')).not.toBeNull();
    expect(container.textContent).toContain('Assess with AI');

    await act(async () => {
      answer(
        new Response(
          JSON.stringify({
            siteUrl: 'https://example.atlassian.net',
            accountId: 'abc',
            productType: 'jira',
            features: {},
            llmConfigured: false,
          }),
          { status: 200, headers: { 'Content-Type': 'application/json' } },
        ),
      );
    });
    await renderAndSettle();

    expect(container.querySelector('h1')?.textContent).toBe('Assess with AI');
    expect(container.textContent).toContain('https://example.atlassian.net');
    expect(container.textContent).toContain(NOT_CONFIGURED_MESSAGE);
    expect(container.textContent).toContain('Scoring this issue arrives in the next release.');
    expect(container.querySelector('[aria-busy="true"]')).toBeNull();
  });

  it('shows the problem and a Retry button on error, and retries', async () => {
    fetchMock.mockResolvedValueOnce(
      new Response(JSON.stringify({ title: 'Site not installed', detail: 'Reinstall the app from the Jira admin page.' }), {
        status: 404,
        headers: { 'Content-Type': 'application/problem+json' },
      }),
    );
    await renderAndSettle();

    expect(container.textContent).toContain('Site not installed');
    expect(container.textContent).toContain('Reinstall the app from the Jira admin page.');
    const retry = Array.from(container.querySelectorAll('button')).find((b) => b.textContent === 'Retry');
    expect(retry).toBeDefined();

    fetchMock.mockResolvedValueOnce(
      new Response(
        JSON.stringify({ siteUrl: 'https://example.atlassian.net', accountId: 'abc', productType: 'jira', features: {}, llmConfigured: true }),
        { status: 200, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    await act(async () => {
      retry!.click();
    });
    for (let i = 0; i < 5; i++) {
      await act(async () => {
        await Promise.resolve();
      });
    }

    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(container.textContent).not.toContain('Site not installed');
    expect(container.textContent).not.toContain(NOT_CONFIGURED_MESSAGE);
    expect(container.textContent).toContain('Scoring this issue arrives in the next release.');
  });
});
