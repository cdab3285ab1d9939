/**
 * Health under load: how long /health takes while the slowest query shapes run, against an idle /health in
 * the same run.
 *
 *   npx tsx bench/health.ts [--db pglite|postgres] [--data-dir DIR] [--url URL] [--n 200] [--clients 2] [--port 4122]
 *                           [--skip-import]
 *
 * Database: the PGlite data directory --data-dir (default .data/pglite, where the default start keeps the
 * full graph) or the server at --url (default $DATABASE_URL), brought up as a start does (migrate, seed, import
 * the reference data when missing unless --skip-import, derive the ladders). The API is served on --port with its response cache
 * off, so every request runs. First --n sequential GET /health on the idle service (the baseline); then, shape
 * by shape, --clients clients send that shape back to back while --n GET /health are timed. It prints, per
 * shape, the shape's own p50 and the /health p50/p99 and the ratio of that p99 to the idle p99.
 */
import { loadavg } from 'node:os';
import { bootstrap } from '../api/src/bootstrap.ts';
import { loadConfig } from '../api/src/config.ts';
import { createLogger } from '../api/src/logging.ts';
import { startServer } from '../api/src/server.ts';
import { openDatabase } from '../db/src/connect.ts';
import { benchArgs, databaseOptions } from './cli.ts';

const { values: args } = benchArgs(import.meta.url, {
  options: {
    ...databaseOptions('.data/pglite'),
    n: { type: 'string', default: '200' },
    clients: { type: 'string', default: '2' },
    port: { type: 'string', default: '4122' },
    'skip-import': { type: 'boolean', default: false },
  },
});

const LONG_TERM = 'registered nurse '.repeat(12).slice(0, 200);
const NOW = new Date().toISOString();
/** The query shapes that cost the most, each at the largest size the limits let through. */
const SHAPES: Record<string, string> = {
  'entities(nameContains: 200 chars)': `{ entities(nameContains: "${LONG_TERM}", first: 20) { totalCount edges { node { name } } } }`,
  'entities(nameContains: "a")': `{ entities(nameContains: "a", first: 20) { totalCount edges { node { name } } } }`,
  'search(query: "or 1 1 x")': `{ search(query: "or 1 1 x", first: 20) { totalCount edges { node { name } } } }`,
  'search(query: 200 chars)': `{ search(query: "${LONG_TERM}", first: 20) { totalCount edges { node { name } } } }`,
  'search(..., asOf: now)': `{ search(query: "nurse", first: 20, asOf: "${NOW}") { totalCount edges { node { name } } } }`,
  'resolveTitle(title: 200 chars)': `{ resolveTitle(title: "${LONG_TERM}", first: 5) { score matchedTitle } }`,
  'occupations(first: 20) related x3': `{ occupations(first: 20) { edges { node { name relatedOccupations { name relatedOccupations { name relatedOccupations { name } } } } } } }`,
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
};

async function timeHealth(base: string, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const response = await fetch(`${base}/health`);
    await response.text();
    times.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return times;
}

async function main() {
  if (args.db === 'postgres' && !args.url) throw new Error('--db postgres needs --url or DATABASE_URL');
  const env = args.db === 'postgres' ? { DATABASE_URL: args.url } : { KG_DATA_DIR: '.', INIT_CWD: process.cwd() };
  const config = loadConfig({
    ...env,
    KG_LOG_FORMAT: 'pretty',
    LOG_LEVEL: 'warn',
    KG_RESPONSE_CACHE_TTL_MS: '0',
    KG_IMPORT_REFERENCE_DATA: args['skip-import'] ? '0' : '1',
  });
  const logger = createLogger(config.log);
  const database = await openDatabase(
    args.db === 'postgres' ? config.database : { dataDir: args['data-dir'], logger: console },
  );
  const started = performance.now();
  const { importInBackground } = await bootstrap(database, config, logger);
  await importInBackground();
  console.log(`database ready in ${((performance.now() - started) / 1000).toFixed(0)} s (${database.engine})`);
  const server = await startServer({
    database,
    config: config.api,
    logger,
    port: Number(args.port),
    host: '127.0.0.1',
  });
  const n = Number(args.n);
  try {
    await timeHealth(server.url, 20); // warm up
    const idle = summary(await timeHealth(server.url, n));
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    console.log(`idle /health: p50 ${idle.p50.toFixed(2)} ms, p99 ${idle.p99.toFixed(2)} ms (n ${n})\n`);
    const rows = [];
    for (const [name, query] of Object.entries(SHAPES)) {
      let running = true;
      const shapeTimes: number[] = [];
      const codes = new Set<string>();
      const client = async () => {
        while (running) {
          const t = performance.now();
          const response = await fetch(`${server.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query }),
          });
          const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
          for (const error of body.errors ?? []) codes.add(String(error.extensions?.code));
          shapeTimes.push(performance.now() - t);
        }
      };
      const clients = Array.from({ length: Number(args.clients) }, client);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const health = summary(await timeHealth(server.url, n));
      running = false;
      await Promise.all(clients);
      const shape = summary(shapeTimes);
      rows.push({
        shape: name,
        'shape p50 ms': Math.round(shape.p50),
        runs: shapeTimes.length,
        errors: [...codes].join(' ') || '-',
        '/health p50 ms': Number(health.p50.toFixed(2)),
        '/health p99 ms': Number(health.p99.toFixed(2)),
        'p99 / idle p99': Number((health.p99 / idle.p99).toFixed(2)),
      });
    }
    console.table(rows);
    const worst = Math.max(...rows.map((r) => r['p99 / idle p99']));
    console.log(`worst /health p99 under load: ${worst}x the idle p99 (target: within 5x)`);
  } finally {
    await server.shutdown();
  }
}

await main();
