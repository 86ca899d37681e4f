import type { Locator } from 'playwright-core';

/**
 * A few web-first assertions on top of playwright-core's auto-waiting locators
 * (@playwright/test would download its own browsers, which this machine cannot).
 */
export function expect(locator: Locator) {
  const describe = (what?: string) => what ?? locator.toString();
  return {
    async toBeVisible(timeout: number, what?: string): Promise<void> {
      try {
        await locator.first().waitFor({ state: 'visible', timeout });
      } catch (error) {
        throw new Error(`Expected ${describe(what)} to be visible within ${timeout} ms`, { cause: error });
      }
    },
    async toBeHidden(timeout: number, what?: string): Promise<void> {
      try {
        await locator.first().waitFor({ state: 'hidden', timeout });
      } catch (error) {
        throw new Error(`Expected ${describe(what)} to be hidden within ${timeout} ms`, { cause: error });
      }
    },
    async toBeFocused(timeout: number, what?: string): Promise<void> {
      const deadline = Date.now() + timeout;
      while (Date.now() < deadline) {
        const focused = await locator
          .first()
          .evaluate((element) => element === document.activeElement, undefined, { timeout: 1_000 })
          .catch(() => false);
        if (focused) {
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const actual = await locator
        .page()
        .evaluate(() => document.activeElement?.outerHTML.slice(0, 200) ?? 'nothing');
      throw new Error(`Expected ${describe(what)} to have focus within ${timeout} ms; focus is on ${actual}`);
    },
    async toHaveAttribute(name: string, value: string, timeout: number): Promise<void> {
      const deadline = Date.now() + timeout;
      let actual: string | null = null;
      while (Date.now() < deadline) {
        actual = await locator
          .getAttribute(name, { timeout: Math.max(1, deadline - Date.now()) })
          .catch(() => null);
        if (actual === value) {
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(
        `Expected ${describe()} to have ${name}="${value}" within ${timeout} ms, last saw ${String(actual)}`,
      );
    },
  };
}
