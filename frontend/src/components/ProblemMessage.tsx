import SectionMessage, { type Appearance } from '@atlaskit/section-message';
import type { ReactNode } from 'react';

import { retryAfterText } from '../retryAfter';
import type { ApiError } from '../bridge';

export interface ProblemMessageProps {
  error: ApiError;
  /** Title when the problem has none. */
  fallbackTitle: string;
  /** What the user can do next, shown when the server gave no retry time. */
  nextStep?: string;
  appearance?: Appearance;
  /** Buttons (e.g. Try again). */
  children?: ReactNode;
  testId?: string;
}

/** A backend problem: its title and detail, when to retry (429/503 with retryAfterSeconds), and the next step. */
export function ProblemMessage({ error, fallbackTitle, nextStep, appearance = 'error', children, testId }: ProblemMessageProps) {
  const retry = retryAfterText(error);
  const detail = error.detail ?? (error.title ? undefined : error.message);
  return (
    <SectionMessage appearance={appearance} title={error.title ?? fallbackTitle} testId={testId}>
      {detail && <p>{detail}</p>}
      {retry ? <p>{retry}</p> : nextStep && <p>{nextStep}</p>}
      {children}
    </SectionMessage>
  );
}
