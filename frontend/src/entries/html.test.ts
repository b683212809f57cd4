import { describe, expect, it } from 'vitest';

import { MARKUP_PLACEHOLDER, STYLE_PLACEHOLDER, withBootSkeleton } from '../bootSkeleton';

import admin from '../../admin.html?raw';
import assistant from '../../assistant.html?raw';
import draft from '../../draft.html?raw';
import index from '../../index.html?raw';
import issueGlance from '../../issue-glance.html?raw';
import issuePanel from '../../issue-panel.html?raw';

const SOURCES: Record<string, string> = {
  index,
  'issue-panel': issuePanel,
  'issue-glance': issueGlance,
  draft,
  assistant,
  admin,
};

/** The pages as Vite serves and builds them. */
const PAGES: Record<string, string> = Object.fromEntries(
  Object.entries(SOURCES).map(([name, html]) => [name, withBootSkeleton(html)]),
);

describe('html entries', () => {
  it.each(Object.entries(SOURCES))('%s.html takes the one shared skeleton', (_name, html) => {
    expect(html.slice(html.indexOf('<head>'), html.indexOf('</head>'))).toContain(STYLE_PLACEHOLDER);
    expect(html).toContain(`<div id="root">${MARKUP_PLACEHOLDER}</div>`);
  });

  it.each(Object.entries(PAGES))('%s.html has the Connect placeholder in <head> and loads its entry', (name, html) => {
    const head = html.slice(html.indexOf('<head>'), html.indexOf('</head>'));
    expect(head).toContain('<!-- connect-all-js -->');
    // The placeholder must precede anything with a URL, so an injected <base href> applies to it.
    const firstUrl = head.search(/\b(src|href)=/);
    if (firstUrl !== -1) expect(head.indexOf('<!-- connect-all-js -->')).toBeLessThan(firstUrl);
    expect(html).toContain(`src="/src/entries/${name}.tsx"`);
    expect(html).toContain('<div id="root"><div class="boot-skeleton">');
  });

  it.each(Object.entries(PAGES))('%s.html shows an accessible skeleton until the surface renders', (_name, html) => {
    const root = html.slice(html.indexOf('<div id="root">'), html.indexOf('<script type="module"'));
    expect(root).toContain('role="status">Loading…</span>');
    expect(root).toContain('aria-busy="true"');
    // Light and dark before the tokens load, and the host theme once Atlaskit marks it.
    expect(html).toContain('@media (prefers-color-scheme: dark)');
    expect(html).toContain(":root[data-color-mode='dark']");
    expect(html).toContain('var(--ds-skeleton,');
  });
});
