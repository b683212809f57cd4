// Browser walk-through of the stand-up view on the AI Assistant page, driven by the Java test StandupViewBrowserTests:
// the view opened from its tab, Jira's suggestions under the questions, answers typed (one suggestion added to an
// answer), saved, the comments previewed (a mention shown as a name, never a link), one comment edited, then posted
// with a double click. axe-core checks each state in the light theme and again in the dark theme at 360 px.
import { checkAccessibility as axeCheck, checkFits as fitCheck, finish, launch, watch } from './browser.mjs';

const [, , pageUrl, screenshotPath] = process.argv;
if (!pageUrl || !screenshotPath) {
  console.error('usage: node standup-view.mjs <page url with jwt> <screenshot path>');
  process.exit(2);
}

const browser = await launch();
const failures = [];
const checkAccessibility = (page, state) => axeCheck(page, state, failures);
const checkFits = (page, state) => fitCheck(page, state, failures);
/** The page being walked, photographed when the walk fails. */
let current;

const text = async (locator) => (await locator.textContent()).replace(/\s+/g, ' ').trim();

try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
  current = page;
  watch(page, failures);
  await page.goto(pageUrl);

  await page.getByTestId('assistant-tabs-standup').click();
  await page.getByTestId('standup-today').waitFor({ timeout: 20_000 });
  const yesterday = page.getByTestId('standup-suggestions-yesterday');
  await yesterday.waitFor({ timeout: 10_000 });
  console.log(`suggested for yesterday: ${await text(yesterday)}`);
  console.log(`suggested for today: ${await text(page.getByTestId('standup-suggestions-today'))}`);
  await checkAccessibility(page, 'stand-up questions');

  await page.getByTestId('standup-suggestions-yesterday-add-SCRUM-1').click();
  await page.getByTestId('standup-answer-yesterday').press('End');
  await page.getByTestId('standup-answer-yesterday').pressSequentially(': fixed the Safari checkout bug');
  await page.getByTestId('standup-answer-today').fill('Review the payment change on SCRUM-2');
  await page.getByTestId('standup-answer-blockers').fill('SCRUM-2 waits for @Bob Builder to approve the API key');
  await page.getByTestId('standup-save').click();
  const saved = page.getByTestId('standup-saved');
  await saved.waitFor({ timeout: 10_000 });
  console.log(`saved: ${await text(saved)}`);

  await page.getByTestId('standup-preview').click();
  const review = page.getByTestId('standup-review');
  await review.waitFor({ timeout: 20_000 });
  const blocked = page.getByTestId('standup-comment-preview-SCRUM-2');
  console.log(`SCRUM-2 comment: ${await text(blocked)}`);
  if ((await blocked.locator('a').count()) > 0) failures.push('the mention in the SCRUM-2 preview is a link');
  await checkAccessibility(page, 'stand-up comments');
  await page.screenshot({ path: screenshotPath, fullPage: true });

  await page.getByTestId('standup-comment-edit-SCRUM-1').click();
  const input = page.getByTestId('standup-comment-input-SCRUM-1');
  await input.fill('**Stand-up**\n\nDone: fixed the Safari checkout bug, released at 10:00.');
  await page.getByTestId('standup-comment-save-SCRUM-1').click();
  await page.getByTestId('standup-comment-preview-SCRUM-1').filter({ hasText: 'released at 10:00' })
    .waitFor({ timeout: 10_000 });

  const post = page.getByTestId('standup-post');
  await post.dblclick();
  const result = page.getByTestId('standup-post-result');
  await result.waitFor({ timeout: 20_000 });
  await page.getByTestId('standup-posted').waitFor({ timeout: 20_000 });
  console.log(`posted: ${await text(result)}`);
  await checkAccessibility(page, 'stand-up posted');
  await page.screenshot({ path: screenshotPath.replace(/\.png$/, '-posted.png'), fullPage: true });
  await page.close();

  const narrow = await browser.newPage({ viewport: { width: 360, height: 800 }, colorScheme: 'dark' });
  current = narrow;
  watch(narrow, failures);
  await narrow.goto(pageUrl);
  await narrow.getByTestId('assistant-tabs-standup').click();
  await narrow.getByTestId('standup-saved').waitFor({ timeout: 20_000 });
  await checkFits(narrow, 'dark 360 px stand-up');
  await checkAccessibility(narrow, 'dark 360 px stand-up');
  await narrow.screenshot({ path: screenshotPath.replace(/\.png$/, '-dark-360.png'), fullPage: true });
} catch (error) {
  failures.push(String(error));
  await current?.screenshot({ path: screenshotPath.replace(/\.png$/, '-failure.png'), fullPage: true }).catch(() => {});
} finally {
  await browser.close();
}
finish(failures, 'stand-up view walk-through passed');
