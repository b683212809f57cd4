import { describe, expect, it } from 'vitest';

import { ApiError } from '../../bridge';
import type { ChatProposal } from './api';
import { chatReducer, initialChatState, THINKING, type ChatAction, type ChatItem, type ChatState } from './chatState';

const CURSOR = { textLength: 0 };

function comment(id = 'p-1', state = 'PENDING'): ChatProposal {
  return {
    id,
    kind: 'chat.comment',
    state,
    result: null,
    error: null,
    payload: { issueKey: 'SCRUM-2', body: 'The fix is deployed, @[Bob Builder](5b10)' },
  };
}

function run(...actions: ChatAction[]): ChatState {
  return actions.reduce(chatReducer, initialChatState);
}

/** What the log shows, one line an item, as a user would describe it. */
function log(state: ChatState): string[] {
  return state.items.map((item: ChatItem) => {
    switch (item.type) {
      case 'user':
        return `you: ${item.text}`;
      case 'assistant':
        return `assistant${item.live ? ' (writing)' : ''}: ${item.activity.map((a) => `[${a.message}] `).join('')}${item.text}`;
      case 'proposal':
        return `card ${item.proposal.id}: ${item.phase}${item.declined ? ' (declined)' : ''}`;
      case 'problem':
        return `problem: ${item.error.title}${item.retryText !== undefined ? ` (retry "${item.retryText}")` : ''}`;
      case 'notice':
        return `notice: ${item.text}`;
    }
  });
}

const SEND: ChatAction = { type: 'send', text: 'What am I working on?' };
const STARTED: ChatAction = { type: 'started', taskId: 't-1', conversationId: 'c-1' };

