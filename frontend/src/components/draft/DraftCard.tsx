import Avatar from '@atlaskit/avatar';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useEffect, useId, useState, type CSSProperties } from 'react';

import {
  labelsError,
  parseLabels,
  refLabel,
  SUMMARY_MAX,
  summaryError,
  type CreateOptions,
  type CreateProblem,
  type Draft,
} from '../../drafts';
import { LazyMarkdown } from '../LazyMarkdown';
import {
  CharCounter,
  describedBy,
  FieldError,
  FieldLabel,
  FieldProblems,
  fieldStyle,
  labelStyle,
  problemText,
  smallText,
  subtleText,
} from './fieldParts';

/** The parts of a card a problem can be shown next to. */
export type CardField =
  | 'summary'
  | 'issueType'
  | 'priority'
  | 'labels'
  | 'components'
  | 'assignee'
  | 'description'
  | 'acceptanceCriteria'
  | 'parent'
  | 'fields';

/** Jira field ids (and the draft's own names) → the card field a problem belongs next to. */
const FIELD_BY_ID: Readonly<Record<string, CardField>> = {
  summary: 'summary',
  issuetype: 'issueType',
  issueType: 'issueType',
  priority: 'priority',
  labels: 'labels',
  components: 'components',
  assignee: 'assignee',
  description: 'description',
  descriptionMarkdown: 'description',
  acceptanceCriteria: 'acceptanceCriteria',
  parent: 'parent',
  parentKey: 'parent',
};

/** The card field a problem is shown next to; undefined means the top of the card (e.g. a custom field). */
export function cardFieldOf(fieldId: string): CardField | undefined {
  return FIELD_BY_ID[fieldId];
}

interface Option {
  label: string;
  value: string;
}

