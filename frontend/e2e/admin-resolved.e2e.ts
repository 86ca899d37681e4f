import type { Locator, Page } from 'playwright-core';

import { expect } from './expect';
import {
  ADA,
  checkAccessibility,
  FAILURE_TIMEOUT_MS,
  RECOVERY_TIMEOUT_MS,
  INDEX_TIMEOUT_MS,
  PHONE,
  clearSimulatorFaults,
  openSreWindow,
  setOutage,
  signIn,
  SRE,
  type E2eContext,
  type E2eTest,
  type SreWindow,
} from './harness';

/** The console at `url`, once its summary and list have loaded. */
async function openConsole(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1, name: 'Dead letters' })).toBeVisible(15_000);
  await expect(page.getByText('Loading the summary…')).toBeHidden(15_000);
  await expect(page.getByText('Loading dead letters…')).toBeHidden(15_000);
}

/** The list is not live: reload until the operation's dead letter is listed. */
async function waitForRow(page: Page, url: string, operationShortId: string): Promise<void> {
  const row = page.locator('tbody tr', { hasText: operationShortId });
  const deadline = Date.now() + INDEX_TIMEOUT_MS;
  for (;;) {
    await openConsole(page, url);
    if (await row.first().isVisible()) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `No dead letter of operation ${operationShortId} at ${url} within ${INDEX_TIMEOUT_MS} ms`,
      );
    }
    await page.waitForTimeout(1_000);
  }
}

/** Nothing sticks out to the right of the viewport: no column, button or text is off-screen. */
async function expectNoHorizontalOverflow(page: Page, where: string): Promise<void> {
  const { scrollWidth, viewport } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement?.scrollWidth ?? 0,
    viewport: window.innerWidth,
  }));
  if (scrollWidth > viewport) {
    throw new Error(`${where}: the page is ${scrollWidth} px wide in a ${viewport} px viewport`);
  }
}

/** Every cell of a stacked row (label and value) lies within the viewport's width. */
async function expectCellsOnScreen(row: Locator, width: number): Promise<void> {
  const cells = row.locator('td');
  const count = await cells.count();
  if (count === 0) {
    throw new Error('the row has no cells');
  }
  for (let index = 0; index < count; index += 1) {
    const box = await cells.nth(index).boundingBox();
    const label = await cells.nth(index).getAttribute('data-label');
    if (!box || box.x < 0 || box.x + box.width > width) {
      throw new Error(
        `the ${label ?? `#${index}`} cell is off-screen at ${width} px: ${JSON.stringify(box)}`,
      );
    }
  }
}

async function run(ctx: E2eContext): Promise<void> {
  const { page, baseUrl, artifact, log } = ctx;
  let sre: SreWindow | undefined;
  try {
    log('as ada, with the AI down (from an SRE window): a question fails for good and is dead-lettered');
    await signIn(page, baseUrl, ADA);
    await clearSimulatorFaults(ctx);
    sre = await openSreWindow(ctx);
    await setOutage(sre, true);
    await page.getByRole('radio', { name: 'Backend engineer' }).check();
    await page.getByRole('button', { name: 'Start session' }).click();
    await page.waitForURL(/\/sessions\/[^/]+$/, { timeout: 30_000 });
    const asked = page.waitForResponse(
      (response) => response.request().method() === 'POST' && /\/questions$/.test(response.url()),
    );
    await page.getByRole('button', { name: 'Next question' }).click();
    const operationId = ((await (await asked).json()) as { id: string }).id;
    const shortId = operationId.split('-')[0] ?? operationId;
    const request = page.getByRole('region', { name: 'Question request' });
    const retry = request.getByRole('button', { name: 'Retry' });
    await expect(retry).toBeVisible(FAILURE_TIMEOUT_MS, 'the failure');

    log("the AI is back; ada's own Retry gets the question");
    await setOutage(sre, false);
    await sre.close();
    sre = undefined;
    await retry.click();
    await expect(page.getByRole('article', { name: /^Question 1/ })).toBeVisible(RECOVERY_TIMEOUT_MS);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in to Rebound' })).toBeVisible(15_000);

    log("as sre: the dead letter is listed as resolved by the user's retry");
    await signIn(page, baseUrl, SRE);
    await waitForRow(page, `${baseUrl}/admin?state=resolved`, shortId);
    const row = page.locator('tbody tr', { hasText: shortId }).first();
    await expect(row.getByText("resolved by the user's retry")).toBeVisible(5_000, 'the state badge');
    await checkAccessibility(ctx, page, 'the admin console with a resolved dead letter');
    await page.screenshot({ path: artifact('admin-resolved-list.png'), fullPage: true });

    log('it is not among the open ones');
    await openConsole(page, `${baseUrl}/admin`);
    await expect(page.locator('tbody tr', { hasText: shortId })).toBeHidden(5_000, 'not listed as open');

    log("the drawer says why and shows the operation's retry chain");
    await waitForRow(page, `${baseUrl}/admin?state=resolved`, shortId);
    await page
      .locator('tbody tr', { hasText: shortId })
      .first()
      .getByRole('button', { name: /^Open dead letter/ })
      .click();
    const drawer = page.getByRole('dialog', { name: /^Dead letter #\d+$/ });
    await expect(drawer.getByRole('note').filter({ hasText: "Resolved by the user's retry" })).toBeVisible(
      10_000,
      'the resolution note',
    );
    await drawer.getByRole('button', { name: "The operation's history" }).click();
    const chain = drawer.getByRole('list', { name: 'Retry chain, oldest first' });
    await expect(chain.getByText(/^Original request, by the user · failed/)).toBeVisible(15_000);
    await expect(chain.getByText(/^Retry 1, by the user's Retry · completed/)).toBeVisible(5_000);
    await expect(drawer.getByRole('button', { name: 'Redrive this dead letter…' })).toBeHidden(
      2_000,
      'nothing to redrive',
    );
    await checkAccessibility(ctx, page, 'the dead-letter drawer with the operation history');
    await page.screenshot({ path: artifact('admin-resolved-drawer.png'), fullPage: true });

    log('at 390 × 844 nothing is off-screen: the drawer, the resolved list, the open list');
    await page.setViewportSize(PHONE);
    await expect(drawer).toBeVisible(5_000);
    await expectNoHorizontalOverflow(page, 'the drawer at 390 px');
    await checkAccessibility(ctx, page, 'the dead-letter drawer at 390 px');
    await page.screenshot({ path: artifact('admin-resolved-drawer-390.png'), fullPage: true });
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden(5_000);
    await expectNoHorizontalOverflow(page, 'the resolved list at 390 px');
    await expectCellsOnScreen(page.locator('tbody tr', { hasText: shortId }).first(), PHONE.width);
    await checkAccessibility(ctx, page, 'the admin console at 390 px');
    await page.screenshot({ path: artifact('admin-resolved-list-390.png'), fullPage: true });
    await openConsole(page, `${baseUrl}/admin`);
    await expectNoHorizontalOverflow(page, 'the open list at 390 px');
    await page.screenshot({ path: artifact('admin-open-390.png'), fullPage: true });
  } finally {
    await clearSimulatorFaults(ctx);
    await sre?.close();
  }
}

export const adminResolved: E2eTest = {
  name: "admin-resolved: a dead letter the user's retry fixed is resolved, and the console fits 390 px",
  timeoutMs: 3 * 60_000,
  run,
};
