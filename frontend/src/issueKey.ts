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

export function issueKeyFromForgeContext(context: unknown): string | undefined {
  const key = (context as { extension?: { issue?: { key?: unknown } } } | undefined)?.extension?.issue?.key;
  return typeof key === 'string' && key !== '' ? key : undefined;
}
