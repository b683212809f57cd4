import './chat.css';

import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import { lazy, Suspense, useCallback, useEffect, useId, useRef, useState } from 'react';

import { resolveAssistantIssue } from '../../assistantLink';
import { isConnect } from '../../bridge';
import { preloadMarkdown } from '../../components/LazyMarkdown';
import { NOT_CONFIGURED_MESSAGE } from '../../components/SurfaceFrame';
import { ProblemMessage } from '../../components/ProblemMessage';
import { projectOfIssueKey } from '../../issueKey';
import { prefetch } from '../../prefetch';
import { APP_CONTEXT_PATH, loadAppContext, useAppContext } from '../../useAppContext';
import { loadConversations, loadGreeting, type ChatContext } from './api';
import { Composer } from './Composer';
import { ConversationList } from './ConversationList';
import { Greeting } from './Greeting';
import { loadProposalCard, MessageList } from './MessageList';
import { preloadTurns, useChat } from './useChat';
import { CONVERSATIONS_KEY, useConversations } from './useConversations';
import { GREETING_KEY, useGreeting } from './useGreeting';
import { Skeleton } from './Greeting';
import { ViewTabs } from '../standup/ViewTabs';

// The stand-up view (its form, cards and team view) and the API tokens are downloaded only when opened.
const StandupView = lazy(() => import('../standup/StandupView'));
const ApiTokensPanel = lazy(() => import('../apitokens/ApiTokensPanel').then((module) => ({ default: module.ApiTokensPanel })));

type PageView = 'chat' | 'standup' | 'tokens';

const CHAT_VIEW = { id: 'chat', label: 'Chat' } as const;
const STANDUP_VIEW = { id: 'standup', label: 'Stand-up' } as const;
const TOKENS_VIEW = { id: 'tokens', label: 'API tokens' } as const;

/** A new conversation is listed under its first words until the server's title arrives. */
const PROVISIONAL_TITLE_LENGTH = 60;

/**
 * Starts the page's requests (app context, greeting, conversations) before React renders, in
 * parallel. Connect only (the assistant page's own entry); under Forge the hooks load them.
 */
export function prefetchChatData(): void {
  if (!isConnect()) return;
  prefetch(APP_CONTEXT_PATH, loadAppContext);
  prefetch(GREETING_KEY, loadGreeting);
  prefetch(CONVERSATIONS_KEY, loadConversations);
}

export interface ChatPageProps {
  /** Forge: the view context, for the issue the page was opened about. */
  forgeContext?: unknown;
}

/**
 * The AI Assistant page: conversations beside the chat (behind a button at narrow widths), the
 * greeting in a new conversation, the log with answers and proposal cards, the composer, and one
 * polite live region for what the assistant does and answers.
 */
