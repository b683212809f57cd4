import Button from '@atlaskit/button/new';
import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge';
import { useId } from 'react';

import { safeHref } from '../../safeUrl';
import type { SuggestedIssue } from './api';

export interface SuggestionListProps {
  /** What the list is named for a screen reader, e.g. "Suggestions for: What did you do yesterday?". */
  label: string;
  issues: SuggestedIssue[];
  kept: string[];
  onKeep: (issueKey: string, kept: boolean) => void;
  onAdd: (issue: SuggestedIssue) => void;
  disabled?: boolean;
  testId: string;
}

/** A status lozenge's colour from the status name (the suggestion has no status category). */
export function statusAppearance(status: string): ThemeAppearance {
  if (/done|closed|resolved|complete/i.test(status)) return 'success';
  if (/progress|review|testing/i.test(status)) return 'inprogress';
  if (/block/i.test(status)) return 'removed';
  return 'default';
}

/**
 * Issues from Jira under a question: key (a link to the issue), summary, status, why it is
 * suggested, an "Include" checkbox (kept issues get a comment when the stand-up is posted) and
 * "Add to answer", which writes "KEY summary" into the answer.
 */
export function SuggestionList({ label, issues, kept, onKeep, onAdd, disabled, testId }: SuggestionListProps) {
  const id = useId();
  if (issues.length === 0) return null;
  return (
    <ul className="standup-suggestions" aria-label={label} data-testid={testId}>
      {issues.map((issue) => {
        const checkboxId = `${id}-${issue.issueKey}`;
        const href = safeHref(issue.url);
        return (
          <li key={issue.issueKey} className="standup-suggestion" data-testid={`${testId}-${issue.issueKey}`}>
            <div className="standup-suggestion-text">
              <span className="standup-suggestion-title">
                {href ? (
                  <a href={href} target="_blank" rel="noopener noreferrer" className="standup-issue-key">
                    {issue.issueKey}
                  </a>
                ) : (
                  <span className="standup-issue-key">{issue.issueKey}</span>
                )}{' '}
                <span>{issue.summary}</span>
              </span>
              <span className="standup-suggestion-meta">
                {issue.status && <Lozenge appearance={statusAppearance(issue.status)}>{issue.status}</Lozenge>}
                {issue.why && <span className="chat-subtle">{issue.why}</span>}
              </span>
            </div>
            <div className="standup-suggestion-actions">
              <span className="standup-check">
                <input
                  type="checkbox"
                  id={checkboxId}
                  checked={kept.includes(issue.issueKey)}
                  onChange={(event) => onKeep(issue.issueKey, event.currentTarget.checked)}
                  disabled={disabled}
                  data-testid={`${testId}-include-${issue.issueKey}`}
                />
                <label htmlFor={checkboxId}>
                  Include<span className="chat-visually-hidden"> {issue.issueKey}</span>
                </label>
              </span>
              <Button spacing="compact" onClick={() => onAdd(issue)} isDisabled={disabled} testId={`${testId}-add-${issue.issueKey}`}>
                Add to answer<span className="chat-visually-hidden"> {issue.issueKey}</span>
              </Button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
