import Button from '@atlaskit/button/new';
import Spinner from '@atlaskit/spinner';
import { forwardRef, lazy, Suspense, type ReactNode } from 'react';

import { LazyMarkdown } from '../../components/LazyMarkdown';
import { ProblemMessage } from '../../components/ProblemMessage';
import type { UserInput } from './api';
import type { ChatItem } from './chatState';
import { Skeleton } from './Greeting';
import { nextStepFor } from './problems';

// The cards (Lozenge, Select, the draft preview) are only downloaded once the assistant proposes something.
export const loadProposalCard = () => import('./proposals/ProposalCard');
const ProposalCard = lazy(loadProposalCard);

export interface MessageListProps {
  items: ChatItem[];
  /** What the running turn does now, shown in its answer bubble. */
  statusText?: string;
  /** The conversation's earlier messages are loading. */
  loadingHistory: boolean;
  /** Shown when there is nothing else (a new conversation): the greeting. */
  empty: ReactNode;
  /** Shown above the messages (e.g. a problem loading them). */
  before?: ReactNode;
  siteUrl?: string;
  onAnswer: (proposalId: string, confirmation: boolean, userInput?: UserInput) => void;
  onRetry: (text: string) => void;
  /** A turn is under way: "Try again" waits. */
  busy: boolean;
}

/**
 * The conversation as a log (`role="log"`). It is not a live region itself (`aria-live="off"`):
 * the page's one polite status announces activity and the finished answer, not every streamed
 * word. Focusable, so it can be scrolled with the keyboard.
 */
export const MessageList = forwardRef<HTMLDivElement, MessageListProps>(function MessageList(
  { items, statusText, loadingHistory, empty, before, siteUrl, onAnswer, onRetry, busy },
  ref,
) {
  return (
    <div ref={ref} className="chat-log" role="log" aria-live="off" aria-label="Conversation" tabIndex={0} data-testid="chat-log">
      <div className="chat-column">
        {before}
        {loadingHistory && <Skeleton label="Loading the conversation" lines={4} />}
        {!loadingHistory && items.length === 0 && empty}
        {items.map((item) => {
          switch (item.type) {
            case 'user':
              return (
                <div key={item.id} className="chat-bubble" data-role="user" data-testid="chat-user-message">
                  <span className="chat-visually-hidden">You: </span>
                  {item.text}
                </div>
              );
            case 'assistant':
              return (
                <div key={item.id} className="chat-bubble" data-role="assistant" data-testid="chat-answer" aria-busy={item.live || undefined}>
                  <span className="chat-visually-hidden">AI Assistant: </span>
                  {item.activity.length > 0 && (
                    <ul className="chat-activity" aria-label="What the assistant did" data-testid="chat-activity">
                      {item.activity.map((a, index) => (
                        <li key={index}>{a.message}</li>
                      ))}
                    </ul>
                  )}
                  {item.text !== '' && <LazyMarkdown headingLevel={3}>{item.text}</LazyMarkdown>}
                  {item.live && (
                    <div className="chat-status" data-testid="chat-working">
                      <Spinner size="small" label="Working" />
                      <span>{statusText}</span>
                    </div>
                  )}
                </div>
              );
            case 'proposal':
              return (
                <Suspense key={item.id} fallback={<Skeleton label="Loading the proposal" lines={2} />}>
                  <ProposalCard
                    proposal={item.proposal}
                    phase={item.phase}
                    declined={item.declined === true}
                    siteUrl={siteUrl}
                    onAnswer={onAnswer}
                  />
                </Suspense>
              );
            case 'problem':
              return (
                <ProblemMessage
                  key={item.id}
                  error={item.error}
                  fallbackTitle="The assistant ran into a problem"
                  nextStep={nextStepFor(item.error)}
                  testId="chat-problem"
                >
                  {item.retryText !== undefined && (
                    <Button onClick={() => onRetry(item.retryText!)} isDisabled={busy}>
                      Try again
                    </Button>
                  )}
                </ProblemMessage>
              );
            case 'notice':
              return (
                <p key={item.id} className="chat-subtle" data-testid="chat-notice">
                  {item.text}
                </p>
              );
          }
        })}
      </div>
    </div>
  );
});
