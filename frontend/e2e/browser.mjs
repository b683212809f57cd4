// Shared by the browser walk-throughs: Debian's Chromium through playwright-core (never a downloaded browser),
// and a watch that fails the walk-through on errors or on any request leaving this machine.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

import { chromium } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

export function watch(page, failures, { allowedStatuses = [] } = {}) {
  // Chromium asks every page for /favicon.ico on its own; the app has none to offer in an iframe.
  const isFavicon = (url) => url?.endsWith('/favicon.ico');
  page.on('console', (message) => {
    if (message.type() !== 'error' || isFavicon(message.location()?.url)) return;
    if (allowedStatuses.some((status) => message.text().includes(`status of ${status}`))) return;
    failures.push(`console: ${message.text()} at ${message.location()?.url}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !isFavicon(response.url()) && !allowedStatuses.includes(response.status())) {
      failures.push(`HTTP ${response.status()} for ${response.url()}`);
    }
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['localhost', '127.0.0.1'].includes(url.hostname)) failures.push(`request left the machine: ${request.url()}`);
  });
}

export function finish(failures, success) {
  if (failures.length > 0) {
    console.error(failures.join('\n'));
    process.exit(1);
  }
  console.log(success);
}

/** Runs axe-core on the page as it is now; serious and critical violations fail the walk-through. */
export async function checkAccessibility(page, state, failures) {
  // Evaluated through the debugging protocol: the page's CSP (rightly) refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  // Colours are checked once the state has settled, not halfway through a button's transition.
  await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
  const violations = await page.evaluate(async () => (await window.axe.run(document)).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => `${n.html.slice(0, 160)} (${n.failureSummary})`).join(', ')}`));
  for (const violation of violations) failures.push(`axe (${state}) ${violation}`);
}

/** Fails the walk when the page is wider than its frame (a horizontal scrollbar at 360 px). */
export async function checkFits(page, state, failures) {
  const [scrollWidth, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  if (scrollWidth > width) failures.push(`${state}: ${scrollWidth} px of content in a ${width} px frame`);
}
