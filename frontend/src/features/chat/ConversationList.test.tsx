import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import {
  buttonNamed,
  byTestId,
  click,
  expectLabelInName,
  press,
  queryByTestId,
  render,
  settle,
  type,
  waitFor,
  type Rendered,
} from '../../test/render';
import { ConversationList } from './ConversationList';
import { useConversations } from './useConversations';

const CONVERSATIONS = [
  { id: 'c-2', title: 'Sprint notes', createdAt: '2026-12-04T10:00:00Z', updatedAt: '2026-12-04T11:00:00Z' },
  { id: 'c-1', title: '', createdAt: '2026-12-01T10:00:00Z', updatedAt: '2026-12-01T10:00:00Z' },
];

function json(body: unknown, status = 200): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
}

function Harness(props: { currentId?: string; onOpen: (id: string) => void; onNew: () => void; onDeleted: (id: string) => void }) {
  const conversations = useConversations();
  return <ConversationList conversations={conversations} {...props} />;
}

describe('ConversationList', () => {
  const fetchMock = vi.fn();
  const onOpen = vi.fn();
  const onNew = vi.fn();
  const onDeleted = vi.fn();
  let rendered: Rendered | undefined;

  beforeEach(() => {
    window.AP = { context: { getToken: vi.fn().mockResolvedValue('jwt') } };
    fetchMock.mockReset();
    fetchMock.mockImplementation(async (url: string, init: RequestInit) => {
      const key = `${init.method} ${url}`;
      if (key === 'GET /api/chat/conversations') return json({ conversations: CONVERSATIONS });
      if (key.startsWith('PATCH /api/chat/conversations/')) {
        const id = decodeURIComponent(url.slice(url.lastIndexOf('/') + 1));
        return json({ ...CONVERSATIONS.find((c) => c.id === id), ...JSON.parse(String(init.body)) });
      }
      if (key.startsWith('DELETE /api/chat/conversations/')) return new Response(null, { status: 204 });
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
    onOpen.mockReset();
    onNew.mockReset();
    onDeleted.mockReset();
  });

  const requests = (method: string) => fetchMock.mock.calls.filter(([, init]) => (init as RequestInit).method === method);
  const titles = () => Array.from(document.querySelectorAll('.chat-conversation-title')).map((e) => e.textContent);

  async function show(currentId?: string) {
    rendered = await render(<Harness currentId={currentId} onOpen={onOpen} onNew={onNew} onDeleted={onDeleted} />);
    await waitFor(() => expect(titles()).toHaveLength(2));
    return rendered.container;
  }

  it('lists the conversations newest first, marks the open one, opens one, starts a new one', async () => {
    const container = await show('c-2');
    expect(titles()).toEqual(['Sprint notes', 'Untitled conversation']);
    const current = container.querySelector('[aria-current="page"]');
    expect(current?.textContent).toContain('Sprint notes');
    expectLabelInName(container);

    await click(buttonNamed(/^Untitled conversation/));
    expect(onOpen).toHaveBeenCalledWith('c-1');
    await click(buttonNamed('New conversation'));
    expect(onNew).toHaveBeenCalledTimes(1);
  });

  it('rename: inline, Enter saves the trimmed title', async () => {
    await show();
    await click(buttonNamed('Rename Sprint notes'));
    const input = byTestId<HTMLInputElement>('chat-rename-input');
    expect(input.value).toBe('Sprint notes');
    expect(document.activeElement).toBe(input);

    await type(input, '  Sprint 12 notes ');
    await press(input, 'Enter');
    await waitFor(() => expect(queryByTestId('chat-rename-input')).toBeNull());

    expect(requests('PATCH').map(([url, init]) => [url, JSON.parse(String((init as RequestInit).body))])).toEqual([
      ['/api/chat/conversations/c-2', { title: 'Sprint 12 notes' }],
    ]);
    expect(titles()).toEqual(['Sprint 12 notes', 'Untitled conversation']);
  });

  it('rename: Escape cancels without saving, also when the field then loses focus', async () => {
    await show();
    await click(buttonNamed('Rename Sprint notes'));
    const input = byTestId<HTMLInputElement>('chat-rename-input');
    await type(input, 'Something else');
    await press(input, 'Escape');
    await settle();
    expect(queryByTestId('chat-rename-input')).toBeNull();
    expect(requests('PATCH')).toHaveLength(0);
    expect(titles()).toEqual(['Sprint notes', 'Untitled conversation']);
  });

  it('rename: an empty title is refused with a message, and nothing is sent', async () => {
    await show();
    await click(buttonNamed('Rename Sprint notes'));
    const input = byTestId<HTMLInputElement>('chat-rename-input');
    await type(input, '   ');
    await press(input, 'Enter');
    await settle();
    expect(document.querySelector('[role="alert"]')?.textContent).toBe('A title has 1 to 100 characters.');
    expect(byTestId('chat-rename-input')).toBe(input);
    expect(requests('PATCH')).toHaveLength(0);

    // Typing clears the message; a title that is no change closes the field without a request.
    await type(input, 'Sprint notes');
    expect(document.querySelector('[role="alert"]')).toBeNull();
    await press(input, 'Enter');
    await waitFor(() => expect(queryByTestId('chat-rename-input')).toBeNull());
    expect(requests('PATCH')).toHaveLength(0);
  });

  it('rename refused by the server: the field stays with the reason', async () => {
    fetchMock.mockImplementationOnce(async () => json({ conversations: CONVERSATIONS }));
    await show();
    fetchMock.mockImplementationOnce(async () => json({ status: 400, title: 'Bad request', detail: 'The title is too long.' }, 400));
    await click(buttonNamed('Rename Sprint notes'));
    const input = byTestId<HTMLInputElement>('chat-rename-input');
    await type(input, 'New title');
    await press(input, 'Enter');
    await waitFor(() => expect(document.querySelector('[role="alert"]')?.textContent).toBe('The title is too long.'));
    expect(titles()).toEqual(['Untitled conversation']);
  });

  it('delete asks first: Cancel keeps it, Delete removes it and tells the page', async () => {
    await show('c-2');
    await click(buttonNamed('Delete Sprint notes'));
    const modal = await waitFor(() => byTestId('delete-conversation-modal'));
    expect(modal.textContent).toContain('“Sprint notes” and all its messages will be deleted.');
    expectLabelInName(modal);

    await click(buttonNamed('Cancel', modal));
    await waitFor(() => expect(queryByTestId('delete-conversation-modal')).toBeNull());
    expect(requests('DELETE')).toHaveLength(0);
    await waitFor(() => expect(document.activeElement).toBe(buttonNamed('Delete Sprint notes')));

    await click(buttonNamed('Delete Sprint notes'));
    const again = await waitFor(() => byTestId('delete-conversation-modal'));
    await click(buttonNamed('Delete', again));
    await waitFor(() => expect(onDeleted).toHaveBeenCalledWith('c-2'));
    expect(requests('DELETE').map(([url]) => url)).toEqual(['/api/chat/conversations/c-2']);
    expect(titles()).toEqual(['Untitled conversation']);
    await waitFor(() => expect(queryByTestId('delete-conversation-modal')).toBeNull());
    // Focus goes to New conversation, not to the body (the button that opened the modal is gone).
    await waitFor(() => expect(document.activeElement).toBe(buttonNamed('New conversation')));
  });
});
