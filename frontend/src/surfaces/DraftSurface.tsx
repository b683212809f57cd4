import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { token } from '@atlaskit/tokens';
import { lazy, Suspense, useCallback, useEffect, useId, useRef, useState, type Ref } from 'react';

import type { AppContext } from '../appContext';
import { ApiError, canCloseDialog, closeDialog, isConnect, loadForgeBridge, requestResize } from '../bridge';
import { AnalysisView } from '../components/draft/AnalysisView';
import { cardFieldOf, DraftCard, type CardField } from '../components/draft/DraftCard';
import { DraftInputForm, type DraftInputValue, type ProjectsState } from '../components/draft/DraftInputForm';
import { problemText, smallText, subtleText } from '../components/draft/fieldParts';
import { SimilarIssues } from '../components/draft/SimilarIssues';
import { preloadMarkdown } from '../components/LazyMarkdown';
import { ProblemMessage } from '../components/ProblemMessage';
import { SurfaceFrame } from '../components/SurfaceFrame';
import { visuallyHidden } from '../components/visuallyHidden';
import {
  asApiError,
  confirmDrafts,
  continueDrafts,
  draftTree,
  issueNotCreatableProblems,
  labelsError,
  loadCreateOptions,
  loadProjects,
  normalizeDraft,
  parentKeyValue,
  rejectDrafts,
  removeDraft,
  requestDrafts,
  summaryError,
  updateDraftProposal,
  type CreatedIssue,
  type CreateOptions,
  type CreateProblem,
  type Draft,
  type DraftHandlers,
  type DraftMode,
  type DraftRequest,
  type SimilarIssue,
} from '../drafts';
import {
  issueKeyFromForgeContext,
  issueKeyFromSearch,
  normalizeIssueKey,
  projectKeyFromForgeContext,
  projectKeyFromSearch,
  projectOfIssueKey,
} from '../issueKey';
import { safeHref } from '../safeUrl';
import { cancelTask, resumeTask, type TaskCursor } from '../tasks/tasks';
import { TaskWaitingMessage } from '../tasks/TaskWaitingMessage';

// The confirmation modal (and @atlaskit/modal-dialog) is only downloaded when it is about to be needed.
const loadConfirmModal = () => import('../components/ConfirmDraftsModal');
const ConfirmDraftsModal = lazy(loadConfirmModal);

/** Where the dialog was opened: the current project and issue, when there are any. */
export interface DraftLaunch {
  projectKey?: string;
  issueKey?: string;
}

export interface DraftSurfaceProps {
  /** Given by the Forge router (from `view.getContext()`); read from the page URL on Connect when absent. */
  launch?: DraftLaunch;
}

/** "Draft with AI": the dialog opened from the issue action (Connect dialog, Forge `jira:issueAction`). */
export function DraftSurface({ launch }: DraftSurfaceProps) {
  const resolved = useDraftLaunch(launch);
  // Started at once, in parallel with the app context the frame loads.
  const projects = useProjects();

  return (
    <SurfaceFrame title="Draft with AI" showSite={false}>
      {(context) =>
        resolved.status === 'loading' ? (
          <CenteredSpinner label="Reading where the dialog was opened" />
        ) : (
          <DraftDialog launch={resolved.launch} context={context} projects={projects} />
        )
      }
    </SurfaceFrame>
  );
}

// ---------------------------------------------------------------------------------------------
// Where the dialog was opened, the projects, the create options

/** The launch from a Connect URL: `?projectKey=SCRUM&issueKey=SCRUM-1` (either may be empty or a literal `{…}`). */
export function launchFromSearch(search: string): DraftLaunch {
  const issueKey = normalizeIssueKey(issueKeyFromSearch(search));
  return { issueKey, projectKey: projectKeyFromSearch(search) ?? projectOfIssueKey(issueKey) };
}

/** The launch from the Forge context: `extension.project.key` and `extension.issue.key`. */
export function launchFromForgeContext(context: unknown): DraftLaunch {
  const issueKey = normalizeIssueKey(issueKeyFromForgeContext(context));
  return { issueKey, projectKey: projectKeyFromForgeContext(context) ?? projectOfIssueKey(issueKey) };
}

type LaunchState = { status: 'loading' } | { status: 'ready'; launch: DraftLaunch };

