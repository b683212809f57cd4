import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import type { RefObject } from 'react';

import type { ApiError } from '../../bridge';
import { ProblemMessage } from '../../components/ProblemMessage';

export interface DeleteConversationModalProps {
  title: string;
  isDeleting: boolean;
  error?: ApiError;
  onDelete: () => void;
  onCancel: () => void;
  /** Where focus goes when the modal closes (read then: the caller may point it elsewhere meanwhile). */
  returnFocusTo: RefObject<HTMLElement>;
}

/** Asks before a conversation and its messages are deleted. Loaded lazily (it pulls in the modal dialog). */
export default function DeleteConversationModal({ title, isDeleting, error, onDelete, onCancel, returnFocusTo }: DeleteConversationModalProps) {
  return (
    <Modal testId="delete-conversation-modal" shouldReturnFocus={returnFocusTo} onClose={() => !isDeleting && onCancel()} width="small">
      <ModalHeader>
        <ModalTitle appearance="danger">Delete this conversation?</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <p>“{title}” and all its messages will be deleted. This cannot be undone.</p>
        {error && <ProblemMessage error={error} fallbackTitle="The conversation was not deleted" nextStep="Try again, or cancel." />}
      </ModalBody>
      <ModalFooter>
        <Button appearance="subtle" onClick={onCancel} isDisabled={isDeleting} testId="delete-cancel">
          Cancel
        </Button>
        <Button appearance="danger" onClick={onDelete} isLoading={isDeleting} testId="delete-confirm">
          Delete
        </Button>
      </ModalFooter>
    </Modal>
  );
}
