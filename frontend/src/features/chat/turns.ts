/**
 * A turn of the conversation (docs/chat.md, "Send, poll, resume"): send a message, follow the
 * turn's task (streamed on Connect, polled on Forge, as every task), answer a proposal, read a
 * proposal's outcome. Loaded lazily with the task follower: the page shows its greeting without it.
 */
import { apiFetch, type ProblemDetail } from '../../bridge';
import { isIssueKey } from '../../issueKey';
import { standupPayload } from '../standup/api';
import { followTask, startTask, type TaskEndpoints, type TaskOutcome, type TaskView } from '../../tasks/tasks';
import {
  activity,
  CHAT,
  list,
  text,
  type AllowedValue,
  type ChatContext,
  type ChatProposal,
  type ProposalBase,
  type TransitionField,
  type TurnCursor,
  type TurnHandlers,
  type TurnOutcome,
  type UserInput,
} from './api';

export { cancelTask } from '../../tasks/tasks';

/**
 * Sends a message and follows the turn until it answers, waits for a confirmation or is cancelled.
 * `conversationId` continues a conversation (a new one is started without it); `context` is what
 * the first message is about.
 */
export async function sendMessage(
  request: { message: string; conversationId?: string; context?: ChatContext },
  handlers: TurnHandlers = {},
): Promise<TurnOutcome> {
  const body = {
    message: request.message,
    outputFormat: 'markdown',
    ...(request.conversationId ? { conversationId: request.conversationId } : {}),
    ...(request.context && Object.keys(request.context).length > 0 ? { context: request.context } : {}),
  };
  const started = await startTask(`${CHAT}/send`, { body, signal: handlers.signal });
  if ('done' in started) return completed(started.done);
  const accepted = (started.accepted ?? {}) as { conversationId?: unknown };
  handlers.onStarted?.(started.taskId, typeof accepted.conversationId === 'string' ? accepted.conversationId : request.conversationId);
  return followTurn(started.taskId, handlers);
}

/**
 * Answers the proposal the turn waits for: `confirmation: true` carries it out (with the user's
 * edits merged first), false declines it. Follow the turn on with {@link followTurn} afterwards.
 */
export async function answerProposal(
  taskId: string,
  decision: { confirmation: boolean; proposalId: string; userInput?: UserInput },
): Promise<void> {
  const body = decision.confirmation
    ? { confirmation: true, proposalId: decision.proposalId, ...(decision.userInput ? { userInput: decision.userInput } : {}) }
    : { confirmation: false, proposalId: decision.proposalId };
  await apiFetch<unknown>(`${CHAT}/resume/${encodeURIComponent(taskId)}`, { method: 'POST', body });
}

/** The proposal as it is now (`GET /api/proposals/{id}`, shared by every feature): its outcome after a confirmation. */
export async function loadProposal(proposalId: string): Promise<ChatProposal | undefined> {
  const answer = (await apiFetch<unknown>(`/api/proposals/${encodeURIComponent(proposalId)}`)) as Record<string, unknown> | undefined;
  return normalizeProposal({ ...answer, id: answer?.id ?? answer?.proposalId ?? proposalId });
}

// ---------------------------------------------------------------------------------------------
// Following a turn

/** The chat's turns are tasks read at their own endpoints, whose poll answer is the chat result. */
const CHAT_ENDPOINTS: TaskEndpoints = {
  events: (taskId) => `${CHAT}/stream/${encodeURIComponent(taskId)}`,
  view: (taskId) => `${CHAT}/result/${encodeURIComponent(taskId)}`,
  toView: (body) => {
    const r = (body ?? {}) as Record<string, unknown>;
    const message = typeof r.message === 'string' ? r.message : undefined;
    return {
      taskId: text(r.taskId),
      kind: 'chat',
      status: r.status as TaskView['status'],
      progress: message ? { stage: '', message } : null,
      // The answer written so far (the follower reports only what is new).
      text: typeof r.text === 'string' ? r.text : undefined,
      // The whole chat result, as the stream's `result` event carries it.
      result: body,
      problem: (r.error ?? undefined) as ProblemDetail | undefined,
    };
  },
};

/**
 * Follows a turn's task: on Connect its stream (`GET /api/chat/stream/{id}`), on Forge by polling
 * `GET /api/chat/result/{id}` (the task follower decides, as for every task). `cursor` goes on
 * where the turn paused, so nothing is reported twice.
 */
