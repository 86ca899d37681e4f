import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

import { expect } from './expect';

export interface E2eContext {
  page: Page;
  context: BrowserContext;
  browser: Browser;
  baseUrl: string;
  /** Where screenshots go (e2e-artifacts/). */
  artifact: (name: string) => string;
  log: (message: string) => void;
}

export interface E2eTest {
  name: string;
  /** The whole test must finish within this many milliseconds. */
  timeoutMs: number;
  run: (ctx: E2eContext) => Promise<void>;
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export function baseUrl(): string {
  return (process.env.BASE_URL ?? 'http://localhost:8080').replace(/\/+$/, '');
}

export interface DemoUser {
  email: string;
  password: string;
}

/** Seeded by the gateway's local profile. */
export const ADA: DemoUser = { email: 'ada@example.com', password: 'rebound' };
export const SRE: DemoUser = { email: 'sre@example.com', password: 'rebound' };

function basic(user: DemoUser): string {
  return `Basic ${Buffer.from(`${user.email}:${user.password}`).toString('base64')}`;
}

/** Best effort, so a failed run never leaves the local AI simulator in an outage (the fault API is the SRE's). */
export async function clearSimulatorFaults({ context, baseUrl }: E2eContext): Promise<void> {
  await context.request
    .delete(`${baseUrl}/api/v1/dev/simulator/faults`, { headers: { Authorization: basic(SRE) } })
    .catch(() => undefined);
}

export async function signIn(page: Page, baseUrl: string, user: DemoUser): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await expect(page.getByRole('heading', { name: 'Sign in to Rebound' })).toBeVisible(30_000);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Your practice sessions' })).toBeVisible(30_000);
}

/** An SRE's own browser window on the Admin page, whose AI simulator panel makes the AI fail for everyone. */
export interface SreWindow {
  page: Page;
  /** The panel's Outage switch. */
  outage: Locator;
  close: () => Promise<void>;
}

export async function openSreWindow(ctx: E2eContext): Promise<SreWindow> {
  const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, ctx.baseUrl, SRE);
  await page.goto(`${ctx.baseUrl}/admin`);
  await expect(page.getByRole('heading', { level: 1, name: 'Dead letters' })).toBeVisible(30_000);
  const outage = page.getByRole('switch', { name: 'Outage' });
  await expect(outage).toBeVisible(
    30_000,
    'the AI simulator panel (is the gateway running the local profile?)',
  );
  return { page, outage, close: () => context.close() };
}

/** Turns the outage on or off from the SRE's window and waits until the panel shows it. */
export async function setOutage(sre: SreWindow, on: boolean): Promise<void> {
  const wanted = on ? 'true' : 'false';
  if ((await sre.outage.getAttribute('aria-checked')) !== wanted) {
    await sre.outage.click();
  }
  await expect(sre.outage).toHaveAttribute('aria-checked', wanted, 15_000);
}
