import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import Spinner from '@atlaskit/spinner';
import TextArea from '@atlaskit/textarea';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { useEffect, useId, useState } from 'react';

import type { StandupComment } from './api';
import { CommentPreview } from './CommentPreview';
import { ProblemNotice } from './ProblemNotice';
import { PostResult } from './PostResult';
import type { Review } from './standupState';
import { commentsText } from './useToday';

/** The longest comment the server takes (as for `chat.comment`). */
const BODY_MAX = 32_000;

export interface CommentReviewProps {
  review: Extract<Review, { status: 'ready' }>;
  siteUrl?: string;
  onChangeBody: (commentId: string, body: string) => Promise<boolean>;
  onFlag: (commentId: string, flag: boolean) => Promise<boolean>;
  onRemove: (comment: StandupComment) => Promise<boolean>;
  onPost: () => Promise<boolean>;
  /** Where focus goes after an action: a `data-focus` value of an element in the view. */
  onFocus: (target: string) => void;
}

/**
 * The comments the stand-up would post, one card per issue, each editable or removable (every
 * change is saved on the server as the whole payload), then one Post button and the result.
 */
export function CommentReview({ review, siteUrl, onChangeBody, onFlag, onRemove, onPost, onFocus }: CommentReviewProps) {
  const { proposal, busy, problem } = review;
  const comments = proposal.payload.comments;
  const pending = proposal.state === 'PENDING';
  const canPostAgain = proposal.state === 'PARTIAL' || proposal.state === 'FAILED';

  const remove = async (comment: StandupComment, index: number) => {
    if (!(await onRemove(comment))) {
      onFocus('review-problem');
      return;
    }
    const next = comments[index + 1] ?? comments[index - 1];
    onFocus(next ? `comment-${next.id}` : 'review');
  };

  return (
    <section className="standup-section" aria-labelledby="standup-review-title" data-testid="standup-review">
      <Heading size="small" as="h4" id="standup-review-title">
        <span tabIndex={-1} data-focus="review" className="standup-focus-target">
          Comments to post
        </span>
      </Heading>
      {pending && (
        <p className="chat-subtle">
          Nothing is posted until you press Post. Each comment is posted once, as you, on its issue.
        </p>
      )}
      {pending && comments.length === 0 && (
        <p data-testid="standup-no-comments">No comment is left to post. Preview the comments again to start over.</p>
      )}
      {pending && comments.length > 0 && (
        <ul className="standup-cards">
          {comments.map((comment, index) => (
            <li key={comment.id}>
              <CommentEditor
                comment={comment}
                disabled={busy !== undefined}
                onSave={async (body) => {
                  const done = await onChangeBody(comment.id, body);
                  if (!done) onFocus('review-problem');
                  return done;
                }}
                onFlag={(flag) => onFlag(comment.id, flag)}
                onRemove={() => void remove(comment, index)}
              />
            </li>
          ))}
        </ul>
      )}
      {problem && <ProblemNotice error={problem.error} action={problem.action} testId="standup-review-problem" focusKey="review-problem" />}
      {!pending && <PostResult proposal={proposal} siteUrl={siteUrl} />}
      {(pending || canPostAgain) && comments.length > 0 && (
        <Inline space="space.100" alignBlock="center" shouldWrap>
          <Button
            appearance="primary"
            onClick={() => void onPost().then((done) => onFocus(done ? 'result' : 'review-problem'))}
            isDisabled={busy !== undefined}
            testId="standup-post"
          >
            {proposal.state === 'PARTIAL' ? 'Post the rest' : proposal.state === 'FAILED' ? 'Post again' : `Post ${commentsText(comments.length)}`}
          </Button>
          {busy && (
            <span className="chat-status" data-testid="standup-review-busy">
              <Spinner size="small" label={busy === 'post' ? 'Posting' : 'Saving'} />
              <span>{busy === 'post' ? 'Posting the comments…' : 'Saving your change…'}</span>
            </span>
          )}
        </Inline>
      )}
    </section>
  );
}

