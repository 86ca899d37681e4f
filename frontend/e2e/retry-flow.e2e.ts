import { expect } from './expect';
import { ADA, clearSimulatorFaults, type E2eContext, type E2eTest } from './harness';

/** 1 try + 3 retries at 1 s, 2 s, 4 s is ~8 s; allow for a slow worker, DLT hop and SSE. */
const FAILURE_TIMEOUT_MS = 90_000;
const RECOVERY_TIMEOUT_MS = 60_000;

async function run(ctx: E2eContext): Promise<void> {
  const { page, baseUrl, artifact, log } = ctx;
  try {
    log('sign in as ada');
    await page.goto(`${baseUrl}/`);
    await expect(page.getByRole('heading', { name: 'Sign in to Rebound' })).toBeVisible(30_000);
    await page.getByLabel('Email').fill(ADA.email);
    await page.getByLabel('Password').fill(ADA.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Your practice sessions' })).toBeVisible(30_000);

    log('create a session');
    await page.getByRole('radio', { name: 'Backend engineer' }).check();
    await page.getByRole('button', { name: 'Start session' }).click();
    await page.waitForURL(/\/sessions\/[^/]+$/, { timeout: 30_000 });
    await expect(page.getByRole('heading', { level: 1, name: 'Backend engineer' })).toBeVisible(30_000);

    log('turn the AI outage on');
    const outage = page.getByRole('switch', { name: 'Outage' });
    await expect(outage).toBeVisible(
      30_000,
      'the AI simulator panel (is the gateway running the local profile?)',
    );
    await clearSimulatorFaults(ctx);
    await page.reload();
    await expect(outage).toHaveAttribute('aria-checked', 'false', 30_000);
    await outage.click();
    await expect(outage).toHaveAttribute('aria-checked', 'true', 15_000);

    log('ask a question and watch the automatic retries fail');
    await page.getByRole('button', { name: 'Next question' }).click();
    const request = page.getByRole('region', { name: 'Question request' });
    await expect(request).toBeVisible(15_000);
    await expect(request.getByText(/Attempt [1-4] of 4 failed — retrying/)).toBeVisible(30_000);

    log('see the failure with its Retry button');
    const retry = request.getByRole('button', { name: 'Retry' });
    await expect(retry).toBeVisible(FAILURE_TIMEOUT_MS);
    await expect(request.getByText('What to do:')).toBeVisible(5_000);
    await page.screenshot({ path: artifact('failed.png'), fullPage: true });

    log('turn the outage off and retry');
    await outage.click();
    await expect(outage).toHaveAttribute('aria-checked', 'false', 15_000);
    await retry.click();

    log('see the question arrive');
    const question = page.getByRole('article', { name: /^Question 1/ });
    await expect(question).toBeVisible(RECOVERY_TIMEOUT_MS);
    await expect(page.getByRole('region', { name: 'Question request' })).toBeHidden(15_000);
    await page.screenshot({ path: artifact('recovered.png'), fullPage: true });
  } finally {
    await clearSimulatorFaults(ctx);
  }
}

export const retryFlow: E2eTest = {
  name: 'a failed question is retried by hand after an AI outage',
  timeoutMs: 4 * 60_000,
  run,
};
