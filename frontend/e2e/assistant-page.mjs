// Browser walk-through of the AI Assistant page, driven by the Java test AssistantPageBrowserTests: the greeting, "what
// am I working on?" and its answer, a comment with a mention proposed and confirmed, and a transition whose required
// field the user fills in on the card before confirming; then, in the dark theme at 360 px and from the keyboard, the
// conversations list, the earlier conversation reopened and a proposal declined. axe-core checks each state; a serious
// issue fails the walk.
import { checkAccessibility as axeCheck, checkFits as fitCheck, finish, launch, watch } from './browser.mjs';

const [, , pageUrl, screenshotPath] = process.argv;
if (!pageUrl || !screenshotPath) {
  console.error('usage: node assistant-page.mjs <page url with jwt> <screenshot path>');
  process.exit(2);
}

const browser = await launch();
const failures = [];
const checkAccessibility = (page, state) => axeCheck(page, state, failures);
const checkFits = (page, state) => fitCheck(page, state, failures);
/** The page being walked, photographed when the walk fails. */
let current;

/** Sends a message from the composer, as a user types it. */
async function send(page, text) {
  await page.getByTestId('chat-input').fill(text);
  await page.getByTestId('chat-send').click();
}

try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
  current = page;
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
  await page.close();

  // The same page in the dark theme at Jira's narrowest width, driven from the keyboard: the conversations behind
  // their button, the earlier conversation reopened, and a new proposal declined.
  const narrow = await browser.newPage({ viewport: { width: 360, height: 800 }, colorScheme: 'dark' });
  current = narrow;
  watch(narrow, failures);
  await narrow.goto(pageUrl);
  await narrow.getByTestId('chat-suggestions').waitFor({ timeout: 20_000 });
  const mode = await narrow.evaluate(() => document.documentElement.dataset.colorMode);
  if (mode !== 'dark') failures.push(`the page did not follow the dark theme (data-color-mode=${mode})`);
  await checkFits(narrow, 'dark 360 px greeting');
  await checkAccessibility(narrow, 'dark 360 px greeting');

  const toggle = narrow.getByTestId('chat-list-toggle');
  await toggle.focus();
  await narrow.keyboard.press('Enter');
  const earlier = narrow.getByTestId('chat-conversation').first();
  await earlier.waitFor({ timeout: 5_000 });
  await checkAccessibility(narrow, 'dark 360 px conversations');
  await narrow.keyboard.press('Escape');
  if (!(await toggle.evaluate((element) => element === document.activeElement))) {
    failures.push('Escape did not give focus back to the Conversations button');
  }
  await narrow.keyboard.press('Enter');
  await earlier.waitFor({ timeout: 5_000 });
  // Tab from the button into the drawer (past the page's Chat / Stand-up tabs and "New conversation") to the earlier
  // conversation.
  let focused = '';
  for (let presses = 0; presses < 4 && !focused.includes('chat-conversation-open'); presses++) {
    await narrow.keyboard.press('Tab');
    focused = await narrow.evaluate(() => document.activeElement?.className ?? '');
  }
  if (!focused.includes('chat-conversation-open')) failures.push('four Tabs from the button did not reach the conversation');
  await narrow.keyboard.press('Enter');
  await narrow.getByTestId('chat-answer').filter({ hasText: 'SCRUM-1 is Done' }).waitFor({ timeout: 10_000 });
  const reopened = await narrow.getByTestId('chat-user-message').allTextContents();
  if (reopened.length !== 3) failures.push(`the reopened conversation shows ${reopened.length} of its 3 messages`);
  await checkFits(narrow, 'dark 360 px conversation');
  await checkAccessibility(narrow, 'dark 360 px conversation');

  await send(narrow, 'Comment on SCRUM-2 that QA starts tomorrow');
  const card = narrow.getByTestId('proposal-comment-preview').last();
  await card.waitFor({ timeout: 20_000 });
  await checkFits(narrow, 'dark 360 px comment proposal');
  await checkAccessibility(narrow, 'dark 360 px comment proposal');
  await narrow.screenshot({ path: screenshotPath.replace(/\.png$/, '-dark-360.png') });
  await narrow.getByTestId('proposal-reject').last().focus();
  await narrow.keyboard.press('Enter');
  const declined = narrow.getByTestId('proposal-outcome').last();
  await declined.filter({ hasText: 'Not carried out' }).waitFor({ timeout: 20_000 });
  console.log(`declined outcome: ${(await declined.textContent()).replace(/\s+/g, ' ').trim()}`);
  await narrow.getByTestId('chat-answer').filter({ hasText: 'I will not post it' }).waitFor({ timeout: 20_000 });
} catch (error) {
  failures.push(String(error));
  await current?.screenshot({ path: screenshotPath.replace(/\.png$/, '-failure.png'), fullPage: true }).catch(() => {});
} finally {
  await browser.close();
}
finish(failures, 'assistant page walk-through passed');