describe('chatReducer', () => {
  it('send shows the message at once with an answer bubble saying it is thinking', () => {
    const state = run(SEND);
    expect(log(state)).toEqual(['you: What am I working on?', 'assistant (writing): ']);
    expect(state.turn).toEqual({ status: 'running', statusText: THINKING });
  });

  it('started names the task (so it can be cancelled) and the conversation the server started', () => {
    const state = run(SEND, STARTED);
    expect(state.turn).toMatchObject({ status: 'running', taskId: 't-1' });
    expect(state.conversationId).toBe('c-1');
  });

  it('activity lines go into the answer bubble and become the status; progress only changes the status', () => {
    const state = run(
      SEND,
      STARTED,
      { type: 'activity', activity: { tool: 'myIssues', message: 'Searching your issues…' } },
      { type: 'activity', activity: { tool: 'getIssue', message: 'Reading SCRUM-2…' } },
    );
    expect(log(state)).toEqual(['you: What am I working on?', 'assistant (writing): [Searching your issues…] [Reading SCRUM-2…] ']);
    expect(state.turn).toMatchObject({ status: 'running', statusText: 'Reading SCRUM-2…' });

    const progressed = chatReducer(state, { type: 'progress', message: 'Writing the answer…' });
    expect(progressed.turn).toMatchObject({ statusText: 'Writing the answer…' });
    expect(progressed.items).toEqual(state.items);
  });

  it('text deltas accumulate in the one answer being written', () => {
    const state = run(SEND, STARTED, { type: 'text', delta: 'You have ' }, { type: 'text', delta: '2 issues' }, { type: 'text', delta: ' in progress.' });
    expect(log(state)).toEqual(['you: What am I working on?', 'assistant (writing): You have 2 issues in progress.']);
  });

  it('completed replaces the streamed text with the final answer and ends the turn', () => {
    const state = run(SEND, STARTED, { type: 'text', delta: 'You have 2 iss' }, { type: 'completed', answer: 'You have **2** issues.', proposals: [] });
    expect(log(state)).toEqual(['you: What am I working on?', 'assistant: You have **2** issues.']);
    expect(state.turn).toEqual({ status: 'idle' });
  });

  it('completed with an empty answer keeps what was streamed; an answer that said nothing is not shown empty', () => {
    const streamed = run(SEND, { type: 'text', delta: 'Done.' }, { type: 'completed', answer: '', proposals: [] });
    expect(log(streamed)).toEqual(['you: What am I working on?', 'assistant: Done.']);

    const silent = run(SEND, { type: 'completed', answer: '  ', proposals: [] });
    expect(log(silent)).toEqual(['you: What am I working on?']);
  });

  it('waiting ends the bubble, shows a pending card per proposal and waits for the user', () => {
    const state = run(SEND, STARTED, { type: 'text', delta: 'I can add this comment:' }, {
      type: 'waiting',
      taskId: 't-1',
      cursor: { textLength: 23 },
      message: 'Confirm the comment',
      proposals: [comment('p-1'), comment('p-2')],
    });
    expect(log(state)).toEqual(['you: What am I working on?', 'assistant: I can add this comment:', 'card p-1: pending', 'card p-2: pending']);
    expect(state.turn).toEqual({ status: 'waiting', taskId: 't-1', cursor: { textLength: 23 }, message: 'Confirm the comment' });
  });

  const WAITING: ChatAction = { type: 'waiting', taskId: 't-1', cursor: CURSOR, message: 'Confirm', proposals: [comment('p-1')] };

  it('confirming a card runs the turn on with a new bubble; the card settles once the turn goes on', () => {
    const answered = run(SEND, STARTED, WAITING, { type: 'answer', proposalId: 'p-1', confirmation: true });
    expect(log(answered)).toEqual(['you: What am I working on?', 'card p-1: confirming', 'assistant (writing): ']);
    expect(answered.turn).toMatchObject({ status: 'running', taskId: 't-1', statusText: 'Carrying it out…' });

    const done = run(SEND, STARTED, WAITING, { type: 'answer', proposalId: 'p-1', confirmation: true }, {
      type: 'completed',
      answer: 'I added the comment.',
      proposals: [comment('p-1', 'DONE')],
    });
    expect(log(done)).toEqual(['you: What am I working on?', 'card p-1: settled', 'assistant: I added the comment.']);
    expect(done.turn).toEqual({ status: 'idle' });
  });

  it('after a proposal the final answer does not repeat what the assistant said before it', () => {
    const state = run(
      SEND,
      STARTED,
      { type: 'text', delta: 'I can add this comment:' },
      WAITING,
      { type: 'answer', proposalId: 'p-1', confirmation: true },
      { type: 'text', delta: 'I added it.' },
      { type: 'completed', answer: 'I can add this comment:\n\nI added it.', proposals: [comment('p-1', 'DONE')] },
    );
    expect(log(state)).toEqual(['you: What am I working on?', 'assistant: I can add this comment:', 'card p-1: settled', 'assistant: I added it.']);
  });

  it('rejecting a card declines it: settled and declined once the assistant goes on', () => {
    const state = run(SEND, STARTED, WAITING, { type: 'answer', proposalId: 'p-1', confirmation: false });
    expect(state.turn).toMatchObject({ status: 'running', statusText: 'Going on without it…' });
    const done = chatReducer(state, { type: 'completed', answer: 'OK, I will not comment.', proposals: [] });
    expect(log(done)).toEqual(['you: What am I working on?', 'card p-1: settled (declined)', 'assistant: OK, I will not comment.']);
  });

  it('an answer while nothing waits is ignored', () => {
    const state = run(SEND, STARTED);
    expect(chatReducer(state, { type: 'answer', proposalId: 'p-1', confirmation: true })).toBe(state);
  });

  it('a refused answer while the turn still waits puts the card back to pending and the turn back to waiting', () => {
    const error = new ApiError(400, { title: 'The comment is not valid' });
    const state = run(SEND, STARTED, WAITING, { type: 'answer', proposalId: 'p-1', confirmation: true }, {
      type: 'answer-failed',
      proposalId: 'p-1',
      error,
      stillWaiting: true,
    });
    expect(log(state)).toEqual(['you: What am I working on?', 'card p-1: pending', 'problem: The comment is not valid']);
    expect(state.turn).toMatchObject({ status: 'waiting', taskId: 't-1' });

    const moved = run(SEND, STARTED, WAITING, { type: 'answer', proposalId: 'p-1', confirmation: true }, {
      type: 'answer-failed',
      proposalId: 'p-1',
      error: new ApiError(409, { title: 'Task conflict' }),
      stillWaiting: false,
    });
    expect(log(moved)).toEqual(['you: What am I working on?', 'card p-1: settling', 'problem: Task conflict']);
    expect(moved.turn).toEqual({ status: 'idle' });
  });

  it('failed shows the problem with the text to send again and ends the turn', () => {
    const error = new ApiError(503, { title: 'AI model not set up', type: 'https://jira-ai.dev/problems/ai-not-configured' });
    const state = run(SEND, STARTED, { type: 'failed', error, retryText: 'What am I working on?' });
    expect(log(state)).toEqual(['you: What am I working on?', 'problem: AI model not set up (retry "What am I working on?")']);
    expect(state.turn).toEqual({ status: 'idle' });
  });

  it('cancelled declines the cards nobody answered and says that nothing more was done', () => {
    const state = run(SEND, STARTED, WAITING, { type: 'cancelling' });
    expect(state.turn).toMatchObject({ status: 'waiting', cancelling: true });
    const stopped = chatReducer(state, { type: 'cancelled' });
    expect(log(stopped)).toEqual(['you: What am I working on?', 'card p-1: settled (declined)', 'notice: Stopped. Nothing more was done.']);
    expect(stopped.turn).toEqual({ status: 'idle' });
  });

  it('opening another conversation drops the old turn and its log, and loads the history', () => {
    const busy = run(SEND, STARTED, { type: 'text', delta: 'Half an ans' });
    const opened = chatReducer(busy, { type: 'open', conversationId: 'c-2' });
    expect(opened.items).toEqual([]);
    expect(opened.turn).toEqual({ status: 'idle' });
    expect(opened.conversationId).toBe('c-2');
    expect(opened.history).toEqual({ status: 'loading' });
    expect(opened.generation).toBe(busy.generation + 1);

    // What the old turn reports late changes nothing visible.
    const late = chatReducer(opened, { type: 'text', delta: 'wer' });
    expect(late.items).toEqual([]);

    const fresh = chatReducer(busy, { type: 'open' });
    expect(fresh.conversationId).toBeUndefined();
    expect(fresh.history).toEqual({ status: 'none' });
  });

  it('history loaded shows the earlier messages; the history of a conversation no longer open is ignored', () => {
    const opened = run({ type: 'open', conversationId: 'c-2' });
    const loaded = chatReducer(opened, {
      type: 'history-loaded',
      conversationId: 'c-2',
      messages: [
        { role: 'user', text: 'Summarise SCRUM-2', createdAt: '2026-12-04T10:00:00Z' },
        { role: 'assistant', text: 'SCRUM-2 is about login.', createdAt: '2026-12-04T10:00:05Z' },
      ],
    });
    expect(log(loaded)).toEqual(['you: Summarise SCRUM-2', 'assistant: SCRUM-2 is about login.']);
    expect(loaded.history).toEqual({ status: 'none' });
    // Ids stay unique after the history (React keys).
    const next = chatReducer(loaded, SEND);
    expect(new Set(next.items.map((i) => i.id)).size).toBe(next.items.length);

    const other = chatReducer(opened, { type: 'history-loaded', conversationId: 'c-1', messages: [{ role: 'user', text: 'x', createdAt: '' }] });
    expect(other).toBe(opened);

    const failed = chatReducer(opened, { type: 'history-failed', conversationId: 'c-2', error: new ApiError(404, { title: 'Not found' }) });
    expect(failed.history).toMatchObject({ status: 'error' });
  });

  it('proposal-outcome settles the card with what Jira did', () => {
    const state = run(SEND, STARTED, WAITING, { type: 'answer', proposalId: 'p-1', confirmation: true }, { type: 'completed', answer: 'Done', proposals: [] });
    expect(log(state)).toContain('card p-1: settling');
    const settled = chatReducer(state, { type: 'proposal-outcome', proposal: comment('p-1', 'DONE') });
    expect(log(settled)).toContain('card p-1: settled');
    expect(settled.items.find((i) => i.type === 'proposal')).toMatchObject({ proposal: { state: 'DONE' } });
  });
});
