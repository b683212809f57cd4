import type { ChatProposal, UserInput } from '../api';
import type { CardPhase } from '../chatState';
import { AssignCard } from './AssignCard';
import { CommentCard } from './CommentCard';
import { DraftCreateCard } from './DraftCreateCard';
import { StandupCard } from './StandupCard';
import { TransitionCard } from './TransitionCard';

export interface ProposalCardProps {
  proposal: ChatProposal;
  phase: CardPhase;
  /** The user (or a Cancel) declined it. */
  declined: boolean;
  /** For links to what was written. */
  siteUrl?: string;
  onAnswer: (proposalId: string, confirmation: boolean, userInput?: UserInput) => void;
}

/** What every kind's card gets (besides its payload, typed by kind). */
export type KindCardProps = ProposalCardProps;

/** A proposal card by kind. Loaded lazily: the page needs it only once the assistant proposes something. */
export default function ProposalCard({ proposal, ...rest }: ProposalCardProps) {
  switch (proposal.kind) {
    case 'chat.comment':
      return <CommentCard proposal={proposal} payload={proposal.payload} {...rest} />;
    case 'chat.transition':
      return <TransitionCard proposal={proposal} payload={proposal.payload} {...rest} />;
    case 'chat.assign':
      return <AssignCard proposal={proposal} payload={proposal.payload} {...rest} />;
    case 'draft.create':
      return <DraftCreateCard proposal={proposal} payload={proposal.payload} {...rest} />;
    case 'standup.post':
      return <StandupCard proposal={proposal} payload={proposal.payload} {...rest} />;
  }
}
