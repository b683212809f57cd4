/**
 * The open conversation as a reducer (C21: a multi-step flow is a reducer): what the log shows and
 * where the turn is. Pure; `useChat` sends the requests and dispatches what they report.
 */
import type { ApiError } from '../../bridge';
import type { ChatActivity, ChatMessage, ChatProposal, TurnCursor } from './api';

/** Where a proposal card is: waiting for the user, its answer on the way, or settled. */
export type CardPhase = 'pending' | 'confirming' | 'rejecting' | 'settling' | 'settled';

export type ChatItem =
  | { type: 'user'; id: string; text: string }
  | {
      type: 'assistant';
      id: string;
      /** Markdown from the model: untrusted. */
      text: string;
      /** Still being written (text grows, activity may follow). */
      live: boolean;
      activity: ChatActivity[];
    }
  | { type: 'proposal'; id: string; proposal: ChatProposal; phase: CardPhase; declined?: boolean }
  | { type: 'problem'; id: string; error: ApiError; retryText?: string }
  | { type: 'notice'; id: string; text: string };

export type TurnState =
  | { status: 'idle' }
  /**
   * `taskId` once the server has started it (only then can it be cancelled); `resumedFrom` is the
   * pause a proposal answer is leaving, to go back to should the server refuse the answer.
   */
  | { status: 'running'; statusText: string; taskId?: string; cancelling?: boolean; resumedFrom?: Waiting }
  /** The turn waits for the user to answer a proposal card. */
  | Waiting;

interface Waiting {
  status: 'waiting';
  taskId: string;
  cursor: TurnCursor;
  message: string;
  cancelling?: boolean;
}

export type HistoryState = { status: 'none' } | { status: 'loading' } | { status: 'error'; error: ApiError };

export interface ChatState {
  /** The open conversation; undefined for a new one (the server names it on the first send). */
  conversationId?: string;
  items: ChatItem[];
  turn: TurnState;
  history: HistoryState;
  /** Bumped on every reset, so a late answer of an abandoned conversation is dropped. */
  generation: number;
  nextId: number;
}

export type ChatAction =
  | { type: 'open'; conversationId?: string }
  | { type: 'history-loaded'; conversationId: string; messages: ChatMessage[] }
  | { type: 'history-failed'; conversationId: string; error: ApiError }
  | { type: 'send'; text: string }
  | { type: 'started'; taskId: string; conversationId?: string }
  | { type: 'activity'; activity: ChatActivity }
  | { type: 'progress'; message: string }
  | { type: 'text'; delta: string }
  | { type: 'waiting'; taskId: string; cursor: TurnCursor; message: string; proposals: ChatProposal[] }
  | { type: 'completed'; answer: string; conversationId?: string; proposals: ChatProposal[] }
  | { type: 'cancelling' }
  | { type: 'cancel-refused' }
  | { type: 'cancelled' }
  | { type: 'failed'; error: ApiError; retryText?: string }
  | { type: 'answer'; proposalId: string; confirmation: boolean }
  /** The answer was refused; `stillWaiting` when the turn still waits for it (else the task moved on). */
  | { type: 'answer-failed'; proposalId: string; error: ApiError; stillWaiting: boolean }
  | { type: 'proposal-outcome'; proposal: ChatProposal };

export const THINKING = 'Thinking…';

