import Heading from '@atlaskit/heading';
import { useEffect, useState } from 'react';

import type { ApiError } from '../../bridge';
import { asApiError } from '../../useAppContext';
import { Skeleton } from '../chat/Greeting';
import { loadHistory, type Question, type Standup } from './api';
import { dateInWords } from './dates';
import { ProblemNotice } from './ProblemNotice';

export interface HistoryListProps {
  questions: Question[];
  /** Changes when today's stand-up was saved: the list is read again. */
  version: string;
}

type HistoryState = { status: 'loading' } | { status: 'ready'; standups: Standup[] } | { status: 'error'; error: ApiError };

/** Earlier stand-ups, newest first, each collapsed to its date; opened it shows the three answers. */
export function HistoryList({ questions, version }: HistoryListProps) {
  const [state, setState] = useState<HistoryState>({ status: 'loading' });

  useEffect(() => {
    let current = true;
    loadHistory(30).then(
      (standups) => current && setState({ status: 'ready', standups }),
      (error: unknown) => current && setState({ status: 'error', error: asApiError(error) }),
    );
    return () => {
      current = false;
    };
  }, [version]);

  return (
    <section className="standup-section" aria-labelledby="standup-history-title" data-testid="standup-history">
      <Heading size="small" as="h3" id="standup-history-title">
        Your stand-ups
      </Heading>
      {state.status === 'loading' && <Skeleton label="Loading your stand-ups" lines={2} />}
      {state.status === 'error' && <ProblemNotice error={state.error} action="history" appearance="warning" />}
      {state.status === 'ready' && state.standups.length === 0 && <p className="chat-subtle">No stand-up saved yet.</p>}
      {state.status === 'ready' && state.standups.length > 0 && (
        <ul className="standup-plain-list standup-history">
          {state.standups.map((standup) => (
            <li key={standup.date || standup.createdAt}>
              <details data-testid={`standup-history-${standup.date}`}>
                <summary>{dateInWords(standup.date, true)}</summary>
                <dl className="standup-answers">
                  {questions.map((q) => (
                    <div key={q.id}>
                      <dt>{q.text}</dt>
                      <dd>{standup[q.id].trim() || <span className="chat-subtle">Skipped</span>}</dd>
                    </div>
                  ))}
                </dl>
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
