import Lozenge from '@atlaskit/lozenge';
import { Inline } from '@atlaskit/primitives/compiled/inline';

import type { StandupPostPayload } from '../../standup/api';
import { CommentPreview } from '../../standup/CommentPreview';
import type { KindCardProps } from './ProposalCard';
import { CardFrame } from './CardFrame';

/**
 * `standup.post`: the stand-up's comments, one per issue, each previewed as Jira will show it
 * (mentions as names), blocked ones marked and whether they will be flagged; confirmed at once.
 * Editing single comments is the stand-up view's job.
 */
export function StandupCard({ proposal, payload, phase, declined, siteUrl, onAnswer }: KindCardProps & { payload: StandupPostPayload }) {
  return (
    <CardFrame
      proposal={proposal}
      phase={phase}
      declined={declined}
      siteUrl={siteUrl}
      actions={{
        onConfirm: () => onAnswer(proposal.id, true),
        onReject: () => onAnswer(proposal.id, false),
        blocker: payload.comments.length === 0 ? 'There is no comment to post: reject this.' : undefined,
      }}
    >
      <ul className="chat-drafts" data-testid="proposal-standup-comments">
        {payload.comments.map((comment) => (
          <li key={comment.id} data-testid={`proposal-standup-${comment.issueKey}`}>
            <Inline space="space.100" alignBlock="center" shouldWrap>
              <strong>
                {comment.issueKey}
                {comment.summary && ` ${comment.summary}`}
              </strong>
              {comment.blocked && <Lozenge appearance="removed">Blocked</Lozenge>}
              {comment.flag && <Lozenge appearance="moved">Will be flagged</Lozenge>}
            </Inline>
            <CommentPreview body={comment.body} label={`Comment on ${comment.issueKey}`} headingLevel={4} />
          </li>
        ))}
      </ul>
    </CardFrame>
  );
}
