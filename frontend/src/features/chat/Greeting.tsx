import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { useId } from 'react';

import type { ApiError } from '../../bridge';
import { ProblemMessage } from '../../components/ProblemMessage';
import type { Greeting as GreetingData } from './api';

export type GreetingState = { status: 'loading' } | { status: 'ready'; greeting: GreetingData } | { status: 'error'; error: ApiError };

export interface GreetingProps {
  state: GreetingState;
  /** A suggestion was pressed: send its prompt. */
  onSuggestion: (prompt: string) => void;
  /** A turn is under way: suggestions cannot be sent. */
  busy: boolean;
  onRetry: () => void;
}

/** "Hi Alice": what the assistant can do and a few things to ask, shown when a conversation is empty. */
export function Greeting({ state, onSuggestion, busy, onRetry }: GreetingProps) {
  const capabilitiesId = useId();
  if (state.status === 'loading') return <Skeleton label="Loading the assistant" />;
  if (state.status === 'error') {
    return (
      <ProblemMessage
        error={state.error}
        fallbackTitle="The greeting could not be loaded"
        nextStep="You can still ask the assistant anything below."
        appearance="warning"
      >
        <Button onClick={onRetry}>Load again</Button>
      </ProblemMessage>
    );
  }
  const { greeting } = state;
  return (
    <section aria-labelledby="chat-greeting" data-testid="chat-greeting">
      <Stack space="space.200">
        <Heading size="medium" as="h2" id="chat-greeting">
          {greeting.displayName ? `Hi ${greeting.displayName}` : 'Hi'}
        </Heading>
        {greeting.capabilities.length > 0 && (
          <Stack space="space.100">
            <p className="chat-subtle" id={capabilitiesId}>
              I can help you with your Jira work:
            </p>
            <ul className="chat-capabilities" aria-labelledby={capabilitiesId} data-testid="chat-capabilities">
              {greeting.capabilities.map((c) => (
                <li key={c.id}>
                  <strong>{c.title}</strong>
                  {c.description && <div className="chat-subtle">{c.description}</div>}
                </li>
              ))}
            </ul>
          </Stack>
        )}
        {greeting.readOnly && (
          <p className="chat-subtle" data-testid="chat-read-only">
            This site uses the assistant read-only: it looks things up but proposes no changes.
          </p>
        )}
        {greeting.suggestions.length > 0 && (
          <div className="chat-suggestions" role="group" aria-label="Suggestions" data-testid="chat-suggestions">
            {greeting.suggestions.map((s) => (
              <Button key={s.prompt} onClick={() => onSuggestion(s.prompt)} isDisabled={busy}>
                {s.label}
              </Button>
            ))}
          </div>
        )}
      </Stack>
    </section>
  );
}

/** Grey lines in the page's theme while something loads (no spinner-only screen). */
export function Skeleton({ label, lines = 3 }: { label: string; lines?: number }) {
  return (
    <div className="chat-skeleton" aria-busy="true" aria-label={label} role="img" data-testid="chat-skeleton">
      <span className="chat-skeleton-line" data-size="title" />
      {Array.from({ length: lines }, (_, i) => (
        <span key={i} className="chat-skeleton-line" data-size={i === lines - 1 ? 'short' : undefined} />
      ))}
    </div>
  );
}
