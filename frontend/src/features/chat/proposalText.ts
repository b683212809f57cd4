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
    case 'standup.post': {
      const keys = proposal.payload.comments.map((c) => c.issueKey);
      return keys.length === 1 ? `Post your stand-up to ${keys[0]}` : `Post your stand-up to ${keys.length} issues`;
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
      if (proposal.kind === 'standup.post') return standupOutcome(proposal);
      return { tone: 'success', title: doneTitle(proposal) };
    case 'REJECTED':
      return { tone: 'declined', title: 'Not carried out', detail: 'Nothing was written to Jira.' };
    case 'EXPIRED':
      return { tone: 'declined', title: 'This proposal expired', detail: 'Nothing was written to Jira. Ask the assistant again.' };
    case 'PARTIAL':
      if (proposal.kind === 'standup.post') {
        const done = standupOutcome(proposal);
        return { tone: 'warning', title: done.title, detail: [done.detail, 'Jira failed for the others; confirm again to post only those.'].filter(Boolean).join(' ') };
      }
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
    case 'standup.post':
      return standupOutcome(proposal).title;
  }
}

/** The comments a `standup.post` proposal posted (from its result): issue, comment id and link as the server gave them. */
export function postedComments(proposal: ChatProposal): Array<{ issueKey: string; commentId?: string; url?: string }> {
  const posted = proposal.result?.posted;
  if (!Array.isArray(posted)) return [];
  return posted.flatMap((p) => {
    const { issueKey, commentId, url } = (p ?? {}) as { issueKey?: unknown; commentId?: unknown; url?: unknown };
    if (typeof issueKey !== 'string' || !isIssueKey(issueKey)) return [];
    return [{
      issueKey,
      commentId: typeof commentId === 'string' || typeof commentId === 'number' ? String(commentId) : undefined,
      url: typeof url === 'string' ? url : undefined,
    }];
  });
}

/** "2 comments posted", and the issues Jira refused named with why. */
function standupOutcome(proposal: ChatProposal): OutcomeText {
  const count = postedComments(proposal).length;
  const refusedList = proposal.result?.refused;
  const refused = (Array.isArray(refusedList) ? refusedList : []).flatMap((r) => {
    const { issueKey, reason } = (r ?? {}) as { issueKey?: unknown; reason?: unknown };
    if (typeof issueKey !== 'string' || !isIssueKey(issueKey)) return [];
    return [typeof reason === 'string' && reason.trim() !== '' ? `${issueKey} (${reason.trim().replace(/\.$/, '')})` : issueKey];
  });
  const title = count === 0 ? 'No comment posted' : `${count} comment${count === 1 ? '' : 's'} posted`;
  if (refused.length === 0) return { tone: count === 0 ? 'warning' : 'success', title };
  return { tone: 'warning', title, detail: `Not posted: ${refused.join('; ')}.` };
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
