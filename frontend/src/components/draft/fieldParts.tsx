import { token } from '@atlaskit/tokens';
import type { CSSProperties, ReactNode } from 'react';

import type { CreateProblem } from '../../drafts';
import { visuallyHidden } from '../visuallyHidden';

export const subtleText: CSSProperties = { margin: 0, color: token('color.text.subtle', '#44546F') };

export const smallText: CSSProperties = {
  margin: 0,
  color: token('color.text.subtle', '#44546F'),
  font: token('font.body.small', '12px/16px sans-serif'),
};

export const fieldStyle: CSSProperties = {
  display: 'flex',
  flexDirection: 'column',
  gap: token('space.050', '4px'),
  minWidth: 0,
};

export const labelStyle: CSSProperties = {
  color: token('color.text.subtle', '#44546F'),
  font: token('font.body.small', '12px/16px sans-serif'),
  fontWeight: token('font.weight.semibold', '600'),
};

/** A field label; `htmlFor` names the control (Atlaskit Select: its `inputId`). */
export function FieldLabel({ htmlFor, id, children }: { htmlFor?: string; id?: string; children: ReactNode }) {
  return (
    <label htmlFor={htmlFor} id={id} style={labelStyle}>
      {children}
    </label>
  );
}

/** Red text under a field; the control points at it with `aria-describedby`. */
export function FieldError({ id, children, testId }: { id?: string; children: ReactNode; testId?: string }) {
  return (
    <div id={id} data-testid={testId} style={{ ...smallText, color: token('color.text.danger', '#AE2E24') }}>
      {children}
    </div>
  );
}

/** "7/255": a character counter, red when over the limit. */
export function CharCounter({ length, max, id }: { length: number; max: number; id?: string }) {
  const over = length > max;
  return (
    <div
      id={id}
      style={{
        ...smallText,
        textAlign: 'right',
        fontVariantNumeric: 'tabular-nums',
        color: over ? token('color.text.danger', '#AE2E24') : smallText.color,
      }}
    >
      {length}/{max}
      <span style={visuallyHidden}> characters</span>
    </div>
  );
}

/** "Priority: Value not allowed. Allowed values: High, Low." */
export function problemText(problem: CreateProblem, withName = false): string {
  const allowed = problem.allowedValues.length > 0 ? ` Allowed values: ${problem.allowedValues.join(', ')}.` : '';
  const text = /[.!?]$/.test(problem.problem) ? problem.problem : `${problem.problem}.`;
  return `${withName ? `${problem.name}: ` : ''}${text}${allowed}`;
}

/** The problems Jira reported for one field, listed under it. */
export function FieldProblems({ problems, id, testId }: { problems: CreateProblem[]; id?: string; testId?: string }) {
  if (problems.length === 0) return null;
  return (
    <FieldError id={id} testId={testId}>
      {problems.map((problem, index) => (
        <div key={index}>{problemText(problem)}</div>
      ))}
    </FieldError>
  );
}

/** Space-separated ids for aria-describedby, or undefined when there are none. */
export function describedBy(...ids: Array<string | false | undefined>): string | undefined {
  const list = ids.filter((id): id is string => typeof id === 'string' && id !== '');
  return list.length > 0 ? list.join(' ') : undefined;
}
