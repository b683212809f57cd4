/**
 * "Ask about this issue": how the issue panel opens the AI Assistant page with an issue as context,
 * and how that page reads it back. Both halves live here so they cannot drift apart.
 *
 * - **Connect**: `AP.navigator.go('addonmodule', {moduleKey: 'assistant-page', customData: {issueKey}})`
 *   (the `generalPages` key in atlassian-connect.json); Jira passes `customData` to the page's iframe
 *   as the query parameter `ac.issueKey`.
 * - **Forge**: `router.navigate({target: 'module', moduleKey: 'assistant-global-page', path})` (the
 *   `jira:globalPage` key in manifest.yml), with `path` `/issue/SCRUM-2`; the page reads it from its
 *   history (`view.createHistory()`) or the context's `extension.location`.
 */
import { isConnect, loadForgeBridge } from './bridge';
import { normalizeIssueKey } from './issueKey';

export const CONNECT_ASSISTANT_PAGE = 'assistant-page';
export const FORGE_ASSISTANT_PAGE = 'assistant-global-page';

const ISSUE_PATH = /(?:^|\/)issue\/([A-Za-z][A-Za-z0-9_]+-[0-9]+)\/?$/;

/** Opens the AI Assistant page about `issueKey`. Resolves to false when the host cannot navigate. */
export async function openAssistant(issueKey: string): Promise<boolean> {
  if (isConnect()) {
    const navigator = window.AP?.navigator;
    if (!navigator) return false;
    navigator.go('addonmodule', { moduleKey: CONNECT_ASSISTANT_PAGE, customData: { issueKey } });
    return true;
  }
  try {
    const { router } = await loadForgeBridge();
    await router.navigate({ target: 'module', moduleKey: FORGE_ASSISTANT_PAGE, path: `/issue/${encodeURIComponent(issueKey)}` });
    return true;
  } catch {
    return false;
  }
}

/** Connect: the issue in the page's query (`ac.issueKey` from `customData`, or `issueKey`). */
export function assistantIssueFromSearch(search: string): string | undefined {
  const query = new URLSearchParams(search);
  return normalizeIssueKey(query.get('ac.issueKey') ?? query.get('issueKey'));
}

/** Forge: the issue in the global page's sub-path (`/issue/SCRUM-2`) or query (`?issueKey=`), if any. */
export function assistantIssueFromLocation(location: { pathname?: string; search?: string } | undefined): string | undefined {
  const fromPath = location?.pathname?.match(ISSUE_PATH)?.[1];
  return normalizeIssueKey(fromPath ? decodeURIComponent(fromPath) : undefined) ?? assistantIssueFromSearch(location?.search ?? '');
}

/**
 * The issue the page was opened about: Connect from its URL; Forge from its history, else from the
 * context's `extension.location`. Undefined when it was opened from the top navigation.
 */
export async function resolveAssistantIssue(forgeContext?: unknown): Promise<string | undefined> {
  if (isConnect()) return assistantIssueFromSearch(window.location.search);
  try {
    const { view } = await loadForgeBridge();
    const fromHistory = assistantIssueFromLocation((await view.createHistory()).location);
    if (fromHistory) return fromHistory;
  } catch {
    // No history outside a global page: the context may still say where it was opened.
  }
  const location = (forgeContext as { extension?: { location?: unknown } } | undefined)?.extension?.location;
  if (typeof location !== 'string') return undefined;
  try {
    const url = new URL(location);
    return assistantIssueFromLocation({ pathname: url.pathname, search: url.search });
  } catch {
    return undefined;
  }
}
