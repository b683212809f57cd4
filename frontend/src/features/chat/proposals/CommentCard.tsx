import TextArea from '@atlaskit/textarea';
import { useId, useMemo, useState } from 'react';

import { SafeMarkdown } from '../../../components/SafeMarkdown';
import type { CommentPayload } from '../api';
import { mentionPreview } from '../mentions';
import type { KindCardProps } from './ProposalCard';
import { CardFrame } from './CardFrame';

/** The longest comment the server takes (CommentPayload.MAX_BODY). */
const BODY_MAX = 32_000;

/** `chat.comment`: the issue and the comment as it will look, mentions as chips; Edit turns it into a textarea. */
export function CommentCard({ proposal, payload, phase, declined, siteUrl, onAnswer }: KindCardProps & { payload: CommentPayload }) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(payload.body);
  const shown = phase === 'pending' ? body : payload.body;
  const preview = useMemo(() => mentionPreview(shown), [shown]);
  const blocker =
    body.trim() === '' ? 'Write the comment, or reject it.' : body.length > BODY_MAX ? `Shorten the comment to ${BODY_MAX} characters.` : undefined;

  return (
    <CardFrame
      proposal={proposal}
      phase={phase}
      declined={declined}
      siteUrl={siteUrl}
      actions={{
        onConfirm: () => onAnswer(proposal.id, true, body !== payload.body ? { body } : undefined),
        onReject: () => onAnswer(proposal.id, false),
        onEdit: () => setEditing((e) => !e),
        editing,
        blocker,
      }}
    >
      <dl className="chat-facts">
        <dt>Issue</dt>
        <dd>{payload.issueKey}</dd>
      </dl>
      {editing && phase === 'pending' ? (
        <>
          <label htmlFor={`${id}-body`} className="chat-label">
            Comment (Markdown; mention people as @[Name](accountId))
          </label>
          <TextArea
            id={`${id}-body`}
            value={body}
            onChange={(event) => setBody(event.currentTarget.value)}
            minimumRows={4}
            maxHeight="40vh"
            resize="vertical"
            isInvalid={blocker !== undefined}
            testId="proposal-comment-input"
          />
        </>
      ) : (
        <div className="chat-preview" role="region" aria-label="Comment preview" tabIndex={0} data-testid="proposal-comment-preview">
          <SafeMarkdown headingLevel={4} mentions={preview.mentions}>
            {preview.markdown}
          </SafeMarkdown>
        </div>
      )}
    </CardFrame>
  );
}
