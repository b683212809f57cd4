import { useCallback, useEffect, useState } from 'react';

import type { ApiError } from '../../bridge';
import { takePrefetched } from '../../prefetch';
import { asApiError } from '../../useAppContext';
import { deleteConversation, loadConversations, renameConversation, type Conversation } from './api';

/** The key under which the entry may prefetch the list. */
export const CONVERSATIONS_KEY = 'chat:conversations';

export type ConversationsState =
  | { status: 'loading'; conversations: Conversation[] }
  | { status: 'ready'; conversations: Conversation[] }
  | { status: 'error'; conversations: Conversation[]; error: ApiError };

export interface Conversations {
  state: ConversationsState;
  /** Loads the list again (keeping the one shown meanwhile). */
  reload: () => void;
  /** A conversation the server just started: at the top, at once. */
  add: (conversation: Conversation) => void;
  /** Renames; rejects with the ApiError when the server refuses (the list keeps the old title). */
  rename: (id: string, title: string) => Promise<void>;
  remove: (id: string) => Promise<void>;
}

/** The user's conversations, newest first (as the server sends them). */
export function useConversations(): Conversations {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<ConversationsState>({ status: 'loading', conversations: [] });

  useEffect(() => {
    let current = true;
    setState((s) => ({ status: 'loading', conversations: s.conversations }));
    ((attempt === 0 ? takePrefetched<Conversation[]>(CONVERSATIONS_KEY) : undefined) ?? loadConversations()).then(
      (conversations) => current && setState({ status: 'ready', conversations }),
      (error: unknown) => current && setState((s) => ({ status: 'error', conversations: s.conversations, error: asApiError(error) })),
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  const add = useCallback((conversation: Conversation) => {
    setState((s) => ({ ...s, conversations: [conversation, ...s.conversations.filter((c) => c.id !== conversation.id)] }));
  }, []);

  const rename = useCallback(async (id: string, title: string) => {
    const renamed = await renameConversation(id, title);
    setState((s) => ({ ...s, conversations: s.conversations.map((c) => (c.id === id ? { ...c, ...renamed, id } : c)) }));
  }, []);

  const remove = useCallback(async (id: string) => {
    await deleteConversation(id);
    setState((s) => ({ ...s, conversations: s.conversations.filter((c) => c.id !== id) }));
  }, []);

  return { state, reload, add, rename, remove };
}
