import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { token } from '@atlaskit/tokens';
import { forwardRef, lazy, Suspense, useCallback, useEffect, useId, useMemo, useRef, useState, type CSSProperties } from 'react';

import type { AppContext } from '../appContext';
import {
  asApiError,
  assessIssue,
  confirmProposal,
  continueAssessment,
  createProposal,
  loadHistory,
  maskedText,
  normalizeScore,
  rejectProposal,
  verdict,
  type Assessment,
  type AssessHandlers,
  type AssessProgress,
  type Proposal,
  type ProposalAction,
  type ProposalDone,
} from '../assessment';
import { isConnect, requestResize, type ApiError } from '../bridge';
import { HistoryTrend } from '../components/HistoryTrend';
import { ProblemMessage } from '../components/ProblemMessage';
import { LazyMarkdown, preloadMarkdown } from '../components/LazyMarkdown';
import { Scorecard } from '../components/Scorecard';
import { SurfaceFrame } from '../components/SurfaceFrame';
import { APP_CONTEXT_PATH, loadAppContext } from '../useAppContext';
import { visuallyHidden } from '../components/visuallyHidden';
import { openAssistant } from '../assistantLink';
import { issueKeyFromSearch, resolveIssueKey } from '../issueKey';
import { prefetch, takePrefetched } from '../prefetch';
import { safeHref } from '../safeUrl';
import { cancelTask, resumeTask, type TaskCursor, type TaskOutcome } from '../tasks/tasks';
import { TaskWaitingMessage } from '../tasks/TaskWaitingMessage';

// The confirmation modal (and @atlaskit/modal-dialog) is only downloaded when it is about to be needed.
const loadConfirmModal = () => import('../components/ConfirmProposalModal');
const ConfirmProposalModal = lazy(loadConfirmModal);

export interface AssessSurfaceProps {
  /** The issue glance shows the same surface, smaller: scores and trend, no lists or actions. */
  compact?: boolean;
  /** The issue to assess; when absent it is read from the page (Connect) or the Forge context. */
  issueKey?: string;
}

/**
 * Starts the panel's requests (app context and the issue's earlier assessments) at once, before
 * React renders, so neither waits for the other or for the first render. Connect only: there the
 * issue key is in the page URL; under Forge the hooks load them (also in parallel) after render.
 */
export function prefetchAssessData(): void {
  if (!isConnect()) return;
  prefetch(APP_CONTEXT_PATH, loadAppContext);
  const issueKey = issueKeyFromSearch(window.location.search);
  if (issueKey) prefetch(historyKey(issueKey), () => loadHistory(issueKey));
}

const historyKey = (issueKey: string) => `history:${issueKey}`;

/** "Assess with AI": the Jira issue panel (and, compact, the issue glance). */
export function AssessSurface({ compact = false, issueKey }: AssessSurfaceProps) {
  const key = useIssueKey(issueKey);
  // Started at once, in parallel with the app context the frame loads.
  const history = useHistory(key.status === 'ready' ? key.issueKey : undefined);

  return (
    <SurfaceFrame title="Assess with AI" compact={compact} showSite={false}>
      {(context) => {
        if (key.status === 'loading') return <CenteredSpinner label="Loading the issue" />;
        if (key.status === 'missing') {
          return (
            <SectionMessage appearance="error" title="No issue to assess">
              <p>This panel works on a Jira issue. Open an issue and use “Assess with AI” there.</p>
            </SectionMessage>
          );
        }
        return <AssessPanel issueKey={key.issueKey} context={context} history={history} compact={compact} />;
      }}
    </SurfaceFrame>
  );
}

// ---------------------------------------------------------------------------------------------
// Loading the issue key and the history

type IssueKeyState = { status: 'loading' } | { status: 'ready'; issueKey: string } | { status: 'missing' };

function useIssueKey(given: string | undefined): IssueKeyState {
  // On Connect the key is in the URL: known in the first render, so the history starts loading at once.
  const [resolved, setResolved] = useState<IssueKeyState>(() => {
    if (given || !isConnect()) return { status: 'loading' };
    const issueKey = issueKeyFromSearch(window.location.search);
    return issueKey ? { status: 'ready', issueKey } : { status: 'missing' };
  });
  useEffect(() => {
    if (given || resolved.status !== 'loading') return;
    let current = true;
    resolveIssueKey().then(
      (issueKey) => current && setResolved(issueKey ? { status: 'ready', issueKey } : { status: 'missing' }),
      () => current && setResolved({ status: 'missing' }),
    );
    return () => {
      current = false;
    };
    // Resolved once: only a change of the given key matters afterwards.
  }, [given]);
  return given ? { status: 'ready', issueKey: given } : resolved;
}

