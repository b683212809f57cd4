/**
 * Today's stand-up as one reducer: loading the day, the answers and the issues kept, saving and
 * snoozing, then the comments to post (preview, edits, the post and its result). Pure, so each step
 * is tested without a page.
 */
import type { ApiError } from '../../bridge';
import type { AnswerId, Answers, Standup, StandupDay, StandupProposal, SuggestedIssue } from './api';

export type Review =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | {
      status: 'ready';
      proposal: StandupProposal;
      /** A PATCH or the confirm is on its way (nothing else may be sent meanwhile). */
      busy?: 'edit' | 'post';
      /** The last edit or post that failed. */
      problem?: { error: ApiError; action: 'edit' | 'post' };
    };

export interface TodayState {
  day: { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; day: StandupDay };
  answers: Answers;
  /** Suggested (or earlier kept) issues that become the stand-up's `issueKeys`, in the order kept. */
  kept: string[];
  /** Today's stand-up as last saved; null until it is. */
  saved: Standup | null;
  saving: boolean;
  saveError?: ApiError;
  snoozed: boolean;
  snoozing: boolean;
  snoozeError?: ApiError;
  review: Review;
}

export type TodayAction =
  | { type: 'load' }
  | { type: 'loaded'; day: StandupDay }
  | { type: 'load-failed'; error: ApiError }
  | { type: 'answer'; id: AnswerId; text: string }
  | { type: 'add-to-answer'; id: AnswerId; issue: SuggestedIssue }
  | { type: 'keep'; issueKey: string; kept: boolean }
  | { type: 'save' }
  | { type: 'saved'; standup: Standup }
  | { type: 'save-failed'; error: ApiError }
  | { type: 'snooze' }
  | { type: 'snoozed' }
  | { type: 'snooze-failed'; error: ApiError }
  | { type: 'preview' }
  | { type: 'previewed'; proposal: StandupProposal }
  | { type: 'preview-failed'; error: ApiError }
  | { type: 'review-busy'; busy: 'edit' | 'post' }
  | { type: 'review-updated'; proposal: StandupProposal }
  | { type: 'review-failed'; error: ApiError; action: 'edit' | 'post' };

const NO_ANSWERS: Answers = { yesterday: '', today: '', blockers: '' };

export const initialToday: TodayState = {
  day: { status: 'loading' },
  answers: NO_ANSWERS,
  kept: [],
  saved: null,
  saving: false,
  snoozed: false,
  snoozing: false,
  review: { status: 'idle' },
};

export function todayReducer(state: TodayState, action: TodayAction): TodayState {
  switch (action.type) {
    case 'load':
      return { ...state, day: { status: 'loading' } };
    case 'loaded': {
      const saved = action.day.standup;
      return {
        ...state,
        day: { status: 'ready', day: action.day },
        answers: saved ? { yesterday: saved.yesterday, today: saved.today, blockers: saved.blockers } : NO_ANSWERS,
        kept: saved ? saved.issueKeys : [],
        saved,
        snoozed: action.day.snoozed,
      };
    }
    case 'load-failed':
      return { ...state, day: { status: 'error', error: action.error } };
    case 'answer':
      return { ...state, answers: { ...state.answers, [action.id]: action.text } };
    case 'add-to-answer': {
      const line = issueLine(action.issue);
      const current = state.answers[action.id];
      if (current.includes(line)) return state;
      const text = current.trim() === '' ? line : `${current.replace(/\s+$/, '')}\n${line}`;
      return { ...state, answers: { ...state.answers, [action.id]: text } };
    }
    case 'keep': {
      const without = state.kept.filter((k) => k !== action.issueKey);
      return { ...state, kept: action.kept ? [...without, action.issueKey] : without };
    }
    case 'save':
      return { ...state, saving: true, saveError: undefined };
    case 'saved':
      // The comments were written from the answers before: preview them again.
      return { ...state, saving: false, saved: action.standup, review: { status: 'idle' } };
    case 'save-failed':
      return { ...state, saving: false, saveError: action.error };
    case 'snooze':
      return { ...state, snoozing: true, snoozeError: undefined };
    case 'snoozed':
      return { ...state, snoozing: false, snoozed: true };
    case 'snooze-failed':
      return { ...state, snoozing: false, snoozeError: action.error };
    case 'preview':
      return { ...state, review: { status: 'loading' } };
    case 'previewed':
      return { ...state, review: { status: 'ready', proposal: action.proposal } };
    case 'preview-failed':
      return { ...state, review: { status: 'error', error: action.error } };
    case 'review-busy':
      return state.review.status === 'ready' ? { ...state, review: { ...state.review, busy: action.busy, problem: undefined } } : state;
    case 'review-updated':
      return state.review.status === 'ready' ? { ...state, review: { status: 'ready', proposal: action.proposal } } : state;
    case 'review-failed':
      return state.review.status === 'ready'
        ? { ...state, review: { ...state.review, busy: undefined, problem: { error: action.error, action: action.action } } }
        : state;
  }
}

/** "SCRUM-2 Checkout button…": how a suggestion goes into an answer. */
export function issueLine(issue: SuggestedIssue): string {
  return issue.summary ? `${issue.issueKey} ${issue.summary}` : issue.issueKey;
}

/** The answers differ from what was saved (or nothing is saved and something is written). */
export function isDirty(state: TodayState): boolean {
  const { saved, answers, kept } = state;
  if (!saved) return Object.values(answers).some((a) => a.trim() !== '') || kept.length > 0;
  return (
    saved.yesterday !== answers.yesterday ||
    saved.today !== answers.today ||
    saved.blockers !== answers.blockers ||
    saved.issueKeys.length !== kept.length ||
    saved.issueKeys.some((k) => !kept.includes(k))
  );
}