function toOptions(values: string[], ...keep: Array<string | null | undefined>): Option[] {
  const all = [...values];
  for (const value of keep) if (value && !all.includes(value)) all.push(value);
  return all.map((value) => ({ label: value, value }));
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** Fields outside the card's own inputs that Jira asked for (custom fields), once each, kept after they are fixed. */
function requiredExtraFields(problems: CreateProblem[], draft: Draft): Array<{ fieldId: string; name: string; allowedValues: string[] }> {
  const fields = new Map<string, { fieldId: string; name: string; allowedValues: string[] }>();
  problems
    .filter((problem) => problem.fieldId.startsWith('customfield_'))
    .forEach((problem) => fields.set(problem.fieldId, { fieldId: problem.fieldId, name: problem.name, allowedValues: problem.allowedValues }));
  Object.keys(draft.fields).forEach((fieldId) => {
    if (!fields.has(fieldId)) fields.set(fieldId, { fieldId, name: fieldId, allowedValues: [] });
  });
  return [...fields.values()];
}

export interface DraftCardProps {
  /** The draft's index in the drafts sent to the server (testids use it). */
  index: number;
  draft: Draft;
  /** Every draft of the proposal (for "Child of …" and "Depends on …"). */
  drafts: Draft[];
  /** 0 for a top-level draft, 1 for a child of the epic. */
  depth: number;
  breakdown: boolean;
  /** Issue types, priorities and components of the project; undefined while loading or when they failed. */
  createOptions: CreateOptions | undefined;
  /** What Jira would refuse for this draft. */
  problems: CreateProblem[];
  disabled: boolean;
  onChange: (draft: Draft, field: CardField) => void;
  /** Offered for breakdown drafts without children. */
  onRemove?: () => void;
}

/** One editable draft: every field Jira gets, with the server's problems next to the fields they name. */
export function DraftCard({
  index,
  draft,
  drafts,
  depth,
  breakdown,
  createOptions,
  problems,
  disabled,
  onChange,
  onRemove,
}: DraftCardProps) {
  const id = useId();
  const [preview, setPreview] = useState(false);
  const [labelsText, setLabelsText] = useState(draft.labels.join(', '));

  // The server may send the drafts back changed (after saving): show its labels then.
  useEffect(() => {
    setLabelsText((text) => (sameList(parseLabels(text), draft.labels) ? text : draft.labels.join(', ')));
  }, [draft.labels]);

  const byField = new Map<CardField | 'other', CreateProblem[]>();
  for (const problem of problems) {
    const field = cardFieldOf(problem.fieldId) ?? 'other';
    byField.set(field, [...(byField.get(field) ?? []), problem]);
  }
  const problemsOf = (field: CardField | 'other') => byField.get(field) ?? [];

  const set = <K extends keyof Draft>(key: K, value: Draft[K], field: CardField) => onChange({ ...draft, [key]: value }, field);

  const summaryProblem = summaryError(draft.summary);
  const labelProblem = labelsError(draft.labels);
  const isEpic = breakdown && draft.ref === 'epic';
  const parentDraft = draft.parentRef ? drafts.find((d) => d.ref === draft.parentRef) : undefined;

  const cardStyle: CSSProperties = {
    display: 'flex',
    flexDirection: 'column',
    gap: token('space.150', '12px'),
    padding: token('space.200', '16px'),
    marginLeft: depth > 0 ? `calc(${token('space.400', '32px')} * ${depth})` : undefined,
    border: `1px solid ${token('color.border', '#091E4224')}`,
    borderLeft: depth > 0 ? `3px solid ${token('color.border.discovery', '#8F7EE7')}` : undefined,
    borderRadius: token('radius.medium', '6px'),
    backgroundColor: token('elevation.surface.raised', '#FFFFFF'),
    minWidth: 0,
  };

  const otherProblems = problemsOf('other');

  return (
    <article data-testid={`draft-card-${index}`} aria-labelledby={`${id}-title`} style={cardStyle}>
      <header style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: token('space.100', '8px') }}>
        <Heading size="xxsmall" as="h3" id={`${id}-title`}>
          {breakdown ? `${index + 1}. ` : ''}
          {draft.issueType || (isEpic ? 'Epic' : 'Issue')}
        </Heading>
        {draft.complexity && (
          <span data-testid={`draft-complexity-${index}`}>
            <Lozenge appearance="inprogress">Complexity {draft.complexity}</Lozenge>
          </span>
        )}
        {parentDraft && (
          <span style={smallText} data-testid={`draft-parent-ref-${index}`}>
            Child of “{refLabel(drafts, parentDraft.ref)}”
          </span>
        )}
        {onRemove && (
          <span style={{ marginLeft: 'auto' }}>
            <Button appearance="subtle" spacing="compact" onClick={onRemove} isDisabled={disabled} testId={`draft-remove-${index}`}>
              Remove from breakdown
            </Button>
          </span>
        )}
      </header>

      {draft.dependsOn.length > 0 && (
        <div data-testid={`draft-depends-${index}`} style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: token('space.050', '4px') }}>
          <Lozenge appearance="moved">Depends on</Lozenge>
          <span style={subtleText}>{draft.dependsOn.map((ref) => `“${refLabel(drafts, ref)}”`).join(', ')}</span>
        </div>
      )}

      {otherProblems.length > 0 && (
        <SectionMessage appearance="error" title="Jira needs more for this issue" testId={`draft-problems-${index}`}>
          <ul style={{ margin: 0, paddingLeft: token('space.300', '24px') }}>
            {otherProblems.map((problem, i) => (
              <li key={i}>{problemText(problem, true)}</li>
            ))}
          </ul>
        </SectionMessage>
      )}

      {requiredExtraFields(otherProblems, draft).map((field) => (
        <div style={fieldStyle} key={field.fieldId}>
          <FieldLabel htmlFor={`${id}-field-${field.fieldId}`}>{field.name}</FieldLabel>
          <Textfield
            id={`${id}-field-${field.fieldId}`}
            value={draft.fields[field.fieldId] ?? ''}
            onChange={(event) => set('fields', { ...draft.fields, [field.fieldId]: event.currentTarget.value }, 'fields')}
            isReadOnly={disabled}
            placeholder={field.allowedValues.length > 0 ? `One of: ${field.allowedValues.join(', ')}` : undefined}
            testId={`draft-field-${index}-${field.fieldId}`}
          />
        </div>
      ))}

      <div style={fieldStyle}>
        <FieldLabel htmlFor={`${id}-summary`}>Summary</FieldLabel>
        <Textfield
          id={`${id}-summary`}
          value={draft.summary}
          onChange={(event) => set('summary', event.currentTarget.value, 'summary')}
          isReadOnly={disabled}
          isInvalid={summaryProblem !== undefined || problemsOf('summary').length > 0}
          aria-describedby={describedBy(
            `${id}-summary-count`,
            summaryProblem && `${id}-summary-error`,
            problemsOf('summary').length > 0 && `${id}-summary-problems`,
          )}
          testId={`draft-summary-${index}`}
        />
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: token('space.100', '8px') }}>
          <div>
            {summaryProblem && <FieldError id={`${id}-summary-error`}>{summaryProblem}</FieldError>}
            <FieldProblems id={`${id}-summary-problems`} problems={problemsOf('summary')} testId={`draft-summary-problem-${index}`} />
          </div>
          <CharCounter id={`${id}-summary-count`} length={draft.summary.length} max={SUMMARY_MAX} />
        </div>
      </div>

      <div style={gridStyle}>
        <div style={fieldStyle} data-testid={`draft-type-${index}`}>
          <FieldLabel htmlFor={`${id}-type`}>Issue type</FieldLabel>
          <Select<Option>
            inputId={`${id}-type`}
            options={toOptions(createOptions?.issueTypes ?? [], draft.issueType)}
            value={draft.issueType ? { label: draft.issueType, value: draft.issueType } : null}
            onChange={(option) => set('issueType', option?.value ?? '', 'issueType')}
            isDisabled={disabled}
            isInvalid={problemsOf('issueType').length > 0}
            aria-describedby={describedBy(problemsOf('issueType').length > 0 && `${id}-type-problems`)}
            placeholder="Choose a type"
            menuPlacement="auto"
          />
          <FieldProblems id={`${id}-type-problems`} problems={problemsOf('issueType')} testId={`draft-type-problem-${index}`} />
        </div>

        <div style={fieldStyle} data-testid={`draft-priority-${index}`}>
          <FieldLabel htmlFor={`${id}-priority`}>Priority</FieldLabel>
          <Select<Option>
            inputId={`${id}-priority`}
            options={toOptions(createOptions?.priorities ?? [], draft.priority)}
            value={draft.priority ? { label: draft.priority, value: draft.priority } : null}
            onChange={(option) => set('priority', option?.value ?? null, 'priority')}
            isClearable
            isDisabled={disabled}
            isInvalid={problemsOf('priority').length > 0}
            aria-describedby={describedBy(problemsOf('priority').length > 0 && `${id}-priority-problems`)}
            placeholder="Project default"
            menuPlacement="auto"
          />
          <FieldProblems id={`${id}-priority-problems`} problems={problemsOf('priority')} testId={`draft-priority-problem-${index}`} />
        </div>

        <div style={fieldStyle}>
          <FieldLabel htmlFor={`${id}-labels`}>Labels (comma-separated)</FieldLabel>
          <Textfield
            id={`${id}-labels`}
            value={labelsText}
            onChange={(event) => {
              const text = event.currentTarget.value;
              setLabelsText(text);
              const labels = parseLabels(text);
              if (!sameList(labels, draft.labels)) set('labels', labels, 'labels');
            }}
            isReadOnly={disabled}
            isInvalid={labelProblem !== undefined || problemsOf('labels').length > 0}
            aria-describedby={describedBy(
              labelProblem && `${id}-labels-error`,
              problemsOf('labels').length > 0 && `${id}-labels-problems`,
            )}
            placeholder="e.g. login, safari"
            testId={`draft-labels-${index}`}
          />
          {labelProblem && <FieldError id={`${id}-labels-error`}>{labelProblem}</FieldError>}
          <FieldProblems id={`${id}-labels-problems`} problems={problemsOf('labels')} testId={`draft-labels-problem-${index}`} />
        </div>

        <div style={fieldStyle} data-testid={`draft-components-${index}`}>
          <FieldLabel htmlFor={`${id}-components`}>Components</FieldLabel>
          <Select<Option, true>
            inputId={`${id}-components`}
            isMulti
            options={toOptions(createOptions?.components ?? [], ...draft.components)}
            value={draft.components.map((c) => ({ label: c, value: c }))}
            onChange={(list) => set('components', (list ?? []).map((o) => o.value), 'components')}
            isDisabled={disabled}
            isInvalid={problemsOf('components').length > 0}
            aria-describedby={describedBy(problemsOf('components').length > 0 && `${id}-components-problems`)}
            placeholder={createOptions && createOptions.components.length === 0 ? 'The project has no components' : 'None'}
            noOptionsMessage={() => 'No components'}
            menuPlacement="auto"
          />
          <FieldProblems id={`${id}-components-problems`} problems={problemsOf('components')} testId={`draft-components-problem-${index}`} />
        </div>
      </div>

      <div style={fieldStyle}>
        <span style={labelStyle} id={`${id}-assignee-label`}>
          Assignee
        </span>
        <Assignee
          draft={draft}
          index={index}
          labelId={`${id}-assignee-label`}
          disabled={disabled}
          onClear={() => onChange({ ...draft, assignee: null, assigneeHint: null }, 'assignee')}
        />
        <FieldProblems problems={problemsOf('assignee')} testId={`draft-assignee-problem-${index}`} />
      </div>

      {(draft.parentKey || problemsOf('parent').length > 0) && (
        <div style={fieldStyle}>
          <span style={labelStyle}>Parent</span>
          <span data-testid={`draft-parent-key-${index}`}>{draft.parentKey ?? 'None'}</span>
          <FieldProblems problems={problemsOf('parent')} testId={`draft-parent-problem-${index}`} />
        </div>
      )}

      <div style={fieldStyle}>
        <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: token('space.100', '8px') }}>
          <FieldLabel htmlFor={preview ? undefined : `${id}-description`} id={`${id}-description-label`}>
            Description (Markdown)
          </FieldLabel>
          <Button
            appearance="subtle"
            spacing="compact"
            onClick={() => setPreview((p) => !p)}
            aria-pressed={preview}
            testId={`draft-preview-toggle-${index}`}
          >
            {preview ? 'Edit' : 'Preview'}
          </Button>
        </div>
        {preview ? (
          <div
            role="region"
            aria-labelledby={`${id}-description-label`}
            tabIndex={0}
            data-testid={`draft-preview-${index}`}
            style={previewStyle}
          >
            {draft.descriptionMarkdown.trim() ? (
              <LazyMarkdown headingLevel={4}>{draft.descriptionMarkdown}</LazyMarkdown>
            ) : (
              <p style={{ ...subtleText, color: token('color.text.subtlest', '#626F86') }}>(empty)</p>
            )}
          </div>
        ) : (
          <TextArea
            id={`${id}-description`}
            value={draft.descriptionMarkdown}
            onChange={(event) => set('descriptionMarkdown', event.currentTarget.value, 'description')}
            minimumRows={5}
            maxHeight="40vh"
            resize="vertical"
            isMonospaced
            isReadOnly={disabled}
            isInvalid={problemsOf('description').length > 0}
            aria-describedby={describedBy(problemsOf('description').length > 0 && `${id}-description-problems`)}
            testId={`draft-description-${index}`}
          />
        )}
        <FieldProblems id={`${id}-description-problems`} problems={problemsOf('description')} testId={`draft-description-problem-${index}`} />
      </div>

      <AcceptanceCriteria
        index={index}
        criteria={draft.acceptanceCriteria}
        disabled={disabled}
        onChange={(list) => set('acceptanceCriteria', list, 'acceptanceCriteria')}
      />
      <FieldProblems problems={problemsOf('acceptanceCriteria')} testId={`draft-ac-problem-${index}`} />

      {draft.missingInformation.length > 0 && (
        <SectionMessage appearance="information" title="Missing information" testId={`draft-missing-${index}`}>
          <p>The AI could not tell these from your text; add them to the description or ask the reporter:</p>
          <ul style={{ margin: 0, paddingLeft: token('space.300', '24px') }}>
            {draft.missingInformation.map((item, i) => (
              <li key={i}>{item}</li>
            ))}
          </ul>
        </SectionMessage>
      )}
    </article>
  );
}

