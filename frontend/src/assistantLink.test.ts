import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const navigate = vi.fn();
const createHistory = vi.fn();
vi.mock('@forge/bridge', () => ({
  router: { navigate: (...args: unknown[]) => navigate(...args) },
  view: { createHistory: () => createHistory() },
}));

import {
  assistantIssueFromLocation,
  assistantIssueFromSearch,
  openAssistant,
  resolveAssistantIssue,
} from './assistantLink';

describe('assistantLink', () => {
  beforeEach(() => {
    navigate.mockReset();
    createHistory.mockReset();
  });

  afterEach(() => {
    delete window.AP;
    window.history.replaceState(null, '', '/');
  });

  it('Connect: the issue key from ac.issueKey (customData), or issueKey', () => {
    expect(assistantIssueFromSearch('?ac.issueKey=SCRUM-2&jwt=x')).toBe('SCRUM-2');
    expect(assistantIssueFromSearch('?issueKey=scrum-12')).toBe('SCRUM-12');
    expect(assistantIssueFromSearch('?ac.issueKey=SCRUM-2&issueKey=OPS-1')).toBe('SCRUM-2');
  });

  it('Connect: junk is no issue', () => {
    for (const search of ['', '?ac.issueKey=', '?ac.issueKey=%7Bissue.key%7D', '?ac.issueKey=SCRUM', '?ac.issueKey=<script>-1', '?issueKey=12-SCRUM', '?other=SCRUM-2']) {
      expect(assistantIssueFromSearch(search), search).toBeUndefined();
    }
  });

  it('Forge: the issue key from the page path /issue/SCRUM-2, or its query', () => {
    expect(assistantIssueFromLocation({ pathname: '/issue/SCRUM-2' })).toBe('SCRUM-2');
    expect(assistantIssueFromLocation({ pathname: '/issue/SCRUM-2/' })).toBe('SCRUM-2');
    expect(assistantIssueFromLocation({ pathname: '/jira/apps/abc/def/issue/scrum-7' })).toBe('SCRUM-7');
    expect(assistantIssueFromLocation({ pathname: '/', search: '?issueKey=OPS-3' })).toBe('OPS-3');
  });

  it('Forge: junk is no issue', () => {
    for (const pathname of ['/', '/issue/', '/issue/SCRUM', '/issue/SCRUM-2/comments', '/issues/SCRUM-2', '/issue/SCRUM-2%2F..', '/issue/%3Cb%3E-1', '/tissue/SCRUM-2']) {
      expect(assistantIssueFromLocation({ pathname }), pathname).toBeUndefined();
    }
    expect(assistantIssueFromLocation(undefined)).toBeUndefined();
  });

  it('resolveAssistantIssue: the Connect URL, else the Forge history, else the context location', async () => {
    window.AP = { context: { getToken: vi.fn() } };
    window.history.replaceState(null, '', '/connect/assistant?ac.issueKey=SCRUM-2');
    await expect(resolveAssistantIssue()).resolves.toBe('SCRUM-2');
    delete window.AP;

    createHistory.mockResolvedValue({ location: { pathname: '/issue/OPS-4', search: '' } });
    await expect(resolveAssistantIssue()).resolves.toBe('OPS-4');

    createHistory.mockRejectedValue(new Error('not a global page'));
    await expect(resolveAssistantIssue({ extension: { location: 'https://x.atlassian.net/jira/apps/a/b/issue/KAN-9' } })).resolves.toBe('KAN-9');
    await expect(resolveAssistantIssue({ extension: { location: 'not a url' } })).resolves.toBeUndefined();
    await expect(resolveAssistantIssue({})).resolves.toBeUndefined();
  });

  it('openAssistant: Connect goes to the page module with customData, Forge navigates to /issue/KEY', async () => {
    const go = vi.fn();
    window.AP = { context: { getToken: vi.fn() }, navigator: { go } } as unknown as typeof window.AP;
    await expect(openAssistant('SCRUM-2')).resolves.toBe(true);
    expect(go).toHaveBeenCalledWith('addonmodule', { moduleKey: 'assistant-page', customData: { issueKey: 'SCRUM-2' } });
    delete window.AP;

    navigate.mockResolvedValue(undefined);
    await expect(openAssistant('SCRUM-2')).resolves.toBe(true);
    expect(navigate).toHaveBeenCalledWith({ target: 'module', moduleKey: 'assistant-global-page', path: '/issue/SCRUM-2' });
    // What the panel sends is what the page reads back.
    expect(assistantIssueFromLocation({ pathname: (navigate.mock.calls[0][0] as { path: string }).path })).toBe('SCRUM-2');

    navigate.mockRejectedValue(new Error('no router'));
    await expect(openAssistant('SCRUM-2')).resolves.toBe(false);
  });
});