type HistoryState =
  | { status: 'loading'; assessments: Assessment[] }
  | { status: 'ready'; assessments: Assessment[] }
  | { status: 'error'; assessments: Assessment[]; error: ApiError };

interface History {
  state: HistoryState;
  retry: () => void;
}

function useHistory(issueKey: string | undefined): History {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<HistoryState>({ status: 'loading', assessments: [] });

  useEffect(() => {
    if (!issueKey) return;
    let current = true;
    setState((previous) => ({ status: 'loading', assessments: previous.assessments }));
    ((attempt === 0 ? takePrefetched<Assessment[]>(historyKey(issueKey)) : undefined) ?? loadHistory(issueKey)).then(
      (assessments) => current && setState({ status: 'ready', assessments }),
      (error: unknown) =>
        current && setState((previous) => ({ status: 'error', assessments: previous.assessments, error: asApiError(error) })),
    );
    return () => {
      current = false;
    };
  }, [issueKey, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}

// ---------------------------------------------------------------------------------------------
// The panel

type RunState =
  | { status: 'idle'; notice?: string }
  /** `taskId` once the server has started the task (only then can it be cancelled). */
  | { status: 'running'; progress: AssessProgress; text: string; taskId?: string; cancelling?: boolean }
  /** The task waits for the user (`waiting_confirmation`): Continue or Cancel. */
  | {
      status: 'waiting';
      progress: AssessProgress;
      text: string;
      taskId: string;
      message: string;
      cursor: TaskCursor;
      deciding?: boolean;
    }
  | { status: 'error'; error: ApiError };

interface PendingProposal {
  proposal: Proposal;
  assessmentId: Assessment['id'];
  isConfirming: boolean;
  error?: ApiError;
}

interface Outcome {
  action: ProposalAction;
  done: ProposalDone;
  assessmentId: Assessment['id'];
}

const STAGES: ReadonlyArray<{ stage: string; label: string }> = [
  { stage: 'reading-issue', label: 'Reading the issue' },
  { stage: 'asking-model', label: 'Asking the AI model' },
  { stage: 'validating', label: 'Checking the answer' },
];

/** While the confirmation modal is open the panel is at least this tall, so the iframe can show it. */
const MODAL_MIN_HEIGHT = '560px';

interface AssessPanelProps {
  issueKey: string;
  context: AppContext;
  history: History;
  compact: boolean;
}

function AssessPanel({ issueKey, context, history, compact }: AssessPanelProps) {
  const [run, setRun] = useState<RunState>({ status: 'idle' });
  /** Assessments made in this session, newest first (the history GET is not repeated). */
  const [fresh, setFresh] = useState<Assessment[]>([]);
  const [preparing, setPreparing] = useState<ProposalAction | undefined>();
  const [actionError, setActionError] = useState<{ action: ProposalAction; error: ApiError } | undefined>();
  const [pending, setPending] = useState<PendingProposal | undefined>();
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  /** Read out by the status region: results, outcomes and errors that appear outside the focus. */
  const [announcement, setAnnouncement] = useState('');
  const reassessRef = useRef<HTMLButtonElement>(null);
  const assessButtonRef = useRef<HTMLButtonElement>(null);
  const continueRef = useRef<HTMLButtonElement>(null);
  const focusAfterRunRef = useRef(false);

  // Refs guard against double submits: state updates are not visible to a second click in the same tick.
  const runningRef = useRef(false);
  const preparingRef = useRef(false);
  const confirmingRef = useRef(false);
  const abortRef = useRef<AbortController | undefined>();

  useEffect(() => () => abortRef.current?.abort(), []);


  const assessments = useMemo(() => {
    const seen = new Set(fresh.map((a) => String(a.id)));
    return [...fresh, ...history.state.assessments.filter((a) => !seen.has(String(a.id)))];
  }, [fresh, history.state.assessments]);
  const latest = assessments[0];
  const trend = useMemo(
    () =>
      assessments
        .map((a) => normalizeScore(a.scores?.overall))
        .filter((s): s is number => s !== undefined)
        .reverse(),
    [assessments],
  );

  const historyLoading = history.state.status === 'loading' && assessments.length === 0;
  const running = run.status === 'running';
  /** Running or paused: a task is under way, so the panel offers no other assessment. */
  const busy = running || run.status === 'waiting';

  // The improved description needs the Markdown renderer (a large chunk): fetch it once there is a
  // result to show or one on its way, not for an issue that was never assessed.
  const needsMarkdown = !compact && (latest !== undefined || busy);
  useEffect(() => {
    if (needsMarkdown) preloadMarkdown();
  }, [needsMarkdown]);

  useEffect(() => {
    requestResize();
  }, [run.status, latest?.id, pending, outcome, actionError, history.state.status]);

  // The button the user pressed (Assess, Cancel, Continue) is gone once the run ends or pauses:
  // keep keyboard focus nearby (Re-assess or Assess; Continue when paused) unless it moved elsewhere.
  useEffect(() => {
    if ((run.status !== 'idle' && run.status !== 'waiting') || !focusAfterRunRef.current) return;
    focusAfterRunRef.current = false;
    const active = document.activeElement;
    if (active && active !== document.body) return;
    if (run.status === 'waiting') continueRef.current?.focus();
    else (reassessRef.current ?? assessButtonRef.current)?.focus();
  }, [run.status, latest?.id]);

  // Fetch the modal's code while the user reads the result, so it opens without a wait.
  useEffect(() => {
    if (latest && !compact) void loadConfirmModal().catch(() => {});
  }, [latest, compact]);

  /** Runs (or continues) an assessment task and shows how it ends. */
  const follow = useCallback(
    async (start: (handlers: AssessHandlers) => Promise<TaskOutcome<Assessment>>) => {
      if (runningRef.current) return;
      runningRef.current = true;
      const controller = new AbortController();
      abortRef.current = controller;
      const setProgress = (progress: AssessProgress) =>
        setRun((r) => (r.status === 'running' ? { ...r, progress } : r));

      try {
        const outcome = await start({
          signal: controller.signal,
          onTask: (taskId) => setRun((r) => (r.status === 'running' ? { ...r, taskId } : r)),
          onProgress: setProgress,
          onText: (delta) => setRun((r) => (r.status === 'running' ? { ...r, text: r.text + delta } : r)),
        });
        if (controller.signal.aborted) return;
        if (outcome.status === 'completed') {
          const assessment = outcome.result;
          setFresh((list) => [assessment, ...list.filter((a) => String(a.id) !== String(assessment.id))]);
          setRun({ status: 'idle' });
          const overall = normalizeScore(assessment.scores.overall) ?? 1;
          setAnnouncement(`Assessment of ${issueKey} finished: overall ${overall}/10, ${verdict(overall)}.`);
        } else if (outcome.status === 'waiting_confirmation') {
          const { taskId, message, cursor } = outcome;
          setRun((r) => ({
            status: 'waiting',
            taskId,
            message,
            cursor,
            progress: r.status === 'running' ? r.progress : { stage: '', message },
            text: r.status === 'running' ? r.text : '',
          }));
          setAnnouncement(`The assessment of ${issueKey} is paused: ${message}`);
        } else {
          setRun({ status: 'idle', notice: 'The assessment was cancelled.' });
          setAnnouncement(`The assessment of ${issueKey} was cancelled.`);
        }
        focusAfterRunRef.current = true;
      } catch (error) {
        if (!controller.signal.aborted) {
          const problem = asApiError(error);
          setRun({ status: 'error', error: problem });
          setAnnouncement(`The assessment failed: ${problem.title ?? problem.message}`);
        }
      } finally {
        runningRef.current = false;
      }
    },
    [issueKey],
  );

  const assess = useCallback(
    (force: boolean) => {
      if (runningRef.current) return;
      setOutcome(undefined);
      setActionError(undefined);
      setAnnouncement('');
      // Shown at once, before the server answers.
      setRun({ status: 'running', progress: { stage: 'reading-issue', message: `Reading ${issueKey} and its links…` }, text: '' });
      void follow((handlers) => assessIssue(issueKey, force, handlers));
    },
    [issueKey, follow],
  );

  /** Cancel while running: stops the server's task, then the panel is idle again. */
  const cancelRun = useCallback(async () => {
    if (run.status !== 'running' || !run.taskId || run.cancelling) return;
    const { taskId } = run;
    setRun((r) => (r.status === 'running' ? { ...r, cancelling: true } : r));
    try {
      await cancelTask(taskId);
      abortRef.current?.abort();
      setRun({ status: 'idle', notice: 'The assessment was cancelled.' });
      setAnnouncement(`The assessment of ${issueKey} was cancelled.`);
      focusAfterRunRef.current = true;
    } catch (error) {
      // 409: the task finished first; following it shows its result (or problem) in a moment.
      setRun((r) => (r.status === 'running' ? { ...r, cancelling: false } : r));
      const problem = asApiError(error);
      if (problem.status !== 409) setAnnouncement(`The assessment could not be cancelled: ${problem.title ?? problem.message}`);
    }
  }, [run, issueKey]);

  /** The paused task: Continue follows it on, Cancel tells the server to stop it. */
  const decide = useCallback(
    async (decision: 'continue' | 'cancel') => {
      if (run.status !== 'waiting' || run.deciding) return;
      const { taskId, cursor, progress, text } = run;
      if (decision === 'continue') {
        setAnnouncement('');
        setRun({ status: 'running', taskId, progress: { ...progress, message: `Continuing the assessment of ${issueKey}…` }, text });
        void follow((handlers) => continueAssessment(taskId, cursor, handlers));
        return;
      }
      setRun({ ...run, deciding: true });
      try {
        await resumeTask(taskId, 'cancel');
        setRun({ status: 'idle', notice: 'The assessment was cancelled.' });
        setAnnouncement(`The assessment of ${issueKey} was cancelled.`);
        focusAfterRunRef.current = true;
      } catch (error) {
        const problem = asApiError(error);
        setRun({ status: 'error', error: problem });
        setAnnouncement(`The assessment could not be cancelled: ${problem.title ?? problem.message}`);
      }
    },
    [run, issueKey, follow],
  );

  const startAction = useCallback(async (action: ProposalAction, assessmentId: Assessment['id']) => {
    if (preparingRef.current || confirmingRef.current) return;
    preparingRef.current = true;
    setPreparing(action);
    setActionError(undefined);
    try {
      const [proposal] = await Promise.all([createProposal(assessmentId, action), loadConfirmModal()]);
      setPending({ proposal, assessmentId, isConfirming: false });
    } catch (error) {
      const problem = asApiError(error);
      setActionError({ action, error: problem });
      setAnnouncement(`Nothing was changed: ${problem.title ?? problem.message}`);
    } finally {
      preparingRef.current = false;
      setPreparing(undefined);
    }
  }, []);

  const confirm = useCallback(async () => {
    if (!pending || confirmingRef.current) return;
    confirmingRef.current = true;
    const { proposal, assessmentId } = pending;
    setPending({ ...pending, isConfirming: true, error: undefined });
    try {
      const done = await confirmProposal(proposal.proposalId);
      setPending(undefined);
      setOutcome({ action: proposal.action, done, assessmentId });
      setAnnouncement(outcomeTitle(proposal.action, done.result?.issueKey || issueKey));
    } catch (error) {
      const problem = asApiError(error);
      setPending((p) => (p ? { ...p, isConfirming: false, error: problem } : p));
      setAnnouncement(`The change was not made: ${problem.title ?? problem.message}`);
    } finally {
      confirmingRef.current = false;
    }
  }, [pending, issueKey]);

  const cancel = useCallback(() => {
    if (!pending || confirmingRef.current) return;
    setPending(undefined);
    // Nothing was changed; telling the server lets it drop the proposal (it also expires by itself).
    void rejectProposal(pending.proposal.proposalId).catch(() => {});
  }, [pending]);

  const assessDisabled = !context.llmConfigured;

  return (
    <div
      style={{
        display: 'flex',
        flexDirection: 'column',
        gap: compact ? token('space.100', '8px') : token('space.200', '16px'),
        // Inside a Jira iframe sized to its content, leave the modal room to show (see README.md).
        minHeight: pending ? MODAL_MIN_HEIGHT : undefined,
      }}
    >
      <div role="status" style={visuallyHidden} data-testid="assess-announcement">
        {announcement}
      </div>
      {historyLoading && <CenteredSpinner label="Loading earlier assessments" />}

      {history.state.status === 'error' && (
        <ProblemMessage
          error={history.state.error}
          fallbackTitle="Earlier assessments could not be loaded"
          nextStep="You can still assess the issue now, or try loading them again."
          appearance="warning"
        >
          <Button appearance="default" onClick={history.retry}>
            Load again
          </Button>
        </ProblemMessage>
      )}

      {run.status === 'idle' && run.notice && (
        <SectionMessage appearance="information" testId="assess-notice">
          <p>{run.notice}</p>
        </SectionMessage>
      )}

      {!historyLoading && !busy && !latest && (
        <div style={{ display: 'flex', flexDirection: 'column', gap: token('space.100', '8px'), alignItems: 'flex-start' }}>
          <p style={{ margin: 0 }}>
            Get a readiness score for {issueKey}: clarity, completeness, acceptance criteria, estimability, dependencies
            and risk, with the gaps to close and an improved description.
          </p>
          <Button
            ref={assessButtonRef}
            appearance="primary"
            onClick={() => assess(false)}
            isDisabled={assessDisabled}
            testId="assess-button"
          >
            Assess with AI
          </Button>
          {assessDisabled && <NeedsModelNote />}
        </div>
      )}

      {running && (
        <>
          <AssessProgressView progress={run.progress} text={run.text} compact={compact} />
          {run.taskId && (
            <div>
              <Button appearance="subtle" onClick={() => void cancelRun()} isLoading={run.cancelling} testId="assess-cancel-button">
                Cancel
              </Button>
            </div>
          )}
        </>
      )}

      {run.status === 'waiting' && (
        <TaskWaitingMessage
          ref={continueRef}
          title="The assessment is paused"
          message={run.message}
          busy={run.deciding === true}
          onContinue={() => void decide('continue')}
          onCancel={() => void decide('cancel')}
          testIdPrefix="assess"
        />
      )}

      {run.status === 'error' && (
        <ProblemMessage
          error={run.error}
          fallbackTitle="The assessment failed"
          nextStep={latest ? 'The last result is still shown below. Try again with Re-assess.' : 'Try again with Assess with AI.'}
          testId="assess-error"
        />
      )}

      {!busy && latest && (
        <>
          <AssessmentMeta
            ref={reassessRef}
            assessment={latest}
            onReassess={() => assess(true)}
            reassessDisabled={assessDisabled}
          />
          {assessDisabled && <NeedsModelNote />}
          <HistoryTrend scores={trend} />
          <Scorecard assessment={latest} compact={compact} />
          {compact ? (
            <p style={{ margin: 0, color: token('color.text.subtle', '#44546F') }}>
              The “Assess with AI” issue panel shows the reasons, gaps, questions and an improved description.
            </p>
          ) : (
            <>
              <AssessmentDetails assessment={latest} />
              <ActionsBar
                assessment={latest}
                issueKey={issueKey}
                preparing={preparing}
                blocked={pending !== undefined}
                onAction={(action) => void startAction(action, latest.id)}
              />
            </>
          )}
        </>
      )}

      {actionError && (
        <ProblemMessage
          error={actionError.error}
          fallbackTitle={
            actionError.action === 'comment' ? 'The comment could not be prepared' : 'The description change could not be prepared'
          }
          nextStep="Nothing was changed in Jira. Try the button again."
          testId="action-error"
        />
      )}

      {outcome && (
        <OutcomeMessage
          outcome={outcome}
          issueKey={issueKey}
          busy={preparing !== undefined || busy}
          onReassess={() => assess(true)}
          onRestore={() => void startAction('restore-description', outcome.assessmentId)}
        />
      )}

      {pending && (
        <Suspense fallback={null}>
          <ConfirmProposalModal
            proposal={pending.proposal}
            issueKey={issueKey}
            isConfirming={pending.isConfirming}
            error={pending.error}
            onConfirm={() => void confirm()}
            onCancel={cancel}
          />
        </Suspense>
      )}

      {context.features.chat && !compact && <AskAboutIssue issueKey={issueKey} />}
    </div>
  );
}

/**
 * "Ask about this issue": opens the AI Assistant page with the issue as the first message's
 * context. Says so when the host cannot navigate, rather than doing nothing.
 */
function AskAboutIssue({ issueKey }: { issueKey: string }) {
  const [failed, setFailed] = useState(false);
  return (
    <div>
      <Button
        appearance="subtle"
        onClick={() => {
          setFailed(false);
          void openAssistant(issueKey).then((opened) => setFailed(!opened));
        }}
        testId="ask-assistant-button"
      >
        Ask about this issue
      </Button>
      {failed && (
        <p role="alert" style={{ margin: 0, color: token('color.text.subtle', '#44546F') }}>
          The AI Assistant could not be opened from here. Open it from Jira's Apps menu and name {issueKey} in your message.
        </p>
      )}
    </div>
  );
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

function NeedsModelNote() {
  return (
    <p style={{ margin: 0, color: token('color.text.subtle', '#44546F') }}>
      Assessing needs an AI model; ask a Jira admin to set one up.
    </p>
  );
}

const streamStyle: CSSProperties = {
  margin: 0,
  maxHeight: '12em',
  overflow: 'auto',
  whiteSpace: 'pre-wrap',
  overflowWrap: 'anywhere',
  padding: token('space.100', '8px'),
  borderRadius: token('radius.small', '4px'),
  backgroundColor: token('color.background.neutral', '#091E420F'),
  color: token('color.text.subtle', '#44546F'),
  font: token('font.code', 'normal 400 12px/20px monospace'),
};

function AssessProgressView({ progress, text, compact }: { progress: AssessProgress; text: string; compact: boolean }) {
  const streamRef = useRef<HTMLPreElement>(null);
  const streamTitleId = useId();
  const current = STAGES.findIndex((s) => s.stage === progress.stage);

  // Keep the newest text in view.
  useEffect(() => {
    const element = streamRef.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [text]);

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: token('space.100', '8px') }}>
      <div data-testid="assess-progress" role="status" style={{ display: 'flex', flexDirection: 'column', gap: token('space.100', '8px') }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px') }}>
          <Spinner size="medium" label="Assessing" />
          <span>{progress.message}</span>
        </div>
        {!compact && (
          <ol style={{ margin: 0, paddingLeft: token('space.300', '24px'), color: token('color.text.subtle', '#44546F') }}>
            {STAGES.map((s, index) => (
              <li
                key={s.stage}
                aria-current={index === current ? 'step' : undefined}
                style={{ fontWeight: index === current ? token('font.weight.semibold', '600') : undefined }}
              >
                {s.label}
                {current > index ? ' — done' : ''}
              </li>
            ))}
          </ol>
        )}
      </div>
      {text !== '' && (
        <section aria-labelledby={streamTitleId} style={{ display: 'flex', flexDirection: 'column', gap: token('space.050', '4px') }}>
          <Heading size="xxsmall" as="h2" id={streamTitleId}>
            AI is writing…
          </Heading>
          <pre ref={streamRef} data-testid="assess-stream" aria-live="polite" tabIndex={0} style={streamStyle}>
            {text}
          </pre>
        </section>
      )}
    </div>
  );
}

function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

const AssessmentMeta = forwardRef<
  HTMLButtonElement,
  { assessment: Assessment; onReassess: () => void; reassessDisabled: boolean }
>(function AssessmentMeta({ assessment, onReassess, reassessDisabled }, reassessRef) {
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: token('space.100', '8px') }}>
      <p style={{ margin: 0, color: token('color.text.subtle', '#44546F') }}>
        Assessed {formatDate(assessment.createdAt)}
        {assessment.model ? ` with ${assessment.model}` : ''}
        {assessment.cached ? ' · saved result, the issue has not changed since' : ''}
      </p>
      {maskedText(assessment.masked) && (
        <p data-testid="masked-note" style={{ margin: 0, flexBasis: '100%', color: token('color.text.subtlest', '#626F86') }}>
          {maskedText(assessment.masked)}
        </p>
      )}
      <Button ref={reassessRef} appearance="default" onClick={onReassess} isDisabled={reassessDisabled} testId="reassess-button">
        Re-assess
      </Button>
    </div>
  );
});