export async function followTurn(taskId: string, handlers: TurnHandlers, cursor?: TurnCursor): Promise<TurnOutcome> {
  /**
   * A poll sees the task's whole activity list, also what came before a pause: report only what is
   * new (the stream's `tool` events are the same list, so they count too).
   */
  let activitiesSeen = cursor?.activitiesSeen ?? 0;
  const outcome: TaskOutcome = await followTask(
    taskId,
    {
      onProgress: (progress) => handlers.onProgress?.(progress.message),
      onText: handlers.onText,
      onEvent: (event, data) => {
        const found = event === 'tool' ? activity(data) : undefined;
        if (!found) return;
        activitiesSeen++;
        handlers.onActivity?.(found);
      },
      onPoll: (body) => {
        const all = list((body as { activity?: unknown } | undefined)?.activity, activity);
        all.slice(activitiesSeen).forEach((a) => handlers.onActivity?.(a));
        activitiesSeen = Math.max(activitiesSeen, all.length);
      },
    },
    handlers.signal,
    cursor,
    CHAT_ENDPOINTS,
  );
  switch (outcome.status) {
    case 'completed':
      return completed(outcome.result);
    case 'waiting_confirmation': {
      const detail = (outcome.detail ?? {}) as { proposals?: unknown };
      return {
        status: 'waiting',
        taskId: outcome.taskId,
        message: outcome.message,
        cursor: { ...outcome.cursor, activitiesSeen },
        proposals: list(detail.proposals, normalizeProposal),
      };
    }
    default:
      return { status: 'cancelled' };
  }
}

/** The completed result: Markdown, or `{answer, data, proposals}` for `outputFormat: json` (either inside the chat result). */
function completed(value: unknown): TurnOutcome {
  const r = (value ?? {}) as Record<string, unknown>;
  const inner = typeof value === 'string' ? value : 'result' in r ? r.result : value;
  const answer = typeof inner === 'string' ? inner : text((inner as { answer?: unknown } | undefined)?.answer);
  return {
    status: 'completed',
    answer,
    conversationId: typeof r.conversationId === 'string' ? r.conversationId : undefined,
    proposals: list((inner as { proposals?: unknown } | undefined)?.proposals, normalizeProposal),
  };
}

// ---------------------------------------------------------------------------------------------
// Checking proposals

/** A proposal of a kind this page can show with its payload checked; undefined otherwise. */
export function normalizeProposal(value: unknown): ChatProposal | undefined {
  const p = (value ?? {}) as Record<string, unknown>;
  const id = text(p.id) || text(p.proposalId);
  const payload = (p.payload ?? {}) as Record<string, unknown>;
  if (id === '') return undefined;
  const base: ProposalBase = {
    id,
    state: text(p.state).toUpperCase() || 'PENDING',
    result: p.result && typeof p.result === 'object' ? (p.result as Record<string, unknown>) : null,
    error: p.error && typeof p.error === 'object' ? (p.error as ProblemDetail) : null,
    createdAt: text(p.createdAt) || undefined,
    expiresAt: text(p.expiresAt) || undefined,
  };
  const issueKey = text(payload.issueKey);
  switch (p.kind) {
    case 'chat.comment':
      return isIssueKey(issueKey) ? { ...base, kind: p.kind, payload: { issueKey, body: text(payload.body) } } : undefined;
    case 'chat.transition':
      if (!isIssueKey(issueKey)) return undefined;
      return {
        ...base,
        kind: p.kind,
        payload: {
          issueKey,
          transitionId: text(payload.transitionId),
          transitionName: text(payload.transitionName),
          fromStatus: text(payload.fromStatus),
          toStatus: text(payload.toStatus),
          fields: list(payload.fields, transitionField),
        },
      };
    case 'chat.assign':
      if (!isIssueKey(issueKey)) return undefined;
      return {
        ...base,
        kind: p.kind,
        payload: { issueKey, accountId: text(payload.accountId), displayName: text(payload.displayName) || text(payload.accountId) },
      };
    case 'draft.create':
      return {
        ...base,
        kind: p.kind,
        payload: {
          projectKey: text(payload.projectKey),
          drafts: Array.isArray(payload.drafts) ? payload.drafts : [],
        },
      };
    case 'standup.post':
      return { ...base, kind: p.kind, payload: standupPayload(p.payload) };
    default:
      return undefined;
  }
}

function transitionField(value: unknown): TransitionField | undefined {
  const f = (value ?? {}) as Record<string, unknown>;
  const id = text(f.id);
  if (id === '') return undefined;
  return {
    id,
    name: text(f.name) || id,
    required: f.required === true,
    allowedValues: Array.isArray(f.allowedValues)
      ? list(f.allowedValues, (v) => {
          const { id: valueId, name } = v as Partial<Record<keyof AllowedValue, unknown>>;
          return typeof name === 'string' && name !== '' ? { id: text(valueId) || name, name } : undefined;
        })
      : null,
    value: typeof f.value === 'string' && f.value !== '' ? f.value : null,
  };
}
