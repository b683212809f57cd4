/**
 * Plain words for a proposal and its outcome, shared by the cards (lazy) and the page's live region
 * (eager, so this stays small), and the links to what was written, built from the site URL of the
 * app context, never from anything the model wrote.
 */
import { isIssueKey } from '../../issueKey';
import type { ChatProposal } from './api';

/** What the card asks the user to confirm, as its heading. */
export function proposalTitle(proposal: ChatProposal): string {
  switch (proposal.kind) {
    case 'chat.comment':
      return `Add a comment to ${proposal.payload.issueKey}`;
    case 'chat.transition':
      return `Move ${proposal.payload.issueKey} to ${proposal.payload.toStatus || proposal.payload.transitionName}`;
    case 'chat.assign':
      return `Assign ${proposal.payload.issueKey} to ${proposal.payload.displayName}`;
    case 'draft.create': {
      const count = proposal.payload.drafts.length;
      const project = proposal.payload.projectKey ? ` in ${proposal.payload.projectKey}` : '';
      return count === 1 ? `Create an issue${project}` : `Create ${count} issues${project}`;
    }
  }
}

export type OutcomeTone = 'success' | 'declined' | 'error' | 'warning';

export interface OutcomeText {
  tone: OutcomeTone;
  title: string;
  detail?: string;
}

/** What became of a settled proposal. */
export function outcomeText(proposal: ChatProposal, declined: boolean): OutcomeText {
  switch (declined ? 'REJECTED' : proposal.state) {
    case 'DONE':
      return { tone: 'success', title: doneTitle(proposal) };
    case 'REJECTED':
      return { tone: 'declined', title: 'Not carried out', detail: 'Nothing was written to Jira.' };
    case 'EXPIRED':
      return { tone: 'declined', title: 'This proposal expired', detail: 'Nothing was written to Jira. Ask the assistant again.' };
    case 'PARTIAL':
      return { tone: 'warning', title: 'Only part of it was done', detail: 'Some issues were created, others were not; see below.' };
    case 'UNCERTAIN':
      return {
        tone: 'warning',
        title: 'Jira did not confirm the change',
        detail: 'It may have been made. It is not sent again; the app checks Jira and updates it within minutes.',
      };
    case 'FAILED':
      return {
        tone: 'error',
        title: proposal.error?.title ?? 'It could not be done',
        detail: proposal.error?.detail ?? 'Nothing was written to Jira.',
      };
    default:
      return { tone: 'warning', title: 'Still being carried out', detail: 'Look at the issue in a moment.' };
  }
}

function doneTitle(proposal: ChatProposal): string {
  switch (proposal.kind) {
    case 'chat.comment':
      return `Comment added to ${proposal.payload.issueKey}`;
    case 'chat.transition':
      return `${proposal.payload.issueKey} moved to ${proposal.payload.toStatus}`;
    case 'chat.assign':
      return `${proposal.payload.issueKey} assigned to ${proposal.payload.displayName}`;
    case 'draft.create': {
      const keys = createdKeys(proposal);
      return keys.length > 0 ? `Created ${keys.join(', ')}` : 'Issues created';
    }
  }
}

/** The issues a `draft.create` proposal created (from its result). */
export function createdKeys(proposal: ChatProposal): string[] {
  const issues = proposal.result?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.flatMap((issue) => {
    const key = (issue as { key?: unknown } | null)?.key;
    return typeof key === 'string' && isIssueKey(key) ? [key] : [];
  });
}

/** `<siteUrl>/browse/KEY` (at the comment when given); undefined without a usable site URL or key. */
export function issueUrl(siteUrl: string | undefined, issueKey: string, commentId?: unknown): string | undefined {
  if (!siteUrl || !isIssueKey(issueKey)) return undefined;
  let base: URL;
  try {
    base = new URL(siteUrl);
  } catch {
    return undefined;
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') return undefined;
  const url = new URL(`/browse/${issueKey}`, base);
  if (typeof commentId === 'string' || typeof commentId === 'number') {
    const id = String(commentId);
    if (/^[0-9]+$/.test(id)) url.searchParams.set('focusedCommentId', id);
  }
  return url.toString();
}
