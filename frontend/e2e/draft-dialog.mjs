// Browser walk-through of the "Draft with AI" dialog, driven by the Java test DraftDialogBrowserTests: type a bug
// report, review the draft, fill the field the project requires, edit the summary, confirm, see the created issue.
import { finish, launch, watch } from './browser.mjs';

const [, , pageUrl, screenshotPath] = process.argv;
if (!pageUrl || !screenshotPath) {
  console.error('usage: node draft-dialog.mjs <dialog url with jwt> <screenshot path>');
  process.exit(2);
}

const browser = await launch();
const failures = [];
try {
  const page = await browser.newPage({ viewport: { width: 900, height: 1500 } });
  watch(page, failures);
  await page.goto(pageUrl);

  await page.getByTestId('draft-text').fill(
    "Safari 17 users can't pay: clicking 'Pay now' does nothing since Tuesday's release. Bob should look at it.");
  await page.getByTestId('draft-button').click();
  await page.getByTestId('draft-card-0').waitFor({ timeout: 30_000 });
  console.log('draft shown');

  const required = page.getByTestId('draft-field-0-customfield_10050');
  await required.waitFor({ timeout: 10_000 });
  await required.fill('macOS 14.5, Safari 17.1');
  const summary = page.getByTestId('draft-summary-0');
  await summary.fill('Safari 17: Pay now does nothing at checkout');
  console.log('draft edited');
  await page.screenshot({ path: screenshotPath.replace(/\.png$/, '-review.png'), fullPage: true });

  await page.getByTestId('create-button').click();
  await page.getByTestId('confirm-modal').waitFor({ timeout: 15_000 });
  const preview = await page.getByTestId('confirm-modal').textContent();
  if (!preview || !preview.includes('Safari 17: Pay now does nothing at checkout')) {
    failures.push(`the confirmation does not show the edited summary: ${preview}`);
  }
  await page.getByTestId('confirm-button').click();
  await page.getByTestId('created-issues').waitFor({ timeout: 15_000 });
  console.log(`created: ${await page.getByTestId('created-issues').textContent()}`);
  await page.screenshot({ path: screenshotPath, fullPage: true });
} catch (error) {
  failures.push(String(error));
} finally {
  await browser.close();
}
finish(failures, 'draft dialog walk-through passed');
