import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import TextField from '@atlaskit/textfield';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { useEffect, useId, useRef, useState } from 'react';

import type { ApiError } from '../../bridge';
import { SafeMarkdown } from '../../components/SafeMarkdown';
import { normalizeProjectKey } from '../../issueKey';
import { asApiError } from '../../useAppContext';
import { Skeleton } from '../chat/Greeting';
import { loadTeam, type TeamDay } from './api';
import { dateInWords } from './dates';
import { ProblemNotice } from './ProblemNotice';

export interface TeamViewProps {
  /** The project the page is about, if any: shown at once. */
  projectKey?: string;
  /** Says what loaded, for the page's live region. */
  onAnnounce: (text: string) => void;
}

type TeamState = { status: 'idle' } | { status: 'loading'; projectKey: string } | { status: 'ready'; team: TeamDay } | { status: 'error'; error: ApiError };

const QUESTIONS = [
  ['yesterday', 'Yesterday'],
  ['today', 'Today'],
  ['blockers', 'Blockers'],
] as const;

/**
 * A project's stand-ups today: who has given one, each update, all blockers together and the AI
 * summary of the day (or why there is none). Only for people who may browse the project.
 */
export function TeamView({ projectKey: initial, onAnnounce }: TeamViewProps) {
  const id = useId();
  const [input, setInput] = useState(initial ?? '');
  const [invalid, setInvalid] = useState(false);
  const [state, setState] = useState<TeamState>({ status: 'idle' });
  const request = useRef(0);
  const resultRef = useRef<HTMLDivElement>(null);

  const show = (raw: string, moveFocus: boolean) => {
    const key = normalizeProjectKey(raw.trim().toUpperCase());
    setInvalid(key === undefined);
    if (!key) return;
    const n = ++request.current;
    setState({ status: 'loading', projectKey: key });
    loadTeam(key).then(
      (team) => {
        if (n !== request.current) return;
        setState({ status: 'ready', team });
        const given = team.people.filter((p) => p.given).length;
        onAnnounce(`${team.projectKey}: ${given} of ${team.people.length} people have given their stand-up.`);
        if (moveFocus) requestAnimationFrame(() => resultRef.current?.focus());
      },
      (error: unknown) => {
        if (n !== request.current) return;
        setState({ status: 'error', error: asApiError(error) });
        onAnnounce('The team’s stand-ups could not be shown.');
      },
    );
  };

  useEffect(() => {
    if (initial) show(initial, false);
    // Only for the project the page was opened with.
  }, [initial]);

  return (
    <section className="standup-section" aria-labelledby={`${id}-title`} data-testid="standup-team">
      <Heading size="medium" as="h2" id={`${id}-title`}>
        Team stand-up
      </Heading>
      <form
        className="standup-team-form"
        onSubmit={(event) => {
          event.preventDefault();
          show(input, true);
        }}
      >
        <label htmlFor={`${id}-project`} className="standup-question-label">
          Project key
        </label>
        <Inline space="space.100" alignBlock="center" shouldWrap>
          <span className="standup-project-field">
            <TextField
              id={`${id}-project`}
              value={input}
              onChange={(event) => setInput(event.currentTarget.value)}
              isInvalid={invalid}
              aria-describedby={invalid ? `${id}-invalid` : undefined}
              placeholder="e.g. SCRUM"
              autoComplete="off"
              testId="standup-team-project"
            />
          </span>
          <Button type="submit" appearance="primary" isLoading={state.status === 'loading'} testId="standup-team-show">
            Show the team
          </Button>
        </Inline>
        {invalid && (
          <p id={`${id}-invalid`} className="chat-subtle" data-testid="standup-team-invalid">
            A project key is letters and digits starting with a letter, like SCRUM.
          </p>
        )}
      </form>

      <div ref={resultRef} tabIndex={-1} className="standup-focus-target" aria-live="off">
        {state.status === 'loading' && <Skeleton label={`Loading the stand-ups of ${state.projectKey}`} lines={4} />}
        {state.status === 'error' && <ProblemNotice error={state.error} action="team" appearance="warning" testId="standup-team-problem" />}
        {state.status === 'ready' && <TeamDayView team={state.team} />}
      </div>
    </section>
  );
}

function TeamDayView({ team }: { team: TeamDay }) {
  const given = team.people.filter((p) => p.given).length;
  return (
    <div className="standup-team-day" data-testid="standup-team-day">
      <Heading size="small" as="h3">
        {team.projectKey} on {dateInWords(team.date)}
      </Heading>
      <p className="chat-subtle">
        {given} of {team.people.length} {team.people.length === 1 ? 'person has' : 'people have'} given their stand-up.
      </p>

      {team.blockers.length > 0 && (
        <SectionMessage appearance="warning" title={team.blockers.length === 1 ? '1 blocker' : `${team.blockers.length} blockers`} testId="standup-team-blockers">
          <ul className="standup-plain-list">
            {team.blockers.map((b, index) => (
              <li key={`${b.accountId}-${index}`}>
                <strong>{b.displayName || 'Someone'}</strong>
                {b.issueKeys.length > 0 && <span> ({b.issueKeys.join(', ')})</span>}: {b.text}
              </li>
            ))}
          </ul>
        </SectionMessage>
      )}

      <Heading size="xsmall" as="h4">
        Summary
      </Heading>
      {team.summary ? (
        <div className="chat-preview" data-testid="standup-team-summary">
          <SafeMarkdown headingLevel={5}>{team.summary}</SafeMarkdown>
        </div>
      ) : team.summaryError ? (
        <SectionMessage appearance="warning" title="No summary today" testId="standup-team-summary-error">
          <p>{team.summaryError}</p>
          <p>The updates below are all there.</p>
        </SectionMessage>
      ) : (
        <p className="chat-subtle" data-testid="standup-team-no-summary">
          {given === 0 ? 'No one has given a stand-up yet: the summary comes with the first one.' : 'No summary yet.'}
        </p>
      )}

      <Heading size="xsmall" as="h4">
        Updates
      </Heading>
      <ul className="standup-people" data-testid="standup-team-people">
        {team.people.map((person) => (
          <li key={person.accountId || person.displayName} className="standup-person" data-testid={`standup-person-${person.accountId}`}>
            <Inline space="space.100" alignBlock="center" shouldWrap>
              <Heading size="xxsmall" as="h5">
                {person.displayName}
              </Heading>
              <Lozenge appearance={person.given ? 'success' : 'default'}>{person.given ? 'Given' : 'Not yet'}</Lozenge>
            </Inline>
            {person.standup && (
              <dl className="standup-answers">
                {QUESTIONS.map(([key, label]) => (
                  <div key={key}>
                    <dt>{label}</dt>
                    <dd>{person.standup![key].trim() || <span className="chat-subtle">Skipped</span>}</dd>
                  </div>
                ))}
              </dl>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
