import type { Browser, BrowserContext, Page } from 'playwright-core';

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

/** Best effort, so a failed run never leaves the local AI simulator in an outage. */
export async function clearSimulatorFaults({ context, baseUrl }: E2eContext): Promise<void> {
  const cookies = await context.cookies(baseUrl);
  const token = cookies.find((cookie) => cookie.name === 'XSRF-TOKEN')?.value;
  await context.request
    .delete(`${baseUrl}/api/v1/dev/simulator/faults`, {
      headers: token ? { 'X-XSRF-TOKEN': decodeURIComponent(token) } : {},
    })
    .catch(() => undefined);
}
