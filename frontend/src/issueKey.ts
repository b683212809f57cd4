import { isConnect } from './bridge';

/**
 * The key of the issue the page was opened for.
 *
 * - **Connect**: the backend opens the panel as `/connect/issue-panel?issueKey=SCRUM-1&...`, so it
 *   is the `issueKey` query parameter of the page.
 * - **Forge**: `view.getContext()` → `extension.issue.key`.
 *
 * Resolves to undefined when the page was not opened for an issue.
 */
export async function resolveIssueKey(): Promise<string | undefined> {
  if (isConnect()) {
    return issueKeyFromSearch(window.location.search);
  }
  const { view } = await import('@forge/bridge');
  return issueKeyFromForgeContext(await view.getContext());
}

export function issueKeyFromSearch(search: string): string | undefined {
  const key = new URLSearchParams(search).get('issueKey')?.trim();
  return key ? key : undefined;
}

const PROJECT_KEY = /^[A-Z][A-Z0-9_]+$/;
const ISSUE_KEY = /^[A-Z][A-Z0-9_]+-[0-9]+$/;

/**
 * A Jira project key, or undefined for anything else: an empty value, or the literal
 * `{project.key}` Jira leaves in a Connect URL when the page is opened outside a project.
 */
export function normalizeProjectKey(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const key = value.trim();
  return PROJECT_KEY.test(key) ? key : undefined;
}

/** True for an issue key such as `SCRUM-12` (upper case, as Jira shows it). */
export function isIssueKey(value: string): boolean {
  return ISSUE_KEY.test(value);
}

/** An issue key from a URL or context, or undefined when it is not one (e.g. a literal `{issue.key}`). */
export function normalizeIssueKey(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const key = value.trim().toUpperCase();
  return isIssueKey(key) ? key : undefined;
}

/** The project part of an issue key (`SCRUM` for `SCRUM-12`). */
export function projectOfIssueKey(issueKey: string | undefined): string | undefined {
  if (!issueKey) return undefined;
  return normalizeProjectKey(issueKey.slice(0, issueKey.lastIndexOf('-')));
}

export function projectKeyFromSearch(search: string): string | undefined {
  return normalizeProjectKey(new URLSearchParams(search).get('projectKey'));
}

export function projectKeyFromForgeContext(context: unknown): string | undefined {
  return normalizeProjectKey(
    (context as { extension?: { project?: { key?: unknown } } } | undefined)?.extension?.project?.key,
  );
}

export function issueKeyFromForgeContext(context: unknown): string | undefined {
  const key = (context as { extension?: { issue?: { key?: unknown } } } | undefined)?.extension?.issue?.key;
  return typeof key === 'string' && key !== '' ? key : undefined;
}
