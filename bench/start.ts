/**
 * Start benchmark: how long the first start takes to have all the reference data (what `pnpm start` does on a
 * new data folder: migrate, seed, import every release shipped in db/data, planner statistics, career ladders),
 * and how long a later start takes on the same database, with the size of the database.
 *
 *   npx tsx bench/start.ts [--db pglite|postgres] [--data-dir .bench/start] [--url URL]
 *
 * PGlite: a fresh data folder (--data-dir, removed first and at the end). Postgres: a fresh schema `start_bench`
 * at --url (default $DATABASE_URL), dropped at the end. The steps are the ones api/src/bootstrap.ts runs, in
 * process, timed with the wall clock; the load average is printed because a shared machine changes them. Each
 * release's own time is listed.
 */
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import { type DatabaseHandle, openDatabase } from '../db/src/connect.ts';
import { ensureReferenceData, ensureStatistics } from '../db/src/import/bootstrap.ts';
import { totals } from '../db/src/import/run.ts';
import { ensureLadders } from '../db/src/ladders/derive.ts';
import { migrateToLatest } from '../db/src/migrate.ts';
import { seedGraph } from '../db/src/seed/graph.ts';
import { loadSeedGraph } from '../db/src/seed/load.ts';
import { benchArgs, databaseOptions } from './cli.ts';

const { values: args } = benchArgs(import.meta.url, {
  options: {
    ...databaseOptions('.bench/start'),
  },
});
const SCHEMA = 'start_bench';
const postgres = args.db === 'postgres';

async function open(): Promise<DatabaseHandle> {
  if (!postgres) return openDatabase({ dataDir: args['data-dir'] });
  if (!args.url) throw new Error('--db postgres needs --url or DATABASE_URL');
  return openDatabase({ url: args.url, schema: SCHEMA });
}

/** A start as api/src/bootstrap.ts makes it; resolves when the reference data and the ladders are in. */
async function start(handle: DatabaseHandle) {
  const steps: Record<string, number> = {};
  const time = async <T>(step: string, work: () => Promise<T>) => {
    const begun = performance.now();
    const result = await work();
    steps[step] = (performance.now() - begun) / 1000;
    return result;
  };
  await time('migrate', () => migrateToLatest(handle.db, { schema: postgres ? SCHEMA : undefined }));
  await time('seed', () => loadSeedGraph(handle.db, seedGraph));
  const summaries = await time('reference data', () => ensureReferenceData(handle.db));
  await time('statistics', () => ensureStatistics(handle.db));
  await time('ladders', () => ensureLadders(handle.db));
  return { steps, summaries };
}

async function databaseBytes(handle: DatabaseHandle) {
  const { rows } = await sql<{ bytes: string }>`
    select coalesce(sum(pg_total_relation_size(c.oid)), 0)::text as bytes from pg_class c
    where c.relnamespace = to_regnamespace(current_schema()) and c.relkind in ('r', 'm')`.execute(handle.db);
  return Number(rows[0].bytes);
}

const dropSchema = (handle: DatabaseHandle) =>
  sql.raw(`drop schema if exists ${SCHEMA} cascade; drop schema if exists ${SCHEMA}_asof cascade`).execute(handle.db);

if (postgres) {
  const handle = await open();
  await dropSchema(handle);
  await handle.close();
} else {
  rmSync(args['data-dir'], { recursive: true, force: true });
}
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);

let begun = performance.now();
let handle = await open();
const first = await start(handle);
const firstSeconds = (performance.now() - begun) / 1000;
const bytes = await databaseBytes(handle);
await handle.close();

begun = performance.now();
handle = await open();
const later = await start(handle);
const laterSeconds = (performance.now() - begun) / 1000;

console.log(
  `\n${args.db}: first start ${firstSeconds.toFixed(1)} s, later start ${laterSeconds.toFixed(1)} s, database ${(bytes / 1024 / 1024).toFixed(0)} MB (load average ${loadavg()[0].toFixed(1)})`,
);
console.table(
  Object.fromEntries(
    Object.keys(first.steps).map((step) => [
      step,
      { first: first.steps[step].toFixed(1), later: later.steps[step].toFixed(1) },
    ]),
  ),
);
console.table(
  (first.summaries ?? []).map((s) => ({ release: s.source, seconds: s.seconds.toFixed(1), ...totals(s.counts) })),
);
if (postgres) await dropSchema(handle);
await handle.close();
if (!postgres) rmSync(args['data-dir'], { recursive: true, force: true });