const gridStyle: CSSProperties = {
  display: 'grid',
  gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))',
  gap: token('space.150', '12px'),
  alignItems: 'start',
};

const previewStyle: CSSProperties = {
  border: `1px solid ${token('color.border', '#091E4224')}`,
  borderRadius: token('radius.small', '4px'),
  padding: `${token('space.100', '8px')} ${token('space.150', '12px')}`,
  maxHeight: '40vh',
  overflow: 'auto',
  backgroundColor: token('elevation.surface.sunken', '#F7F8F9'),
};

function Assignee({
  draft,
  index,
  labelId,
  disabled,
  onClear,
}: {
  draft: Draft;
  index: number;
  labelId: string;
  disabled: boolean;
  onClear: () => void;
}) {
  const name = draft.assignee?.displayName;
  const hint = draft.assigneeHint;
  return (
    <div
      role="group"
      aria-labelledby={labelId}
      data-testid={`draft-assignee-${index}`}
      style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: token('space.100', '8px') }}
    >
      {name ? (
        <>
          {/* No src: nothing is fetched, Avatar shows a neutral person. */}
          <Avatar size="small" name={name} />
          <span>{name}</span>
        </>
      ) : hint ? (
        <span>
          Suggested: {hint} <span style={{ color: token('color.text.subtle', '#44546F') }}>(no matching user)</span>
        </span>
      ) : (
        <span style={{ color: token('color.text.subtle', '#44546F') }}>Unassigned</span>
      )}
      {(name || hint) && (
        <Button
          appearance="subtle"
          spacing="compact"
          onClick={onClear}
          isDisabled={disabled}
          aria-label={name ? `Clear assignee ${name}` : 'Clear the suggested assignee'}
          testId={`draft-assignee-clear-${index}`}
        >
          {name ? 'Unassign' : 'Clear'}
        </Button>
      )}
    </div>
  );
}

