import { expect } from './expect';
import {
  ADA,
  clearSimulatorFaults,
  openSreWindow,
  setOutage,
  signIn,
  type E2eContext,
  type E2eTest,
  type SreWindow,
} from './harness';

/** 1 try + 3 retries at 1 s, 2 s, 4 s is ~8 s; allow for a slow worker, DLT hop and SSE. */
const FAILURE_TIMEOUT_MS = 90_000;
const RECOVERY_TIMEOUT_MS = 60_000;

async function run(ctx: E2eContext): Promise<void> {
  const { page, baseUrl, artifact, log } = ctx;
  let sre: SreWindow | undefined;
  try {
    log('sign in as ada');
    await page.goto(`${baseUrl}/`);
    await signIn(page, baseUrl, ADA);

    log('create a session');
    await page.getByRole('radio', { name: 'Backend engineer' }).check();
    await page.getByRole('button', { name: 'Start session' }).click();
    await page.waitForURL(/\/sessions\/[^/]+$/, { timeout: 30_000 });
    await expect(page.getByRole('heading', { level: 1, name: 'Backend engineer' })).toBeVisible(30_000);
    await expect(page.getByRole('heading', { name: 'AI simulator' })).toBeHidden(
      5_000,
      'no simulator panel for ada: it is for administrators',
    );

    log('in an SRE window: turn the AI outage on');
    await clearSimulatorFaults(ctx);
    sre = await openSreWindow(ctx);
    await setOutage(sre, true);

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

    log('in the SRE window: turn the outage off; as ada: retry');
    await setOutage(sre, false);
    await retry.click();

    log('see the question arrive');
    const question = page.getByRole('article', { name: /^Question 1/ });
    await expect(question).toBeVisible(RECOVERY_TIMEOUT_MS);
    await expect(page.getByRole('region', { name: 'Question request' })).toBeHidden(15_000);
    await page.screenshot({ path: artifact('recovered.png'), fullPage: true });

    log('open the retry history: the original request with its failed attempts, then the retry');
    await question.getByRole('button', { name: 'Retry 1 — previous attempts' }).click();
    const chain = question.getByRole('list', { name: 'Retry chain' });
    await expect(chain).toBeVisible(15_000);
    await expect(chain.getByText(/^Original request · failed · \d/)).toBeVisible(5_000);
    await expect(chain.getByText('The AI service kept failing after 4 attempts.')).toBeVisible(5_000);
    await expect(chain.getByText('The AI service was unavailable (HTTP 503)')).toBeVisible(5_000);
    await expect(chain.getByText(/^Attempt 4 failed at \d/)).toBeVisible(5_000);
    await expect(chain.getByText(/\(HTTP 503 · /)).toBeVisible(5_000);
    await expect(chain.getByText(/^Retry 1 · completed · \d/)).toBeVisible(5_000);
    await expect(chain.getByText(/^Attempt 1 succeeded at \d/)).toBeVisible(5_000);
    await expect(chain.getByText(/· · —/)).toBeHidden(1_000, 'no entry without its status and time');
    await chain.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifact('history.png'), fullPage: true });
  } finally {
    await clearSimulatorFaults(ctx);
    await sre?.close();
  }
}

export const retryFlow: E2eTest = {
  name: 'a failed question is retried by hand after an AI outage',
  timeoutMs: 4 * 60_000,
  run,
};
