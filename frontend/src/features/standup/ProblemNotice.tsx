import SectionMessage, { type Appearance } from '@atlaskit/section-message';
import { forwardRef, type ReactNode } from 'react';

import type { ApiError } from '../../bridge';
import { problemText, type StandupAction } from './problems';

export interface ProblemNoticeProps {
  error: ApiError;
  action: StandupAction;
  appearance?: Appearance;
  /** Buttons (e.g. Try again). */
  children?: ReactNode;
  testId?: string;
  /** The `data-focus` name the view moves focus to after a failed action. */
  focusKey?: string;
}

/** A problem of the stand-up in plain words with the next step; focusable so the page can move focus to it. */
export const ProblemNotice = forwardRef<HTMLDivElement, ProblemNoticeProps>(function ProblemNotice(
  { error, action, appearance = 'error', children, testId, focusKey },
  ref,
) {
  const text = problemText(error, action);
  return (
    <div ref={ref} tabIndex={-1} className="standup-focus-target" data-focus={focusKey} data-testid={testId}>
      <SectionMessage appearance={appearance} title={text.title}>
        {text.detail && <p>{text.detail}</p>}
        {text.next && <p>{text.next}</p>}
        {children}
      </SectionMessage>
    </div>
  );
});
