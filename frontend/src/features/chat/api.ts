/**
 * The AI Assistant's shapes (docs/chat.md) and the calls the page needs at once, on top of the
 * bridge: the greeting and the conversations. A turn (send, follow, resume) is in `turns.ts`,
 * loaded when it is about to be needed. What the server sends is checked once, so the components
 * get typed values (a missing list must not break the page).
 */
import { apiFetch, type ProblemDetail } from '../../bridge';
import type { TaskCursor } from '../../tasks/tasks';
import type { StandupPostPayload } from '../standup/api';

/** The longest message the server takes. */
export const MESSAGE_MAX = 10_000;
/** The longest conversation title. */
export const TITLE_MAX = 100;

/** Where the chat's endpoints are. */
export const CHAT = '/api/chat';

// ---------------------------------------------------------------------------------------------
// Shapes

export interface Capability {
  id: string;
  title: string;
  description: string;
}

export interface Suggestion {
  label: string;
  prompt: string;
}

/** `GET /api/chat/greeting`. */
export interface Greeting {
  displayName: string;
  capabilities: Capability[];
  suggestions: Suggestion[];
  readOnly: boolean;
}

export interface Conversation {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
}

export interface ChatMessage {
  role: 'user' | 'assistant';
  text: string;
  createdAt: string;
}

/** A tool the assistant used, in its own words ("Searching your issues…"). */
export interface ChatActivity {
  tool: string;
  message: string;
}

/** What the turn is about, sent with the first message of a conversation. */
export interface ChatContext {
  issueKey?: string;
  projectKey?: string;
}

export interface CommentPayload {
  issueKey: string;
  /** Markdown with `@[Display Name](accountId)` mentions. */
  body: string;
}

export interface AllowedValue {
  id: string;
  name: string;
}

export interface TransitionField {
  id: string;
  name: string;
  required: boolean;
  /** null: any text goes. */
  allowedValues: AllowedValue[] | null;
  /** The value it will be given (for a field with allowed values, the value's name), null while it has none. */
  value: string | null;
}

export interface TransitionPayload {
  issueKey: string;
  transitionId: string;
  transitionName: string;
  fromStatus: string;
  toStatus: string;
  fields: TransitionField[];
}

export interface AssignPayload {
  issueKey: string;
  accountId: string;
  displayName: string;
}

/**
 * The Draft feature's payload (docs/api.md, `draft.create`). The drafts are as the server sent them:
 * the card checks them with the Draft feature's `normalizeDraft` (so this page loads that code only
 * when such a card is shown).
 */
export interface DraftPayload {
  projectKey: string;
  drafts: unknown[];
}

export interface ProposalBase {
  id: string;
  /** `PENDING`, `EXECUTING`, `DONE`, `PARTIAL`, `FAILED`, `UNCERTAIN`, `REJECTED`, `EXPIRED`. */
  state: string;
  result: Record<string, unknown> | null;
  error: ProblemDetail | null;
  createdAt?: string;
  expiresAt?: string;
}

/** What the assistant proposes to write; nothing is written until the user confirms it. */
export type ChatProposal = ProposalBase &
  (
    | { kind: 'chat.comment'; payload: CommentPayload }
    | { kind: 'chat.transition'; payload: TransitionPayload }
    | { kind: 'chat.assign'; payload: AssignPayload }
    | { kind: 'draft.create'; payload: DraftPayload }
    | { kind: 'standup.post'; payload: StandupPostPayload }
  );

export type ProposalKind = ChatProposal['kind'];

/** The edits the user made to a proposal, merged into its payload by the server. */
export type UserInput = Record<string, unknown>;

export interface TurnHandlers {
  /** The server started the turn: its task (for Cancel) and conversation (new or continued). */
  onStarted?: (taskId: string, conversationId: string | undefined) => void;
  /** A tool the assistant uses now; shown at once. */
  onActivity?: (activity: ChatActivity) => void;
  /** What the assistant is doing otherwise ("Thinking…"). */
  onProgress?: (message: string) => void;
  /** The answer as it is written (streamed on Connect; on Forge, what each poll adds). */
  onText?: (delta: string) => void;
  signal?: AbortSignal;
}

