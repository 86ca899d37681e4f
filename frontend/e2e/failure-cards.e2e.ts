import type { Locator, Page } from 'playwright-core';

import { expect } from './expect';
import {
  ADA,
  addSimulatorFault,
  checkAccessibility,
  clearSimulatorFaults,
  FAILURE_TIMEOUT_MS,
  PHONE,
  RECOVERY_TIMEOUT_MS,
  signIn,
  type E2eContext,
  type E2eTest,
  failureText as textFor,
  type FailureText,
  type SimulatorFault,
} from './harness';

/** Each fault fails one AI call for good (permanent errors are not retried and do not count for the breaker). */
const CASES: { code: string; fault: SimulatorFault }[] = [
  { code: 'AI_QUOTA_EXCEEDED', fault: { status: 429, error_code: 'insufficient_quota', times: 1 } },
  { code: 'AI_REJECTED', fault: { refusal: true, times: 1 } },
  { code: 'INVALID_REQUEST', fault: { status: 400, times: 1 } },
  { code: 'AI_CONFIGURATION', fault: { status: 401, times: 1 } },
];

/** The card as the gateway's code and type require: its text, Retry only where retrying helps, the id for support. */
async function expectCard(card: Locator, text: FailureText): Promise<void> {
  const [what = '', action = ''] = text.error_message.split(' What to do: ');
  await expect(card.getByText(what, { exact: true })).toBeVisible(5_000, `"${what}"`);
  await expect(card.getByText(action, { exact: true })).toBeVisible(5_000, `"${action}"`);
  await expect(card.getByText(`Error code: ${text.error_code}`)).toBeVisible(5_000);
  const retryHelps = text.next_action === 'retry' || text.next_action === 'wait_and_retry';
  const retry = card.getByRole('button', { name: 'Retry', exact: true });
  if (retryHelps) {
    await expect(retry).toBeVisible(5_000);
  } else {
    await expect(retry).toBeHidden(1_000, `no Retry on ${text.error_code}: retrying will not help`);
    await expect(card.getByRole('button', { name: 'Dismiss' })).toBeVisible(5_000);
  }
  const copy = card.getByRole('button', { name: 'Copy operation id' });
  if (text.contact_support) {
    await expect(copy).toBeVisible(5_000, 'the operation id to give support, with its copy button');
    await expect(card.getByText(/^[0-9a-f]{8}-[0-9a-f]{4}-/)).toBeVisible(5_000, 'the operation id itself');
  } else {
    await expect(copy).toBeHidden(1_000);
  }
}

async function noSidewaysScroll(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) throw new Error(`${what} scrolls sideways by ${overflow} px at ${PHONE.width} px`);
}

async function run(ctx: E2eContext): Promise<void> {
  const { page, baseUrl, artifact, log } = ctx;
  try {
    await clearSimulatorFaults(ctx);
    await signIn(page, baseUrl, ADA);
    await page.getByRole('radio', { name: 'Data scientist' }).check();
    await page.getByRole('button', { name: 'Start session' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Data scientist' })).toBeVisible(30_000);

    log('a first question, answered; the AI refuses to give feedback on the answer');
    const next = page.getByRole('button', { name: 'Next question' });
    await next.click();
    await expect(page.getByRole('article', { name: /^Question 1/ })).toBeVisible(RECOVERY_TIMEOUT_MS);
    await addSimulatorFault(ctx, { refusal: true, times: 1 });
    const box = page.getByRole('textbox', { name: 'Your answer' });
    await box.fill('I would look at the data first.');
    await page.getByRole('button', { name: 'Send answer' }).click();
    const feedback = page.getByRole('region', { name: 'Feedback request' });
    await expect(feedback.getByRole('heading', { level: 3 })).toBeVisible(FAILURE_TIMEOUT_MS);
    await expectCard(feedback, textFor('AI_REJECTED', 'feedback_analysis'));
    log('"answer the question again in other words": the answer box takes a new answer, Next question waits');
    await expect(page.getByText(/^Answering: /)).toBeVisible(5_000);
    if (await box.isDisabled()) throw new Error('the answer box should take the reworded answer');
    if (await next.isEnabled()) throw new Error('Next question should wait for the reworded answer');
    await box.fill('I would start from the question the data has to answer.');
    await page.getByRole('button', { name: 'Send answer' }).click();
    await expect(page.getByRole('article', { name: /^Feedback/ })).toBeVisible(RECOVERY_TIMEOUT_MS);

    for (const { code, fault } of CASES) {
      log(`a question that fails with ${code}`);
      await addSimulatorFault(ctx, fault);
      await next.click();
      const card = page.getByRole('region', { name: 'Question request' }).last();
      await expect(card.getByText(`Error code: ${code}`)).toBeVisible(FAILURE_TIMEOUT_MS);
      await expectCard(card, textFor(code, 'question_generation'));
    }
    await checkAccessibility(ctx, page, 'a session with one failure card per code');
    await page.screenshot({ path: artifact('failure-cards.png'), fullPage: true });

    log('at 390 px: every card readable, nothing off-screen');
    await page.setViewportSize(PHONE);
    await noSidewaysScroll(page, 'the session with failure cards');
    await checkAccessibility(ctx, page, `the failure cards at ${PHONE.width} px`);
    await page.screenshot({ path: artifact('failure-cards-390.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    log('dismissing a card folds it to one line, which reopens');
    const quota = page.getByRole('region', { name: 'Question request' }).first();
    await quota.getByRole('button', { name: 'Dismiss' }).click();
    await expect(quota.getByText(/\(dismissed\)$/)).toBeVisible(5_000);
    await quota.getByRole('button', { name: 'Show details' }).click();
    await expect(quota.getByText('Error code: AI_QUOTA_EXCEEDED')).toBeVisible(5_000);

    log('the pages a person may land on: admins only, not found');
    await page.goto(`${baseUrl}/admin`);
    await expect(page.getByRole('heading', { level: 1, name: 'Admins only' })).toBeVisible(15_000);
    await checkAccessibility(ctx, page, 'admins only');
    await page.goto(`${baseUrl}/no/such/page`);
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible(15_000);
    await checkAccessibility(ctx, page, 'page not found');
  } finally {
    await clearSimulatorFaults(ctx);
  }
}

export const failureCards: E2eTest = {
  name: 'each failure code gets its own card: the right text, Retry only where it helps, the id for support',
  timeoutMs: 4 * 60_000,
  run,
};
