/**
 * Runs the end-to-end tests in real Chromium against a running Rebound (BASE_URL,
 * default http://localhost:8080): `npm run e2e`. Prints "e2e: N passed, M failed".
 */
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { chromium } from 'playwright-core';

import { adminRedrive } from './admin-redrive.e2e';
import { adminResolved } from './admin-resolved.e2e';
import { breakerHeld } from './breaker-held.e2e';
import { failureCards } from './failure-cards.e2e';
import { baseUrl, CHROMIUM_ARGS, chromiumPath, type E2eTest } from './harness';
import { modelAnswer } from './model-answer.e2e';
import { retryFlow } from './retry-flow.e2e';

// breakerHeld opens the AI circuit breaker: it stays last.
// breaker-held needs the breaker's window to itself: model-answer's four failed calls, on top of the three scenarios
// before it, would open the breaker early (and a probe closing it starts the window again), so it runs last.
const allTests: E2eTest[] = [retryFlow, adminRedrive, adminResolved, failureCards, breakerHeld, modelAnswer];
// E2E_ONLY=<part of a name> runs the matching tests only.
const only = process.env.E2E_ONLY?.toLowerCase();
const tests = only ? allTests.filter((test) => test.name.toLowerCase().includes(only)) : allTests;
const artifactsDir = resolve(import.meta.dirname, '..', 'e2e-artifacts');

function withTimeout<T>(promise: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`"${name}" took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function main(): Promise<number> {
  const url = baseUrl();
  await mkdir(artifactsDir, { recursive: true });
  // The accessibility findings of this run only (each check appends to it).
  await rm(join(artifactsDir, 'axe.txt'), { force: true });
  console.log(`e2e: ${tests.length} test(s) against ${url} with ${chromiumPath()}`);

  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
  let passed = 0;
  let failed = 0;
  try {
    for (const test of tests) {
      const context = await browser.newContext({ baseURL: url, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      page.on('pageerror', (error) => console.log(`  [page error] ${error.message}`));
      const started = Date.now();
      try {
        await withTimeout(
          test.run({
            page,
            context,
            browser,
            baseUrl: url,
            artifact: (name) => join(artifactsDir, name),
            log: (message) => console.log(`  - ${message}`),
          }),
          test.timeoutMs,
          test.name,
        );
        passed += 1;
        console.log(`✓ ${test.name} (${Math.round((Date.now() - started) / 1000)} s)`);
      } catch (error) {
        failed += 1;
        console.log(`✗ ${test.name} (${Math.round((Date.now() - started) / 1000)} s)`);
        console.log(error instanceof Error ? (error.stack ?? error.message) : String(error));
        const shot = join(artifactsDir, `failure-${tests.indexOf(test) + 1}.png`);
        await page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
        console.log(`  screenshot: ${shot}`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log(`e2e: 0 passed, ${tests.length} failed`);
    process.exit(1);
  },
);
