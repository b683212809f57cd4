import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge';
import SectionMessage, { type Appearance } from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { useEffect, useId, useRef, type ReactNode } from 'react';

import type { ChatProposal } from '../api';
import type { CardPhase } from '../chatState';
import { safeHref } from '../../../safeUrl';
import { createdKeys, issueUrl, outcomeText, postedComments, proposalTitle, type OutcomeTone } from '../proposalText';

export interface CardActions {
  onConfirm: () => void;
  onReject: () => void;
  /** Offered when the proposal has something to edit; `editing` says whether the editor is open. */
  onEdit?: () => void;
  editing?: boolean;
  /** Why Confirm is disabled (e.g. a required field is empty), shown next to it. */
  blocker?: string;
}

export interface CardFrameProps {
  proposal: ChatProposal;
  phase: CardPhase;
  declined: boolean;
  siteUrl?: string;
  actions: CardActions;
  children: ReactNode;
}

const TONE: Record<OutcomeTone, { appearance: Appearance; lozenge: ThemeAppearance; label: string }> = {
  success: { appearance: 'success', lozenge: 'success', label: 'Done' },
  declined: { appearance: 'information', lozenge: 'default', label: 'Not carried out' },
  error: { appearance: 'error', lozenge: 'removed', label: 'Failed' },
  warning: { appearance: 'warning', lozenge: 'moved', label: 'Check' },
};

/**
 * One proposal in the conversation: what will be written (the kind's body), Confirm / Edit /
 * Reject while it waits, then its outcome. It takes focus when it appears (unless another card
 * already has it) and keeps it when its buttons go away.
 */
export function CardFrame({ proposal, phase, declined, siteUrl, actions, children }: CardFrameProps) {
  const titleId = useId();
  const blockerId = useId();
  const ref = useRef<HTMLElement>(null);
  const outcome = phase === 'settled' ? outcomeText(proposal, declined) : undefined;

  useEffect(() => {
    const active = document.activeElement;
    if (phase === 'pending' && !(active instanceof HTMLElement && active.closest('[data-card-pending="true"]'))) {
      ref.current?.focus();
    }
    // Only when the card appears.
  }, []);

  useEffect(() => {
    // The pressed button is gone: keep keyboard focus on the card rather than lose it.
    if (phase !== 'pending' && (document.activeElement === document.body || document.activeElement === null)) {
      ref.current?.focus();
    }
  }, [phase]);

  const lozenge: { appearance: ThemeAppearance; label: string } =
    phase === 'pending'
      ? { appearance: 'new', label: 'Needs your confirmation' }
      : phase === 'settled' && outcome
        ? { appearance: TONE[outcome.tone].lozenge, label: TONE[outcome.tone].label }
        : { appearance: 'inprogress', label: phase === 'rejecting' ? 'Declining' : 'Carrying out' };

  return (
    <section
      ref={ref}
      className="chat-card"
      tabIndex={-1}
      aria-labelledby={titleId}
      data-phase={phase}
      data-card-pending={phase === 'pending'}
      data-testid={`proposal-${proposal.id}`}
    >
      <Inline space="space.100" alignBlock="center" spread="space-between" shouldWrap>
        <Heading size="xsmall" as="h3" id={titleId}>
          {proposalTitle(proposal)}
        </Heading>
        <Lozenge appearance={lozenge.appearance}>{lozenge.label}</Lozenge>
      </Inline>

      {children}

      {phase === 'pending' && (
        <>
          <Inline space="space.100" alignBlock="center" shouldWrap>
            <Button
              appearance="primary"
              onClick={actions.onConfirm}
              isDisabled={actions.blocker !== undefined}
              aria-describedby={actions.blocker ? blockerId : undefined}
              testId="proposal-confirm"
            >
              Confirm
            </Button>
            {actions.onEdit && (
              // Its label says what it does next (Edit / Preview); aria-pressed on top would contradict it.
              <Button onClick={actions.onEdit} testId="proposal-edit">
                {actions.editing ? 'Preview' : 'Edit'}
              </Button>
            )}
            <Button appearance="subtle" onClick={actions.onReject} testId="proposal-reject">
              Reject
            </Button>
          </Inline>
          {actions.blocker ? (
            <p id={blockerId} className="chat-subtle" data-testid="proposal-blocker">
              {actions.blocker}
            </p>
          ) : (
            <p className="chat-subtle">Nothing is written to Jira until you confirm; it is then written once, as you.</p>
          )}
        </>
      )}

      {(phase === 'confirming' || phase === 'rejecting' || phase === 'settling') && (
        <div className="chat-status" data-testid="proposal-working">
          <Spinner size="small" label={phase === 'rejecting' ? 'Declining' : 'Carrying out'} />
          <span>{phase === 'rejecting' ? 'Telling the assistant to go on without it…' : 'Writing it to Jira…'}</span>
        </div>
      )}

      {outcome && (
        <SectionMessage appearance={TONE[outcome.tone].appearance} title={outcome.title} testId="proposal-outcome">
          {outcome.detail && <p>{outcome.detail}</p>}
          {outcome.tone !== 'declined' && <OutcomeLinks proposal={proposal} siteUrl={siteUrl} />}
        </SectionMessage>
      )}
    </section>
  );
}

/** Links to what was written, built from the site URL of the app context (never from the model). */
function OutcomeLinks({ proposal, siteUrl }: { proposal: ChatProposal; siteUrl?: string }) {
  const links: Array<{ href: string; label: string }> = [];
  if (proposal.kind === 'standup.post') {
    for (const posted of postedComments(proposal)) {
      const href = safeHref(posted.url) ?? issueUrl(siteUrl, posted.issueKey, posted.commentId);
      if (href) links.push({ href, label: `Open the comment on ${posted.issueKey}` });
    }
  } else if (proposal.kind === 'draft.create') {
    for (const key of createdKeys(proposal)) {
      const href = issueUrl(siteUrl, key);
      if (href) links.push({ href, label: `Open ${key}` });
    }
  } else {
    const key = proposal.payload.issueKey;
    const commentId = proposal.kind === 'chat.comment' ? proposal.result?.commentId : undefined;
    const href = issueUrl(siteUrl, key, commentId);
    if (href) links.push({ href, label: proposal.kind === 'chat.comment' && commentId !== undefined ? 'Open the comment' : `Open ${key}` });
  }
  if (links.length === 0) return null;
  return (
    <Inline space="space.150" shouldWrap>
      {links.map((link) => (
        <a key={link.href} href={link.href} target="_blank" rel="noopener noreferrer">
          {link.label}
        </a>
      ))}
    </Inline>
  );
}
