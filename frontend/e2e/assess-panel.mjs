// Browser walk-through of the "Assess with AI" panel, driven by the Java test AssessPanelBrowserTests, which starts
// the app against the Jira and OpenAI simulators and passes the signed panel URL. Debian's Chromium, never a
// downloaded browser. Exits non-zero (with the reason) when a step fails.
import { finish, launch, watch } from './browser.mjs';

const [, , pageUrl, screenshotPath] = process.argv;
if (!pageUrl || !screenshotPath) {
  console.error('usage: node assess-panel.mjs <panel url with jwt> <screenshot path>');
  process.exit(2);
}

const browser = await launch();
const failures = [];
try {
  const page = await browser.newPage({ viewport: { width: 760, height: 1400 } });
  watch(page, failures);
  await page.goto(pageUrl);

  await page.getByTestId('assess-button').click();
  await page.getByTestId('assess-progress').waitFor({ timeout: 10_000 });
  await page.waitForFunction(() => {
    const stream = document.querySelector('[data-testid="assess-stream"]');
    return stream && stream.textContent && stream.textContent.includes('scores');
  }, null, { timeout: 20_000 });
  console.log('streamed text seen');

  await page.getByTestId('scorecard').waitFor({ timeout: 30_000 });
  const overall = await page.getByTestId('score-overall').textContent();
  console.log(`overall score shown: ${overall}`);
  if (!overall || !overall.includes('5')) failures.push(`overall score not shown as 5: ${overall}`);

  await page.getByTestId('post-comment-button').click();
  await page.getByTestId('confirm-modal').waitFor({ timeout: 10_000 });
  const preview = await page.getByTestId('confirm-modal').textContent();
  if (!preview || !preview.includes('AI assessment')) failures.push('the confirmation does not show the comment');
  await page.screenshot({ path: screenshotPath.replace(/\.png$/, '-confirm.png') });
  await page.getByTestId('confirm-button').click();
  await page.getByTestId('action-success').waitFor({ timeout: 15_000 });
  console.log('comment confirmed');
  await page.screenshot({ path: screenshotPath, fullPage: true });
} catch (error) {
  failures.push(String(error));
} finally {
  await browser.close();
}
finish(failures, 'assess panel walk-through passed');
