import Button from '@atlaskit/button/new';
import { RadioGroup } from '@atlaskit/radio';
import Select from '@atlaskit/select';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { forwardRef, useId, useState, type KeyboardEvent } from 'react';

import type { ApiError } from '../../bridge';
import { DRAFT_MODES, parentKeyError, TEXT_MAX, textError, type DraftMode, type Project } from '../../drafts';
import { ProblemMessage } from '../ProblemMessage';
import { CharCounter, describedBy, FieldError, FieldLabel, fieldStyle, labelStyle, smallText } from './fieldParts';

export interface DraftInputValue {
  text: string;
  /** The chosen project; undefined until one is chosen (or known from the page). */
  projectKey: string | undefined;
  /** As typed; checked with {@link parentKeyError}. */
  parentKey: string;
  mode: DraftMode;
}

export type ProjectsState =
  | { status: 'loading' }
  | { status: 'ready'; projects: Project[] }
  | { status: 'error'; error: ApiError };

export interface DraftInputFormProps {
  value: DraftInputValue;
  onChange: (patch: Partial<DraftInputValue>) => void;
  projects: ProjectsState;
  onRetryProjects: () => void;
  /** The issue the dialog was opened on, offered as the parent. */
  currentIssueKey?: string;
  /** The project the dialog was opened in (offered even when the project list failed to load). */
  currentProjectKey?: string;
  /** A draft is being made: everything is read-only. */
  busy: boolean;
  llmConfigured: boolean;
  onSubmit: () => void;
}

interface ProjectOption {
  label: string;
  value: string;
}

