import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';

import type { ApiError } from '../../bridge';
import { ProblemMessage } from '../../components/ProblemMessage';

export interface RevokeTokenModalProps {
  name: string;
  prefix: string;
  isRevoking: boolean;
  error?: ApiError;
  onRevoke: () => void;
  onCancel: () => void;
}

/** Asks before a token is revoked: scripts using it stop working at once. */
export default function RevokeTokenModal({ name, prefix, isRevoking, error, onRevoke, onCancel }: RevokeTokenModalProps) {
  return (
    <Modal testId="revoke-token-modal" onClose={() => !isRevoking && onCancel()} width="small">
      <ModalHeader>
        <ModalTitle appearance="danger">Revoke this token?</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <p>
          “{name}” ({prefix}…) stops working at once: scripts that use it get “API token not valid”. This cannot be undone.
        </p>
        {error && <ProblemMessage error={error} fallbackTitle="The token was not revoked" nextStep="Try again, or cancel." />}
      </ModalBody>
      <ModalFooter>
        <Button appearance="subtle" onClick={onCancel} isDisabled={isRevoking} testId="revoke-cancel">
          Cancel
        </Button>
        <Button appearance="danger" onClick={onRevoke} isLoading={isRevoking} testId="revoke-confirm">
          Revoke
        </Button>
      </ModalFooter>
    </Modal>
  );
}
