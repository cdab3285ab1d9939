import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ConsoleApp, logIn, screenshot, seriousViolations, startConsole, watchErrors } from './console.ts';

/**
 * The console's main pages as people meet them, at 1440x900: how soon the login form shows, what each role sees,
 * with no page or console errors and no serious accessibility violations; screenshots of each page are saved under
 * tests/.artifacts/console/ to be looked at.
 */

describe('console pages', () => {
  let app: ConsoleApp;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    app = await startConsole();
  });

  beforeEach(async () => {
    context = await app.browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    errors = watchErrors(page);
  });

  afterEach(async () => {
    await context?.close();
    expect(errors).toEqual([]);
  });

  afterAll(async () => {
    await app?.close();
  });

  /** Milliseconds from navigation to the login form's Log in button. */
  async function timeToLoginForm(path: string) {
    await page.goto('about:blank');
    const started = Date.now();
    await page.goto(`${app.baseUrl}${path}`);
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    return Date.now() - started;
  }

  it('shows the login form within a second of opening the console or a deep link while logged out', async () => {
    // warm the browser's cache of the bundle as a returning user has it, then measure each way in
    await timeToLoginForm('/admin/#/login');
    const login = await timeToLoginForm('/admin/#/login');
    const root = await timeToLoginForm('/admin/');
    const deep = await timeToLoginForm('/admin/#/occupations');
    console.info(
      `first paint: /admin/#/login ${login} ms, /admin/ ${root} ms (ratio ${(root / login).toFixed(2)}), ` +
        `/admin/#/occupations ${deep} ms (ratio ${(deep / login).toFixed(2)})`,
    );
    expect(root).toBeLessThan(1000);
    expect(deep).toBeLessThan(1000);
    await screenshot(page, 'login');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
