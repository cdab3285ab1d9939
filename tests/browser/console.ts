import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createApp } from '@kg/api/app';
import { type DatabaseHandle, openDatabase } from '@kg/db/connect';
import { migrateToLatest } from '@kg/db/migrate';
import { seedGraph } from '@kg/db/seed/graph';
import { loadSeedGraph } from '@kg/db/seed/load';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { createTestAccounts, TEST_ACCOUNTS, type TestAccount } from '../support/accounts.ts';
import { graphqlClient } from '../support/graphql.ts';

/**
 * The admin console as a browser test uses it: the real app on a port, over an in-memory PGlite database with
 * the seed graph and one account per role, and headless Chromium; logging in and out, screenshots, page errors
 * and accessibility checks.
 */

const ADMIN_DIR = fileURLToPath(new URL('../../admin', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ConsoleApp {
  database: DatabaseHandle;
  browser: Browser;
  baseUrl: string;
  close(): Promise<void>;
}

/** The newest modification time of the console's sources. */
function newestSource(dir = join(ADMIN_DIR, 'src')): number {
  return Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs;
    }),
  );
}

const BUILT = join(ADMIN_DIR, 'dist', 'index.html');
const isCurrent = () => existsSync(BUILT) && statSync(BUILT).mtimeMs >= newestSource();

/**
 * The app serves the built console: build it when missing or older than its sources. Test files run in parallel,
 * so one builds (holding a lock directory) while the others wait for it.
 */