export const initialChatState: ChatState = {
  items: [],
  turn: { status: 'idle' },
  history: { status: 'none' },
  generation: 0,
  nextId: 1,
};

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'open':
      return {
        ...initialChatState,
        conversationId: action.conversationId,
        history: action.conversationId ? { status: 'loading' } : { status: 'none' },
        generation: state.generation + 1,
        nextId: state.nextId,
      };

    case 'history-loaded': {
      if (action.conversationId !== state.conversationId) return state;
      let next = state.nextId;
      const items: ChatItem[] = action.messages.map((m) =>
        m.role === 'user'
          ? { type: 'user', id: `m${next++}`, text: m.text }
          : { type: 'assistant', id: `m${next++}`, text: m.text, live: false, activity: [] },
      );
      return { ...state, items: [...items, ...state.items], history: { status: 'none' }, nextId: next };
    }

    case 'history-failed':
      return action.conversationId === state.conversationId ? { ...state, history: { status: 'error', error: action.error } } : state;

    case 'send': {
      const user: ChatItem = { type: 'user', id: `m${state.nextId}`, text: action.text };
      // The answer's bubble is there at once, saying what happens, before the server has answered.
      const answer: ChatItem = { type: 'assistant', id: `m${state.nextId + 1}`, text: '', live: true, activity: [] };
      return {
        ...state,
        items: [...state.items, user, answer],
        turn: { status: 'running', statusText: THINKING },
        nextId: state.nextId + 2,
      };
    }

    case 'started':
      return {
        ...state,
        conversationId: action.conversationId ?? state.conversationId,
        turn: state.turn.status === 'running' ? { ...state.turn, taskId: action.taskId } : state.turn,
      };

    case 'activity':
      return withLiveAnswer({ ...state, turn: runningWith(state.turn, action.activity.message) }, (a) => ({
        ...a,
        activity: [...a.activity, action.activity],
      }));

    case 'progress':
      return { ...state, turn: runningWith(state.turn, action.message) };

    case 'text':
      return withLiveAnswer(state, (a) => ({ ...a, text: a.text + action.delta }));

    case 'waiting': {
      const items = mergeProposals(settleAnswered(endLiveAnswer(state.items)), action.proposals);
      return {
        ...state,
        items,
        turn: { status: 'waiting', taskId: action.taskId, cursor: action.cursor, message: action.message },
      };
    }

    case 'completed': {
      const earlier = earlierAnswers(state.items);
      // The final answer replaces what was streamed; should it repeat what came before a proposal, that part is dropped.
      const answer = action.answer.startsWith(earlier) && earlier !== '' ? action.answer.slice(earlier.length).trimStart() : action.answer;
      const items = endLiveAnswer(state.items, answer);
      return {
        ...state,
        conversationId: action.conversationId ?? state.conversationId,
        items: mergeProposals(settleAnswered(items), action.proposals),
        turn: { status: 'idle' },
      };
    }

    case 'cancelling':
      return state.turn.status === 'idle' ? state : { ...state, turn: { ...state.turn, cancelling: true } };

    case 'cancel-refused':
      return state.turn.status === 'idle' ? state : { ...state, turn: { ...state.turn, cancelling: false } };

    case 'cancelled': {
      // A card nobody answered was not carried out; one being carried out may have been: look it up.
      const items = settleAnswered(endLiveAnswer(state.items)).map((item) =>
        item.type === 'proposal' && item.phase === 'pending' ? { ...item, phase: 'settled' as const, declined: true } : item,
      );
      return {
        ...state,
        items: [...items, { type: 'notice', id: `m${state.nextId}`, text: 'Stopped. Nothing more was done.' }],
        turn: { status: 'idle' },
        nextId: state.nextId + 1,
      };
    }

    case 'failed': {
      const items = settleAnswered(endLiveAnswer(state.items));
      return {
        ...state,
        items: [...items, { type: 'problem', id: `m${state.nextId}`, error: action.error, retryText: action.retryText }],
        turn: { status: 'idle' },
        nextId: state.nextId + 1,
      };
    }

    case 'answer': {
      if (state.turn.status !== 'waiting') return state;
      const items = state.items.map((item) =>
        item.type === 'proposal' && item.proposal.id === action.proposalId
          ? { ...item, phase: action.confirmation ? ('confirming' as const) : ('rejecting' as const) }
          : item,
      );
      // The assistant goes on after the answer: a new bubble for what it says next.
      const answer: ChatItem = { type: 'assistant', id: `m${state.nextId}`, text: '', live: true, activity: [] };
      return {
        ...state,
        items: [...items, answer],
        turn: {
          status: 'running',
          taskId: state.turn.taskId,
          statusText: action.confirmation ? 'Carrying it out…' : 'Going on without it…',
          resumedFrom: { ...state.turn, cancelling: false },
        },
        nextId: state.nextId + 1,
      };
    }

    case 'answer-failed': {
      // The card can be answered again while the turn still waits; otherwise look up what became of it.
      const back = state.turn.status === 'running' && action.stillWaiting ? state.turn.resumedFrom : undefined;
      const items = endLiveAnswer(state.items).map((item) =>
        item.type === 'proposal' && item.proposal.id === action.proposalId
          ? { ...item, phase: back ? ('pending' as const) : ('settling' as const) }
          : item,
      );
      return {
        ...state,
        items: [...items, { type: 'problem', id: `m${state.nextId}`, error: action.error }],
        turn: back ?? { status: 'idle' },
        nextId: state.nextId + 1,
      };
    }

    case 'proposal-outcome':
      return {
        ...state,
        items: state.items.map((item) =>
          item.type === 'proposal' && item.proposal.id === action.proposal.id
            ? { ...item, proposal: action.proposal, phase: 'settled' }
            : item,
        ),
      };
  }
}

