/**
 * "Draft with AI": the backend's draft, proposal and problem shapes, the calls that fetch them and
 * the pure helpers the dialog uses. Every call goes through the bridge (see README.md).
 */
import { ApiError, apiFetch } from './bridge';
import { isIssueKey } from './issueKey';
import { continueTask, mapOutcome, runTask, type TaskCursor, type TaskOutcome, type TaskProgress } from './tasks/tasks';

export { asApiError } from './useAppContext';

export type DraftMode = 'ticket' | 'analysis' | 'breakdown';

export const DRAFT_MODES: ReadonlyArray<{ mode: DraftMode; label: string; hint: string }> = [
  { mode: 'ticket', label: 'Ticket', hint: 'One issue: summary, description, acceptance criteria.' },
  { mode: 'analysis', label: 'Requirement analysis', hint: 'A written analysis of the requirement; nothing is created.' },
  { mode: 'breakdown', label: 'Epic breakdown', hint: 'An epic with its stories and tasks.' },
];

/** Limits of the input text and of a Jira summary. */
export const TEXT_MAX = 8000;
export const SUMMARY_MAX = 255;

export interface Project {
  key: string;
  name: string;
}

export interface CreateOptions {
  issueTypes: string[];
  priorities: string[];
  components: string[];
}

export interface DraftAssignee {
  accountId: string;
  displayName: string;
}

export type Complexity = 'S' | 'M' | 'L';

/** One issue the AI drafted; the user edits it before anything is created. */
export interface Draft {
  /** Stable name inside one proposal (`epic` for a breakdown's epic); `parentRef`/`dependsOn` point at it. */
  ref: string;
  summary: string;
  issueType: string;
  priority: string | null;
  labels: string[];
  components: string[];
  assignee: DraftAssignee | null;
  /** The person the text mentioned when no Jira user matched. */
  assigneeHint: string | null;
  /** Markdown written by the model: untrusted, render only with `SafeMarkdown`. */
  descriptionMarkdown: string;
  acceptanceCriteria: string[];
  parentRef: string | null;
  parentKey: string | null;
  dependsOn: string[];
  complexity: Complexity | null;
  missingInformation: string[];
  /** Values of other fields the create screen requires, by field id (an option field by its value's name). */
  fields: Record<string, string>;
}

/** What the create screen would refuse; `draft` is the index in the drafts it was checked with. */
export interface CreateProblem {
  fieldId: string;
  name: string;
  problem: string;
  allowedValues: string[];
  draft?: number;
}

export interface SimilarIssue {
  key: string;
  summary: string;
  status: string;
  url: string;
}

export interface DraftRequest {
  text: string;
  projectKey: string;
  parentKey: string | null;
  mode: DraftMode;
  outputFormat: 'markdown' | 'json';
}

export interface DraftResponse {
  proposalId: string | null;
  drafts: Draft[];
  analysis: { markdown: string | null; json: unknown } | null;
  similar: SimilarIssue[];
  problems: CreateProblem[];
}

export interface DraftProposal {
  proposalId: string;
  kind?: string;
  state?: string;
  payload?: { projectKey?: string; drafts?: Draft[] };
  result?: unknown;
  expiresAt?: string;
}

export interface CreatedIssue {
  key: string;
  url?: string;
}

export interface DraftsDone {
  proposalId: string;
  state: 'DONE';
  result: { issues: CreatedIssue[] };
}

// ---------------------------------------------------------------------------------------------
// Calls

export async function loadProjects(): Promise<Project[]> {
  const list = await apiFetch<unknown>('/api/projects');
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) => {
    const { key, name } = (item ?? {}) as Partial<Project>;
    return typeof key === 'string' && key !== '' ? [{ key, name: typeof name === 'string' && name !== '' ? name : key }] : [];
  });
}

export async function loadCreateOptions(projectKey: string): Promise<CreateOptions> {
  const options = await apiFetch<Partial<CreateOptions> | undefined>(
    `/api/projects/${encodeURIComponent(projectKey)}/create-options`,
  );
  return {
    issueTypes: strings(options?.issueTypes),
    priorities: strings(options?.priorities),
    components: strings(options?.components),
  };
}

export interface DraftHandlers {
  /** What the server says it is doing (the model's raw JSON text is not reported). */
  onProgress?: (progress: TaskProgress) => void;
  /** Drafting runs as a background task with this id (it can be cancelled). */
  onTask?: (taskId: string) => void;
  signal?: AbortSignal;
}

/**
 * Asks the AI for drafts (ticket, breakdown) or an analysis, as a background task; nothing is
 * created in Jira. The outcome is the draft answer, a pause that waits for the user, or a cancellation.
 */
export async function requestDrafts(request: DraftRequest, handlers: DraftHandlers = {}): Promise<TaskOutcome<DraftResponse>> {
  const { signal, ...rest } = handlers;
  return mapOutcome(await runTask('/api/drafts', { method: 'POST', body: request }, rest, signal), draftResponse);
}

