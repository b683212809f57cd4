import Button from '@atlaskit/button/new';
import TextField from '@atlaskit/textfield';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { lazy, Suspense, useRef, useState, type KeyboardEvent } from 'react';

import { ProblemMessage } from '../../components/ProblemMessage';
import type { ApiError } from '../../bridge';
import { asApiError } from '../../useAppContext';
import { TITLE_MAX, type Conversation } from './api';
import { Skeleton } from './Greeting';
import type { Conversations } from './useConversations';

const DeleteConversationModal = lazy(() => import('./DeleteConversationModal'));

export interface ConversationListProps {
  conversations: Conversations;
  currentId?: string;
  onOpen: (conversationId: string) => void;
  onNew: () => void;
  /** The conversation was deleted (the page opens a new one when it was the open one). */
  onDeleted: (conversationId: string) => void;
}

type Renaming = { id: string; title: string; saving: boolean; error?: string };
type Deleting = { conversation: Conversation; deleting: boolean; error?: ApiError };

/** Conversations, newest first: open one (the current one is highlighted), start a new one, rename inline, delete after a confirm. */
export function ConversationList({ conversations, currentId, onOpen, onNew, onDeleted }: ConversationListProps) {
  const { state } = conversations;
  const [renaming, setRenaming] = useState<Renaming | undefined>();
  const [deleting, setDeleting] = useState<Deleting | undefined>();
  const newRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  /**
   * Where focus goes once the delete modal closes: its Delete button when cancelled, New
   * conversation once deleted (the modal would otherwise return focus to a button that is gone).
   */
  const returnFocusRef = useRef<HTMLElement | null>(null);
  /** Escape closes the field without saving, though its blur follows. */
  const skipBlurRef = useRef(false);

  const focusConversation = (id: string) =>
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLButtonElement>(`[data-conversation="${CSS.escape(id)}"]`)?.focus());

  const saveRename = async () => {
    if (!renaming || renaming.saving) return;
    const title = renaming.title.trim();
    const before = state.conversations.find((c) => c.id === renaming.id);
    if (title === '' || title.length > TITLE_MAX) {
      setRenaming({ ...renaming, error: `A title has 1 to ${TITLE_MAX} characters.` });
      return;
    }
    if (title === before?.title) {
      setRenaming(undefined);
      return;
    }
    setRenaming({ ...renaming, saving: true, error: undefined });
    try {
      await conversations.rename(renaming.id, title);
      const id = renaming.id;
      setRenaming(undefined);
      // Back to the conversation the field replaced.
      focusConversation(id);
    } catch (error) {
      const problem = asApiError(error);
      setRenaming((r) => r && { ...r, saving: false, error: problem.detail ?? problem.title ?? problem.message });
    }
  };

  const onRenameKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void saveRename();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      skipBlurRef.current = true;
      const id = renaming?.id;
      setRenaming(undefined);
      if (id) focusConversation(id);
    }
  };

  const confirmDelete = async () => {
    if (!deleting || deleting.deleting) return;
    const { conversation } = deleting;
    setDeleting({ ...deleting, deleting: true, error: undefined });
    try {
      await conversations.remove(conversation.id);
      returnFocusRef.current = newRef.current;
      setDeleting(undefined);
      onDeleted(conversation.id);
    } catch (error) {
      setDeleting((d) => d && { ...d, deleting: false, error: asApiError(error) });
    }
  };

  return (
    <Stack space="space.100">
      <Button ref={newRef} appearance="primary" onClick={onNew} shouldFitContainer testId="chat-new-conversation">
        New conversation
      </Button>
      {state.status === 'loading' && state.conversations.length === 0 && <Skeleton label="Loading your conversations" lines={3} />}
      {state.status === 'error' && (
        <ProblemMessage error={state.error} fallbackTitle="Your conversations could not be loaded" nextStep="Try again in a moment." appearance="warning">
          <Button onClick={conversations.reload}>Load again</Button>
        </ProblemMessage>
      )}
      {state.status === 'ready' && state.conversations.length === 0 && <p className="chat-subtle">No conversations yet.</p>}
      <ul ref={listRef} className="chat-conversations" data-testid="chat-conversations">
        {state.conversations.map((conversation) => {
          const current = conversation.id === currentId;
          const title = conversation.title || 'Untitled conversation';
          if (renaming?.id === conversation.id) {
            return (
              <li key={conversation.id} className="chat-conversation" data-current={current}>
                <div className="chat-conversation-rename">
                  <TextField
                    aria-label="Conversation title"
                    value={renaming.title}
                    autoFocus
                    isCompact
                    isDisabled={renaming.saving}
                    isInvalid={renaming.error !== undefined}
                    maxLength={TITLE_MAX + 1}
                    onChange={(e) => {
                      const next = e.currentTarget.value;
                      setRenaming((r) => r && { ...r, title: next, error: undefined });
                    }}
                    onKeyDown={onRenameKey}
                    onBlur={() => {
                      if (skipBlurRef.current) skipBlurRef.current = false;
                      else void saveRename();
                    }}
                    testId="chat-rename-input"
                  />
                  {renaming.error && (
                    <p className="chat-counter" data-over="true" role="alert">
                      {renaming.error}
                    </p>
                  )}
                </div>
              </li>
            );
          }
          return (
            <li key={conversation.id} className="chat-conversation" data-current={current} data-testid="chat-conversation">
              <button
                type="button"
                className="chat-conversation-open"
                aria-current={current ? 'page' : undefined}
                data-conversation={conversation.id}
                onClick={() => onOpen(conversation.id)}
              >
                <span className="chat-conversation-title">{title}</span>
                {conversation.updatedAt && <span className="chat-conversation-date">{shortDate(conversation.updatedAt)}</span>}
              </button>
              <Button
                appearance="subtle"
                spacing="compact"
                onClick={() => {
                  skipBlurRef.current = false;
                  setRenaming({ id: conversation.id, title: conversation.title, saving: false });
                }}
                aria-label={`Rename ${title}`}
                testId="chat-rename"
              >
                Rename
              </Button>
              <Button
                appearance="subtle"
                spacing="compact"
                onClick={(event) => {
                  returnFocusRef.current = event.currentTarget;
                  setDeleting({ conversation, deleting: false });
                }}
                aria-label={`Delete ${title}`}
                testId="chat-delete"
              >
                Delete
              </Button>
            </li>
          );
        })}
      </ul>
      {deleting && (
        <Suspense fallback={null}>
          <DeleteConversationModal
            title={deleting.conversation.title || 'Untitled conversation'}
            isDeleting={deleting.deleting}
            error={deleting.error}
            onDelete={() => void confirmDelete()}
            onCancel={() => setDeleting(undefined)}
            returnFocusTo={returnFocusRef}
          />
        </Suspense>
      )}
    </Stack>
  );
}

function shortDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const today = new Date();
  return date.toDateString() === today.toDateString()
    ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}
