import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { ApiError } from '../../bridge';
import { buttonNamed, byTestId, click, expectLabelInName, queryByTestId, render, waitFor, type Rendered } from '../../test/render';
import type { Greeting as GreetingData } from './api';
import { Greeting, type GreetingState } from './Greeting';
import { useGreeting } from './useGreeting';

const GREETING: GreetingData = {
  displayName: 'Alice Adams',
  capabilities: [
    { id: 'my-issues', title: 'Your work', description: 'List your issues by status or project' },
    { id: 'comment', title: 'Comment', description: 'Add a comment with @mentions, after you confirm' },
  ],
  suggestions: [
    { label: 'What am I working on?', prompt: 'What am I working on?' },
    { label: 'Summarise SCRUM-2', prompt: 'Summarise SCRUM-2 and its recent comments' },
  ],
  readOnly: false,
};

describe('Greeting', () => {
  let rendered: Rendered | undefined;
  const onSuggestion = vi.fn();
  const onRetry = vi.fn();

  afterEach(() => {
    rendered?.unmount();
    rendered = undefined;
    document.body.innerHTML = '';
    onSuggestion.mockReset();
    onRetry.mockReset();
  });

  async function show(state: GreetingState, busy = false) {
    rendered = await render(<Greeting state={state} onSuggestion={onSuggestion} busy={busy} onRetry={onRetry} />);
    return rendered.container;
  }

  it('greets the user by name and lists what the assistant can do', async () => {
    const container = await show({ status: 'ready', greeting: GREETING });
    expect(container.querySelector('h2')?.textContent).toBe('Hi Alice Adams');
    const capabilities = Array.from(byTestId('chat-capabilities').querySelectorAll('li')).map((li) => li.textContent);
    expect(capabilities).toEqual(['Your workList your issues by status or project', 'CommentAdd a comment with @mentions, after you confirm']);
    expect(queryByTestId('chat-read-only')).toBeNull();
    expectLabelInName(container);
  });

  it('clicking a suggestion sends its prompt (not its label); while a turn runs they are disabled', async () => {
    await show({ status: 'ready', greeting: GREETING });
    await click(buttonNamed('Summarise SCRUM-2'));
    expect(onSuggestion).toHaveBeenCalledWith('Summarise SCRUM-2 and its recent comments');
    rendered?.unmount();

    await show({ status: 'ready', greeting: GREETING }, true);
    expect(buttonNamed('What am I working on?').disabled).toBe(true);
  });

  it('says when the site is read-only; a greeting without a name still greets', async () => {
    const container = await show({ status: 'ready', greeting: { ...GREETING, displayName: '', readOnly: true, capabilities: [] } });
    expect(container.querySelector('h2')?.textContent).toBe('Hi');
    expect(byTestId('chat-read-only').textContent).toContain('read-only');
    expect(queryByTestId('chat-capabilities')).toBeNull();
  });

  it('while loading it shows a labelled placeholder; a failed load explains and offers to load again', async () => {
    await show({ status: 'loading' });
    expect(byTestId('chat-skeleton').getAttribute('aria-label')).toBe('Loading the assistant');
    rendered?.unmount();

    const container = await show({ status: 'error', error: new ApiError(0, { title: 'Could not reach AI Assistant' }) });
    expect(container.textContent).toContain('Could not reach AI Assistant');
    expect(container.textContent).toContain('You can still ask the assistant anything below.');
    await click(buttonNamed('Load again'));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });
});

describe('useGreeting', () => {
  const fetchMock = vi.fn();
  let rendered: Rendered | undefined;

  function Harness({ onSuggestion }: { onSuggestion: (prompt: string) => void }) {
    const { state, retry } = useGreeting();
    return <Greeting state={state} onSuggestion={onSuggestion} busy={false} onRetry={retry} />;
  }

  beforeEach(() => {
    window.AP = { context: { getToken: vi.fn().mockResolvedValue('jwt') } };
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    rendered?.unmount();
    rendered = undefined;
    document.body.innerHTML = '';
    delete window.AP;
    vi.unstubAllGlobals();
  });

  it('a greeting that failed to load is loaded again from the retry', async () => {
    fetchMock.mockResolvedValueOnce(
      new Response(JSON.stringify({ status: 503, title: 'The app cannot answer now', detail: 'Try again in a moment.' }), {
        status: 503,
        headers: { 'Content-Type': 'application/problem+json' },
      }),
    );
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify(GREETING), { status: 200, headers: { 'Content-Type': 'application/json' } }));
    const onSuggestion = vi.fn();
    rendered = await render(<Harness onSuggestion={onSuggestion} />);

    await waitFor(() => expect(rendered!.container.textContent).toContain('The app cannot answer now'));
    await click(buttonNamed('Load again'));
    await waitFor(() => expect(rendered!.container.querySelector('h2')?.textContent).toBe('Hi Alice Adams'));
    expect(fetchMock.mock.calls.map(([url]) => url)).toEqual(['/api/chat/greeting', '/api/chat/greeting']);

    await click(buttonNamed('What am I working on?'));
    expect(onSuggestion).toHaveBeenCalledWith('What am I working on?');
  });
});
