import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import TextArea from '@atlaskit/textarea';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { useEffect, useId, useRef, useState } from 'react';

import { Skeleton } from '../chat/Greeting';
import { ANSWER_MAX, type AnswerId, type StandupDay } from './api';
import { CommentReview } from './CommentReview';
import { dateInWords, timeInZone } from './dates';
import { HistoryList } from './HistoryList';
import { ProblemNotice } from './ProblemNotice';
import { isDirty } from './standupState';
import { SuggestionList } from './SuggestionList';
import type { TodayModel } from './useToday';

export interface TodayViewProps {
  model: TodayModel;
  siteUrl?: string;
}

/** Why Save is disabled, or undefined when it may be pressed. */
function saveBlocker(answers: Record<AnswerId, string>): string | undefined {
  if (Object.values(answers).every((a) => a.trim() === '')) return 'Answer at least one question to save.';
  if (Object.values(answers).some((a) => a.length > ANSWER_MAX)) return `Shorten each answer to ${ANSWER_MAX} characters.`;
  return undefined;
}

/**
 * "Your stand-up for Sunday, 6 December": the three questions with the suggestions from Jira,
 * Save (editable the same day) and Snooze, the comments to post, and the earlier stand-ups.
 */
export function TodayView({ model, siteUrl }: TodayViewProps) {
  const { state } = model;
  const id = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const [focus, setFocus] = useState<{ target: string; n: number }>();
  const moveFocus = (target: string) => setFocus((f) => ({ target, n: (f?.n ?? 0) + 1 }));

  useEffect(() => {
    if (!focus) return;
    rootRef.current?.querySelector<HTMLElement>(`[data-focus="${CSS.escape(focus.target)}"]`)?.focus();
  }, [focus]);

  if (state.day.status === 'loading') return <Skeleton label="Loading your stand-up" lines={5} />;
  if (state.day.status === 'error') {
    return (
      <ProblemNotice error={state.day.error} action="load" testId="standup-load-error">
        <Button onClick={model.retry}>Load again</Button>
      </ProblemNotice>
    );
  }
  const day: StandupDay = state.day.day;
  const blocker = saveBlocker(state.answers);
  const dirty = isDirty(state);
  const savedAt = state.saved ? timeInZone(state.saved.updatedAt, day.timeZone) : '';
  const busy = state.saving;
  // Once posted, a new preview would post the same update again: it comes back after the next save.
  const posted = state.review.status === 'ready' && state.review.proposal.state !== 'PENDING';
  const suggestionsFor = (qid: AnswerId) => (qid === 'yesterday' ? day.suggestions.yesterday : qid === 'today' ? day.suggestions.today : []);

  return (
    <div ref={rootRef} className="standup-today" data-testid="standup-today">
      <section className="standup-section" aria-labelledby={`${id}-title`}>
        <Heading size="medium" as="h2" id={`${id}-title`}>
          Your stand-up for {dateInWords(day.date)}
        </Heading>
        <form
          className="standup-form"
          aria-labelledby={`${id}-title`}
          onSubmit={(event) => {
            event.preventDefault();
            if (blocker || busy) return;
            void model.save().then((done) => moveFocus(done ? 'saved' : 'save-problem'));
          }}
        >
          {day.questions.map((question) => {
            const answer = state.answers[question.id];
            const suggestions = suggestionsFor(question.id);
            return (
              <div key={question.id} className="standup-question" data-testid={`standup-question-${question.id}`}>
                <label htmlFor={`${id}-${question.id}`} className="standup-question-label">
                  {question.text}
                </label>
                <TextArea
                  id={`${id}-${question.id}`}
                  name={question.id}
                  value={answer}
                  onChange={(event) => model.setAnswer(question.id, event.currentTarget.value)}
                  minimumRows={2}
                  maxHeight="30vh"
                  resize="vertical"
                  isInvalid={answer.length > ANSWER_MAX}
                  aria-describedby={suggestions.length > 0 ? `${id}-${question.id}-hint` : undefined}
                  testId={`standup-answer-${question.id}`}
                />
                {answer.length > ANSWER_MAX && (
                  <span className="chat-counter" data-over="true">
                    {answer.length} / {ANSWER_MAX} characters
                  </span>
                )}
                {suggestions.length > 0 && (
                  <>
                    <p id={`${id}-${question.id}-hint`} className="chat-subtle">
                      From Jira: include an issue to comment on it when you post, or add it to your answer.
                    </p>
                    <SuggestionList
                      label={`Suggestions for: ${question.text}`}
                      issues={suggestions}
                      kept={state.kept}
                      onKeep={model.keep}
                      onAdd={(issue) => {
                        model.addToAnswer(question.id, issue);
                        document.getElementById(`${id}-${question.id}`)?.focus();
                      }}
                      disabled={busy}
                      testId={`standup-suggestions-${question.id}`}
                    />
                  </>
                )}
              </div>
            );
          })}

          <Inline space="space.100" alignBlock="center" shouldWrap>
            <Button type="submit" appearance="primary" isDisabled={blocker !== undefined} isLoading={busy} testId="standup-save">
              Save
            </Button>
            <Button
              onClick={() => void model.snooze().then((done) => moveFocus(done ? 'snoozed' : 'snooze-problem'))}
              isDisabled={state.snoozed || state.snoozing}
              testId="standup-snooze"
            >
              Snooze for today
            </Button>
          </Inline>
          {blocker && !state.saved && <p className="chat-subtle">{blocker}</p>}
        </form>

        {state.saved && (
          <p className="standup-saved standup-focus-target" tabIndex={-1} data-focus="saved" data-testid="standup-saved">
            {savedAt ? `Saved at ${savedAt}` : 'Saved'}. You can change it until the end of the day.
            {dirty && ' You have changes that are not saved yet.'}
          </p>
        )}
        {state.saveError && <ProblemNotice error={state.saveError} action="save" testId="standup-save-problem" focusKey="save-problem" />}
        {state.snoozed && (
          <p className="chat-subtle standup-focus-target" tabIndex={-1} data-focus="snoozed" data-testid="standup-snoozed">
            Snoozed for today: the assistant will not ask for your stand-up in chat today. You can still fill it in here.
          </p>
        )}
        {state.snoozeError && (
          <ProblemNotice error={state.snoozeError} action="snooze" appearance="warning" testId="standup-snooze-problem" focusKey="snooze-problem" />
        )}
      </section>

      <section className="standup-section" aria-labelledby={`${id}-post`}>
        <Heading size="small" as="h3" id={`${id}-post`}>
          Post your update to Jira
        </Heading>
        <p className="chat-subtle">
          One comment per issue your stand-up is about; a blocker also mentions who can unblock it. You see them before anything is posted.
        </p>
        {state.saved && dirty && <p className="chat-subtle">The comments are written from your saved answers: save your changes first.</p>}
        {!posted && (
          <Inline space="space.100" alignBlock="center">
            <Button
              onClick={() => void model.preview().then((done) => moveFocus(done ? 'review' : 'preview-problem'))}
              isDisabled={state.review.status === 'loading' || (state.review.status === 'ready' && state.review.busy !== undefined)}
              testId="standup-preview"
            >
              Preview comments
            </Button>
          </Inline>
        )}
        {state.review.status === 'loading' && <Skeleton label="Preparing the comments" lines={3} />}
        {state.review.status === 'error' && (
          <ProblemNotice error={state.review.error} action="preview" appearance="warning" testId="standup-preview-problem" focusKey="preview-problem" />
        )}
        {state.review.status === 'ready' && (
          <CommentReview
            review={state.review}
            siteUrl={siteUrl}
            onChangeBody={model.changeBody}
            onFlag={model.setFlag}
            onRemove={model.remove}
            onPost={model.post}
            onFocus={moveFocus}
          />
        )}
      </section>

      <HistoryList questions={day.questions} version={state.saved?.updatedAt ?? ''} />
    </div>
  );
}