/** The turn went on after a card's answer: a declined card is settled, a confirmed one's outcome is looked up. */
function settleAnswered(items: ChatItem[]): ChatItem[] {
  return items.map((item) => {
    if (item.type !== 'proposal') return item;
    if (item.phase === 'rejecting') return { ...item, phase: 'settled', declined: true };
    if (item.phase === 'confirming') return { ...item, phase: 'settling' };
    return item;
  });
}

function runningWith(turn: TurnState, message: string): TurnState {
  return turn.status === 'running' ? { ...turn, statusText: message } : turn;
}

/** Applies `change` to the answer being written (the last live assistant item). */
function withLiveAnswer(state: ChatState, change: (item: Extract<ChatItem, { type: 'assistant' }>) => ChatItem): ChatState {
  const index = findLastIndex(state.items, (item) => item.type === 'assistant' && item.live);
  if (index === -1) return state;
  const items = state.items.slice();
  items[index] = change(items[index] as Extract<ChatItem, { type: 'assistant' }>);
  return { ...state, items };
}

/**
 * The live answer is finished (with `final` as its text when given); an answer that says nothing
 * (no text, no activity) is dropped rather than shown empty.
 */
function endLiveAnswer(items: ChatItem[], final?: string): ChatItem[] {
  return items.flatMap((item) => {
    if (item.type !== 'assistant' || !item.live) return [item];
    const text = final !== undefined && final.trim() !== '' ? final : item.text;
    if (text.trim() === '' && item.activity.length === 0) return [];
    return [{ ...item, text, live: false }];
  });
}

/** What the assistant said in this conversation's turn before its current bubble (before a proposal). */
function earlierAnswers(items: ChatItem[]): string {
  const lastUser = findLastIndex(items, (item) => item.type === 'user');
  return items
    .slice(lastUser + 1)
    .filter((item): item is Extract<ChatItem, { type: 'assistant' }> => item.type === 'assistant' && !item.live)
    .map((item) => item.text)
    .join('\n\n')
    .trim();
}

/** New proposals become cards at the end; known ones are updated in place (a settled card keeps its outcome). */
function mergeProposals(items: ChatItem[], proposals: ChatProposal[]): ChatItem[] {
  const result = items.slice();
  for (const proposal of proposals) {
    const index = result.findIndex((item) => item.type === 'proposal' && item.proposal.id === proposal.id);
    const pending = proposal.state === 'PENDING';
    if (index === -1) {
      result.push({ type: 'proposal', id: `p-${proposal.id}`, proposal, phase: pending ? 'pending' : 'settled' });
    } else {
      const card = result[index] as Extract<ChatItem, { type: 'proposal' }>;
      // A final state from the server settles the card; a pending one leaves it where it is.
      result[index] = { ...card, proposal, phase: pending ? card.phase : 'settled' };
    }
  }
  return result;
}

function findLastIndex<T>(list: T[], test: (item: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i])) return i;
  return -1;
}
