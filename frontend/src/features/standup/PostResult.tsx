import SectionMessage from '@atlaskit/section-message';
import { forwardRef } from 'react';

import { safeHref } from '../../safeUrl';
import { issueUrl } from '../chat/proposalText';
import type { PostedComment, StandupProposal } from './api';
import { commentsText } from './useToday';

export interface PostResultProps {
  proposal: StandupProposal;
  siteUrl?: string;
}

/** The link to a posted comment: the server's URL when it is http(s), else built from the site URL. */
export function commentLink(posted: PostedComment, siteUrl?: string): string | undefined {
  return safeHref(posted.url) ?? issueUrl(siteUrl, posted.issueKey, posted.commentId || undefined);
}

/**
 * What the post did: the comments posted, each with a link to it, and the issues Jira refused
 * with the reason (never skipped silently). Focusable, so focus lands here after Post.
 */
export const PostResult = forwardRef<HTMLDivElement, PostResultProps>(function PostResult({ proposal, siteUrl }, ref) {
  const posted = proposal.result?.posted ?? [];
  const refused = proposal.result?.refused ?? [];
  const unsure = proposal.state === 'UNCERTAIN' || proposal.state === 'EXECUTING';
  return (
    <div ref={ref} tabIndex={-1} className="standup-result standup-focus-target" data-focus="result" data-testid="standup-post-result">
      {posted.length > 0 && (
        <SectionMessage appearance="success" title={`${commentsText(posted.length)} posted`} testId="standup-posted">
          <ul className="standup-plain-list">
            {posted.map((p) => {
              const href = commentLink(p, siteUrl);
              return (
                <li key={p.issueKey}>
                  <strong>{p.issueKey}</strong>
                  {p.flagged && <span> (flagged as an impediment)</span>}
                  {href && (
                    <>
                      {': '}
                      <a href={href} target="_blank" rel="noopener noreferrer">
                        Open the comment<span className="chat-visually-hidden"> on {p.issueKey}</span>
                      </a>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        </SectionMessage>
      )}
      {refused.length > 0 && (
        <SectionMessage appearance="warning" title={`Not posted to ${refused.length === 1 ? '1 issue' : `${refused.length} issues`}`} testId="standup-refused">
          <ul className="standup-plain-list">
            {refused.map((r) => (
              <li key={r.issueKey}>
                <strong>{r.issueKey}</strong>: {r.reason || 'Jira refused the comment.'}
              </li>
            ))}
          </ul>
          <p>These are not tried again. Ask the project’s admin for permission, or post the update there yourself.</p>
        </SectionMessage>
      )}
      {proposal.state === 'FAILED' && (
        <SectionMessage appearance="error" title={proposal.error?.title ?? 'The comments could not be posted'} testId="standup-post-failed">
          <p>{proposal.error?.detail ?? 'Nothing was posted. Press Post again; no comment is posted twice.'}</p>
        </SectionMessage>
      )}
      {unsure && (
        <SectionMessage appearance="warning" title="Jira did not confirm the comments" testId="standup-post-uncertain">
          <p>They may have been posted. They are not sent again; the app checks Jira within minutes. Look at the issues in a moment.</p>
        </SectionMessage>
      )}
      {proposal.state === 'PARTIAL' && (
        <p className="chat-subtle">Jira failed for some comments. Press “Post the rest” to post only those; none is posted twice.</p>
      )}
    </div>
  );
});
