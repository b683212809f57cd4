/**
 * The open conversation: sends messages, follows turns, answers proposals and cancels, dispatching
 * what the server reports into {@link chatReducer}; and the one sentence the page's live region
 * should read out now (activity, a proposal, the finished answer, a problem: never a text delta).
 */
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';

import { ApiError } from '../../bridge';
import { asApiError } from '../../useAppContext';
import {
  loadMessages,
  type ChatContext,
  type ChatProposal,
  type TurnHandlers,
  type TurnOutcome,
  type UserInput,
} from './api';
import { chatReducer, initialChatState, type ChatState } from './chatState';
import { outcomeText, proposalTitle } from './proposalText';

// Sending and following a turn (with the task follower) is loaded once the page has rendered.
const loadTurns = () => import('./turns');

/** Starts downloading the turn code before the first message is sent. */
export function preloadTurns(): void {
  void loadTurns().catch(() => {});
}

/** How often, and how long apart, the outcome of a confirmed proposal is looked up while Jira is still at it. */
const OUTCOME_ATTEMPTS = 5;
const OUTCOME_RETRY_MS = 1000;
/** The finished answer is read out up to this many characters. */
const ANNOUNCE_MAX = 600;

export interface Chat {
  state: ChatState;
  /** What the live region says now. */
  announcement: string;
  open: (conversationId?: string) => void;
  /** Sends a message (with `context` when given); false when a turn is under way. */
  send: (text: string, context?: ChatContext) => boolean;
  answer: (proposalId: string, confirmation: boolean, userInput?: UserInput) => void;
  cancel: () => void;
}

export interface ChatEvents {
  /** The server started a conversation for the first message (`firstMessage`), to list at once. */
  onNewConversation?: (conversationId: string, firstMessage: string) => void;
  /** A turn ended (answered, paused, failed or stopped) in this conversation. */
  onTurnEnded?: (conversationId: string | undefined) => void;
}