interface CommentEditorProps {
  comment: StandupComment;
  disabled: boolean;
  onSave: (body: string) => Promise<boolean>;
  onFlag: (flag: boolean) => Promise<boolean>;
  onRemove: () => void;
}

/** One comment: its preview (mentions as names), Edit (a textarea), Remove and, when blocked, "Flag as impediment". */
function CommentEditor({ comment, disabled, onSave, onFlag, onRemove }: CommentEditorProps) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(comment.body);
  // The box shows the choice at once; it goes back should the server not take it.
  const [flag, setFlag] = useState(comment.flag);
  useEffect(() => setFlag(comment.flag), [comment.flag]);
  const title = comment.summary ? `${comment.issueKey} ${comment.summary}` : comment.issueKey;
  const invalid = body.trim() === '' ? 'Write the comment, or remove it.' : body.length > BODY_MAX ? `Shorten the comment to ${BODY_MAX} characters.` : undefined;

  const save = async () => {
    if (await onSave(body)) {
      setEditing(false);
      document.getElementById(`${id}-title`)?.focus();
    }
  };

  return (
    <article className="chat-card" aria-labelledby={`${id}-title`} data-testid={`standup-comment-${comment.issueKey}`}>
      <Inline space="space.100" alignBlock="center" spread="space-between" shouldWrap>
        <Heading size="xsmall" as="h5">
          <span id={`${id}-title`} tabIndex={-1} data-focus={`comment-${comment.id}`} className="standup-focus-target">
            {title}
          </span>
        </Heading>
        {comment.blocked && <Lozenge appearance="removed">Blocked</Lozenge>}
      </Inline>
      {editing ? (
        <>
          <label htmlFor={`${id}-body`} className="chat-label">
            Comment on {comment.issueKey} (Markdown; mention people as @[Name](accountId))
          </label>
          <TextArea
            id={`${id}-body`}
            value={body}
            onChange={(event) => setBody(event.currentTarget.value)}
            minimumRows={4}
            maxHeight="40vh"
            resize="vertical"
            isInvalid={invalid !== undefined}
            aria-describedby={invalid ? `${id}-invalid` : undefined}
            testId={`standup-comment-input-${comment.issueKey}`}
            autoFocus
          />
          {invalid && (
            <p id={`${id}-invalid`} className="chat-subtle">
              {invalid}
            </p>
          )}
          <Inline space="space.100" shouldWrap>
            <Button appearance="primary" onClick={() => void save()} isDisabled={disabled || invalid !== undefined} testId={`standup-comment-save-${comment.issueKey}`}>
              Save comment
            </Button>
            <Button
              appearance="subtle"
              onClick={() => {
                setEditing(false);
                setBody(comment.body);
              }}
              isDisabled={disabled}
            >
              Cancel
            </Button>
          </Inline>
        </>
      ) : (
        <CommentPreview body={comment.body} label={`Comment on ${comment.issueKey}`} testId={`standup-comment-preview-${comment.issueKey}`} />
      )}
      {comment.blocked && (
        <span className="standup-check">
          <input
            type="checkbox"
            id={`${id}-flag`}
            checked={flag}
            onChange={(event) => {
              const next = event.currentTarget.checked;
              setFlag(next);
              void onFlag(next).then((done) => done || setFlag(comment.flag));
            }}
            disabled={disabled}
            data-testid={`standup-flag-${comment.issueKey}`}
          />
          <label htmlFor={`${id}-flag`}>Flag {comment.issueKey} as impediment</label>
        </span>
      )}
      {!editing && (
        <Inline space="space.100" shouldWrap>
          <Button
            onClick={() => {
              setBody(comment.body);
              setEditing(true);
            }}
            isDisabled={disabled}
            testId={`standup-comment-edit-${comment.issueKey}`}
          >
            Edit<span className="chat-visually-hidden"> the comment on {comment.issueKey}</span>
          </Button>
          <Button appearance="subtle" onClick={onRemove} isDisabled={disabled} testId={`standup-comment-remove-${comment.issueKey}`}>
            Remove<span className="chat-visually-hidden"> the comment on {comment.issueKey}</span>
          </Button>
        </Inline>
      )}
    </article>
  );
}
