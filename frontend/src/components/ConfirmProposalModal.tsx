import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import { token } from '@atlaskit/tokens';
import { useId, type CSSProperties } from 'react';

import type { ApiError } from '../bridge';
import type { Proposal } from '../assessment';
import { ProblemMessage } from './ProblemMessage';
import { SafeMarkdown } from './SafeMarkdown';

export interface ConfirmProposalModalProps {
  proposal: Proposal;
  issueKey: string;
  /** The confirm request is in flight: Confirm shows a spinner, nothing else can be pressed. */
  isConfirming: boolean;
  /** The last confirm failed; the user can try again (confirming twice is safe) or cancel. */
  error?: ApiError;
  onConfirm: () => void;
  onCancel: () => void;
}

function modalTitle(proposal: Proposal, issueKey: string): string {
  switch (proposal.action) {
    case 'comment':
      return `Post this comment to ${issueKey}?`;
    case 'apply-description':
      return `Replace the description of ${issueKey}?`;
    default:
      return `Restore the previous description of ${issueKey}?`;
  }
}

function intro(proposal: Proposal, issueKey: string): string {
  switch (proposal.action) {
    case 'comment':
      return `This exact comment will be added to ${issueKey}. Nothing is posted until you confirm.`;
    case 'apply-description':
      return `The description of ${issueKey} will be replaced with the new one below. Nothing changes until you confirm; afterwards you can restore the current description.`;
    default:
      return `The description of ${issueKey} will be set back to the text below. Nothing changes until you confirm.`;
  }
}

const previewBox: CSSProperties = {
  border: `1px solid ${token('color.border', '#091E4224')}`,
  borderRadius: token('radius.small', '4px'),
  padding: `${token('space.100', '8px')} ${token('space.150', '12px')}`,
  maxHeight: '50vh',
  overflow: 'auto',
  backgroundColor: token('elevation.surface.sunken', '#F7F8F9'),
};

function Preview({ title, markdown }: { title: string; markdown: string | undefined }) {
  const id = useId();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: token('space.100', '8px'), minWidth: 0 }}>
      <Heading size="xsmall" as="h2" id={id}>
        {title}
      </Heading>
      {/* Focusable so a long preview can be scrolled with the keyboard. */}
      <div style={previewBox} tabIndex={0} role="region" aria-labelledby={id}>
        {markdown && markdown.trim() !== '' ? (
          <SafeMarkdown headingLevel={3}>{markdown}</SafeMarkdown>
        ) : (
          <p style={{ color: token('color.text.subtlest', '#626F86') }}>(empty)</p>
        )}
      </div>
    </div>
  );
}

function expiryText(expiresAt: string): string | undefined {
  const date = new Date(expiresAt);
  if (Number.isNaN(date.getTime())) return undefined;
  return `This preview is valid until ${date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}.`;
}

/**
 * Shows exactly the preview the server prepared for a proposal and asks for confirmation.
 * Loaded lazily (it pulls in `@atlaskit/modal-dialog`).
 */
export default function ConfirmProposalModal({
  proposal,
  issueKey,
  isConfirming,
  error,
  onConfirm,
  onCancel,
}: ConfirmProposalModalProps) {
  const isApply = proposal.action === 'apply-description';
  const expiry = expiryText(proposal.expiresAt);

  return (
    <Modal
      testId="confirm-modal"
      width={isApply ? 'x-large' : 'medium'}
      // Escape and the blanket cancel too, but not while the change is being made.
      onClose={() => {
        if (!isConfirming) onCancel();
      }}
    >
      <ModalHeader>
        <ModalTitle>{modalTitle(proposal, issueKey)}</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <div style={{ display: 'flex', flexDirection: 'column', gap: token('space.200', '16px') }}>
          <p style={{ margin: 0 }}>{intro(proposal, issueKey)}</p>
          {isApply ? (
            <div
              style={{
                display: 'grid',
                gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))',
                gap: token('space.200', '16px'),
              }}
            >
              <Preview title="Current description" markdown={proposal.preview.currentDescription} />
              <Preview title="New description" markdown={proposal.preview.markdown} />
            </div>
          ) : (
            <Preview
              title={proposal.action === 'comment' ? 'Comment' : 'Description to restore'}
              markdown={proposal.preview.markdown}
            />
          )}
          {expiry && <p style={{ margin: 0, color: token('color.text.subtle', '#44546F') }}>{expiry}</p>}
          {error && (
            <ProblemMessage
              error={error}
              fallbackTitle="The change was not made"
              nextStep="Press Confirm to try again, or Cancel."
            />
          )}
        </div>
      </ModalBody>
      <ModalFooter>
        <Button appearance="subtle" onClick={onCancel} isDisabled={isConfirming} testId="cancel-button">
          Cancel
        </Button>
        <Button appearance="primary" onClick={onConfirm} isLoading={isConfirming} testId="confirm-button">
          Confirm
        </Button>
      </ModalFooter>
    </Modal>
  );
}
