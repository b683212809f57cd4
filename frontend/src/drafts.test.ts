import { describe, expect, it } from 'vitest';

import { ApiError } from './bridge';
import {
  draftTree,
  issueNotCreatableProblems,
  labelsError,
  normalizeDraft,
  parentKeyError,
  parentKeyValue,
  parseLabels,
  removeDraft,
  summaryError,
  textError,
  type Draft,
} from './drafts';
import { normalizeProjectKey, projectOfIssueKey } from './issueKey';
import { launchFromForgeContext, launchFromSearch } from './surfaces/DraftSurface';

function draft(ref: string, overrides: Partial<Draft> = {}): Draft {
  return normalizeDraft({ ref, summary: ref, issueType: 'Story', ...overrides });
}

describe('draft input checks', () => {
  it('accepts an empty or well-formed parent key, in any case, and rejects anything else', () => {
    expect(parentKeyError('')).toBeUndefined();
    expect(parentKeyError('  ')).toBeUndefined();
    expect(parentKeyError('SCRUM-12')).toBeUndefined();
    expect(parentKeyError(' scrum-12 ')).toBeUndefined();
    expect(parentKeyError('MY_PROJ2-1')).toBeUndefined();
    expect(parentKeyError('SCRUM')).toMatch(/issue key such as SCRUM-12/);
    expect(parentKeyError('SCRUM-')).toBeDefined();
    expect(parentKeyError('12')).toBeDefined();
    expect(parentKeyError('S-1')).toBeDefined();
    expect(parentKeyError('SCRUM 12')).toBeDefined();
    expect(parentKeyValue(' scrum-12 ')).toBe('SCRUM-12');
    expect(parentKeyValue('')).toBeNull();
  });

  it('limits the text to 8000 characters and a summary to 255, and needs a summary', () => {
    expect(textError('x'.repeat(8000))).toBeUndefined();
    expect(textError('x'.repeat(8001))).toMatch(/8000/);
    expect(summaryError('A summary')).toBeUndefined();
    expect(summaryError('   ')).toBe('Enter a summary.');
    expect(summaryError('x'.repeat(255))).toBeUndefined();
    expect(summaryError('x'.repeat(256))).toMatch(/255/);
  });

  it('parses comma-separated labels and refuses labels with spaces', () => {
    expect(parseLabels(' login, safari,, login ,')).toEqual(['login', 'safari']);
    expect(parseLabels('')).toEqual([]);
    expect(labelsError(['login', 'safari'])).toBeUndefined();
    expect(labelsError(['two words'])).toMatch(/“two words”/);
  });
});

describe('where the dialog was opened', () => {
  it('treats an empty or literal {project.key} as no project', () => {
    expect(normalizeProjectKey('SCRUM')).toBe('SCRUM');
    expect(normalizeProjectKey('{project.key}')).toBeUndefined();
    expect(normalizeProjectKey('')).toBeUndefined();
    expect(normalizeProjectKey('scrum')).toBeUndefined();
    expect(normalizeProjectKey('S')).toBeUndefined();
    expect(normalizeProjectKey(undefined)).toBeUndefined();
    expect(projectOfIssueKey('MY_PROJ-7')).toBe('MY_PROJ');
  });

  it('reads the Connect URL, falling back to the project of the issue', () => {
    expect(launchFromSearch('?projectKey=SCRUM&issueKey=SCRUM-1&jwt=x')).toEqual({ projectKey: 'SCRUM', issueKey: 'SCRUM-1' });
    expect(launchFromSearch('?projectKey=%7Bproject.key%7D&issueKey=%7Bissue.key%7D')).toEqual({
      projectKey: undefined,
      issueKey: undefined,
    });
    expect(launchFromSearch('?projectKey=&issueKey=OPS-3')).toEqual({ projectKey: 'OPS', issueKey: 'OPS-3' });
    expect(launchFromSearch('')).toEqual({ projectKey: undefined, issueKey: undefined });
  });

  it('reads the Forge context', () => {
    expect(launchFromForgeContext({ extension: { project: { key: 'SCRUM' }, issue: { key: 'SCRUM-9' } } })).toEqual({
      projectKey: 'SCRUM',
      issueKey: 'SCRUM-9',
    });
    expect(launchFromForgeContext({ extension: {} })).toEqual({ projectKey: undefined, issueKey: undefined });
    expect(launchFromForgeContext(undefined)).toEqual({ projectKey: undefined, issueKey: undefined });
  });
});

describe('breakdown structure', () => {
  const epic = draft('epic', { issueType: 'Epic' });
  const a = draft('s1', { parentRef: 'epic' });
  const b = draft('s2', { parentRef: 'epic', dependsOn: ['s1'] });
  const loose = draft('t1');

  it('shows the epic first with its children indented, other drafts at the top level', () => {
    expect(draftTree([a, epic, loose, b])).toEqual([
      { index: 1, depth: 0 },
      { index: 0, depth: 1 },
      { index: 3, depth: 1 },
      { index: 2, depth: 0 },
    ]);
  });

  it('never loses a draft, even with a cycle of parents', () => {
    const x = draft('x', { parentRef: 'y' });
    const y = draft('y', { parentRef: 'x' });
    expect(draftTree([x, y]).map((row) => row.index).sort()).toEqual([0, 1]);
  });

  it('removing a draft drops the dependencies on it', () => {
    const left = removeDraft([epic, a, b], 1);
    expect(left.map((d) => d.ref)).toEqual(['epic', 's2']);
    expect(left[1].dependsOn).toEqual([]);
    expect(left[1].parentRef).toBe('epic');
  });
});

describe('server answers', () => {
  it('fills in what a draft lacks', () => {
    expect(normalizeDraft({ summary: 'Only a summary' }, 2)).toEqual({
      ref: 'draft-3',
      summary: 'Only a summary',
      issueType: '',
      priority: null,
      labels: [],
      components: [],
      assignee: null,
      assigneeHint: null,
      descriptionMarkdown: '',
      acceptanceCriteria: [],
      parentRef: null,
      parentKey: null,
      dependsOn: [],
      complexity: null,
      missingInformation: [],
      fields: {},
    });
  });

  it('reads the problems of a 422 issue-not-creatable answer only', () => {
    const problems = [
      { fieldId: 'priority', name: 'Priority', problem: 'Not allowed', allowedValues: ['High', 'Low'], draft: 0 },
      { fieldId: 'customfield_1', name: 'Team', problem: 'Required' },
    ];
    const error = new ApiError(422, { type: 'https://example.com/problems/issue-not-creatable', title: 'x', problems });
    expect(issueNotCreatableProblems(error)).toEqual([
      { fieldId: 'priority', name: 'Priority', problem: 'Not allowed', allowedValues: ['High', 'Low'], draft: 0 },
      { fieldId: 'customfield_1', name: 'Team', problem: 'Required', allowedValues: [] },
    ]);
    expect(issueNotCreatableProblems(new ApiError(422, { type: 'https://example.com/problems/other', problems }))).toBeUndefined();
    expect(issueNotCreatableProblems(new ApiError(409, { type: 'https://example.com/problems/issue-not-creatable' }))).toBeUndefined();
    expect(issueNotCreatableProblems(new Error('x'))).toBeUndefined();
  });
});
