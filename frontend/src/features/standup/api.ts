/**
 * The daily stand-up's shapes and calls (docs: the stand-up contract, issue 13): today's questions
 * with suggestions from Jira, saving and snoozing, the history, the `standup.post` proposal (preview,
 * edit, confirm) and the team view. What the server sends is checked once, here, so the components
 * get typed values.
 */
import { apiFetch, apiRequest, type ProblemDetail } from '../../bridge';
import { isIssueKey, normalizeProjectKey } from '../../issueKey';
import { list, text } from '../chat/api';

/** Where the stand-up's endpoints are. */
export const STANDUP = '/api/standup';

/** The longest answer the server takes. */
export const ANSWER_MAX = 4000;
/** The most issue keys a stand-up may keep. */
export const ISSUE_KEYS_MAX = 20;

export type AnswerId = 'yesterday' | 'today' | 'blockers';
export const ANSWER_IDS: readonly AnswerId[] = ['yesterday', 'today', 'blockers'];

export interface Question {
  id: AnswerId;
  text: string;
}

export interface SuggestedIssue {
  issueKey: string;
  summary: string;
  status: string;
  url?: string;
  why: string;
}

export type Answers = Record<AnswerId, string>;

export interface Standup extends Answers {
  date: string;
  issueKeys: string[];
  createdAt: string;
  updatedAt: string;
}

/** `GET /api/standup/today`. */
export interface StandupDay {
  date: string;
  timeZone: string;
  snoozed: boolean;
  questions: Question[];
  standup: Standup | null;
  suggestions: { yesterday: SuggestedIssue[]; today: SuggestedIssue[] };
}

export interface StandupComment {
  id: string;
  issueKey: string;
  summary: string;
  /** Markdown with `@[Display Name](accountId)` mentions. */
  body: string;
  blocked: boolean;
  /** Add Jira's "Flagged" impediment after posting (only offered when `blocked`). */
  flag: boolean;
}

export interface StandupPostPayload {
  date: string;
  comments: StandupComment[];
}

export interface PostedComment {
  issueKey: string;
  commentId: string;
  url?: string;
  flagged: boolean;
}

export interface RefusedComment {
  issueKey: string;
  reason: string;
}

export interface StandupPostResult {
  posted: PostedComment[];
  refused: RefusedComment[];
}

/** The `standup.post` proposal, as `GET /api/proposals/{id}` shows it. */
export interface StandupProposal {
  id: string;
  state: string;
  payload: StandupPostPayload;
  result: StandupPostResult | null;
  error: ProblemDetail | null;
  expiresAt?: string;
}

export interface TeamPerson {
  accountId: string;
  displayName: string;
  given: boolean;
  standup: Standup | null;
}

export interface TeamBlocker {
  accountId: string;
  displayName: string;
  text: string;
  issueKeys: string[];
}

/** `GET /api/standup/team?projectKey=KEY`. */
export interface TeamDay {
  projectKey: string;
  date: string;
  people: TeamPerson[];
  blockers: TeamBlocker[];
  summary: string | null;
  summaryError: string | null;
}

// ---------------------------------------------------------------------------------------------
// Calls

export async function loadToday(): Promise<StandupDay> {
  return standupDay(await apiFetch<unknown>(`${STANDUP}/today`));
}

export async function saveToday(answers: Answers, issueKeys: string[]): Promise<Standup> {
  const saved = standup(await apiFetch<unknown>(`${STANDUP}/today`, { method: 'PUT', body: { ...answers, issueKeys } }));
  // A 200 without a body would still mean it was saved: show what was sent.
  const now = new Date().toISOString();
  return saved ?? { date: '', ...answers, issueKeys, createdAt: now, updatedAt: now };
}

export async function snoozeToday(): Promise<void> {
  await apiRequest<unknown>(`${STANDUP}/snooze`, { method: 'POST' });
}

export async function loadHistory(limit = 30): Promise<Standup[]> {
  const answer = (await apiFetch<unknown>(`${STANDUP}/history?limit=${limit}`)) as { standups?: unknown } | undefined;
  return list(answer?.standups, standup);
}

export async function previewComments(flagBlocked: boolean): Promise<StandupProposal> {
  return proposal(await apiFetch<unknown>(`${STANDUP}/today/preview`, { method: 'POST', body: { flagBlocked } }));
}

/** `PATCH /api/proposals/{id}` with the whole edited payload. */
export async function updatePayload(proposalId: string, payload: StandupPostPayload): Promise<StandupProposal> {
  const answer = await apiFetch<unknown>(proposalPath(proposalId), { method: 'PATCH', body: payload });
  return proposal(answer, { id: proposalId, payload });
}

/** `POST /api/proposals/{id}/confirm`: posts the stored payload, each comment once. */
export async function confirmPost(proposalId: string, sent: StandupProposal): Promise<StandupProposal> {
  return proposal(await apiFetch<unknown>(`${proposalPath(proposalId)}/confirm`, { method: 'POST' }), sent);
}

