// Browser walk-through of the AI Assistant page, driven by the Java test AssistantPageBrowserTests: the greeting, "what
// am I working on?" and its answer, a comment with a mention proposed and confirmed, and a transition whose required
// field the user fills in on the card before confirming. axe-core checks each state; a serious issue fails the walk.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

import { finish, launch, watch } from './browser.mjs';

const [, , pageUrl, screenshotPath] = process.argv;
if (!pageUrl || !screenshotPath) {
  console.error('usage: node assistant-page.mjs <page url with jwt> <screenshot path>');
  process.exit(2);
}
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const browser = await launch();
const failures = [];

/** Runs axe-core on the page as it is now; serious and critical violations fail the walk-through. */
async function checkAccessibility(page, state) {
  // Evaluated through the debugging protocol: the page's CSP (rightly) refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  // Colours are checked once the state has settled, not halfway through a button's transition.
  await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
  const violations = await page.evaluate(async () => (await window.axe.run(document)).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => `${n.html.slice(0, 160)} (${n.failureSummary})`).join(', ')}`));
  for (const violation of violations) failures.push(`axe (${state}) ${violation}`);
}

/** Sends a message from the composer, as a user types it. */
async function send(page, text) {
  await page.getByTestId('chat-input').fill(text);
  await page.getByTestId('chat-send').click();
}

try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
  watch(page, failures);
  await page.goto(pageUrl);

  const greeting = page.getByTestId('chat-greeting');
  await greeting.waitFor({ timeout: 20_000 });
  await page.getByTestId('chat-suggestions').waitFor({ timeout: 10_000 });
  console.log(`greeting: ${(await greeting.textContent()).replace(/\s+/g, ' ').trim()}`);
  await checkAccessibility(page, 'greeting');

  await send(page, 'What am I working on?');
  await page.getByTestId('chat-user-message').first().waitFor({ timeout: 2_000 });
  const first = page.getByTestId('chat-answer').filter({ hasText: 'You are working on' });
  await first.waitFor({ timeout: 20_000 });
  console.log(`answer: ${(await first.textContent()).replace(/\s+/g, ' ').trim()}`);

  await send(page, 'Comment on SCRUM-2 and tell Bob Builder the fix is deployed');
  const preview = page.getByTestId('proposal-comment-preview');
  await preview.waitFor({ timeout: 20_000 });
  console.log(`comment card: ${(await preview.textContent()).replace(/\s+/g, ' ').trim()}`);
  if ((await preview.locator('a').count()) > 0) failures.push('the mention in the comment preview is a link');
  await checkAccessibility(page, 'comment proposal');
  await page.screenshot({ path: screenshotPath.replace(/\.png$/, '-comment.png'), fullPage: true });
  await page.getByTestId('proposal-confirm').click();
  const posted = page.getByTestId('proposal-outcome').first();
  await posted.waitFor({ timeout: 20_000 });
  console.log(`comment outcome: ${(await posted.textContent()).replace(/\s+/g, ' ').trim()}`);
  await page.getByTestId('chat-answer').filter({ hasText: 'I posted the comment' }).waitFor({ timeout: 20_000 });
  await page.getByTestId('chat-send').waitFor({ timeout: 10_000 });

  await send(page, 'Move SCRUM-1 to Done');
  const field = page.getByTestId('proposal-field-resolution');
  await field.waitFor({ timeout: 20_000 });
  const confirm = page.getByTestId('proposal-confirm').last();
  if (!(await confirm.isDisabled())) failures.push('Confirm was enabled while the required Resolution was empty');
  console.log(`blocker: ${(await page.getByTestId('proposal-blocker').textContent()).trim()}`);
  await field.locator('input').click();
  await page.getByRole('option', { name: "Won't Do" }).click();
  await confirm.waitFor({ state: 'visible' });
  if (await confirm.isDisabled()) failures.push('Confirm stayed disabled after Resolution was chosen');
  await checkAccessibility(page, 'transition proposal');
  await confirm.click();
  const moved = page.getByTestId('proposal-outcome').nth(1);
  await moved.waitFor({ timeout: 20_000 });
  console.log(`transition outcome: ${(await moved.textContent()).replace(/\s+/g, ' ').trim()}`);
  await page.getByTestId('chat-answer').filter({ hasText: 'SCRUM-1 is Done' }).waitFor({ timeout: 20_000 });
  await page.screenshot({ path: screenshotPath, fullPage: true });
} catch (error) {
  failures.push(String(error));
} finally {
  await browser.close();
}
finish(failures, 'assistant page walk-through passed');
