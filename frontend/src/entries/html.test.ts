import { describe, expect, it } from 'vitest';

import admin from '../../admin.html?raw';
import assistant from '../../assistant.html?raw';
import draft from '../../draft.html?raw';
import index from '../../index.html?raw';
import issueGlance from '../../issue-glance.html?raw';
import issuePanel from '../../issue-panel.html?raw';

const PAGES: Record<string, string> = {
  index,
  'issue-panel': issuePanel,
  'issue-glance': issueGlance,
  draft,
  assistant,
  admin,
};

describe('html entries', () => {
  it.each(Object.entries(PAGES))('%s.html has the Connect placeholder in <head> and loads its entry', (name, html) => {
    const head = html.slice(html.indexOf('<head>'), html.indexOf('</head>'));
    expect(head).toContain('<!-- connect-all-js -->');
    // The placeholder must precede anything with a URL, so an injected <base href> applies to it.
    const firstUrl = head.search(/\b(src|href)=/);
    if (firstUrl !== -1) expect(head.indexOf('<!-- connect-all-js -->')).toBeLessThan(firstUrl);
    expect(html).toContain(`src="/src/entries/${name}.tsx"`);
    expect(html).toContain('<div id="root"></div>');
  });
});
