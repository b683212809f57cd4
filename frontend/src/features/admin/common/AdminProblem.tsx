import type { ReactNode } from 'react';
import SectionMessage from '@atlaskit/section-message';

import type { ApiError } from '../../../bridge';
import { ProblemMessage } from '../../../components/ProblemMessage';
import { knownNextStep } from '../../chat/problems';

export const NOT_ADMIN_TEXT = 'Only Jira administrators can see this.';

/** A failed admin request in plain words; a 403 says the view is for Jira administrators only. */
export function AdminProblem({ error, fallbackTitle, children }: { error: ApiError; fallbackTitle: string; children?: ReactNode }) {
  if (error.status === 403) {
    return (
      <SectionMessage appearance="warning" title="Jira administrators only" testId="admin-not-admin">
        <p>{NOT_ADMIN_TEXT}</p>
      </SectionMessage>
    );
  }
  return (
    <ProblemMessage
      error={error}
      fallbackTitle={fallbackTitle}
      nextStep={knownNextStep(error) ?? (error.status === 0 ? 'Check your connection, then try again.' : 'Try again. If it keeps happening, tell the app’s operator.')}
      testId="admin-problem"
    >
      {children}
    </ProblemMessage>
  );
}
