// Fails the build unless every page is in dist/ with the Connect placeholder inside <head>
// before any asset URL (the backend swaps it for all.js and a <base href>), and icon.svg is there.
import { readFileSync } from 'node:fs';

const PAGES = ['index', 'issue-panel', 'issue-glance', 'draft', 'assistant', 'admin'];
const PLACEHOLDER = '<!-- connect-all-js -->';
const problems = [];

for (const page of PAGES) {
  const file = new URL(`../dist/${page}.html`, import.meta.url);
  let html;
  try {
    html = readFileSync(file, 'utf8');
  } catch {
    problems.push(`dist/${page}.html is missing`);
    continue;
  }
  const head = html.slice(html.indexOf('<head>'), html.indexOf('</head>'));
  const at = head.indexOf(PLACEHOLDER);
  const firstUrl = head.search(/\b(src|href)=/);
  if (at === -1) problems.push(`dist/${page}.html has no ${PLACEHOLDER} in <head>`);
  else if (firstUrl !== -1 && firstUrl < at) problems.push(`dist/${page}.html has an asset URL before ${PLACEHOLDER}`);
  if (/\b(src|href)="\/(?!\/)/.test(html)) problems.push(`dist/${page}.html has a root-absolute asset URL (base must be './')`);
}

try {
  readFileSync(new URL('../dist/icon.svg', import.meta.url));
} catch {
  problems.push('dist/icon.svg is missing (the Forge manifest and Connect descriptor use it)');
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`dist: ${PAGES.length} pages checked, each has ${PLACEHOLDER} in <head>; icon.svg present`);