/** Lets paused drafting go on and follows it from where the dialog stopped. */
export async function continueDrafts(
  taskId: string,
  cursor: TaskCursor | undefined,
  handlers: DraftHandlers = {},
): Promise<TaskOutcome<DraftResponse>> {
  const { signal, ...rest } = handlers;
  return mapOutcome(await continueTask(taskId, cursor, rest, signal), draftResponse);
}

function draftResponse(value: unknown): DraftResponse {
  const answer = value as Partial<DraftResponse> | undefined;
  const analysis = answer?.analysis;
  return {
    proposalId: answer?.proposalId == null ? null : String(answer.proposalId),
    drafts: Array.isArray(answer?.drafts) ? answer.drafts.map(normalizeDraft) : [],
    analysis:
      analysis && typeof analysis === 'object'
        ? { markdown: typeof analysis.markdown === 'string' ? analysis.markdown : null, json: analysis.json ?? null }
        : null,
    similar: normalizeSimilar(answer?.similar),
    problems: normalizeProblems(answer?.problems),
  };
}

/** Stores the user's edits in the proposal; the server validates them again (422 with problems). */
export async function updateDraftProposal(proposalId: string, projectKey: string, drafts: Draft[]): Promise<DraftProposal> {
  return apiFetch<DraftProposal>(`/api/proposals/${encodeURIComponent(proposalId)}`, {
    method: 'PATCH',
    body: { projectKey, drafts },
  });
}

export async function confirmDrafts(proposalId: string): Promise<DraftsDone> {
  const done = await apiFetch<Partial<DraftsDone> | undefined>(`/api/proposals/${encodeURIComponent(proposalId)}/confirm`, {
    method: 'POST',
  });
  const issues = Array.isArray(done?.result?.issues) ? done.result.issues : [];
  if ((done as { state?: string } | undefined)?.state === 'PARTIAL') {
    throw partlyCreated(issues, (done?.result as { failed?: unknown } | undefined)?.failed);
  }
  return {
    proposalId: String(done?.proposalId ?? proposalId),
    state: 'DONE',
    result: {
      issues: issues.flatMap((issue) =>
        issue && typeof issue.key === 'string'
          ? [{ key: issue.key, url: typeof issue.url === 'string' ? issue.url : undefined }]
          : [],
      ),
    },
  };
}

/**
 * A batch Jira created only part of: which issues exist and which do not, as an error the
 * confirm dialog shows; confirming again creates only the rest.
 */
function partlyCreated(issues: unknown[], failed: unknown): ApiError {
  const keys = issues.flatMap((issue) =>
    issue && typeof (issue as { key?: unknown }).key === 'string' ? [(issue as { key: string }).key] : [],
  );
  const missing = (Array.isArray(failed) ? failed : []).flatMap((f) =>
    f && typeof (f as { summary?: unknown }).summary === 'string'
      ? [`"${(f as { summary: string }).summary}"${typeof (f as { error?: unknown }).error === 'string' ? ` (${(f as { error: string }).error})` : ''}`]
      : [],
  );
  return new ApiError(200, {
    type: 'https://jira-ai.dev/problems/proposal-partial',
    title: 'Some issues were not created',
    detail: `Created ${keys.join(', ')}. Not created: ${missing.join('; ')}. Press Confirm to create only the ones that are missing.`,
  });
}

export function rejectDrafts(proposalId: string): Promise<unknown> {
  return apiFetch(`/api/proposals/${encodeURIComponent(proposalId)}/reject`, { method: 'POST' });
}

// ---------------------------------------------------------------------------------------------
// Normalising what the server sent (a missing list must not break the dialog)

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

export function normalizeDraft(value: unknown, index = 0): Draft {
  const d = (value ?? {}) as Partial<Record<keyof Draft, unknown>>;
  const assignee = d.assignee as Partial<DraftAssignee> | null | undefined;
  const complexity = d.complexity;
  return {
    ref: typeof d.ref === 'string' && d.ref !== '' ? d.ref : `draft-${index + 1}`,
    summary: typeof d.summary === 'string' ? d.summary : '',
    issueType: typeof d.issueType === 'string' ? d.issueType : '',
    priority: stringOrNull(d.priority),
    labels: strings(d.labels),
    components: strings(d.components),
    assignee:
      assignee && typeof assignee.accountId === 'string' && assignee.accountId !== ''
        ? { accountId: assignee.accountId, displayName: typeof assignee.displayName === 'string' ? assignee.displayName : assignee.accountId }
        : null,
    assigneeHint: stringOrNull(d.assigneeHint),
    descriptionMarkdown: typeof d.descriptionMarkdown === 'string' ? d.descriptionMarkdown : '',
    acceptanceCriteria: strings(d.acceptanceCriteria),
    parentRef: stringOrNull(d.parentRef),
    parentKey: stringOrNull(d.parentKey),
    dependsOn: strings(d.dependsOn),
    complexity: complexity === 'S' || complexity === 'M' || complexity === 'L' ? complexity : null,
    missingInformation: strings(d.missingInformation),
    fields: stringMap(d.fields),
  };
}

