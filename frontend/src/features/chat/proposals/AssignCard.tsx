import type { AssignPayload } from '../api';
import type { KindCardProps } from './ProposalCard';
import { CardFrame } from './CardFrame';

/** `chat.assign`: the issue and the person it will be assigned to. */
export function AssignCard({ proposal, payload, phase, declined, siteUrl, onAnswer }: KindCardProps & { payload: AssignPayload }) {
  return (
    <CardFrame
      proposal={proposal}
      phase={phase}
      declined={declined}
      siteUrl={siteUrl}
      actions={{ onConfirm: () => onAnswer(proposal.id, true), onReject: () => onAnswer(proposal.id, false) }}
    >
      <dl className="chat-facts">
        <dt>Issue</dt>
        <dd>{payload.issueKey}</dd>
        <dt>Assignee</dt>
        <dd data-testid="proposal-assignee">{payload.displayName}</dd>
      </dl>
      {phase === 'pending' && <p className="chat-subtle">To assign someone else, reject this and tell the assistant who.</p>}
    </CardFrame>
  );
}