/** Step 1: the text, the project, an optional parent and what to draft. */
export const DraftInputForm = forwardRef<HTMLTextAreaElement, DraftInputFormProps>(function DraftInputForm(
  { value, onChange, projects, onRetryProjects, currentIssueKey, currentProjectKey, busy, llmConfigured, onSubmit },
  textRef,
) {
  const id = useId();
  const [parentTouched, setParentTouched] = useState(false);

  const tooLong = textError(value.text);
  const parentError = parentKeyError(value.parentKey);
  const showParentError = parentTouched && parentError !== undefined;
  const empty = value.text.trim() === '';

  const options: ProjectOption[] =
    projects.status === 'ready'
      ? projects.projects.map((p) => ({ value: p.key, label: p.name === p.key ? p.key : `${p.name} (${p.key})` }))
      : [];
  if (value.projectKey && !options.some((o) => o.value === value.projectKey)) {
    options.unshift({ value: value.projectKey, label: value.projectKey });
  } else if (projects.status === 'error' && currentProjectKey && !options.some((o) => o.value === currentProjectKey)) {
    options.unshift({ value: currentProjectKey, label: currentProjectKey });
  }
  const selected = options.find((o) => o.value === value.projectKey) ?? null;

  const canSubmit = !empty && !tooLong && Boolean(value.projectKey) && !busy && llmConfigured;

  const submit = () => {
    if (!canSubmit) return;
    if (parentError) {
      setParentTouched(true);
      return;
    }
    onSubmit();
  };

  const onTextKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };

  const blockedReason = !llmConfigured
    ? 'Drafting needs an AI model; ask a Jira admin to set one up.'
    : !value.projectKey && projects.status !== 'loading'
      ? 'Choose a project first.'
      : undefined;

  return (
    <form
      aria-label="What to draft"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      style={{ display: 'flex', flexDirection: 'column', gap: token('space.200', '16px') }}
    >
      <div style={fieldStyle}>
        <FieldLabel htmlFor={`${id}-text`}>Your text</FieldLabel>
        <p id={`${id}-text-help`} style={smallText}>
          Paste a bug report, an idea, meeting notes or a requirement. The AI drafts from this text only.
        </p>
        <TextArea
          ref={textRef}
          id={`${id}-text`}
          value={value.text}
          onChange={(event) => onChange({ text: event.currentTarget.value })}
          onKeyDown={onTextKeyDown}
          minimumRows={6}
          maxHeight="40vh"
          resize="vertical"
          isReadOnly={busy}
          isInvalid={tooLong !== undefined}
          aria-describedby={describedBy(`${id}-text-help`, `${id}-text-count`, tooLong && `${id}-text-error`)}
          placeholder="e.g. Users on Safari cannot reset their password: the email link opens a blank page…"
          testId="draft-text"
        />
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: token('space.100', '8px') }}>
          {tooLong ? <FieldError id={`${id}-text-error`}>{tooLong}</FieldError> : <span />}
          <CharCounter id={`${id}-text-count`} length={value.text.length} max={TEXT_MAX} />
        </div>
      </div>

      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))',
          gap: token('space.200', '16px'),
          alignItems: 'start',
        }}
      >
        <div style={fieldStyle} data-testid="project-select">
          <FieldLabel htmlFor={`${id}-project`}>Project</FieldLabel>
          <Select<ProjectOption>
            inputId={`${id}-project`}
            options={options}
            value={selected}
            onChange={(option) => onChange({ projectKey: option?.value })}
            isLoading={projects.status === 'loading'}
            isDisabled={busy}
            placeholder={projects.status === 'loading' ? 'Loading projects…' : 'Choose a project'}
            noOptionsMessage={() => 'No project found'}
            menuPlacement="auto"
          />
        </div>

        <div style={fieldStyle}>
          <FieldLabel htmlFor={`${id}-parent`}>Parent issue (optional)</FieldLabel>
          <Textfield
            id={`${id}-parent`}
            value={value.parentKey}
            onChange={(event) => onChange({ parentKey: event.currentTarget.value })}
            onBlur={() => setParentTouched(true)}
            isReadOnly={busy}
            isInvalid={showParentError}
            placeholder="e.g. SCRUM-12"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={describedBy(showParentError && `${id}-parent-error`)}
            testId="parent-key"
          />
          {showParentError && (
            <FieldError id={`${id}-parent-error`} testId="parent-key-error">
              {parentError}
            </FieldError>
          )}
          {currentIssueKey && value.parentKey.trim() === '' && !busy && (
            <div>
              <Button
                appearance="subtle"
                spacing="compact"
                onClick={() => onChange({ parentKey: currentIssueKey })}
                testId="use-current-issue"
              >
                Use {currentIssueKey}
              </Button>
            </div>
          )}
        </div>
      </div>

      {projects.status === 'error' && (
        <ProblemMessage
          error={projects.error}
          fallbackTitle="Projects could not be loaded"
          nextStep={
            currentProjectKey ? `You can still draft in ${currentProjectKey}, or load the projects again.` : 'Load the projects again.'
          }
          appearance="warning"
          testId="projects-error"
        >
          <Button appearance="default" onClick={onRetryProjects}>
            Load again
          </Button>
        </ProblemMessage>
      )}

      <fieldset style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }} disabled={busy}>
        <legend style={{ ...labelStyle, padding: 0, marginBottom: token('space.050', '4px') }}>What to draft</legend>
        <RadioGroup
          name={`${id}-mode`}
          value={value.mode}
          isDisabled={busy}
          onChange={(event) => onChange({ mode: event.currentTarget.value as DraftMode })}
          options={DRAFT_MODES.map(({ mode, label, hint }) => ({
            name: `${id}-mode`,
            value: mode,
            testId: `draft-mode-${mode}`,
            label: (
              <span>
                {label}
                <span style={{ color: token('color.text.subtle', '#44546F') }}> — {hint}</span>
              </span>
            ),
          }))}
        />
      </fieldset>

      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: token('space.100', '8px') }}>
        <Button appearance="primary" type="submit" isDisabled={!canSubmit} testId="draft-button">
          Draft with AI
        </Button>
        {blockedReason && <span style={smallText}>{blockedReason}</span>}
        {!blockedReason && !busy && (
          <span style={smallText}>Nothing is created in Jira until you review and confirm.</span>
        )}
      </div>
    </form>
  );
});