function useDraftLaunch(given: DraftLaunch | undefined): LaunchState {
  const [state, setState] = useState<LaunchState>(() =>
    given ? { status: 'ready', launch: given } : isConnect() ? { status: 'ready', launch: launchFromSearch(window.location.search) } : { status: 'loading' },
  );
  useEffect(() => {
    if (given || state.status === 'ready') return;
    let current = true;
    loadForgeBridge()
      .then(({ view }) => view.getContext())
      .then(
        (context) => current && setState({ status: 'ready', launch: launchFromForgeContext(context) }),
        () => current && setState({ status: 'ready', launch: {} }),
      );
    return () => {
      current = false;
    };
  }, [given, state.status]);
  return given ? { status: 'ready', launch: given } : state;
}

interface Projects {
  state: ProjectsState;
  retry: () => void;
}

function useProjects(): Projects {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<ProjectsState>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    loadProjects().then(
      (projects) => current && setState({ status: 'ready', projects }),
      (error: unknown) => current && setState({ status: 'error', error: asApiError(error) }),
    );
    return () => {
      current = false;
    };
  }, [attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}

type CreateOptionsState =
  | { status: 'idle' | 'loading' }
  | { status: 'ready'; options: CreateOptions }
  | { status: 'error'; error: ApiError };

function useCreateOptions(projectKey: string | undefined): CreateOptionsState & { retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<CreateOptionsState>({ status: 'idle' });
  const cache = useRef(new Map<string, CreateOptions>());
  useEffect(() => {
    if (!projectKey) {
      setState({ status: 'idle' });
      return;
    }
    const cached = cache.current.get(projectKey);
    if (cached) {
      setState({ status: 'ready', options: cached });
      return;
    }
    let current = true;
    setState({ status: 'loading' });
    loadCreateOptions(projectKey).then(
      (options) => {
        cache.current.set(projectKey, options);
        if (current) setState({ status: 'ready', options });
      },
      (error: unknown) => current && setState({ status: 'error', error: asApiError(error) }),
    );
    return () => {
      current = false;
    };
  }, [projectKey, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, retry };
}

// ---------------------------------------------------------------------------------------------
// The dialog

type Step = 'input' | 'drafting' | 'review' | 'analysis' | 'done';

interface ReviewItem {
  /** Stable while the user edits (the index changes when a draft is removed). */
  id: number;
  draft: Draft;
}

/** A problem tied to the draft it was reported for; `itemId` undefined: about the drafts as a whole. */
interface ReviewProblem extends CreateProblem {
  itemId?: number;
}

interface Review {
  request: DraftRequest;
  proposalId: string;
  items: ReviewItem[];
  problems: ReviewProblem[];
  similar: SimilarIssue[];
}

interface Analysis {
  request: DraftRequest;
  markdown: string;
  similar: SimilarIssue[];
}

interface Created {
  issues: CreatedIssue[];
  drafts: Draft[];
  projectKey: string;
}

type CreatePhase =
  | { phase: 'idle' }
  | { phase: 'saving' }
  | { phase: 'confirm'; drafts: Draft[]; expiresAt?: string; isConfirming: boolean; error?: ApiError };

/** While the confirmation modal is open the dialog is at least this tall, so the iframe can show it. */
const MODAL_MIN_HEIGHT = '560px';

/** When the server has said nothing about its progress for this long, say that the model is still working. */
const STILL_WAITING_MS = 25000;

/** The drafting task, once the server has started one; `waiting` while it waits for the user. */
interface DraftTask {
  taskId: string;
  cancelling?: boolean;
  waiting?: { message: string; cursor: TaskCursor; request: DraftRequest; deciding?: boolean };
}

const PROGRESS_NOTES: Readonly<Record<DraftMode, string>> = {
  ticket: 'Writing a ticket from your text and looking for similar issues.',
  analysis: 'Analysing the requirement.',
  breakdown: 'Breaking the work into an epic with stories and tasks, and looking for similar issues.',
};

function attachProblems(problems: CreateProblem[], items: ReviewItem[]): ReviewProblem[] {
  return problems.map((problem) => {
    const item = problem.draft === undefined ? undefined : items[problem.draft];
    return { ...problem, itemId: item?.id };
  });
}

/** What is sent to the server: summaries trimmed, empty acceptance criteria dropped. */
function cleanDraft(draft: Draft): Draft {
  return {
    ...draft,
    summary: draft.summary.trim(),
    acceptanceCriteria: draft.acceptanceCriteria.map((c) => c.trim()).filter((c) => c !== ''),
  };
}

function projectName(projects: ProjectsState, key: string): string | undefined {
  return projects.status === 'ready' ? projects.projects.find((p) => p.key === key)?.name : undefined;
}

interface DraftDialogProps {
  launch: DraftLaunch;
  context: AppContext;
  projects: Projects;
}

function DraftDialog({ launch, context, projects }: DraftDialogProps) {
  const [input, setInput] = useState<DraftInputValue>({
    text: '',
    projectKey: launch.projectKey,
    parentKey: '',
    mode: 'ticket',
  });
  const [step, setStep] = useState<Step>('input');
  const [draftError, setDraftError] = useState<ApiError | undefined>();
  const [progressNote, setProgressNote] = useState('');
  const [draftTask, setDraftTask] = useState<DraftTask | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [review, setReview] = useState<Review | undefined>();
  const [analysis, setAnalysis] = useState<Analysis | undefined>();
  const [created, setCreated] = useState<Created | undefined>();
  const [create, setCreate] = useState<CreatePhase>({ phase: 'idle' });
  const [createError, setCreateError] = useState<ApiError | undefined>();
  const [validation, setValidation] = useState<string | undefined>();
  /** Read out by the status region: results and errors that appear outside the focus. */
  const [announcement, setAnnouncement] = useState('');

  // Refs guard against double submits: state updates are not visible to a second click in the same tick.
  const draftingRef = useRef(false);
  const draftAbortRef = useRef<AbortController | undefined>();
  const continueRef = useRef<HTMLButtonElement>(null);
  const savingRef = useRef(false);
  const confirmingRef = useRef(false);
  const nextId = useRef(0);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const stepHeadingRef = useRef<HTMLDivElement>(null);
  const focusStepRef = useRef(false);

  const createOptions = useCreateOptions(review?.request.projectKey);

  // Closing the dialog stops following the drafting task (the task itself is not cancelled).
  useEffect(() => () => draftAbortRef.current?.abort(), []);

  // Paused: the button the user was on is gone, so offer Continue to the keyboard.
  const waiting = draftTask?.waiting !== undefined;
  useEffect(() => {
    const active = document.activeElement;
    if (waiting && (!active || active === document.body)) continueRef.current?.focus();
  }, [waiting]);

  // Default to the only project there is when the dialog was opened outside a project.
  useEffect(() => {
    if (input.projectKey || projects.state.status !== 'ready' || projects.state.projects.length !== 1) return;
    const only = projects.state.projects[0].key;
    setInput((value) => (value.projectKey ? value : { ...value, projectKey: only }));
  }, [input.projectKey, projects.state]);

  useEffect(() => {
    requestResize();
  }, [step, review?.items.length, review?.problems.length, create.phase, createError, draftError, projects.state.status]);

  // The review, the analysis and the result replace the form: move keyboard focus to their heading.
  useEffect(() => {
    if (!focusStepRef.current) return;
    focusStepRef.current = false;
    if (step === 'input') textRef.current?.focus();
    else stepHeadingRef.current?.focus();
  }, [step]);

  const updateInput = useCallback((patch: Partial<DraftInputValue>) => {
    setInput((value) => ({ ...value, ...patch }));
    if (patch.text !== undefined || patch.mode !== undefined) setNotice(undefined);
  }, []);

  /** Back to the text after a cancelled drafting task. */
  const draftingCancelled = useCallback(() => {
    setDraftTask(undefined);
    setNotice('Drafting was cancelled. Nothing was created; your text is still here.');
    setAnnouncement('Drafting was cancelled.');
    focusStepRef.current = true;
    setStep('input');
  }, []);

  /** Drafts from the request, or (`resume`) continues a paused drafting task. */
  const runDraft = useCallback(async (request: DraftRequest, resume?: { taskId: string; cursor: TaskCursor }) => {
    if (draftingRef.current) return;
    draftingRef.current = true;
    const controller = new AbortController();
    draftAbortRef.current = controller;
    setDraftError(undefined);
    setNotice(undefined);
    setAnnouncement('');
    setDraftTask(resume && { taskId: resume.taskId });
    // Shown at once, before the server answers.
    setProgressNote(resume ? 'Continuing…' : PROGRESS_NOTES[request.mode]);
    setStep('drafting');
    let heard = false;
    const timer = setTimeout(() => {
      if (!heard) setProgressNote('Still waiting for the AI model. Long texts can take a minute…');
    }, STILL_WAITING_MS);
    // Both results need the Markdown renderer (preview, analysis): fetch it meanwhile.
    preloadMarkdown();
    // The model writes JSON here: its text is not shown, only what the server says it is doing.
    const handlers: DraftHandlers = {
      signal: controller.signal,
      onTask: (taskId) => setDraftTask({ taskId }),
      onProgress: (progress) => {
        heard = true;
        setProgressNote(progress.message);
      },
    };

    try {
      const outcome = resume ? await continueDrafts(resume.taskId, resume.cursor, handlers) : await requestDrafts(request, handlers);
      if (controller.signal.aborted) return;
      if (outcome.status === 'waiting_confirmation') {
        const { taskId, message, cursor } = outcome;
        setDraftTask({ taskId, waiting: { message, cursor, request } });
        setAnnouncement(`Drafting is paused: ${message}`);
        return;
      }
      setDraftTask(undefined);
      if (outcome.status === 'cancelled') {
        draftingCancelled();
        return;
      }
      const response = outcome.result;
      if (request.mode === 'analysis') {
        const markdown = response.analysis?.markdown;
        if (!markdown || markdown.trim() === '') {
          throw new ApiError(0, { title: 'The AI returned no analysis', detail: 'Try again, or add more detail to your text.' });
        }
        setAnalysis({ request, markdown, similar: response.similar });
        setAnnouncement('The requirement analysis is ready.');
        focusStepRef.current = true;
        setStep('analysis');
        return;
      }
      if (!response.proposalId || response.drafts.length === 0) {
        throw new ApiError(0, { title: 'The AI returned no drafts', detail: 'Try again, or add more detail to your text.' });
      }
      const items = response.drafts.map((draft) => ({ id: nextId.current++, draft }));
      setReview({
        request,
        proposalId: response.proposalId,
        items,
        problems: attachProblems(response.problems, items),
        similar: response.similar,
      });
      setCreate({ phase: 'idle' });
      setCreateError(undefined);
      setValidation(undefined);
      setAnnouncement(
        items.length === 1
          ? 'The draft is ready to review.'
          : `${items.length} drafts are ready to review.` +
              (response.problems.length > 0 ? ` Jira reported ${response.problems.length} problem(s).` : ''),
      );
      focusStepRef.current = true;
      setStep('review');
      void loadConfirmModal().catch(() => {});
    } catch (error) {
      if (controller.signal.aborted) return;
      const problem = asApiError(error);
      setDraftTask(undefined);
      setDraftError(problem);
      setAnnouncement(`Drafting failed: ${problem.title ?? problem.message}`);
      setStep('input');
    } finally {
      clearTimeout(timer);
      draftingRef.current = false;
    }
  }, [draftingCancelled]);

  /** Cancel while drafting: stops the server's task, then back to the text. */
  const cancelDrafting = useCallback(async () => {
    if (!draftTask || draftTask.cancelling || draftTask.waiting) return;
    const { taskId } = draftTask;
    setDraftTask({ taskId, cancelling: true });
    try {
      await cancelTask(taskId);
      draftAbortRef.current?.abort();
      draftingCancelled();
    } catch (error) {
      // 409: the task finished first; its drafts (or problem) show in a moment.
      setDraftTask((t) => t && { ...t, cancelling: false });
      const problem = asApiError(error);
      if (problem.status !== 409) setAnnouncement(`Drafting could not be cancelled: ${problem.title ?? problem.message}`);
    }
  }, [draftTask, draftingCancelled]);

  /** The paused task: Continue follows it on, Cancel tells the server to stop it. */
  const decide = useCallback(
    async (decision: 'continue' | 'cancel') => {
      const waitingTask = draftTask?.waiting;
      if (!draftTask || !waitingTask || waitingTask.deciding) return;
      const { taskId } = draftTask;
      if (decision === 'continue') {
        void runDraft(waitingTask.request, { taskId, cursor: waitingTask.cursor });
        return;
      }
      setDraftTask({ taskId, waiting: { ...waitingTask, deciding: true } });
      try {
        await resumeTask(taskId, 'cancel');
        draftingCancelled();
      } catch (error) {
        const problem = asApiError(error);
        setDraftTask(undefined);
        setDraftError(problem);
        setAnnouncement(`Drafting could not be cancelled: ${problem.title ?? problem.message}`);
        setStep('input');
      }
    },
    [draftTask, runDraft, draftingCancelled],
  );

  const submit = useCallback(() => {
    if (!input.projectKey) return;
    void runDraft({
      text: input.text,
      projectKey: input.projectKey,
      parentKey: parentKeyValue(input.parentKey),
      mode: input.mode,
      outputFormat: 'markdown',
    });
  }, [input, runDraft]);

  const draftTicketsFromAnalysis = useCallback(() => {
    if (!analysis) return;
    setInput((value) => ({ ...value, mode: 'breakdown' }));
    void runDraft({ ...analysis.request, mode: 'breakdown' });
  }, [analysis, runDraft]);

  // -------------------------------------------------------------------------------------------
  // Editing

  const changeDraft = useCallback((itemId: number, draft: Draft, field: CardField) => {
    setValidation(undefined);
    setReview((r) =>
      r && {
        ...r,
        items: r.items.map((item) => (item.id === itemId ? { ...item, draft } : item)),
        // The user changed the field Jira complained about: the next save checks it again.
        problems: r.problems.filter((p) => p.itemId !== itemId || cardFieldOf(p.fieldId) !== field),
      },
    );
  }, []);

  const removeItem = useCallback((itemId: number) => {
    setReview((r) => {
      if (!r) return r;
      const index = r.items.findIndex((item) => item.id === itemId);
      if (index < 0) return r;
      const drafts = removeDraft(
        r.items.map((item) => item.draft),
        index,
      );
      const items = r.items.filter((item) => item.id !== itemId).map((item, i) => ({ ...item, draft: drafts[i] }));
      return { ...r, items, problems: r.problems.filter((p) => p.itemId !== itemId) };
    });
  }, []);

  // -------------------------------------------------------------------------------------------
  // Creating: save the edits (the server validates them), then confirm in the modal

  const startCreate = useCallback(async () => {
    if (!review || savingRef.current || confirmingRef.current) return;
    const invalid = review.items.some((item) => summaryError(item.draft.summary) || labelsError(item.draft.labels));
    if (invalid) {
      setValidation('Fix the fields marked in red first.');
      setAnnouncement('Fix the fields marked in red first.');
      return;
    }
    savingRef.current = true;
    setValidation(undefined);
    setCreateError(undefined);
    setCreate({ phase: 'saving' });
    const drafts = review.items.map((item) => cleanDraft(item.draft));
    try {
      const [saved] = await Promise.all([
        updateDraftProposal(review.proposalId, review.request.projectKey, drafts),
        loadConfirmModal(),
      ]);
      const stored =
        Array.isArray(saved?.payload?.drafts) && saved.payload.drafts.length === drafts.length
          ? saved.payload.drafts.map(normalizeDraft)
          : drafts;
      setReview((r) => r && { ...r, items: r.items.map((item, i) => ({ ...item, draft: stored[i] ?? item.draft })), problems: [] });
      setCreate({ phase: 'confirm', drafts: stored, expiresAt: saved?.expiresAt, isConfirming: false });
    } catch (error) {
      const problems = issueNotCreatableProblems(error);
      if (problems && problems.length > 0) {
        setReview((r) => r && { ...r, problems: attachProblems(problems, r.items) });
        setAnnouncement(`Jira would refuse this as it is: ${problems.length} problem(s) are marked on the drafts.`);
      } else {
        const problem = asApiError(error);
        setCreateError(problem);
        setAnnouncement(`Nothing was created: ${problem.title ?? problem.message}`);
      }
      setCreate({ phase: 'idle' });
    } finally {
      savingRef.current = false;
    }
  }, [review]);

  const confirm = useCallback(async () => {
    if (!review || create.phase !== 'confirm' || confirmingRef.current) return;
    confirmingRef.current = true;
    const { drafts } = create;
    setCreate({ ...create, isConfirming: true, error: undefined });
    try {
      const done = await confirmDrafts(review.proposalId);
      setCreated({ issues: done.result.issues, drafts, projectKey: review.request.projectKey });
      setCreate({ phase: 'idle' });
      setReview(undefined);
      const keys = done.result.issues.map((issue) => issue.key);
      setAnnouncement(keys.length === 1 ? `Created ${keys[0]}.` : `Created ${keys.length} issues: ${keys.join(', ')}.`);
      focusStepRef.current = true;
      setStep('done');
    } catch (error) {
      const problems = issueNotCreatableProblems(error);
      if (problems && problems.length > 0) {
        // Jira changed its mind since the save: back to the drafts, with the problems on them.
        setCreate({ phase: 'idle' });
        setReview((r) => r && { ...r, problems: attachProblems(problems, r.items) });
        setAnnouncement(`Nothing was created: ${problems.length} problem(s) are marked on the drafts.`);
      } else {
        const problem = asApiError(error);
        setCreate((c) => (c.phase === 'confirm' ? { ...c, isConfirming: false, error: problem } : c));
        setAnnouncement(`The issues were not created: ${problem.title ?? problem.message}`);
      }
    } finally {
      confirmingRef.current = false;
    }
  }, [review, create]);

  const backToEditing = useCallback(() => {
    if (confirmingRef.current) return;
    setCreate({ phase: 'idle' });
  }, []);

  /** Cancel in the modal, or Start over: nothing is created, the proposal is rejected, the text stays. */
  const discard = useCallback(() => {
    if (confirmingRef.current || savingRef.current) return;
    if (review) {
      // Nothing was created; telling the server lets it drop the proposal (it also expires by itself).
      void rejectDrafts(review.proposalId).catch(() => {});
      setNotice('Nothing was created. The drafts were discarded; your text is still here.');
    }
    setReview(undefined);
    setAnalysis(undefined);
    setCreate({ phase: 'idle' });
    setCreateError(undefined);
    setValidation(undefined);
    focusStepRef.current = true;
    setStep('input');
  }, [review]);

  const draftAnother = useCallback(() => {
    setInput((value) => ({ ...value, text: '', parentKey: '' }));
    setCreated(undefined);
    setNotice(undefined);
    focusStepRef.current = true;
    setStep('input');
  }, []);

  // -------------------------------------------------------------------------------------------

  const drafting = step === 'drafting';

  return (
    <div
      style={{
        display: 'flex',
        flexDirection: 'column',
        gap: token('space.200', '16px'),
        // Inside a Jira iframe sized to its content, leave the modal room to show (see README.md).
        minHeight: create.phase === 'confirm' ? MODAL_MIN_HEIGHT : undefined,
      }}
    >
      <div role="status" style={visuallyHidden} data-testid="draft-announcement">
        {announcement}
      </div>

      {(step === 'input' || step === 'drafting') && (
        <>
          {notice && (
            <SectionMessage appearance="information" testId="draft-notice">
              <p>{notice}</p>
            </SectionMessage>
          )}
          <DraftInputForm
            ref={textRef}
            value={input}
            onChange={updateInput}
            projects={projects.state}
            onRetryProjects={projects.retry}
            currentIssueKey={launch.issueKey}
            currentProjectKey={launch.projectKey}
            busy={drafting}
            llmConfigured={context.llmConfigured}
            onSubmit={submit}
          />
          {drafting && !draftTask?.waiting && (
            <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: token('space.100', '8px') }}>
              <div
                data-testid="draft-progress"
                role="status"
                style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px') }}
              >
                <Spinner size="medium" label="Drafting" />
                <div>
                  <div>Drafting…</div>
                  <div style={smallText}>{progressNote}</div>
                </div>
              </div>
              {draftTask && (
                <Button appearance="subtle" onClick={() => void cancelDrafting()} isLoading={draftTask.cancelling} testId="draft-cancel-button">
                  Cancel
                </Button>
              )}
            </div>
          )}
          {drafting && draftTask?.waiting && (
            <TaskWaitingMessage
              ref={continueRef}
              title="Drafting is paused"
              message={draftTask.waiting.message}
              busy={draftTask.waiting.deciding === true}
              onContinue={() => void decide('continue')}
              onCancel={() => void decide('cancel')}
              testIdPrefix="draft"
            />
          )}
          {draftError && !drafting && (
            <ProblemMessage
              error={draftError}
              fallbackTitle="Drafting failed"
              nextStep="Your text is still here. Try Draft with AI again."
              testId="draft-error"
            />
          )}
        </>
      )}

      {step === 'review' && review && (
        <ReviewStep
          review={review}
          headingRef={stepHeadingRef}
          projectLabel={projectLabel(projects.state, review.request.projectKey)}
          createOptions={createOptions}
          create={create}
          createError={createError}
          validation={validation}
          onChange={changeDraft}
          onRemove={removeItem}
          onCreate={() => void startCreate()}
          onStartOver={discard}
        />
      )}

      {step === 'analysis' && analysis && (
        <>
          {/* AnalysisView moves focus to its own heading. */}
          <AnalysisView markdown={analysis.markdown} onDraftTickets={draftTicketsFromAnalysis} onStartOver={discard} busy={drafting} />
          <SimilarIssues similar={analysis.similar} />
        </>
      )}

      {step === 'done' && created && (
        <CreatedView created={created} siteUrl={context.siteUrl} headingRef={stepHeadingRef} onDraftAnother={draftAnother} />
      )}

      {review && create.phase === 'confirm' && (
        <Suspense fallback={null}>
          <ConfirmDraftsModal
            drafts={create.drafts}
            projectKey={review.request.projectKey}
            projectName={projectName(projects.state, review.request.projectKey)}
            isConfirming={create.isConfirming}
            error={create.error}
            expiresAt={create.expiresAt}
            onConfirm={() => void confirm()}
            onCancel={discard}
            onBack={backToEditing}
          />
        </Suspense>
      )}
    </div>
  );
}

