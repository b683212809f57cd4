import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { buttonNamed, byTestId, click, expectLabelInName, press, render, settle, type, waitFor, type Rendered } from '../../test/render';
import { ChatPage } from './ChatPage';

// The page on Connect: its requests go to fetch, a turn is followed on its event stream.

const CONTEXT = { siteUrl: 'https://example.atlassian.net', accountId: 'abc', productType: 'jira', features: {}, llmConfigured: true };

const GREETING = {
  displayName: 'Alice Adams',
  capabilities: [{ id: 'my-issues', title: 'Your work', description: 'List your issues' }],
  suggestions: [{ label: 'What am I working on?', prompt: 'What am I working on?' }],
  readOnly: false,
};

const COMMENT = {
  id: 'p-1',
  kind: 'chat.comment',
  state: 'PENDING',
  payload: { issueKey: 'SCRUM-2', body: 'Deployed, @[Bob Builder](5b10)' },
  result: null,
  error: null,
};

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

/** An event stream the test writes to, one frame at a time. */
function controlledStream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  let id = 0;
  return {
    response: new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }),
    send: async (event: string, data: unknown) => {
      controller.enqueue(new TextEncoder().encode(`id: ${++id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      await settle(3);
    },
    /** Ends the stream, unless the page already stopped reading it (after its last event). */
    close: () => {
      try {
        controller.close();
      } catch {
        // cancelled by the reader
      }
    },
  };
}

type Handler = (init: RequestInit) => Response | Promise<Response>;

describe('ChatPage', () => {
  const fetchMock = vi.fn();
  let routes: Map<string, Handler>;
  let rendered: Rendered | undefined;
  /** Every text the live region has said, in order. */
  let announced: string[];
  let observer: MutationObserver | undefined;

  function route(key: string, handler: Handler) {
    routes.set(key, handler);
  }

  const calls = (key: string) =>
    fetchMock.mock.calls.filter(([url, init]) => `${(init as RequestInit).method} ${url}` === key).map(([, init]) => init as RequestInit);

  beforeEach(() => {
    window.AP = { context: { getToken: vi.fn().mockResolvedValue('jwt') } };
    window.history.replaceState(null, '', '/connect/assistant');
    routes = new Map();
    route('GET /api/context', () => json(CONTEXT));
    route('GET /api/chat/greeting', () => json(GREETING));
    route('GET /api/chat/conversations', () => json({ conversations: [] }));
    route('POST /api/chat/send', () =>
      json({ taskId: 't-1', conversationId: 'c-1', status: 'processing' }, 202, { Location: '/api/chat/result/t-1' }),
    );
    fetchMock.mockReset();
    fetchMock.mockImplementation(async (url: string, init: RequestInit) => {
      const handler = routes.get(`${init.method} ${url}`);
      return handler
        ? handler(init)
        : new Response(JSON.stringify({ status: 404, title: `No route for ${init.method} ${url}` }), {
            status: 404,
            headers: { 'Content-Type': 'application/problem+json' },
          });
    });
    vi.stubGlobal('fetch', fetchMock);
    announced = [];
  });

  afterEach(() => {
    observer?.disconnect();
    rendered?.unmount();
    rendered = undefined;
    document.body.innerHTML = '';
    delete window.AP;
    vi.unstubAllGlobals();
    window.history.replaceState(null, '', '/');
  });

  async function showPage() {
    rendered = await render(<ChatPage />);
    await waitFor(() => byTestId('chat-greeting'));
    const region = byTestId('chat-announcement');
    observer = new MutationObserver(() => {
      const text = region.textContent ?? '';
      if (text !== '' && text !== announced[announced.length - 1]) announced.push(text);
    });
    observer.observe(region, { childList: true, characterData: true, subtree: true });
    return rendered.container;
  }

  it('the conversations drawer opens from its button and Escape closes it, from the button or inside it', async () => {
    await showPage();
    const toggle = byTestId('chat-list-toggle');
    const drawer = document.getElementById(toggle.getAttribute('aria-controls') ?? '')!;

    await click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(drawer.dataset.open).toBe('true');
    toggle.focus();
    await press(toggle, 'Escape');
    expect(drawer.dataset.open).toBe('false');
    expect(document.activeElement).toBe(toggle);

    await click(toggle);
    await press(byTestId('chat-new-conversation'), 'Escape');
    expect(drawer.dataset.open).toBe('false');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(toggle);
  });

  it('a suggestion sends its prompt; the live region announces the activity and the answer, not each streamed word', async () => {
    const stream = controlledStream();
    route('GET /api/chat/stream/t-1', () => stream.response);
    const container = await showPage();
    expect(byTestId('chat-announcement').getAttribute('role')).toBe('status');
    expect(byTestId('chat-log').getAttribute('aria-live')).toBe('off');
    expectLabelInName(container);

    await click(buttonNamed('What am I working on?'));
    await waitFor(() => expect(calls('GET /api/chat/stream/t-1')).toHaveLength(1));
    expect(calls('POST /api/chat/send').map((init) => JSON.parse(String(init.body)))).toEqual([
      { message: 'What am I working on?', outputFormat: 'markdown' },
    ]);
    // The message is shown at once, with the answer's bubble saying it works on it.
    expect(byTestId('chat-user-message').textContent).toContain('What am I working on?');
    expect(byTestId('chat-working').textContent).toContain('Thinking…');

    await stream.send('tool', { tool: 'myIssues', message: 'Searching your issues…' });
    // The new conversation is listed at once, under its first words.
    expect(byTestId('chat-conversations').textContent).toContain('What am I working on?');
    route('GET /api/chat/conversations', () => json({ conversations: [{ id: 'c-1', title: 'Your work today', createdAt: '', updatedAt: '' }] }));
    await stream.send('text', { delta: 'You have ' });
    await stream.send('text', { delta: '2 issues' });
    await waitFor(() => expect(byTestId('chat-answer').textContent).toContain('You have 2 issues'));
    expect(byTestId('chat-activity').textContent).toBe('Searching your issues…');
    await stream.send('text', { delta: ' in progress.' });
    await stream.send('result', { taskId: 't-1', conversationId: 'c-1', status: 'completed', result: 'You have **2** issues in progress.' });
    stream.close();

    await waitFor(() => expect(announced).toHaveLength(2));
    expect(announced).toEqual(['Searching your issues…', 'The assistant answered: You have 2 issues in progress.']);
    await waitFor(() => expect(byTestId('chat-answer').querySelector('strong')?.textContent).toBe('2'));
    // Once the turn ended the list is read again, with the title the server gave it.
    await waitFor(() => expect(byTestId('chat-conversations').textContent).toContain('Your work today'));
    expect(byTestId('chat-conversations').querySelector('[aria-current="page"]')?.textContent).toContain('Your work today');
  });

  it('a proposal is announced, confirmed from its card, and its outcome announced', async () => {
    const first = controlledStream();
    const second = controlledStream();
    route('GET /api/chat/stream/t-1', (init) => ((init.headers as Record<string, string>)['Last-Event-ID'] ? second.response : first.response));
    route('POST /api/chat/resume/t-1', () => json({ taskId: 't-1', status: 'processing' }, 202));
    route('GET /api/proposals/p-1', () => json({ ...COMMENT, state: 'DONE', result: { commentId: '10042' } }));
    await showPage();

    await type(byTestId<HTMLTextAreaElement>('chat-input'), 'Tell Bob on SCRUM-2 that the fix is deployed');
    await press(byTestId('chat-input'), 'Enter');
    await waitFor(() => expect(calls('GET /api/chat/stream/t-1')).toHaveLength(1));
    await first.send('waiting', { message: 'Confirm the comment', proposals: [COMMENT] });
    first.close();

    const card = await waitFor(() => byTestId('proposal-p-1'));
    expect(announced).toEqual(['The assistant proposes: Add a comment to SCRUM-2. Nothing is written until you confirm.']);
    expect(card.textContent).toContain('@Bob Builder');

    await click(buttonNamed('Confirm', card));
    await waitFor(() => expect(calls('POST /api/chat/resume/t-1')).toHaveLength(1));
    expect(JSON.parse(String(calls('POST /api/chat/resume/t-1')[0].body))).toEqual({ confirmation: true, proposalId: 'p-1' });

    await waitFor(() => expect(calls('GET /api/chat/stream/t-1')).toHaveLength(2));
    await second.send('result', { taskId: 't-1', status: 'completed', result: 'I added the comment.' });
    second.close();

    await waitFor(() => expect(byTestId('proposal-outcome').textContent).toContain('Comment added to SCRUM-2'));
    await waitFor(() => expect(announced[announced.length - 1]).toBe('Comment added to SCRUM-2.'));
    expect(announced).toContain('Carrying it out…');
    expect(announced).toContain('The assistant answered: I added the comment.');
  });

  it('without the stand-up feature the tabs are Chat and API tokens; with it, Chat / Stand-up / API tokens switch the view, also with the arrow keys', async () => {
    route('GET /api/tokens', () => json({ enabled: true, tokens: [] }));
    await showPage();
    await settle();
    expect(calls('GET /api/context')).toHaveLength(1);
    expect(Array.from(document.querySelectorAll('[role="tab"]')).map((tab) => tab.textContent)).toEqual(['Chat', 'API tokens']);
    await click(byTestId('assistant-tabs-tokens'));
    await waitFor(() => byTestId('api-tokens-panel'));
    expect(document.getElementById('assistant-panel-chat')?.hidden).toBe(true);
    expect(calls('GET /api/tokens')).toHaveLength(1);
    rendered?.unmount();
    document.body.innerHTML = '';

    route('GET /api/context', () => json({ ...CONTEXT, features: { standup: true } }));
    route('GET /api/standup/today', () =>
      json({ date: '2026-12-06', timeZone: 'UTC', snoozed: false, questions: [], standup: null, suggestions: {} }),
    );
    route('GET /api/standup/history?limit=30', () => json({ standups: [] }));
    rendered = await render(<ChatPage />);
    const tabs = await waitFor(() => byTestId('assistant-tabs'));
    expect(tabs.getAttribute('aria-label')).toBe('AI Assistant views');
    const chatTab = byTestId('assistant-tabs-chat');
    const standupTab = byTestId('assistant-tabs-standup');
    expect(chatTab.getAttribute('aria-selected')).toBe('true');
    expect(standupTab.tabIndex).toBe(-1);

    chatTab.focus();
    await press(chatTab, 'ArrowRight');
    expect(standupTab.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(standupTab);
    const heading = await waitFor(() => {
      const found = Array.from(document.querySelectorAll('h2')).find((h) => h.textContent?.startsWith('Your stand-up for'));
      if (!found) throw new Error('the stand-up view has not loaded');
      return found;
    });
    expect(heading.textContent).toBe('Your stand-up for Sunday, 6 December');
    expect(document.getElementById('assistant-panel-chat')?.hidden).toBe(true);
    expect(byTestId('chat-list-toggle').closest('[hidden]')).not.toBeNull();

    await click(chatTab);
    expect(document.getElementById('assistant-panel-chat')?.hidden).toBe(false);
    expect(document.getElementById('assistant-panel-standup')?.hidden).toBe(true);
  });

  it('a failed send shows the problem with Try again, which sends the message again', async () => {
    route('POST /api/chat/send', () =>
      new Response(
        JSON.stringify({ type: 'https://jira-ai.dev/problems/too-many-tasks', status: 429, title: 'Too many AI tasks', retryAfterSeconds: 20 }),
        { status: 429, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '20' } },
      ),
    );
    await showPage();
    await type(byTestId<HTMLTextAreaElement>('chat-input'), 'Hello');
    await press(byTestId('chat-input'), 'Enter');

    const problem = await waitFor(() => byTestId('chat-problem'));
    expect(problem.textContent).toContain('Too many AI tasks');
    expect(problem.textContent).toContain('Try again in 20 seconds.');
    expect(announced).toEqual(['The assistant ran into a problem: Too many AI tasks']);

    await click(buttonNamed('Try again', problem));
    await waitFor(() => expect(calls('POST /api/chat/send')).toHaveLength(2));
    expect(JSON.parse(String(calls('POST /api/chat/send')[1].body))).toMatchObject({ message: 'Hello' });
  });
});
