/**
 * What to do next about a problem the chat ran into, by its stable type (docs/api.md, "Problem
 * types"); `ProblemMessage` shows it when the server gave no time to retry.
 */
import type { ApiError } from '../../bridge';

const NEXT_STEPS: Readonly<Record<string, string>> = {
  'ai-not-configured': 'A Jira admin sets up the AI model in Jira settings → Apps → AI Assistant settings; then send your message again.',
  'ai-rejected': 'A Jira admin checks the AI model and key in AI Assistant settings.',
  'ai-budget-exceeded': 'The daily AI budget is spent; it starts again at midnight UTC.',
  'ai-quota-exhausted': 'The AI provider account has no quota left; the app’s operator checks its billing.',
  'too-many-tasks': 'Many AI requests are running on this site right now; send your message again when some have finished.',
  unauthenticated: 'Your Jira session changed: reload the page, then send your message again.',
  'not-visible': 'Check the issue key, or ask for permission to browse the issue.',
  'jira-forbidden': 'Ask a Jira admin for the permission this needs.',
  'task-not-found': 'Send your message again.',
  'task-conflict': 'The assistant had already moved on; look at the conversation below.',
  'proposal-not-pending': 'This proposal can no longer be confirmed; ask the assistant for a new one.',
};

const DEFAULT_STEP = 'Send your message again. If it keeps happening, tell your Jira admin.';

export function nextStepFor(error: ApiError): string {
  return knownNextStep(error) ?? (error.status === 0 ? 'Check your connection, then send your message again.' : DEFAULT_STEP);
}

/** The next step for a problem of a known type (shared with the stand-up view); undefined for any other. */
export function knownNextStep(error: ApiError): string | undefined {
  const name = error.type?.slice(error.type.lastIndexOf('/') + 1) ?? '';
  return Object.hasOwn(NEXT_STEPS, name) ? NEXT_STEPS[name] : undefined;
}
