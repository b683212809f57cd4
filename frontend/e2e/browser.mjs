// Shared by the browser walk-throughs: Debian's Chromium through playwright-core (never a downloaded browser),
// and a watch that fails the walk-through on errors or on any request leaving this machine.
import { chromium } from 'playwright-core';

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
