import Lozenge from '@atlaskit/lozenge';
import TextField from '@atlaskit/textfield';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { lazy, Suspense, useId, useState } from 'react';

import type { TransitionField, TransitionPayload } from '../api';
import type { KindCardProps } from './ProposalCard';
import { CardFrame } from './CardFrame';

const FieldSelect = lazy(() => import('./FieldSelect'));

/** Required fields still empty, as the sentence that keeps Confirm disabled. */
function missingText(fields: TransitionField[], values: Record<string, string>): string | undefined {
  const missing = fields.filter((f) => f.required && (values[f.id] ?? '').trim() === '').map((f) => f.name);
  if (missing.length === 0) return undefined;
  return `Fill in ${missing.join(', ')} to confirm: the transition needs ${missing.length === 1 ? 'it' : 'them'}.`;
}

/**
 * `chat.transition`: the issue, from → to as status lozenges, and an input for each field of the
 * transition's screen (a Select when it has allowed values, a text field otherwise).
 */
export function TransitionCard({ proposal, payload, phase, declined, siteUrl, onAnswer }: KindCardProps & { payload: TransitionPayload }) {
  const id = useId();
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(payload.fields.map((f) => [f.id, f.value ?? ''])),
  );
  const blocker = missingText(payload.fields, values);
  const changed = payload.fields.some((f) => (values[f.id] ?? '') !== (f.value ?? ''));
  const editable = phase === 'pending';

  const confirm = () =>
    onAnswer(
      proposal.id,
      true,
      changed ? { fields: payload.fields.map((f) => ({ ...f, value: values[f.id]?.trim() ? values[f.id].trim() : null })) } : undefined,
    );

  return (
    <CardFrame
      proposal={proposal}
      phase={phase}
      declined={declined}
      siteUrl={siteUrl}
      actions={{ onConfirm: confirm, onReject: () => onAnswer(proposal.id, false), blocker }}
    >
      <dl className="chat-facts">
        <dt>Issue</dt>
        <dd>{payload.issueKey}</dd>
        <dt>Status</dt>
        <dd data-testid="proposal-statuses">
          <Inline space="space.075" alignBlock="center" shouldWrap>
            <Lozenge>{payload.fromStatus || 'Current status'}</Lozenge>
            {/* aria-label on a plain span is not read out: the arrow is hidden and the word said instead. */}
            <span aria-hidden="true">→</span>
            <span className="chat-visually-hidden">to</span>
            <Lozenge appearance="inprogress">{payload.toStatus}</Lozenge>
          </Inline>
        </dd>
        {payload.transitionName && payload.transitionName !== payload.toStatus && (
          <>
            <dt>Transition</dt>
            <dd>{payload.transitionName}</dd>
          </>
        )}
      </dl>
      {payload.fields.length > 0 && (
        <Stack space="space.150">
          {payload.fields.map((field) => {
            const inputId = `${id}-${field.id}`;
            const value = values[field.id] ?? '';
            const invalid = field.required && value.trim() === '';
            const set = (next: string | null) => setValues((v) => ({ ...v, [field.id]: next ?? '' }));
            return (
              <Stack key={field.id} space="space.050" testId={`proposal-field-${field.id}`}>
                <label htmlFor={inputId} className="chat-label">
                  {field.name}
                  {field.required && <span aria-hidden="true"> *</span>}
                  {field.required && <span className="chat-visually-hidden"> (required)</span>}
                </label>
                {!editable ? (
                  <span id={inputId}>{value || '—'}</span>
                ) : field.allowedValues ? (
                  <Suspense fallback={<span className="chat-subtle">Loading the choices…</span>}>
                    <FieldSelect
                      inputId={inputId}
                      options={field.allowedValues.map((v) => v.name)}
                      value={value === '' ? null : value}
                      onChange={set}
                      isInvalid={invalid}
                    />
                  </Suspense>
                ) : (
                  <TextField id={inputId} value={value} onChange={(e) => set(e.currentTarget.value)} isInvalid={invalid} isRequired={field.required} />
                )}
              </Stack>
            );
          })}
        </Stack>
      )}
    </CardFrame>
  );
}