function AcceptanceCriteria({
  index,
  criteria,
  disabled,
  onChange,
}: {
  index: number;
  criteria: string[];
  disabled: boolean;
  onChange: (criteria: string[]) => void;
}) {
  const id = useId();
  return (
    <div role="group" aria-labelledby={`${id}-label`} style={fieldStyle} data-testid={`draft-ac-${index}`}>
      <span id={`${id}-label`} style={labelStyle}>
        Acceptance criteria
      </span>
      {criteria.length === 0 && <p style={smallText}>None yet.</p>}
      <ol style={{ margin: 0, paddingLeft: token('space.300', '24px'), display: 'flex', flexDirection: 'column', gap: token('space.050', '4px') }}>
        {criteria.map((criterion, i) => (
          <li key={i}>
            <div style={{ display: 'flex', alignItems: 'center', gap: token('space.050', '4px') }}>
              <Textfield
                value={criterion}
                aria-label={`Acceptance criterion ${i + 1}`}
                onChange={(event) => onChange(criteria.map((c, j) => (j === i ? event.currentTarget.value : c)))}
                isReadOnly={disabled}
                isCompact
                testId={`draft-ac-${index}-${i}`}
              />
              <Button
                appearance="subtle"
                spacing="compact"
                onClick={() => onChange(criteria.filter((_, j) => j !== i))}
                isDisabled={disabled}
                aria-label={`Remove acceptance criterion ${i + 1}`}
              >
                Remove
              </Button>
            </div>
          </li>
        ))}
      </ol>
      <div>
        <Button
          appearance="subtle"
          spacing="compact"
          onClick={() => onChange([...criteria, ''])}
          isDisabled={disabled}
          testId={`draft-ac-add-${index}`}
        >
          Add criterion
        </Button>
      </div>
    </div>
  );
}
