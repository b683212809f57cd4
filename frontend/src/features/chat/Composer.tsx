import Button from '@atlaskit/button/new';
import TextArea from '@atlaskit/textarea';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { forwardRef, useId, useState, type KeyboardEvent } from 'react';

import { MESSAGE_MAX } from './api';

/** The counter shows from here on. */
const COUNTER_FROM = MESSAGE_MAX - 1000;

export interface ComposerProps {
  /** A turn runs (`running`) or waits for a proposal's answer (`waiting`): nothing can be sent. */
  busy: 'no' | 'running' | 'waiting';
  /** Why nothing can be sent at all (no AI model), shown under the field. */
  blockedReason?: string;
  /** The issue the next message is about ("About SCRUM-2"), removable. */
  contextIssue?: string;
  onRemoveContext: () => void;
  /** Sends the text; false when it was not taken (the field keeps it). */
  onSend: (text: string) => boolean;
  /** Stops the running turn; undefined while it cannot be stopped yet. */
  onCancel?: () => void;
  cancelling: boolean;
}

/**
 * The message field: Enter sends, Shift+Enter starts a new line; at most 10,000 characters, with a
 * counter near the limit. While a turn is under way the field is read-only (it keeps focus and the
 * text) and Cancel stops the turn. The ref is the textarea, for the page to move focus back here.
 */
export const Composer = forwardRef<HTMLTextAreaElement, ComposerProps>(function Composer(
  { busy, blockedReason, contextIssue, onRemoveContext, onSend, onCancel, cancelling },
  ref,
) {
  const id = useId();
  const [text, setText] = useState('');
  const over = text.length > MESSAGE_MAX;
  const blocked = busy !== 'no' || blockedReason !== undefined;
  const canSend = !blocked && !over && text.trim() !== '';

  const send = () => {
    if (!canSend) return;
    if (onSend(text.trim())) setText('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter while composing (IME) picks a candidate; Shift+Enter is a new line.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    send();
  };

  const hint =
    busy === 'running'
      ? 'The assistant is answering. Cancel stops it.'
      : busy === 'waiting'
        ? 'Confirm or reject the proposal above to go on, or Cancel.'
        : (blockedReason ?? 'Enter sends, Shift+Enter starts a new line.');

  return (
    <div className="chat-composer">
      <div className="chat-composer-inner">
        {contextIssue && (
          <div className="chat-context" data-testid="chat-context">
            <span>About {contextIssue}</span>
            <Button appearance="subtle" spacing="compact" onClick={onRemoveContext} aria-label={`Remove ${contextIssue} from the message`}>
              Remove
            </Button>
          </div>
        )}
        <label htmlFor={`${id}-message`} className="chat-label">
          Message the AI Assistant
        </label>
        <TextArea
          ref={ref}
          id={`${id}-message`}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          onKeyDown={onKeyDown}
          minimumRows={2}
          maxHeight="30vh"
          resize="smart"
          isReadOnly={busy !== 'no'}
          aria-disabled={blocked || undefined}
          isInvalid={over}
          aria-describedby={`${id}-hint${text.length >= COUNTER_FROM ? ` ${id}-count` : ''}`}
          placeholder="Ask about your work, an issue, or what to do next…"
          testId="chat-input"
        />
        <Inline space="space.100" alignBlock="center" spread="space-between" shouldWrap>
          <span id={`${id}-hint`} className="chat-subtle">
            {hint}
          </span>
          <Inline space="space.100" alignBlock="center">
            {text.length >= COUNTER_FROM && (
              <span id={`${id}-count`} className="chat-counter" data-over={over} data-testid="chat-counter">
                {over
                  ? `${(text.length - MESSAGE_MAX).toLocaleString('en')} characters too many (${MESSAGE_MAX.toLocaleString('en')} at most)`
                  : `${text.length.toLocaleString('en')} / ${MESSAGE_MAX.toLocaleString('en')}`}
              </span>
            )}
            {busy !== 'no' ? (
              <Button appearance="default" onClick={onCancel} isDisabled={!onCancel} isLoading={cancelling} testId="chat-cancel">
                Cancel
              </Button>
            ) : (
              <Button appearance="primary" onClick={send} isDisabled={!canSend} testId="chat-send">
                Send
              </Button>
            )}
          </Inline>
        </Inline>
      </div>
    </div>
  );
});