function TextList({ title, items, empty }: { title: string; items: string[] | undefined; empty: string }) {
  const id = useId();
  const list = (items ?? []).filter((item) => typeof item === 'string' && item.trim() !== '');
  return (
    <section aria-labelledby={id} style={{ display: 'flex', flexDirection: 'column', gap: token('space.050', '4px') }}>
      <Heading size="xsmall" as="h2" id={id}>
        {title}
      </Heading>
      {list.length === 0 ? (
        <p style={{ margin: 0, color: token('color.text.subtle', '#44546F') }}>{empty}</p>
      ) : (
        <ul style={{ margin: 0, paddingLeft: token('space.300', '24px') }}>
          {list.map((item, index) => (
            <li key={index}>{item}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AssessmentDetails({ assessment }: { assessment: Assessment }) {
  const descriptionId = useId();
  return (
    <>
      <TextList title="Gaps" items={assessment.gaps} empty="No gaps found." />
      <TextList title="Recommendations" items={assessment.recommendations} empty="No recommendations." />
      <TextList title="Questions to ask the reporter" items={assessment.questions} empty="No open questions." />
      <section aria-labelledby={descriptionId} style={{ display: 'flex', flexDirection: 'column', gap: token('space.050', '4px') }}>
        <Heading size="xsmall" as="h2" id={descriptionId}>
          Improved description
        </Heading>
        {assessment.improvedDescription?.trim() ? (
          <div
            style={{
              border: `1px solid ${token('color.border', '#091E4224')}`,
              borderRadius: token('radius.small', '4px'),
              padding: `${token('space.100', '8px')} ${token('space.150', '12px')}`,
            }}
          >
            <LazyMarkdown headingLevel={3} testId="improved-description">
              {assessment.improvedDescription}
            </LazyMarkdown>
          </div>
        ) : (
          <p style={{ margin: 0, color: token('color.text.subtle', '#44546F') }}>The AI suggested no new description.</p>
        )}
      </section>
    </>
  );
}

function ActionsBar({
  assessment,
  issueKey,
  preparing,
  blocked,
  onAction,
}: {
  assessment: Assessment;
  issueKey: string;
  preparing: ProposalAction | undefined;
  blocked: boolean;
  onAction: (action: ProposalAction) => void;
}) {
  const busy = preparing !== undefined || blocked;
  const hasDescription = Boolean(assessment.improvedDescription?.trim());
  return (
    <div role="group" aria-label={`Use this assessment on ${issueKey}`} style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.100', '8px') }}>
      <Button
        appearance="default"
        onClick={() => onAction('comment')}
        isLoading={preparing === 'comment'}
        isDisabled={busy && preparing !== 'comment'}
        testId="post-comment-button"
      >
        Post as comment
      </Button>
      {hasDescription && (
        <Button
          appearance="default"
          onClick={() => onAction('apply-description')}
          isLoading={preparing === 'apply-description'}
          isDisabled={busy && preparing !== 'apply-description'}
          testId="apply-description-button"
        >
          Apply improved description
        </Button>
      )}
      <p style={{ margin: 0, flexBasis: '100%', color: token('color.text.subtle', '#44546F') }}>
        You will see exactly what changes in {issueKey} and confirm it first.
      </p>
    </div>
  );
}

function outcomeTitle(action: ProposalAction, issueKey: string): string {
  switch (action) {
    case 'comment':
      return `Comment posted to ${issueKey}`;
    case 'apply-description':
      return `Description of ${issueKey} updated`;
    default:
      return `Previous description of ${issueKey} restored`;
  }
}

function OutcomeMessage({
  outcome,
  issueKey,
  busy,
  onReassess,
  onRestore,
}: {
  outcome: Outcome;
  issueKey: string;
  busy: boolean;
  onReassess: () => void;
  onRestore: () => void;
}) {
  const key = outcome.done.result?.issueKey || issueKey;
  const url = safeHref(outcome.done.result?.url);
  const title = outcomeTitle(outcome.action, key);
  const body =
    outcome.action === 'comment'
      ? 'The assessment is now a comment on the issue.'
      : outcome.action === 'apply-description'
        ? 'Re-assess to score the new description, or restore the previous one if it does not fit.'
        : 'The issue has its earlier description again.';
  return (
    <SectionMessage appearance="success" title={title} testId="action-success">
      <p>{body}</p>
      {url && (
        <p>
          <a href={url} target="_blank" rel="noopener noreferrer">
            {outcome.action === 'comment' ? 'Open the comment' : `Open ${key}`}
          </a>
        </p>
      )}
      {outcome.action === 'apply-description' && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.100', '8px'), marginTop: token('space.100', '8px') }}>
          <Button appearance="primary" onClick={onReassess} isDisabled={busy} testId="reassess-now-button">
            Re-assess now
          </Button>
          <Button appearance="default" onClick={onRestore} isDisabled={busy} testId="restore-description-button">
            Restore previous description
          </Button>
        </div>
      )}
    </SectionMessage>
  );
}
