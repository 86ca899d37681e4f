import type { APIRequestContext } from 'playwright-core';

import { expect } from './expect';
import {
  ADA,
  checkAccessibility,
  clearSimulatorFaults,
  openSreWindow,
  setOutage,
  signIn,
  type E2eContext,
  type E2eTest,
  type SreWindow,
} from './harness';

const WAITING = 'The AI service is down; your request starts automatically when it is back.';
/** Enough failed AI calls to open the worker's breaker: 3 requests of 4 attempts each, over its 10 minimum calls. */
const LOAD_REQUESTS = 3;
const OPEN_TIMEOUT_MS = 90_000;
const RECOVERY_TIMEOUT_MS = 90_000;

const basic = `Basic ${Buffer.from(`${ADA.email}:${ADA.password}`).toString('base64')}`;

interface OperationJson {
  id: string;
  status: string;
  waiting_reason: string | null;
}

async function api<T>(
  request: APIRequestContext,
  method: 'GET' | 'POST',
  url: string,
  data?: unknown,
): Promise<T> {
  const response = await request.fetch(url, {
    method,
    headers: { Authorization: basic, 'Content-Type': 'application/json' },
    ...(data !== undefined && { data }),
  });
  if (!response.ok()) {
    throw new Error(`${method} ${url} answered ${response.status()}: ${await response.text()}`);
  }
  return (await response.json()) as T;
}

/** Fails ada's AI calls until the breaker opens: some question requests of her own, outside the page under test. */
async function openBreaker({ context, baseUrl, log }: E2eContext): Promise<void> {
  const operations: OperationJson[] = [];
  for (let i = 0; i < LOAD_REQUESTS; i += 1) {
    const session = await api<{ id: string }>(context.request, 'POST', `${baseUrl}/api/v1/sessions`, {
      role: 'Backend engineer',
    });
    operations.push(
      await api<OperationJson>(context.request, 'POST', `${baseUrl}/api/v1/sessions/${session.id}/questions`),
    );
  }
  const deadline = Date.now() + OPEN_TIMEOUT_MS;
  for (;;) {
    const views = await Promise.all(
      operations.map((operation) =>
        api<OperationJson>(context.request, 'GET', `${baseUrl}/api/v1/operations/${operation.id}`),
      ),
    );
    if (views.some((view) => view.waiting_reason === 'ai_unavailable')) {
      log(`breaker open: ${views.map((view) => `${view.status}/${view.waiting_reason ?? '-'}`).join(', ')}`);
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`the breaker did not open: ${JSON.stringify(views)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function run(ctx: E2eContext): Promise<void> {
  const { page, baseUrl, artifact, log } = ctx;
  let sre: SreWindow | undefined;
  try {
    log('sign in as ada and create a session');
    await page.goto(`${baseUrl}/`);
    await signIn(page, baseUrl, ADA);
    await page.getByRole('radio', { name: 'Backend engineer' }).check();
    await page.getByRole('button', { name: 'Start session' }).click();
    await page.waitForURL(/\/sessions\/[^/]+$/, { timeout: 30_000 });
    await expect(page.getByRole('heading', { level: 1, name: 'Backend engineer' })).toBeVisible(30_000);

    log('in an SRE window: turn the AI outage on; fail AI calls until the breaker opens');
    await clearSimulatorFaults(ctx);
    sre = await openSreWindow(ctx);
    await setOutage(sre, true);
    await openBreaker(ctx);

    log('ask a question: it says why it waits, not "Queued"');
    await page.getByRole('button', { name: 'Next question' }).click();
    const request = page.getByRole('region', { name: 'Question request' });
    await expect(request).toBeVisible(15_000);
    await expect(request.getByText(WAITING)).toBeVisible(30_000);
    await expect(request.getByText(/^Waiting for \d+ s$/)).toBeVisible(5_000);
    await expect(request.getByText('Queued')).toBeHidden(5_000);
    await checkAccessibility(ctx, page, 'a session waiting for the AI');
    await page.screenshot({ path: artifact('breaker-held.png'), fullPage: true });

    log('in the SRE window: turn the outage off; the question starts by itself, without a reload');
    await setOutage(sre, false);
    const question = page.getByRole('article', { name: /^Question 1/ });
    await expect(question).toBeVisible(RECOVERY_TIMEOUT_MS);
    await expect(page.getByRole('region', { name: 'Question request' })).toBeHidden(15_000);
    await expect(page.getByText(WAITING)).toBeHidden(5_000);
    await page.screenshot({ path: artifact('breaker-released.png'), fullPage: true });
  } finally {
    await clearSimulatorFaults(ctx);
    await sre?.close();
  }
}

/** Opens the AI circuit breaker: run it last, so the other tests never meet a paused worker. */
export const breakerHeld: E2eTest = {
  name: 'a question asked while the AI breaker is open says why it waits and starts by itself',
  timeoutMs: 5 * 60_000,
  run,
};