function stringMap(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

function normalizeSimilar(value: unknown): SimilarIssue[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const s = (item ?? {}) as Partial<SimilarIssue>;
    if (typeof s.key !== 'string' || s.key === '') return [];
    return [
      {
        key: s.key,
        summary: typeof s.summary === 'string' ? s.summary : '',
        status: typeof s.status === 'string' ? s.status : '',
        url: typeof s.url === 'string' ? s.url : '',
      },
    ];
  });
}

export function normalizeProblems(value: unknown): CreateProblem[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const p = (item ?? {}) as Partial<Record<keyof CreateProblem, unknown>>;
    const fieldId = typeof p.fieldId === 'string' ? p.fieldId : '';
    const name = typeof p.name === 'string' && p.name !== '' ? p.name : fieldId;
    const problem = typeof p.problem === 'string' ? p.problem : '';
    if (!name && !problem) return [];
    return [
      {
        fieldId,
        name,
        problem: problem || 'This value is not accepted.',
        allowedValues: strings(p.allowedValues),
        ...draftIndex(p.draft ?? (item as { index?: unknown }).index),
      },
    ];
  });
}

/** The server names a problem's draft by its position (`index`; `draft` is accepted too). */
function draftIndex(value: unknown): { draft?: number } {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? { draft: value } : {};
}

/** The problems of a 422 `…/issue-not-creatable` answer; undefined for any other error. */
export function issueNotCreatableProblems(error: unknown): CreateProblem[] | undefined {
  if (!(error instanceof ApiError) || error.status !== 422) return undefined;
  if (!error.type?.endsWith('/issue-not-creatable')) return undefined;
  return normalizeProblems(error.problem?.problems);
}

// ---------------------------------------------------------------------------------------------
// Input and editing helpers

/** An error message for the optional parent issue key, or undefined when it is fine (or empty). */
export function parentKeyError(value: string): string | undefined {
  const key = value.trim().toUpperCase();
  if (key === '' || isIssueKey(key)) return undefined;
  return 'Enter an issue key such as SCRUM-12, or leave this empty.';
}

/** The parent key as the backend wants it: upper case, or null when empty. */
export function parentKeyValue(value: string): string | null {
  const key = value.trim().toUpperCase();
  return key === '' ? null : key;
}

/** An error message for the input text, or undefined when it can be sent. */
export function textError(text: string): string | undefined {
  if (text.length > TEXT_MAX) return `Shorten the text to ${TEXT_MAX} characters (now ${text.length}).`;
  return undefined;
}

/** Labels from comma-separated text: trimmed, empty ones and repeats dropped. */
export function parseLabels(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(',')) {
    const label = part.trim();
    if (label !== '') seen.add(label);
  }
  return [...seen];
}

/** Jira labels cannot contain spaces. */
export function labelsError(labels: string[]): string | undefined {
  const bad = labels.filter((label) => /\s/.test(label));
  if (bad.length === 0) return undefined;
  return `Labels cannot contain spaces: ${bad.map((label) => `“${label}”`).join(', ')}. Use a hyphen instead.`;
}

/** The summary's error, checked before anything is sent. */
export function summaryError(summary: string): string | undefined {
  if (summary.trim() === '') return 'Enter a summary.';
  if (summary.length > SUMMARY_MAX) return `Shorten the summary to ${SUMMARY_MAX} characters (now ${summary.length}).`;
  return undefined;
}

/**
 * The order a breakdown is shown in: each top-level draft (the epic) followed by the drafts whose
 * `parentRef` names it, children indented (depth 1). Drafts whose parent is unknown are top level.
 */
export function draftTree(drafts: Draft[]): Array<{ index: number; depth: number }> {
  const refs = new Set(drafts.map((d) => d.ref));
  const isChild = (d: Draft) => d.parentRef != null && d.parentRef !== d.ref && refs.has(d.parentRef);
  const order: Array<{ index: number; depth: number }> = [];
  const placed = new Set<number>();
  const place = (index: number, depth: number) => {
    if (placed.has(index)) return;
    placed.add(index);
    order.push({ index, depth });
    drafts.forEach((child, childIndex) => {
      if (isChild(child) && child.parentRef === drafts[index].ref) place(childIndex, Math.min(depth + 1, 2));
    });
  };
  drafts.forEach((d, index) => {
    if (!isChild(d)) place(index, 0);
  });
  // A cycle of parentRefs leaves drafts unplaced: show them at the top level rather than lose them.
  drafts.forEach((_, index) => place(index, 0));
  return order;
}

/** The summary of the draft named by `ref` (or the ref itself), for "Child of …" and "Depends on …". */
export function refLabel(drafts: Draft[], ref: string): string {
  const target = drafts.find((d) => d.ref === ref);
  return target?.summary.trim() ? target.summary : ref;
}

/** Removes a draft and every reference to it (dependsOn); children of it lose their parentRef. */
export function removeDraft(drafts: Draft[], index: number): Draft[] {
  const removed = drafts[index];
  if (!removed) return drafts;
  return drafts
    .filter((_, i) => i !== index)
    .map((d) => ({
      ...d,
      dependsOn: d.dependsOn.filter((ref) => ref !== removed.ref),
      parentRef: d.parentRef === removed.ref ? null : d.parentRef,
    }));
}