export async function buildConsole() {
  const lock = join(tmpdir(), `kg-admin-build-${createHash('sha1').update(ADMIN_DIR).digest('hex').slice(0, 12)}`);
  for (let waited = 0; !isCurrent(); waited += 500) {
    try {
      mkdirSync(lock);
    } catch {
      // another file is building; a lock older than two minutes was left by a crash
      if (waited > 120_000) rmSync(lock, { recursive: true, force: true });
      await sleep(500);
      continue;
    }
    try {
      // the test runner sets NODE_ENV=test, which would build React's development runtime: build what users get
      const env = { ...process.env, NODE_ENV: 'production' };
      if (!isCurrent()) execFileSync('npx', ['vite', 'build'], { cwd: ADMIN_DIR, stdio: 'inherit', env });
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

export interface StartOptions {
  /** Whether the app serves the built console (GraphiQL needs none). */
  console?: boolean;
  /** Loads what the tests need beyond the seed graph and the test accounts. */
  prepare?: (database: DatabaseHandle) => Promise<unknown>;
}

export async function startConsole({ console = true, prepare }: StartOptions = {}): Promise<ConsoleApp> {
  if (console) await buildConsole();
  const database = await openDatabase();
  await migrateToLatest(database.db);
  await loadSeedGraph(database.db, seedGraph);
  await createTestAccounts(database);
  await prepare?.(database);

  const server: Server = createServer(createApp({ database }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'],
  });
  return {
    database,
    browser,
    baseUrl,
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}

export interface OpenPage {
  context: BrowserContext;
  page: Page;
  /** The page's uncaught errors and console errors so far. */
  errors: string[];
}

/** A page in a fresh browser context, its errors collected; an action waits 20 seconds at the most. */
export async function openPage(app: ConsoleApp, options: BrowserContextOptions): Promise<OpenPage> {
  const context = await app.browser.newContext(options);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { context, page, errors: watchErrors(page) };
}

/**
 * The app and one page for a whole file of tests (the file's tests go on from one another): the app started with
 * `options`, the page in a context made with `context` (a viewport, downloads).
 */
export async function startWithPage(options: StartOptions & { context: BrowserContextOptions }) {
  const app = await startConsole(options);
  return { app, ...(await openPage(app, options.context)) };
}

/**
 * The hooks of a suite of console tests: the app started once; for each test a fresh browser context (react-admin
 * keeps list filters, and the session, in local storage); after it, a screenshot when it failed, and no page or
 * console errors (a refused save included). It gives the running test's `page`, the `app`, and an admin's GraphQL
 * client of the app's database.
 */
export function consoleSuite(viewport: { width: number; height: number }) {
  const current = {} as OpenPage & { app: ConsoleApp; asAdmin: ReturnType<typeof graphqlClient> };
  beforeAll(async () => {
    current.app = await startConsole();
    current.asAdmin = graphqlClient(current.app.database);
  });
  beforeEach(async () => {
    Object.assign(current, await openPage(current.app, { viewport }));
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await screenshot(current.page, `failed-${task.name.slice(0, 40)}`);
    await current.context?.close();
    expect(current.errors).toEqual([]);
  });
  afterAll(async () => {
    await current.app?.close();
  });
  return {
    page: stand(() => current.page),
    app: stand(() => current.app),
    asAdmin: ((query, variables, headers) => current.asAdmin(query, variables, headers)) as typeof current.asAdmin,
  };
}

/**
 * A stand-in for what `now` gives when it is used: a suite's tests each have their own page, and the helpers
 * written once for the suite reach it through this.
 */
function stand<T extends object>(now: () => T): T {
  return new Proxy({} as T, {
    get(_, key) {
      const target = now();
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Logs in through the console's login page, as a person would, and waits for the overview. */
export async function logIn(page: Page, baseUrl: string, who: TestAccount, path = '') {
  const account = TEST_ACCOUNTS[who];
  await page.goto(`${baseUrl}/admin/#/login`);
  await page.getByRole('textbox', { name: 'E-mail' }).fill(account.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Occupational knowledge graph', level: 5 }).waitFor();
  if (path) await page.goto(`${baseUrl}/admin/#${path}`);
}

/** Logs out through the user menu. */
export async function logOut(page: Page) {
  // the account menu is named by the account: "viewer@kg.test (viewer)"
  await page.getByRole('button', { name: / \((viewer|curator|reviewer|admin)\)$/ }).click();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  await page.getByRole('button', { name: 'Log in' }).waitFor();
}

/** Where browser tests save their screenshots (git-ignored), to be looked at by people. */
export const ARTIFACTS = fileURLToPath(new URL('../.artifacts/console/', import.meta.url));

/**
 * A screenshot of the whole page under tests/.artifacts/console/<name>.png, taken from the top: the app bar hides
 * while the page is scrolled down.
 */
export async function screenshot(page: Page, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  if (await page.evaluate(() => window.scrollY > 0)) {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(300);
  }
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * Someone else's change to a name, saved (by an admin) over the version a page has open, so that the page's save
 * meets a newer version.
 */
export async function saveNameMeanwhile(
  asAdmin: ReturnType<typeof graphqlClient>,
  label: { id: string; version: number },
  change: { text?: string; language?: string },
  citation: { sourceId: string; quote: string },
) {
  const result = await asAdmin(
    `mutation SaveMeanwhile($input: UpdateLabelInput!) { updateLabel(input: $input) { label { version } } }`,
    { input: { id: label.id, expectedVersion: label.version, ...change, citations: [citation] } },
  );
  expect(result.errors).toBeUndefined();
}

/** Clicks the button that downloads a file: the file's suggested name and its lines (CSV lines end in CRLF). */
export async function downloadLines(page: Page, button: string): Promise<{ name: string; lines: string[] }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  const text = readFileSync((await download.path())!, 'utf8');
  return { name: download.suggestedFilename(), lines: text.trim().split('\r\n') };
}

/**
 * Collects the page's uncaught errors and console errors, so a test can fail on any. `ignore` lists messages a
 * test provokes on purpose (a refused login answers 401-like errors in the console of some browsers).
 */
export function watchErrors(page: Page, ignore: RegExp[] = []) {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (!ignore.some((pattern) => pattern.test(text))) errors.push(`console error: ${text}`);
  });
  return errors;
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** axe-core's critical and serious violations on the page as it is now (WCAG 2.1 A and AA rules). */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(o: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
