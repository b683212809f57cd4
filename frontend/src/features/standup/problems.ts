/**
 * A problem of the stand-up in plain words: the server's own title and detail when it sent a
 * problem (never a status code or a raw body), else what went wrong for this action, and what to do
 * next (the chat's next steps by problem type, a few of the stand-up's own first).
 */
import type { ApiError } from '../../bridge';
import { retryAfterText } from '../../retryAfter';
import { knownNextStep } from '../chat/problems';

/** What the user was doing, for the words of a problem. */
export type StandupAction = 'load' | 'save' | 'snooze' | 'history' | 'preview' | 'edit' | 'post' | 'team';

export interface ProblemText {
  title: string;
  detail?: string;
  next?: string;
}

const FAILED: Record<StandupAction, string> = {
  load: 'Your stand-up could not be loaded',
  save: 'Your stand-up was not saved',
  snooze: 'The stand-up could not be snoozed',
  history: 'Your earlier stand-ups could not be loaded',
  preview: 'The comments could not be prepared',
  edit: 'Your change to the comments was not saved',
  post: 'The comments could not be posted',
  team: 'The team’s stand-ups could not be loaded',
};

const AGAIN: Record<StandupAction, string> = {
  load: 'Reload the page.',
  save: 'Your answers are still here: save again.',
  snooze: 'Try again.',
  history: 'Reload the page to see them.',
  preview: 'Preview the comments again.',
  edit: 'Make the change again.',
  post: 'Nothing is posted twice: press Post again.',
  team: 'Show the team again.',
};

const STANDUP_STEPS: Readonly<Record<string, string>> = {
  unauthenticated: 'Your Jira session changed: reload the page.',
  'proposal-not-pending': 'These comments can no longer be posted: preview them again.',
  'proposal-not-found': 'Preview the comments again.',
  'invalid-proposal': 'Check the comments, then save the change again.',
  'bad-request': 'Check your answers (each at most 4000 characters, at least one written), then save again.',
};

export function problemText(error: ApiError, action: StandupAction): ProblemText {
  const type = error.type?.slice(error.type.lastIndexOf('/') + 1) ?? '';
  const fromServer = error.problem !== undefined;
  let title = (fromServer && error.title) || FAILED[action];
  let detail = fromServer ? error.detail : undefined;
  let next = retryAfterText(error) ?? (Object.hasOwn(STANDUP_STEPS, type) ? STANDUP_STEPS[type] : knownNextStep(error));

  if (action === 'preview' && error.status === 409 && type !== 'proposal-not-pending') {
    title = 'Save your stand-up first';
    detail = 'The comments are written from your saved answers, and today’s stand-up is not saved yet.';
    next = 'Answer at least one question, press Save, then preview the comments.';
  } else if (action === 'team' && (error.status === 404 || type === 'not-visible')) {
    title = 'You cannot see this project or it does not exist.';
    detail = undefined;
    next = 'Check the project key, or ask a Jira admin for permission to browse the project.';
  } else if (action === 'post' && type === 'proposal-outcome-unknown') {
    title = 'Jira did not confirm the comments';
    detail = 'They may have been posted. They are not sent again; the app checks Jira within minutes.';
    next = 'Look at the issues in a moment.';
  } else if (error.status === 0) {
    next = 'Check your connection, then try again.';
  }
  return { title, detail, next: next ?? AGAIN[action] };
}
