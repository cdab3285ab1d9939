/**
 * One measurement of bench/start.ts, in a process of its own: with the code of the checkout at --code, a first
 * start on a fresh database (PGlite in --data-dir, or the schema --schema at --url) as that code's server makes
 * it (migrate, seed, import the releases its db/data ships, planner statistics, career ladders), the size of
 * the database, then a later start on the same database. Prints one line of JSON.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';

const { values: args } = parseArgs({
  options: {
    code: { type: 'string' },
    db: { type: 'string', default: 'pglite' },
    url: { type: 'string' },
    schema: { type: 'string', default: 'start_bench' },
    'data-dir': { type: 'string' },
  },
});
if (!args.code) throw new Error('measure.ts needs --code');
const code = args.code;
const load = (path: string) => import(join(code, path));

const { openDatabase } = await load('db/src/connect.ts');
const { migrateToLatest } = await load('db/src/migrate.ts');
const { seedGraph } = await load('db/src/seed/graph.ts');
const { loadSeedGraph } = await load('db/src/seed/load.ts');
const { ensureReferenceData, ensureStatistics } = await load('db/src/import/bootstrap.ts');
const { ensureLadders } = await load('db/src/ladders/derive.ts');

const postgres = args.db === 'postgres';
const dataDir = args['data-dir'] ?? '';
const open = () => (postgres ? openDatabase({ url: args.url, schema: args.schema }) : openDatabase({ dataDir }));
const dropSchema = (db: unknown) =>
  sql
    .raw(`drop schema if exists "${args.schema}" cascade; drop schema if exists "${args.schema}_asof" cascade`)
    .execute(db as never);

/** A start as the server makes it; resolves when the reference data and the ladders are in. */
async function start() {
  const begun = performance.now();
  const handle = await open();
  await migrateToLatest(handle.db, { schema: postgres ? args.schema : undefined });
  await loadSeedGraph(handle.db, seedGraph);
  let step = '';
  const summaries = await ensureReferenceData(handle.db, (s: string) => {
    if (s === step) return;
    step = s;
    process.stderr.write(`  ${((performance.now() - begun) / 1000).toFixed(0).padStart(5)} s  ${step}\n`);
  });
  // the code before planner statistics were collected at start had no ensureStatistics
  await ensureStatistics?.(handle.db);
  await ensureLadders(handle.db);
  return { handle, seconds: (performance.now() - begun) / 1000, summaries };
}

if (postgres) {
  const handle = await open();
  await dropSchema(handle.db);
  await handle.close();
} else rmSync(dataDir, { recursive: true, force: true });

const first = await start();
const { rows } = await sql<{ bytes: string }>`
  select coalesce(sum(pg_total_relation_size(c.oid)), 0)::text as bytes from pg_class c
  where c.relnamespace = to_regnamespace(current_schema()) and c.relkind in ('r', 'm')`.execute(first.handle.db);
await first.handle.close();
const later = await start();
if (postgres) await dropSchema(later.handle.db);
await later.handle.close();
if (!postgres) rmSync(dataDir, { recursive: true, force: true });

console.log(
  JSON.stringify({
    firstSeconds: first.seconds,
    laterSeconds: later.seconds,
    bytes: Number(rows[0].bytes),
    releases: (first.summaries ?? []).map((s: { source: string; seconds: number }) => ({
      source: s.source,
      seconds: s.seconds,
    })),
  }),
);
