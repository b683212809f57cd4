/**
 * "Assess with AI": the backend's assessment and proposal shapes, and the calls that fetch them.
 * Every call goes through the bridge (see README.md, "Assessing an issue").
 */
import { ApiError, apiFetch } from './bridge';
import { continueTask, mapOutcome, runTask, type TaskCursor, type TaskHandlers, type TaskOutcome } from './tasks/tasks';
export { asApiError } from './useAppContext';

/** The six criteria, in the order the scorecard shows them (`overall` comes on top, separately). */
export const CRITERIA = ['clarity', 'completeness', 'acceptanceCriteria', 'estimability', 'dependencies', 'risk'] as const;

export type Criterion = (typeof CRITERIA)[number];
export type ScoreKey = Criterion | 'overall';

export const CRITERION_LABELS: Readonly<Record<ScoreKey, string>> = {
  clarity: 'Clarity',
  completeness: 'Completeness',
  acceptanceCriteria: 'Acceptance criteria',
  estimability: 'Estimability',
  dependencies: 'Dependencies',
  risk: 'Risk',
  overall: 'Overall',
};

/** What the backend stores for one assessment. Scores are integers 1–10; higher is better (also for risk). */
export interface Assessment {
  id: string | number;
  issueKey: string;
  scores: Record<ScoreKey, number>;
  reasons: Partial<Record<ScoreKey, string>>;
  gaps: string[];
  recommendations: string[];
  questions: string[];
  /** Markdown written by the model: untrusted, render only with `SafeMarkdown`. */
  improvedDescription: string;
  promptVersion: number;
  model: string;
  cached: boolean;
  createdAt: string;
  /** How many distinct secrets, e-mail addresses and phone numbers were hidden from the model. */
  masked?: MaskedCounts;
}

export interface MaskedCounts {
  secrets: number;
  emails: number;
  phones: number;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** One line such as "2 secrets and 1 email were hidden from the AI", or undefined when nothing was. */
export function maskedText(masked: MaskedCounts | undefined): string | undefined {
  if (!masked) return undefined;
  const parts = [
    masked.secrets > 0 ? plural(masked.secrets, 'secret', 'secrets') : '',
    masked.emails > 0 ? plural(masked.emails, 'email', 'emails') : '',
    masked.phones > 0 ? plural(masked.phones, 'phone number', 'phone numbers') : '',
  ].filter((part) => part !== '');
  if (parts.length === 0) return undefined;
  const total = masked.secrets + masked.emails + masked.phones;
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `${list} ${total === 1 ? 'was' : 'were'} hidden from the AI`;
}

export type AssessStage = 'reading-issue' | 'asking-model' | 'validating';

export interface AssessProgress {
  stage: AssessStage | string;
  message: string;
}

export type ProposalAction = 'comment' | 'apply-description' | 'restore-description';

/** A change the backend prepared but will only make after the user confirms it. */
export interface Proposal {
  proposalId: string | number;
  action: ProposalAction;
  preview: {
    /** The comment, the new description, or the description to restore (Markdown). */
    markdown: string;
    /** For `apply-description`: the description the issue has now (Markdown). */
    currentDescription?: string;
  };
  expiresAt: string;
}

export interface ProposalDone {
  proposalId: string | number;
  state: 'DONE';
  result: { issueKey: string; url?: string; commentId?: string | number };
}

// ---------------------------------------------------------------------------------------------
// Scores

export type ScoreBand = 'danger' | 'warning' | 'success';

/** A score as a whole number from 1 to 10, whatever the model or a proxy did to it; undefined if absent. */
export function normalizeScore(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) return undefined;
  return Math.min(10, Math.max(1, Math.round(n)));
}

/** 1–3 danger, 4–6 warning, 7–10 success. */
export function scoreBand(score: number): ScoreBand {
  if (score <= 3) return 'danger';
  if (score <= 6) return 'warning';
  return 'success';
}

/** A short verdict for an overall score, e.g. "Workable with gaps" for 4–6. */
export function verdict(score: number): string {
  if (score <= 3) return 'Needs rework';
  if (score <= 6) return 'Workable with gaps';
  if (score <= 8) return 'Good, minor gaps';
  return 'Ready to work on';
}

/** True when the value has the fields the panel needs (the stream's last event is checked with it). */
export function isAssessment(value: unknown): value is Assessment {
  if (typeof value !== 'object' || value === null) return false;
  const a = value as Partial<Assessment>;
  return (
    (typeof a.id === 'string' || typeof a.id === 'number') &&
    typeof a.scores === 'object' &&
    a.scores !== null &&
    normalizeScore((a.scores as Record<string, unknown>).overall) !== undefined
  );
}

// ---------------------------------------------------------------------------------------------
// Calls

function issuePath(issueKey: string): string {
  return `/api/issues/${encodeURIComponent(issueKey)}/assessments`;
}

/** The issue's assessments, newest first. */
export async function loadHistory(issueKey: string): Promise<Assessment[]> {
  const list = await apiFetch<unknown>(issuePath(issueKey));
  return Array.isArray(list) ? list.filter(isAssessment) : [];
}

export interface AssessHandlers {
  onProgress: (progress: AssessProgress) => void;
  onText: (delta: string) => void;
  /** The assessment runs as a background task with this id (it can be cancelled). */
  onTask?: (taskId: string) => void;
  signal?: AbortSignal;
}

/**
 * Assesses the issue (`force` skips the stored result) as a background task: progress and model
 * text are reported as they come (a stream on Connect, polling on Forge), and the outcome is the
 * assessment, a pause that waits for the user, or a cancellation. An unchanged issue's stored
 * assessment may come at once, without a task.
 */
export async function assessIssue(issueKey: string, force: boolean, handlers: AssessHandlers): Promise<TaskOutcome<Assessment>> {
  const outcome = await runTask(`${issuePath(issueKey)}?force=${force}`, { method: 'POST' }, taskHandlers(handlers), handlers.signal);
  return mapOutcome(outcome, assessmentResult);
}

/** Lets a paused assessment go on and follows it from where the panel stopped. */
export async function continueAssessment(
  taskId: string,
  cursor: TaskCursor | undefined,
  handlers: AssessHandlers,
): Promise<TaskOutcome<Assessment>> {
  const outcome = await continueTask(taskId, cursor, taskHandlers(handlers), handlers.signal);
  return mapOutcome(outcome, assessmentResult);
}

function taskHandlers(handlers: AssessHandlers): TaskHandlers {
  return { onProgress: handlers.onProgress, onText: handlers.onText, onTask: handlers.onTask };
}

function assessmentResult(result: unknown): Assessment {
  if (isAssessment(result)) return result;
  throw new ApiError(0, {
    title: 'The assessment did not finish',
    detail: 'The answer had no assessment in it. Try again.',
  });
}

export function createProposal(assessmentId: Assessment['id'], action: ProposalAction): Promise<Proposal> {
  return apiFetch<Proposal>(`/api/assessments/${encodeURIComponent(String(assessmentId))}/proposals`, {
    method: 'POST',
    body: { action },
  });
}

export function confirmProposal(proposalId: Proposal['proposalId']): Promise<ProposalDone> {
  return apiFetch<ProposalDone>(`/api/proposals/${encodeURIComponent(String(proposalId))}/confirm`, { method: 'POST' });
}

export function rejectProposal(proposalId: Proposal['proposalId']): Promise<unknown> {
  return apiFetch(`/api/proposals/${encodeURIComponent(String(proposalId))}/reject`, { method: 'POST' });
}

// ---------------------------------------------------------------------------------------------
// Errors

export { retryAfterText } from './retryAfter';
