/**
 * Today's stand-up: loads the day, saves and snoozes, previews the comments, sends each edit as the
 * whole payload (PATCH) and posts them once. Each action resolves to whether it worked (the view
 * moves focus then), and `announcement` says the outcome for the page's live region.
 */
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';

import { asApiError } from '../../useAppContext';
import {
  confirmPost,
  loadToday,
  previewComments,
  saveToday,
  snoozeToday,
  updatePayload,
  type AnswerId,
  type StandupComment,
  type StandupProposal,
  type SuggestedIssue,
} from './api';
import { timeInZone } from './dates';
import { problemText } from './problems';
import { initialToday, todayReducer } from './standupState';

export function useToday() {
  const [state, dispatch] = useReducer(todayReducer, initialToday);
  const [announcement, setAnnouncement] = useState('');
  const [attempt, setAttempt] = useState(0);
  const stateRef = useRef(state);
  stateRef.current = state;
  /** One request of each kind at a time, however fast the buttons are pressed. */
  const inFlight = useRef(new Set<string>());

  useEffect(() => {
    let current = true;
    dispatch({ type: 'load' });
    loadToday().then(
      (day) => current && dispatch({ type: 'loaded', day }),
      (error: unknown) => current && dispatch({ type: 'load-failed', error: asApiError(error) }),
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  const once = useCallback(async (key: string, work: () => Promise<boolean>): Promise<boolean> => {
    if (inFlight.current.has(key)) return false;
    inFlight.current.add(key);
    try {
      return await work();
    } finally {
      inFlight.current.delete(key);
    }
  }, []);

  const save = useCallback(
    () =>
      once('save', async () => {
        const { answers, kept, day } = stateRef.current;
        dispatch({ type: 'save' });
        setAnnouncement('');
        try {
          const standup = await saveToday(answers, kept);
          dispatch({ type: 'saved', standup });
          const zone = day.status === 'ready' ? day.day.timeZone : '';
          const at = timeInZone(standup.updatedAt, zone);
          setAnnouncement(at ? `Stand-up saved at ${at}.` : 'Stand-up saved.');
          return true;
        } catch (error) {
          const problem = asApiError(error);
          dispatch({ type: 'save-failed', error: problem });
          setAnnouncement(`Not saved: ${problemText(problem, 'save').title}`);
          return false;
        }
      }),
    [once],
  );

  const snooze = useCallback(
    () =>
      once('snooze', async () => {
        dispatch({ type: 'snooze' });
        try {
          await snoozeToday();
          dispatch({ type: 'snoozed' });
          setAnnouncement('Snoozed for today: the assistant will not ask for your stand-up in chat today.');
          return true;
        } catch (error) {
          const problem = asApiError(error);
          dispatch({ type: 'snooze-failed', error: problem });
          setAnnouncement(`Not snoozed: ${problemText(problem, 'snooze').title}`);
          return false;
        }
      }),
    [once],
  );

  const preview = useCallback(
    () =>
      once('preview', async () => {
        dispatch({ type: 'preview' });
        setAnnouncement('');
        try {
          const proposal = await previewComments(false);
          dispatch({ type: 'previewed', proposal });
          const count = proposal.payload.comments.length;
          setAnnouncement(count === 0 ? 'There is no comment to post.' : `${commentsText(count)} to review before posting.`);
          return true;
        } catch (error) {
          const problem = asApiError(error);
          dispatch({ type: 'preview-failed', error: problem });
          setAnnouncement(problemText(problem, 'preview').title);
          return false;
        }
      }),
    [once],
  );

  /** Sends the payload with `change` applied to its comments (the whole payload, as the contract wants). */
  const edit = useCallback(
    (change: (comments: StandupComment[]) => StandupComment[], said: string) =>
      once('review', async () => {
        const review = stateRef.current.review;
        if (review.status !== 'ready' || review.busy) return false;
        const { proposal } = review;
        const payload = { ...proposal.payload, comments: change(proposal.payload.comments) };
        dispatch({ type: 'review-busy', busy: 'edit' });
        try {
          const updated = await updatePayload(proposal.id, payload);
          dispatch({ type: 'review-updated', proposal: { ...updated, id: updated.id || proposal.id } });
          setAnnouncement(said);
          return true;
        } catch (error) {
          const problem = asApiError(error);
          dispatch({ type: 'review-failed', error: problem, action: 'edit' });
          setAnnouncement(problemText(problem, 'edit').title);
          return false;
        }
      }),
    [once],
  );

  const changeBody = useCallback(
    (commentId: string, body: string) =>
      edit((comments) => comments.map((c) => (c.id === commentId ? { ...c, body } : c)), 'Comment changed.'),
    [edit],
  );
  const setFlag = useCallback(
    (commentId: string, flag: boolean) =>
      edit(
        (comments) => comments.map((c) => (c.id === commentId ? { ...c, flag } : c)),
        flag ? 'The issue will be flagged as an impediment.' : 'The issue will not be flagged.',
      ),
    [edit],
  );
  const remove = useCallback(
    (comment: StandupComment) =>
      edit((comments) => comments.filter((c) => c.id !== comment.id), `The comment on ${comment.issueKey} was removed; it will not be posted.`),
    [edit],
  );

  const post = useCallback(
    () =>
      once('review', async () => {
        const review = stateRef.current.review;
        if (review.status !== 'ready' || review.busy || review.proposal.payload.comments.length === 0) return false;
        const sent: StandupProposal = review.proposal;
        dispatch({ type: 'review-busy', busy: 'post' });
        setAnnouncement('Posting the comments…');
        try {
          const outcome = await confirmPost(sent.id, sent);
          dispatch({ type: 'review-updated', proposal: outcome });
          setAnnouncement(postedText(outcome));
          return true;
        } catch (error) {
          const problem = asApiError(error);
          dispatch({ type: 'review-failed', error: problem, action: 'post' });
          setAnnouncement(problemText(problem, 'post').title);
          return false;
        }
      }),
    [once],
  );

  return {
    state,
    announcement,
    retry: useCallback(() => setAttempt((n) => n + 1), []),
    setAnswer: useCallback((id: AnswerId, text: string) => dispatch({ type: 'answer', id, text }), []),
    addToAnswer: useCallback((id: AnswerId, issue: SuggestedIssue) => dispatch({ type: 'add-to-answer', id, issue }), []),
    keep: useCallback((issueKey: string, kept: boolean) => dispatch({ type: 'keep', issueKey, kept }), []),
    save,
    snooze,
    preview,
    changeBody,
    setFlag,
    remove,
    post,
  };
}

export type TodayModel = ReturnType<typeof useToday>;

/** "1 comment" / "3 comments". */
export function commentsText(count: number): string {
  return `${count} comment${count === 1 ? '' : 's'}`;
}

/** What the post did, in one sentence for the live region. */
export function postedText(proposal: StandupProposal): string {
  const posted = proposal.result?.posted ?? [];
  const refused = proposal.result?.refused ?? [];
  const parts: string[] = [];
  if (posted.length > 0) parts.push(`${commentsText(posted.length)} posted.`);
  if (refused.length > 0) parts.push(`Not posted: ${refused.map((r) => r.issueKey).join(', ')}.`);
  if (parts.length === 0) {
    return proposal.state === 'DONE' ? 'The comments were posted.' : 'Jira has not confirmed the comments yet.';
  }
  return parts.join(' ');
}
