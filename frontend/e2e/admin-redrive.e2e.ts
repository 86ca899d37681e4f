import type { Page } from 'playwright-core';

import { expect } from './expect';
import {
  ADA,
  checkAccessibility,
  FAILURE_TIMEOUT_MS,
  INDEX_TIMEOUT_MS,
  clearSimulatorFaults,
  openSreWindow,
  setOutage,
  signIn,
  SRE,
  type E2eContext,
  type E2eTest,
  type SreWindow,
} from './harness';

/** The summary is not live: reload until the dead letter has been indexed. */
async function waitForGroup(page: Page, name: RegExp): Promise<void> {
  const group = page.getByRole('button', { name }).first();
  const deadline = Date.now() + INDEX_TIMEOUT_MS;
  while (!(await group.isVisible())) {
    if (Date.now() > deadline) {
      throw new Error(`No dead-letter group ${String(name)} within ${INDEX_TIMEOUT_MS} ms`);
    }
    await page.waitForTimeout(1_000);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Dead letters' })).toBeVisible(15_000);
  }
}

async function run(ctx: E2eContext): Promise<void> {
  const { page, baseUrl, artifact, log } = ctx;
  let sre: SreWindow | undefined;
  try {
    log('as ada, with the AI down (from an SRE window): a question fails for good');
    await signIn(page, baseUrl, ADA);
    await expect(page.getByRole('link', { name: 'Admin' })).toBeHidden(5_000, 'no Admin link for ada');
    await clearSimulatorFaults(ctx);
    sre = await openSreWindow(ctx);
    await setOutage(sre, true);
    await page.getByRole('radio', { name: 'Data scientist' }).check();
    await page.getByRole('button', { name: 'Start session' }).click();
    await page.waitForURL(/\/sessions\/[^/]+$/, { timeout: 30_000 });
    await page.getByRole('button', { name: 'Next question' }).click();
    const request = page.getByRole('region', { name: 'Question request' });
    await expect(request.getByRole('button', { name: 'Retry' })).toBeVisible(
      FAILURE_TIMEOUT_MS,
      'the failure',
    );

    log('turn the outage off, so a redrive can succeed; ada signs out');
    await setOutage(sre, false);
    await sre.close();
    sre = undefined;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in to Rebound' })).toBeVisible(15_000);

    log('as sre: find the AI_UNAVAILABLE dead letters');
    await signIn(page, baseUrl, SRE);
    await page.getByRole('link', { name: 'Admin' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Dead letters' })).toBeVisible(15_000);
    const group = /^AI_UNAVAILABLE, .*question_generation: list/;
    await waitForGroup(page, group);
    await page.getByRole('button', { name: group }).first().click();
    await page.waitForURL(/error_code=AI_UNAVAILABLE/, { timeout: 5_000 });

    log('dry run, confirm, redrive');
    await page.getByRole('button', { name: 'Redrive…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Redrive dead letters' });
    await expect(dialog.getByText(/^\d+ will be redriven$/)).toBeVisible(15_000, 'the dry-run counts');
    await checkAccessibility(ctx, page, 'the redrive confirmation');
    await page.screenshot({ path: artifact('admin-redrive-confirm.png'), fullPage: true });
    await dialog.getByRole('button', { name: /^Redrive \d+$/ }).click();
    await expect(dialog).toBeHidden(10_000);

    log('watch it finish');
    await expect(page.getByRole('region', { name: /^Redrive #\d+ finished$/ })).toBeVisible(
      20_000,
      'the finished redrive',
    );
    await expect(page.getByText(/^Redrive finished: [1-9]\d* dead letters? redriven/).first()).toBeVisible(
      5_000,
      'the toast',
    );
    await page.screenshot({ path: artifact('admin-redrive.png'), fullPage: true });
  } finally {
    await clearSimulatorFaults(ctx);
    await sre?.close();
  }
}

export const adminRedrive: E2eTest = {
  name: 'admin-redrive: an SRE redrives dead letters after an AI outage',
  timeoutMs: 2 * 60_000,
  run,
};