export function useChat(events: ChatEvents = {}): Chat {
  const [state, dispatch] = useReducer(chatReducer, initialChatState);
  const [announcement, setAnnouncement] = useState('');
  const stateRef = useRef(state);
  stateRef.current = state;
  /** Bumped when another conversation opens: what the old one's requests report is dropped. */
  const generationRef = useRef(0);
  const abortRef = useRef<AbortController | undefined>();
  const busyRef = useRef(false);
  const eventsRef = useRef(events);
  eventsRef.current = events;

  useEffect(() => () => abortRef.current?.abort(), []);

  /** Follows a turn from `start` to its end (for now) and reports it. */
  const run = useCallback(async (start: (handlers: TurnHandlers) => Promise<TurnOutcome>, retryText?: string) => {
    busyRef.current = true;
    const generation = generationRef.current;
    const controller = new AbortController();
    abortRef.current = controller;
    const current = () => generation === generationRef.current && !controller.signal.aborted;
    let conversationId = stateRef.current.conversationId;
    try {
      const outcome = await start({
        signal: controller.signal,
        onStarted: (taskId, started) => {
          if (!current()) return;
          if (started && started !== conversationId && retryText !== undefined) eventsRef.current.onNewConversation?.(started, retryText);
          conversationId = started ?? conversationId;
          dispatch({ type: 'started', taskId, conversationId });
        },
        onActivity: (activity) => {
          if (!current()) return;
          dispatch({ type: 'activity', activity });
          setAnnouncement(activity.message);
        },
        onProgress: (message) => current() && dispatch({ type: 'progress', message }),
        onText: (delta) => current() && dispatch({ type: 'text', delta }),
      });
      if (!current()) return;
      if (outcome.status === 'completed') {
        conversationId = outcome.conversationId ?? conversationId;
        dispatch({ type: 'completed', answer: outcome.answer, conversationId: outcome.conversationId, proposals: outcome.proposals });
        setAnnouncement(outcome.answer.trim() ? `The assistant answered: ${plain(outcome.answer)}` : 'The assistant is done.');
      } else if (outcome.status === 'waiting') {
        dispatch({ type: 'waiting', taskId: outcome.taskId, cursor: outcome.cursor, message: outcome.message, proposals: outcome.proposals });
        const pending = outcome.proposals.filter((p) => p.state === 'PENDING');
        setAnnouncement(
          pending.length > 0
            ? `The assistant proposes: ${pending.map(proposalTitle).join('; ')}. Nothing is written until you confirm.`
            : outcome.message,
        );
      } else {
        dispatch({ type: 'cancelled' });
        setAnnouncement('Stopped.');
      }
    } catch (error) {
      if (!current()) return;
      const problem = asApiError(error);
      dispatch({ type: 'failed', error: problem, retryText });
      setAnnouncement(`The assistant ran into a problem: ${problem.title ?? problem.message}`);
    } finally {
      if (generation === generationRef.current) {
        busyRef.current = false;
        eventsRef.current.onTurnEnded?.(conversationId);
      }
    }
  }, []);

  const open = useCallback((conversationId?: string) => {
    abortRef.current?.abort();
    busyRef.current = false;
    generationRef.current++;
    const generation = generationRef.current;
    dispatch({ type: 'open', conversationId });
    setAnnouncement('');
    if (!conversationId) return;
    loadMessages(conversationId).then(
      (messages) => generation === generationRef.current && dispatch({ type: 'history-loaded', conversationId, messages }),
      (error: unknown) =>
        generation === generationRef.current && dispatch({ type: 'history-failed', conversationId, error: asApiError(error) }),
    );
  }, []);

  const send = useCallback(
    (text: string, context?: ChatContext) => {
      if (busyRef.current || stateRef.current.turn.status !== 'idle') return false;
      const conversationId = stateRef.current.conversationId;
      dispatch({ type: 'send', text });
      setAnnouncement('');
      void run(async (handlers) => (await loadTurns()).sendMessage({ message: text, conversationId, context }, handlers), text);
      return true;
    },
    [run],
  );

  const answer = useCallback(
    (proposalId: string, confirmation: boolean, userInput?: UserInput) => {
      const turn = stateRef.current.turn;
      if (busyRef.current || turn.status !== 'waiting') return;
      const { taskId, cursor } = turn;
      const generation = generationRef.current;
      busyRef.current = true;
      dispatch({ type: 'answer', proposalId, confirmation });
      setAnnouncement(confirmation ? 'Carrying it out…' : 'Declined. The assistant goes on without it…');
      loadTurns()
        .then((turns) => turns.answerProposal(taskId, { confirmation, proposalId, userInput }))
        .then(
        () => {
          if (generation !== generationRef.current) return;
          void run(async (handlers) => (await loadTurns()).followTurn(taskId, handlers, cursor));
        },
        (error: unknown) => {
          if (generation !== generationRef.current) return;
          busyRef.current = false;
          const problem = asApiError(error);
          // 409: the task no longer waits (answered elsewhere, expired); 404: it is gone.
          const stillWaiting = problem.status !== 409 && problem.status !== 404;
          dispatch({ type: 'answer-failed', proposalId, error: problem, stillWaiting });
          setAnnouncement(`Your answer did not reach the assistant: ${problem.title ?? problem.message}`);
        },
      );
    },
    [run],
  );

  const cancel = useCallback(() => {
    const turn = stateRef.current.turn;
    if (turn.status === 'idle' || !turn.taskId || turn.cancelling) return;
    const generation = generationRef.current;
    dispatch({ type: 'cancelling' });
    const { taskId } = turn;
    loadTurns()
      .then((turns) => turns.cancelTask(taskId))
      .then(
      () => {
        if (generation !== generationRef.current) return;
        abortRef.current?.abort();
        busyRef.current = false;
        dispatch({ type: 'cancelled' });
        setAnnouncement('Stopped.');
      },
      (error: unknown) => {
        if (generation !== generationRef.current) return;
        // 409: the turn finished first; following it shows how in a moment.
        dispatch({ type: 'cancel-refused' });
        const problem = asApiError(error);
        if (problem.status !== 409) setAnnouncement(`It could not be stopped: ${problem.title ?? problem.message}`);
      },
    );
  }, []);

  // A confirmed card whose turn went on: look up what was written (Jira may still be at it).
  const settling = state.items.flatMap((item) => (item.type === 'proposal' && item.phase === 'settling' ? [item.proposal] : []));
  const lookedUp = useRef(new Set<string>());
  useEffect(() => {
    const generation = generationRef.current;
    for (const proposal of settling) {
      if (lookedUp.current.has(proposal.id)) continue;
      lookedUp.current.add(proposal.id);
      void settle(proposal).then((outcome) => {
        if (generation !== generationRef.current) return;
        dispatch({ type: 'proposal-outcome', proposal: outcome });
        const text = outcomeText(outcome, false);
        setAnnouncement(text.detail ? `${text.title}. ${text.detail}` : `${text.title}.`);
      });
    }
  });

  return { state, announcement, open, send, answer, cancel };
}

/** The proposal once it is no longer being carried out (or as far as it got). */
async function settle(proposal: ChatProposal): Promise<ChatProposal> {
  let latest = proposal;
  for (let attempt = 0; attempt < OUTCOME_ATTEMPTS; attempt++) {
    try {
      latest = (await (await loadTurns()).loadProposal(proposal.id)) ?? latest;
    } catch (error) {
      if (error instanceof ApiError && error.status !== 0 && error.status < 500) break;
    }
    if (latest.state !== 'PENDING' && latest.state !== 'EXECUTING') return latest;
    await new Promise((resolve) => setTimeout(resolve, OUTCOME_RETRY_MS));
  }
  return latest;
}

/** Markdown as text to read out: markup dropped, cut at a readable length. */
function plain(markdown: string): string {
  const text = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`#>|~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > ANNOUNCE_MAX ? `${text.slice(0, ANNOUNCE_MAX).trimEnd()}…` : text;
}
