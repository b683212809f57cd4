import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { forwardRef } from 'react';

export interface TaskWaitingMessageProps {
  title: string;
  /** The server's words for why the task waits (plain text). */
  message: string;
  /** A decision is on its way to the server: both buttons are disabled. */
  busy: boolean;
  onContinue: () => void;
  onCancel: () => void;
  /** `<prefix>-waiting`, `<prefix>-continue-button`, `<prefix>-cancel-button`. */
  testIdPrefix: string;
}

/**
 * A background task waits for the user (`waiting_confirmation`, e.g. picked up again after a
 * server restart): the server's message, Continue and Cancel. The ref is the Continue button, so
 * a surface can move focus there when the control the user was on disappears.
 */
export const TaskWaitingMessage = forwardRef<HTMLButtonElement, TaskWaitingMessageProps>(function TaskWaitingMessage(
  { title, message, busy, onContinue, onCancel, testIdPrefix },
  continueRef,
) {
  return (
    <SectionMessage appearance="warning" title={title} testId={`${testIdPrefix}-waiting`}>
      <p>{message}</p>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.100', '8px'), marginTop: token('space.100', '8px') }}>
        <Button ref={continueRef} appearance="primary" onClick={onContinue} isDisabled={busy} testId={`${testIdPrefix}-continue-button`}>
          Continue
        </Button>
        <Button appearance="subtle" onClick={onCancel} isDisabled={busy} testId={`${testIdPrefix}-cancel-button`}>
          Cancel
        </Button>
      </div>
    </SectionMessage>
  );
});