/** Where a paused turn's follower got: the task cursor, and how many of the task's activities it has reported. */
export type TurnCursor = TaskCursor & { activitiesSeen?: number };

/** How a turn ended for now; a failed turn rejects with an ApiError carrying its problem. */
export type TurnOutcome =
  | { status: 'completed'; answer: string; conversationId?: string; proposals: ChatProposal[] }
  | { status: 'waiting'; taskId: string; message: string; proposals: ChatProposal[]; cursor: TurnCursor }
  | { status: 'cancelled' };

// ---------------------------------------------------------------------------------------------
// Calls

export async function loadGreeting(): Promise<Greeting> {
  const g = (await apiFetch<unknown>(`${CHAT}/greeting`)) as Partial<Record<keyof Greeting, unknown>> | undefined;
  return {
    displayName: text(g?.displayName),
    capabilities: list(g?.capabilities, (c) => {
      const { id, title, description } = c as Partial<Record<keyof Capability, unknown>>;
      return typeof title === 'string' && title !== '' ? { id: text(id) || title, title, description: text(description) } : undefined;
    }),
    suggestions: list(g?.suggestions, (s) => {
      const { label, prompt } = s as Partial<Record<keyof Suggestion, unknown>>;
      return typeof prompt === 'string' && prompt.trim() !== '' ? { label: text(label) || prompt, prompt } : undefined;
    }).slice(0, 4),
    readOnly: g?.readOnly === true,
  };
}

export async function loadConversations(): Promise<Conversation[]> {
  const answer = (await apiFetch<unknown>(`${CHAT}/conversations`)) as { conversations?: unknown } | undefined;
  return list(answer?.conversations, conversation);
}

export async function loadMessages(conversationId: string): Promise<ChatMessage[]> {
  const answer = (await apiFetch<unknown>(`${conversationPath(conversationId)}/messages`)) as { messages?: unknown } | undefined;
  return list(answer?.messages, (m) => {
    const { role, text: body, createdAt } = m as Partial<Record<keyof ChatMessage, unknown>>;
    if ((role !== 'user' && role !== 'assistant') || typeof body !== 'string') return undefined;
    return { role, text: body, createdAt: text(createdAt) };
  });
}

export async function renameConversation(conversationId: string, title: string): Promise<Conversation> {
  const answer = await apiFetch<unknown>(conversationPath(conversationId), { method: 'PATCH', body: { title } });
  return conversation(answer) ?? { id: conversationId, title, createdAt: '', updatedAt: '' };
}

export async function deleteConversation(conversationId: string): Promise<void> {
  await apiFetch<unknown>(conversationPath(conversationId), { method: 'DELETE' });
}

// ---------------------------------------------------------------------------------------------
// Checking what the server sent

export function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function list<T>(value: unknown, item: (value: unknown) => T | undefined): T[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => {
    const checked = v && typeof v === 'object' ? item(v) : undefined;
    return checked === undefined ? [] : [checked];
  });
}

function conversationPath(conversationId: string): string {
  return `${CHAT}/conversations/${encodeURIComponent(conversationId)}`;
}

function conversation(value: unknown): Conversation | undefined {
  const c = (value ?? {}) as Partial<Record<keyof Conversation, unknown>>;
  if (typeof c.id !== 'string' || c.id === '') return undefined;
  return { id: c.id, title: text(c.title), createdAt: text(c.createdAt), updatedAt: text(c.updatedAt) };
}

export function activity(value: unknown): ChatActivity | undefined {
  const a = (value ?? {}) as Partial<Record<keyof ChatActivity, unknown>>;
  return typeof a.message === 'string' && a.message !== '' ? { tool: text(a.tool), message: a.message } : undefined;
}

