import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleApp, startConsole, watchErrors } from './console.ts';

const ARTIFACTS = new URL('../.artifacts/', import.meta.url).pathname;

/** GraphiQL as a front-end developer first meets it: on a machine with no network but localhost. */
describe('GraphiQL [browser]', () => {
  let app: ConsoleApp;

  beforeAll(async () => {
    app = await startConsole({ console: false });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('loads with every other host blocked, opens the example query as its first tab, and runs it', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const blocked: string[] = [];
    await context.route('**/*', (route) => {
      const { hostname, protocol } = new URL(route.request().url());
      if (protocol === 'blob:' || protocol === 'data:' || hostname === '127.0.0.1' || hostname === 'localhost') {
        return route.continue();
      }
      blocked.push(route.request().url());
      return route.abort();
    });
    const page = await context.newPage();
    const problems = watchErrors(page);
    await page.goto(`${app.baseUrl}/graphql`);
    await expect(page.title()).resolves.toBe('Occupational knowledge graph');
    const editor = page.locator('.graphiql-query-editor');
    await editor.getByText('query MedicalRecordsTechnician').waitFor({ timeout: 30_000 });
    const tabs = page.locator('.graphiql-tab');
    expect(await tabs.count()).toBeLessThanOrEqual(1);

    await page.locator('.graphiql-execute-button').click();
    const response = page.locator('.graphiql-response');
    await response.getByText('"Medical Records Technician"').first().waitFor({ timeout: 30_000 });
    // Monaco renders spaces as no-break spaces
    const text = ((await response.textContent()) ?? '').replace(/\s+/g, ' ');
    expect(text).toContain('"socCode": "29-2072"');
    expect(text).not.toMatch(/Syntax Error|"errors"/);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'graphiql.png') });
    expect(problems).toEqual([]);
    // nothing it needs lives elsewhere: a request to another host would have been blocked (and is listed here)
    expect(blocked).toEqual([]);
    await context.close();
  });
});