export function ChatPage({ forgeContext }: ChatPageProps) {
  const sidebarId = useId();
  const app = useAppContext();
  const greeting = useGreeting();
  const conversations = useConversations();
  const chat = useChat({
    onNewConversation: (id, firstMessage) => {
      const now = new Date().toISOString();
      const title = firstMessage.length > PROVISIONAL_TITLE_LENGTH ? `${firstMessage.slice(0, PROVISIONAL_TITLE_LENGTH).trimEnd()}…` : firstMessage;
      conversations.add({ id, title, createdAt: now, updatedAt: now });
    },
    // The server may have titled the conversation and moved it up.
    onTurnEnded: () => conversations.reload(),
  });
  const { state } = chat;
  const [contextIssue, setContextIssue] = useState<string | undefined>();
  const [listOpen, setListOpen] = useState(false);
  /** The project of the issue the page was opened about (kept after the chat's context is used). */
  const [openedProject, setOpenedProject] = useState<string | undefined>();
  const [view, setView] = useState<PageView>('chat');
  /** The stand-up view is mounted when first opened, then kept (its answers survive a look at the chat). */
  const [standupOpened, setStandupOpened] = useState(false);
  const [tokensOpened, setTokensOpened] = useState(false);
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let current = true;
    resolveAssistantIssue(forgeContext).then(
      (issueKey) => {
        if (!current || !issueKey) return;
        setContextIssue(issueKey);
        setOpenedProject(projectOfIssueKey(issueKey));
      },
      () => {},
    );
    return () => {
      current = false;
    };
  }, [forgeContext]);

  // The greeting needs none of the turn code; fetch it while the user reads and types.
  useEffect(() => {
    const timer = setTimeout(preloadTurns, 0);
    return () => clearTimeout(timer);
  }, []);

  const context = app.status === 'ready' ? app.context : undefined;
  const blockedReason = context && !context.llmConfigured ? NOT_CONFIGURED_MESSAGE : undefined;
  const standupOn = context?.features?.standup === true;
  const views = standupOn ? [CHAT_VIEW, STANDUP_VIEW, TOKENS_VIEW] : [CHAT_VIEW, TOKENS_VIEW];
  const shown: PageView = views.some((candidate) => candidate.id === view) ? view : 'chat';
  const selectView = (next: PageView) => {
    setView(next);
    setListOpen(false);
    if (next === 'standup') setStandupOpened(true);
    if (next === 'tokens') setTokensOpened(true);
  };
  const busy = state.turn.status === 'running' ? 'running' : state.turn.status === 'waiting' ? 'waiting' : 'no';

  // A conversation with messages needs the Markdown renderer at once; so does an answer on its way.
  useEffect(() => {
    if (state.items.length > 0 || state.history.status === 'loading') preloadMarkdown();
  }, [state.items.length, state.history.status]);

  // Once the turn has ended, keyboard focus goes back to the composer unless the user went elsewhere.
  const wasBusy = useRef(false);
  useEffect(() => {
    if (busy !== 'no') {
      wasBusy.current = true;
      return;
    }
    if (!wasBusy.current) return;
    wasBusy.current = false;
    const active = document.activeElement;
    if (!active || active === document.body || logRef.current?.contains(active)) composerRef.current?.focus();
  }, [busy]);

  const send = useCallback(
    (text: string) => {
      const about: ChatContext | undefined = contextIssue
        ? { issueKey: contextIssue, ...(projectOfIssueKey(contextIssue) ? { projectKey: projectOfIssueKey(contextIssue) } : {}) }
        : undefined;
      if (!chat.send(text, about)) return false;
      // The context goes with the first message only: the conversation is about it from then on.
      setContextIssue(undefined);
      preloadMarkdown();
      void loadProposalCard().catch(() => {});
      composerRef.current?.focus();
      return true;
    },
    [chat, contextIssue],
  );

  const openConversation = useCallback(
    (conversationId?: string) => {
      chat.open(conversationId);
      setListOpen(false);
      composerRef.current?.focus();
    },
    [chat],
  );

  return (
    <main
      className="chat-page"
      aria-labelledby="chat-title"
      onKeyDown={(event) => {
        // Escape closes the conversations drawer wherever focus is (in it, or still on its button), unless a
        // dialog opened from it took the key first.
        if (event.key === 'Escape' && listOpen && !event.defaultPrevented) {
          setListOpen(false);
          toggleRef.current?.focus();
        }
      }}
    >
      <header className="chat-header">
        <span className="chat-list-toggle" hidden={shown !== 'chat'}>
          <Button
            ref={toggleRef}
            onClick={() => setListOpen((open) => !open)}
            aria-expanded={listOpen}
            aria-controls={sidebarId}
            testId="chat-list-toggle"
          >
            Conversations
          </Button>
        </span>
        <Heading size="medium" as="h1" id="chat-title">
          AI Assistant
        </Heading>
        <ViewTabs label="AI Assistant views" idPrefix="assistant" tabs={views} selected={shown} onSelect={selectView} testId="assistant-tabs" />
      </header>
      {tokensOpened && (
        <div role="tabpanel" id="assistant-panel-tokens" aria-labelledby="assistant-tab-tokens" className="chat-panel" hidden={shown !== 'tokens'}>
          <Suspense fallback={<div className="chat-log"><Skeleton label="Loading your API tokens" lines={3} /></div>}>
            <div className="chat-log">
              <ApiTokensPanel />
            </div>
          </Suspense>
        </div>
      )}
      {standupOn && standupOpened && (
        <div role="tabpanel" id="assistant-panel-standup" aria-labelledby="assistant-tab-standup" className="chat-panel" hidden={shown !== 'standup'}>
          <Suspense fallback={<div className="chat-log"><Skeleton label="Loading the stand-up" lines={5} /></div>}>
            <StandupView siteUrl={context?.siteUrl} projectKey={openedProject} />
          </Suspense>
        </div>
      )}
      <div
        className="chat-body"
        hidden={shown !== 'chat'}
        role="tabpanel"
        id="assistant-panel-chat"
        aria-labelledby="assistant-tab-chat"
      >
        <nav
          id={sidebarId}
          className="chat-sidebar"
          aria-label="Conversations"
          data-open={listOpen}
        >
          <ConversationList
            conversations={conversations}
            currentId={state.conversationId}
            onOpen={(id) => openConversation(id)}
            onNew={() => openConversation(undefined)}
            onDeleted={(id) => id === state.conversationId && chat.open(undefined)}
          />
        </nav>
        <div className="chat-main">
          <div role="status" className="chat-visually-hidden" data-testid="chat-announcement">
            {chat.announcement}
          </div>
          <MessageList
            ref={logRef}
            items={state.items}
            statusText={state.turn.status === 'running' ? state.turn.statusText : undefined}
            loadingHistory={state.history.status === 'loading'}
            siteUrl={context?.siteUrl}
            busy={busy !== 'no'}
            onAnswer={chat.answer}
            onRetry={(text) => void send(text)}
            before={
              <>
                {app.status === 'error' && (
                  <ProblemMessage error={app.error} fallbackTitle="AI Assistant could not load" nextStep="Reload the page." appearance="warning">
                    <Button onClick={app.retry}>Retry</Button>
                  </ProblemMessage>
                )}
                {blockedReason && (
                  <SectionMessage appearance="warning" title="AI model not set up">
                    <p>{blockedReason}</p>
                  </SectionMessage>
                )}
                {state.history.status === 'error' && (
                  <ProblemMessage
                    error={state.history.error}
                    fallbackTitle="This conversation could not be loaded"
                    nextStep="Open it again, or start a new conversation."
                    testId="chat-history-error"
                  >
                    <Button onClick={() => chat.open(state.conversationId)}>Open again</Button>
                  </ProblemMessage>
                )}
              </>
            }
            empty={
              <Greeting state={greeting.state} onSuggestion={(prompt) => void send(prompt)} busy={busy !== 'no' || blockedReason !== undefined} onRetry={greeting.retry} />
            }
          />
          <Composer
            ref={composerRef}
            busy={busy}
            blockedReason={blockedReason}
            contextIssue={contextIssue}
            onRemoveContext={() => {
              setContextIssue(undefined);
              composerRef.current?.focus();
            }}
            onSend={send}
            onCancel={state.turn.status !== 'idle' && state.turn.taskId ? chat.cancel : undefined}
            cancelling={state.turn.status !== 'idle' && state.turn.cancelling === true}
          />
        </div>
      </div>
    </main>
  );
}