export async function loadTeam(projectKey: string): Promise<TeamDay> {
  const answer = (await apiFetch<unknown>(`${STANDUP}/team?projectKey=${encodeURIComponent(projectKey)}`)) as Record<string, unknown> | undefined;
  return {
    projectKey: normalizeProjectKey(answer?.projectKey) ?? projectKey,
    date: text(answer?.date),
    people: list(answer?.people, (p) => {
      const r = p as Record<string, unknown>;
      const displayName = text(r.displayName) || text(r.accountId);
      if (displayName === '') return undefined;
      const saved = standup(r.standup);
      return { accountId: text(r.accountId), displayName, given: r.given === true || saved !== undefined, standup: saved ?? null };
    }),
    blockers: list(answer?.blockers, (b) => {
      const r = b as Record<string, unknown>;
      const blocker = text(r.text);
      if (blocker.trim() === '') return undefined;
      return { accountId: text(r.accountId), displayName: text(r.displayName), text: blocker, issueKeys: issueKeys(r.issueKeys) };
    }),
    summary: text(answer?.summary) || null,
    summaryError: text(answer?.summaryError) || null,
  };
}

// ---------------------------------------------------------------------------------------------
// Checking what the server sent

function proposalPath(proposalId: string): string {
  return `/api/proposals/${encodeURIComponent(proposalId)}`;
}

function standupDay(value: unknown): StandupDay {
  const r = (value ?? {}) as Record<string, unknown>;
  const asked = list(r.questions, (q) => {
    const { id, text: question } = q as Record<string, unknown>;
    return isAnswerId(id) && typeof question === 'string' && question !== '' ? { id, text: question } : undefined;
  });
  const suggestions = (r.suggestions ?? {}) as Record<string, unknown>;
  return {
    date: text(r.date),
    timeZone: text(r.timeZone),
    snoozed: r.snoozed === true,
    // The three questions always, in their order (a missing one keeps its usual wording).
    questions: ANSWER_IDS.map((id) => asked.find((q) => q.id === id) ?? { id, text: DEFAULT_QUESTIONS[id] }),
    standup: standup(r.standup) ?? null,
    suggestions: { yesterday: list(suggestions.yesterday, suggestedIssue), today: list(suggestions.today, suggestedIssue) },
  };
}

const DEFAULT_QUESTIONS: Record<AnswerId, string> = {
  yesterday: 'What did you do yesterday?',
  today: 'What will you do today?',
  blockers: 'Is there any blocker?',
};

function isAnswerId(value: unknown): value is AnswerId {
  return value === 'yesterday' || value === 'today' || value === 'blockers';
}

function suggestedIssue(value: unknown): SuggestedIssue | undefined {
  const r = value as Record<string, unknown>;
  const issueKey = text(r.issueKey);
  if (!isIssueKey(issueKey)) return undefined;
  return { issueKey, summary: text(r.summary), status: text(r.status), url: text(r.url) || undefined, why: text(r.why) };
}

export function standup(value: unknown): Standup | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const r = value as Record<string, unknown>;
  return {
    date: text(r.date),
    yesterday: text(r.yesterday),
    today: text(r.today),
    blockers: text(r.blockers),
    issueKeys: issueKeys(r.issueKeys),
    createdAt: text(r.createdAt),
    updatedAt: text(r.updatedAt) || text(r.createdAt),
  };
}

function issueKeys(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((k): k is string => typeof k === 'string' && isIssueKey(k)) : [];
}

/** The `standup.post` payload with each comment checked; comments without an issue key are dropped. */
export function standupPayload(value: unknown): StandupPostPayload {
  const r = (value ?? {}) as Record<string, unknown>;
  return {
    date: text(r.date),
    comments: list(r.comments, (c) => {
      const comment = c as Record<string, unknown>;
      const issueKey = text(comment.issueKey);
      if (!isIssueKey(issueKey)) return undefined;
      const blocked = comment.blocked === true;
      return {
        id: text(comment.id) || issueKey,
        issueKey,
        summary: text(comment.summary),
        body: text(comment.body),
        blocked,
        flag: blocked && comment.flag === true,
      };
    }),
  };
}

/** What a `standup.post` proposal posted and refused; null before it was carried out. */
export function standupResult(value: unknown): StandupPostResult | null {
  if (!value || typeof value !== 'object') return null;
  const r = value as Record<string, unknown>;
  return {
    posted: list(r.posted, (p) => {
      const posted = p as Record<string, unknown>;
      const issueKey = text(posted.issueKey);
      if (!isIssueKey(issueKey)) return undefined;
      const commentId = typeof posted.commentId === 'number' ? String(posted.commentId) : text(posted.commentId);
      return { issueKey, commentId, url: text(posted.url) || undefined, flagged: posted.flagged === true };
    }),
    refused: list(r.refused, (f) => {
      const refused = f as Record<string, unknown>;
      const issueKey = text(refused.issueKey);
      return isIssueKey(issueKey) ? { issueKey, reason: text(refused.reason) } : undefined;
    }),
  };
}

function proposal(value: unknown, fallback?: Partial<StandupProposal>): StandupProposal {
  const r = (value ?? {}) as Record<string, unknown>;
  const hasPayload = r.payload && typeof r.payload === 'object';
  return {
    id: text(r.proposalId) || text(r.id) || fallback?.id || '',
    state: text(r.state).toUpperCase() || fallback?.state || 'PENDING',
    payload: hasPayload ? standupPayload(r.payload) : (fallback?.payload ?? { date: '', comments: [] }),
    result: standupResult(r.result),
    error: r.error && typeof r.error === 'object' ? (r.error as ProblemDetail) : null,
    expiresAt: text(r.expiresAt) || undefined,
  };
}