function projectLabel(projects: ProjectsState, key: string): string {
  const name = projectName(projects, key);
  return name && name !== key ? `${name} (${key})` : key;
}

// ---------------------------------------------------------------------------------------------
// Pieces

function CenteredSpinner({ label }: { label: string }) {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: token('space.200', '16px') }}>
      <Spinner size="medium" label={label} />
    </div>
  );
}

interface ReviewStepProps {
  review: Review;
  headingRef: Ref<HTMLDivElement>;
  projectLabel: string;
  createOptions: CreateOptionsState & { retry: () => void };
  create: CreatePhase;
  createError: ApiError | undefined;
  validation: string | undefined;
  onChange: (itemId: number, draft: Draft, field: CardField) => void;
  onRemove: (itemId: number) => void;
  onCreate: () => void;
  onStartOver: () => void;
}

function ReviewStep({
  review,
  headingRef,
  projectLabel,
  createOptions,
  create,
  createError,
  validation,
  onChange,
  onRemove,
  onCreate,
  onStartOver,
}: ReviewStepProps) {
  const titleId = useId();
  const breakdown = review.request.mode === 'breakdown';
  const drafts = review.items.map((item) => item.draft);
  const count = drafts.length;
  const busy = create.phase !== 'idle';
  const general = review.problems.filter((p) => p.itemId === undefined);
  const hasProblems = review.problems.length > 0;

  return (
    <section aria-labelledby={titleId} style={{ display: 'flex', flexDirection: 'column', gap: token('space.200', '16px') }}>
      <div ref={headingRef} tabIndex={-1} style={{ outline: 'none', display: 'flex', flexDirection: 'column', gap: token('space.050', '4px') }}>
        <Heading size="small" as="h2" id={titleId}>
          {breakdown ? `Review the breakdown (${count} issues)` : 'Review the draft'}
        </Heading>
        <p style={subtleText}>
          Project {projectLabel}. Edit anything you like; nothing is created until you confirm.
        </p>
      </div>

      <SimilarIssues similar={review.similar} />

      {createOptions.status === 'error' && (
        <ProblemMessage
          error={createOptions.error}
          fallbackTitle="Issue types, priorities and components could not be loaded"
          nextStep="You can keep the AI's choices, or load the lists again."
          appearance="warning"
          testId="create-options-error"
        >
          <Button appearance="default" onClick={createOptions.retry}>
            Load again
          </Button>
        </ProblemMessage>
      )}

      {hasProblems && (
        <SectionMessage appearance="error" title="Jira would refuse this as it is" testId="draft-problems">
          <p>Fix the fields marked below, then press {count === 1 ? 'Create issue' : `Create ${count} issues`} again.</p>
          {general.length > 0 && (
            <ul style={{ margin: 0, paddingLeft: token('space.300', '24px') }}>
              {general.map((problem, i) => (
                <li key={i}>{problemText(problem, true)}</li>
              ))}
            </ul>
          )}
        </SectionMessage>
      )}

      <div style={{ display: 'flex', flexDirection: 'column', gap: token('space.150', '12px') }}>
        {draftTree(drafts).map(({ index, depth }) => {
          const item = review.items[index];
          const hasChildren = drafts.some((d) => d.parentRef === item.draft.ref && d !== item.draft);
          return (
            <DraftCard
              key={item.id}
              index={index}
              draft={item.draft}
              drafts={drafts}
              depth={depth}
              breakdown={breakdown}
              createOptions={createOptions.status === 'ready' ? createOptions.options : undefined}
              problems={review.problems.filter((p) => p.itemId === item.id)}
              disabled={busy}
              onChange={(draft, field) => onChange(item.id, draft, field)}
              onRemove={breakdown && count > 1 && !hasChildren ? () => onRemove(item.id) : undefined}
            />
          );
        })}
      </div>

      {createError && (
        <ProblemMessage
          error={createError}
          fallbackTitle="Your changes could not be saved"
          nextStep="Nothing was created. Your edits are still here; try again."
          testId="create-error"
        />
      )}

      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: token('space.100', '8px') }}>
        <Button appearance="primary" onClick={onCreate} isLoading={create.phase === 'saving'} isDisabled={busy} testId="create-button">
          {count === 1 ? 'Create issue' : `Create ${count} issues`}
        </Button>
        <Button appearance="subtle" onClick={onStartOver} isDisabled={busy} testId="start-over-button">
          Start over
        </Button>
        {validation && (
          <span role="alert" data-testid="draft-validation" style={{ ...smallText, color: token('color.text.danger', '#AE2E24') }}>
            {validation}
          </span>
        )}
        {!validation && <span style={smallText}>You will see exactly what will be created and confirm it first.</span>}
      </div>
    </section>
  );
}

