import { expect } from './expect';
import {
  ADA,
  checkAccessibility,
  clearSimulatorFaults,
  FAILURE_TIMEOUT_MS,
  openSreWindow,
  RECOVERY_TIMEOUT_MS,
  setOutage,
  tabTo,
  type E2eContext,
  type E2eTest,
  type SreWindow,
} from './harness';

/** From the failed card (where focus is after Next question) to its Retry: the card's own buttons come first. */
const MAX_TABS_TO_RETRY = 3;

/**
 * A person on the keyboard alone (no mouse click anywhere in ada's window) signs in, starts a session, asks a question
 * during an AI outage, retries it once the AI is back and reads the retry history. Focus follows every step, and axe
 * finds no serious violation on any page on the way.
 */
async function run(ctx: E2eContext): Promise<void> {
  const { page, baseUrl, artifact, log } = ctx;
  let sre: SreWindow | undefined;
  try {
    log('a first visit: sign-in, no console error');
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(`${baseUrl}/sessions`);
    await expect(page.getByRole('heading', { name: 'Sign in to Rebound' })).toBeVisible(30_000);
    await checkAccessibility(ctx, page, 'sign-in');
    if (consoleErrors.length > 0) {
      throw new Error(`a first visit logged console errors: ${consoleErrors.join(' | ')}`);
    }

    log('sign in with the keyboard');
    await tabTo(page, page.getByLabel('Email'));
    await page.keyboard.type(ADA.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(ADA.password);
    await page.keyboard.press('Enter');
    const sessionsHeading = page.getByRole('heading', { level: 1, name: 'Your practice sessions' });
    await expect(sessionsHeading).toBeFocused(30_000, 'the sessions page heading, after sign-in');
    await checkAccessibility(ctx, page, 'the sessions list');

    log('start a session with the keyboard');
    await tabTo(page, page.getByRole('radio', { name: 'Backend engineer' }));
    await tabTo(page, page.getByRole('button', { name: 'Start session' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/sessions\/[^/]+$/, { timeout: 30_000 });
    await expect(page.getByRole('heading', { level: 1, name: 'Backend engineer' })).toBeFocused(
      30_000,
      'the new session heading',
    );
    await expect(page.getByRole('heading', { name: 'AI simulator' })).toBeHidden(
      5_000,
      'no simulator panel for ada: it is for administrators',
    );

    log('in an SRE window: turn the AI outage on');
    await clearSimulatorFaults(ctx);
    sre = await openSreWindow(ctx);
    await setOutage(sre, true);

    log('ask a question with the keyboard: focus goes to its card while the retries fail');
    const tabsToNext = await tabTo(page, page.getByRole('button', { name: 'Next question' }));
    log(`Next question is ${tabsToNext} Tab press(es) from the session heading`);
    await page.keyboard.press('Enter');
    const request = page.getByRole('region', { name: 'Question request' });
    await expect(request).toBeFocused(15_000, 'the question request card');
    await expect(request.getByText(/Attempt [1-4] of 4 failed — retrying/)).toBeVisible(30_000);

    log('the failure: Retry is a few Tab presses away');
    const retry = request.getByRole('button', { name: 'Retry' });
    await expect(retry).toBeVisible(FAILURE_TIMEOUT_MS);
    await expect(request.getByText('What to do:')).toBeVisible(5_000);
    await expect(request).toBeFocused(1_000, 'the card, still, after it failed');
    await checkAccessibility(ctx, page, 'a session with a failed question');
    await page.screenshot({ path: artifact('failed.png'), fullPage: true });
    const tabsToRetry = await tabTo(page, retry, MAX_TABS_TO_RETRY);
    log(`Retry is ${tabsToRetry} Tab press(es) from the card`);

    log('in the SRE window: turn the outage off; as ada: press Enter on Retry');
    await setOutage(sre, false);
    await page.keyboard.press('Enter');
    await expect(request).toBeFocused(15_000, 'the card, now showing the retry');

    log('the question arrives and takes focus');
    const question = page.getByRole('article', { name: /^Question 1/ });
    await expect(question).toBeFocused(RECOVERY_TIMEOUT_MS, 'the question that arrived');
    await expect(page.getByRole('region', { name: 'Question request' })).toBeHidden(15_000);
    await page.screenshot({ path: artifact('recovered.png'), fullPage: true });

    log(
      'open the retry history with the keyboard: the original request with its failed attempts, then the retry',
    );
    await tabTo(page, question.getByRole('button', { name: 'Retry 1 — previous attempts' }), 3);
    await page.keyboard.press('Enter');
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
    await checkAccessibility(ctx, page, 'a question with its retry history open');
    await chain.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifact('history.png'), fullPage: true });
  } finally {
    await clearSimulatorFaults(ctx);
    await sre?.close();
  }
}

export const retryFlow: E2eTest = {
  name: 'keyboard only: a failed question is retried by hand after an AI outage',
  timeoutMs: 4 * 60_000,
  run,
};
