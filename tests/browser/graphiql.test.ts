import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp } from '@kg/api/app';
import { type DatabaseHandle, openDatabase } from '@kg/db/connect';
import { migrateToLatest } from '@kg/db/migrate';
import { seedGraph } from '@kg/db/seed/graph';
import { loadSeedGraph } from '@kg/db/seed/load';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = new URL('../.artifacts/', import.meta.url).pathname;

/** GraphiQL as a front-end developer first meets it: on a machine with no network but localhost. */
describe('GraphiQL [browser]', () => {
  let database: DatabaseHandle;
  let server: Server;
  let baseUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    database = await openDatabase();
    await migrateToLatest(database.db);
    await loadSeedGraph(database.db, seedGraph);
    server = createServer(createApp({ database }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await database?.close();
  });

  it('loads with every other host blocked, opens the example query as its first tab, and runs it', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
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
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    await page.goto(`${baseUrl}/graphql`);
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
