import TextField from '@atlaskit/textfield';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { useId, useMemo, useState } from 'react';

import { SafeMarkdown } from '../../../components/SafeMarkdown';
import { draftTree, normalizeDraft, refLabel, summaryError } from '../../../drafts';
import type { DraftPayload } from '../api';
import type { KindCardProps } from './ProposalCard';
import { CardFrame } from './CardFrame';

/**
 * `draft.create`: the issues the Draft feature would create (summary, type, project, parent and
 * the description as rendered Markdown). Edit lets the summaries be changed.
 */
export function DraftCreateCard({ proposal, payload: raw, phase, declined, siteUrl, onAnswer }: KindCardProps & { payload: DraftPayload }) {
  const id = useId();
  const payload = useMemo(() => ({ projectKey: raw.projectKey, drafts: raw.drafts.map(normalizeDraft) }), [raw]);
  const [editing, setEditing] = useState(false);
  const [summaries, setSummaries] = useState(() => payload.drafts.map((d) => d.summary));
  const errors = summaries.map(summaryError);
  const firstError = errors.find((e) => e !== undefined);
  const changed = summaries.some((s, i) => s !== payload.drafts[i].summary);
  const edited = () => payload.drafts.map((d, i) => ({ ...d, summary: summaries[i].trim() }));

  return (
    <CardFrame
      proposal={proposal}
      phase={phase}
      declined={declined}
      siteUrl={siteUrl}
      actions={{
        onConfirm: () => onAnswer(proposal.id, true, changed ? { drafts: edited() } : undefined),
        onReject: () => onAnswer(proposal.id, false),
        onEdit: () => setEditing((e) => !e),
        editing,
        blocker: firstError ? `Fix the summaries first: ${firstError}` : undefined,
      }}
    >
      <ol className="chat-drafts" data-testid="proposal-drafts">
        {draftTree(payload.drafts).map(({ index, depth }) => {
          const draft = payload.drafts[index];
          return (
            <li key={index}>
              <Stack space="space.050">
                {editing && phase === 'pending' ? (
                  <>
                    <label htmlFor={`${id}-${index}`} className="chat-label">
                      Summary
                    </label>
                    <TextField
                      id={`${id}-${index}`}
                      value={summaries[index]}
                      onChange={(e) => {
                        const next = e.currentTarget.value;
                        setSummaries((list) => list.map((s, i) => (i === index ? next : s)));
                      }}
                      isInvalid={errors[index] !== undefined}
                    />
                  </>
                ) : (
                  <strong>{phase === 'pending' ? summaries[index] : draft.summary}</strong>
                )}
                <dl className="chat-facts">
                  <dt>Type</dt>
                  <dd>{draft.issueType || 'Issue'}</dd>
                  <dt>Project</dt>
                  <dd>{payload.projectKey || '—'}</dd>
                  {depth > 0 && draft.parentRef && (
                    <>
                      <dt>Child of</dt>
                      <dd>{refLabel(payload.drafts, draft.parentRef)}</dd>
                    </>
                  )}
                  {draft.priority && (
                    <>
                      <dt>Priority</dt>
                      <dd>{draft.priority}</dd>
                    </>
                  )}
                  {draft.assignee && (
                    <>
                      <dt>Assignee</dt>
                      <dd>{draft.assignee.displayName}</dd>
                    </>
                  )}
                </dl>
                {draft.descriptionMarkdown.trim() !== '' && (
                  <details>
                    <summary>Description</summary>
                    <div className="chat-preview">
                      <SafeMarkdown headingLevel={5}>{draft.descriptionMarkdown}</SafeMarkdown>
                    </div>
                  </details>
                )}
              </Stack>
            </li>
          );
        })}
      </ol>
    </CardFrame>
  );
}