function CreatedView({
  created,
  siteUrl,
  headingRef,
  onDraftAnother,
}: {
  created: Created;
  siteUrl: string;
  headingRef: Ref<HTMLDivElement>;
  onDraftAnother: () => void;
}) {
  const { issues, drafts } = created;
  // The server lists the created issues in the order of the drafts.
  const summaries = issues.length === drafts.length ? drafts.map((d) => d.summary) : [];
  const title = issues.length === 1 ? `Created ${issues[0].key}` : `Created ${issues.length} issues in ${created.projectKey}`;
  const base = safeHref(siteUrl);
  const canClose = canCloseDialog();

  return (
    // Focusable (not in the tab order) so keyboard focus can land on the result.
    <div ref={headingRef} tabIndex={-1} style={{ outline: 'none' }}>
      <SectionMessage appearance="success" title={issues.length === 0 ? 'Done' : title} testId="created-issues">
        {issues.length === 0 ? (
          <p>The server reported no new issues.</p>
        ) : (
          <ul style={{ margin: 0, paddingLeft: token('space.300', '24px') }}>
            {issues.map((issue, index) => {
              const href = safeHref(issue.url) ?? (base ? `${base.replace(/\/+$/, '')}/browse/${encodeURIComponent(issue.key)}` : undefined);
              return (
                <li key={issue.key}>
                  {href ? (
                    <a href={href} target="_blank" rel="noopener noreferrer">
                      Open {issue.key}
                    </a>
                  ) : (
                    <span>{issue.key}</span>
                  )}
                  {summaries[index] ? <span style={{ color: token('color.text.subtle', '#44546F') }}> — {summaries[index]}</span> : null}
                </li>
              );
            })}
          </ul>
        )}
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.100', '8px'), marginTop: token('space.100', '8px') }}>
          <Button appearance="primary" onClick={onDraftAnother} testId="draft-another-button">
            Draft another
          </Button>
          {canClose && (
            <Button appearance="default" onClick={() => void closeDialog()} testId="close-button">
              Close
            </Button>
          )}
        </div>
      </SectionMessage>
    </div>
  );
}
