import { readFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';

import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

import { expect } from './expect';

export interface FailureText {
  error_code: string;
  operation_type: 'question_generation' | 'feedback_analysis' | 'model_answer';
  error_message: string;
  next_action: string;
  contact_support: boolean;
}

/** The gateway's texts per code and type (FailureTextsFixtureTest keeps this fixture equal to them). */
const FAILURE_FIXTURE = JSON.parse(
  readFileSync(new URL('../src/testing/fixtures/failure-texts.json', import.meta.url), 'utf8'),
) as { attempts: number; failures: FailureText[] };

/**
 * The gateway's text for a failure of this code and type; with `attempts`, the count the operation really had in place
 * of the fixture's sample one.
 */
export function failureText(
  code: string,
  type: FailureText['operation_type'],
  attempts?: number,
): FailureText {
  const text = FAILURE_FIXTURE.failures.find(
    (failure) => failure.error_code === code && failure.operation_type === type,
  );
  if (!text) throw new Error(`no failure text for ${code} on ${type}`);
  return attempts === undefined
    ? text
    : {
        ...text,
        error_message: text.error_message.replace(
          `after ${FAILURE_FIXTURE.attempts} attempts`,
          `after ${attempts} attempts`,
        ),
      };
}

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

/** 1 try + 3 retries at 1 s, 2 s, 4 s is ~8 s; allow for a slow worker, the DLT hop and SSE. */
export const FAILURE_TIMEOUT_MS = 90_000;
/** A retry's answer, once the AI works again. */
export const RECOVERY_TIMEOUT_MS = 60_000;
/** The gateway indexes the dead letter from the DLT shortly after the operation failed. */
export const INDEX_TIMEOUT_MS = 30_000;
export const PHONE = { width: 390, height: 844 };

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

/** The AI simulator's own fault API (loopback only), for faults the SRE's panel does not offer. */
export function simulatorUrl(): string {
  return (process.env.SIMULATOR_URL ?? 'http://localhost:8090').replace(/\/+$/, '');
}

export interface SimulatorFault {
  status?: number;
  times?: number;
  error_code?: string;
  refusal?: boolean;
  when_prompt_contains?: string;
}

export async function addSimulatorFault({ context }: E2eContext, fault: SimulatorFault): Promise<void> {
  const response = await context.request.post(`${simulatorUrl()}/admin/faults`, { data: fault });
  if (!response.ok()) {
    throw new Error(
      `the simulator refused ${JSON.stringify(fault)}: ${response.status()} ${await response.text()}`,
    );
  }
}

/** Presses Tab until `target` has focus; returns how many presses it took, as a keyboard user would count them. */
export async function tabTo(page: Page, target: Locator, limit = 25): Promise<number> {
  for (let presses = 1; presses <= limit; presses += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) {
      return presses;
    }
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200) ?? 'nothing');
  throw new Error(`${target.toString()} not reached in ${limit} Tab presses; focus is on ${focused}`);
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe-core (WCAG 2.2 A and AA rules) on the page as it is now: fails on any serious or critical violation and
 * lists the others in e2e-artifacts/axe.txt.
 */
export async function checkAccessibility(ctx: E2eContext, page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const blocking = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  const lines = results.violations.map(
    (violation) =>
      `  ${violation.impact ?? 'unknown'} ${violation.id}: ${violation.help} (${violation.nodes
        .slice(0, 3)
        .map((node) => node.target.join(' '))
        .join(', ')})`,
  );
  const summary = `axe on ${what}: ${results.passes.length} rules pass, ${results.violations.length} violated, ${blocking.length} serious or critical`;
  ctx.log(summary);
  await appendFile(ctx.artifact('axe.txt'), [summary, ...lines, ''].join('\n'));
  if (blocking.length > 0) {
    throw new Error(`${summary}:\n${lines.join('\n')}`);
  }
}
