/**
 * Backup and restore at full size: the default graph (seed, O*NET 29.3, OEWS May 2024 from db/data) exported and
 * restored into an empty database, against the baseline of building the same graph from the published files.
 *
 *   npx tsx bench/exchange.ts [--db pglite|postgres] [--url URL] [--gzip] [--keep]
 *
 * pglite (default): source and target are PGlite data directories in a temporary folder. postgres: schemas
 * exchange_bench_src and exchange_bench_dst on the server at --url (default $DATABASE_URL, else the local server),
 * dropped first. Reports seconds for the import (baseline), the export and the restore, their ratios, the rows and
 * bytes written, the peak resident memory of each step (streaming keeps it flat), and checks that every table's row
 * count and checksum match after the restore.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DatabaseHandle, openDatabase } from '../db/src/connect.ts';
import { exportGraph } from '../db/src/exchange/export.ts';
import { EXCHANGE_TABLES, graphChecksums } from '../db/src/exchange/format.ts';
import { restoreGraph } from '../db/src/exchange/restore.ts';
import { ensureReferenceData } from '../db/src/import/bootstrap.ts';
import { migrateToLatest } from '../db/src/migrate.ts';
import { seedGraph } from '../db/src/seed/graph.ts';
import { loadSeedGraph } from '../db/src/seed/load.ts';
import { analyzeDatabase } from './analyze.ts';
import { benchArgs } from './cli.ts';

const { values: args } = benchArgs(import.meta.url, {
  options: {
    db: { type: 'string', default: 'pglite' },
    url: { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    gzip: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});

const work = mkdtempSync(join(tmpdir(), 'kg-exchange-bench-'));

async function open(name: string): Promise<DatabaseHandle> {
  if (args.db !== 'postgres') return openDatabase({ dataDir: join(work, name) });
  const schema = `exchange_bench_${name}`;
  const admin = await openDatabase({ url: args.url, poolSize: 1 });
  await admin.db.schema.dropSchema(schema).ifExists().cascade().execute();
  await admin.close();
  return openDatabase({ url: args.url, schema, poolSize: 4 });
}

/** Runs a step, timing it and sampling the process's resident memory. */
async function step<T>(name: string, fn: () => Promise<T>) {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  const started = performance.now();
  try {
    const result = await fn();
    const seconds = (performance.now() - started) / 1000;
    const growth = (peak - start) / 2 ** 20;
    console.log(
      `${name}: ${seconds.toFixed(1)} s, peak RSS ${(peak / 2 ** 20).toFixed(0)} MB (+${growth.toFixed(0)} MB)`,
    );
    return { result, seconds, peakMb: peak / 2 ** 20, growthMb: growth };
  } finally {
    clearInterval(timer);
  }
}

const bytes = (dir: string): number =>
  readdirSync(dir).reduce((sum, name) => {
    const path = join(dir, name);
    const stat = statSync(path);
    return sum + (stat.isDirectory() ? bytes(path) : stat.size);
  }, 0);

console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}; ${args.db}; work folder ${work}`,
);
const source = await open('src');
const schemaOf = (h: DatabaseHandle) => (h.engine === 'postgres' ? h.schema : undefined);
const built = await step('baseline: migrate, seed and import O*NET 29.3 + OEWS from the published files', async () => {
  await migrateToLatest(source.db, { schema: schemaOf(source) });
  await loadSeedGraph(source.db, seedGraph);
  await ensureReferenceData(source.db);
  await analyzeDatabase(source.db);
});
const dir = join(work, 'backup');
const exported = await step('export', () => exportGraph(source.db, dir, { gzip: args.gzip }));
const rows = Object.values(exported.result.tables).reduce((sum, t) => sum + t.rows, 0);
const expected = await graphChecksums(source.db);
await source.close();

const target = await open('dst');
const restored = await step('restore into an empty database', () =>
  restoreGraph(target.db, dir, { schema: schemaOf(target) }),
);
const actual = await graphChecksums(target.db);
await target.close();

const differing = EXCHANGE_TABLES.filter((t) => actual[t.name] !== expected[t.name]).map((t) => t.name);
console.log();
console.table({
  rows: { value: rows },
  'backup size (MB)': { value: Number((bytes(dir) / 2 ** 20).toFixed(1)) },
  'import, baseline (s)': { value: Number(built.seconds.toFixed(1)) },
  'export (s)': { value: Number(exported.seconds.toFixed(1)) },
  'restore (s)': { value: Number(restored.seconds.toFixed(1)) },
  'export / import': { value: Number((exported.seconds / built.seconds).toFixed(3)) },
  'restore / import': { value: Number((restored.seconds / built.seconds).toFixed(3)) },
  'export rows per second': { value: Math.round(rows / exported.seconds) },
  'restore rows per second': { value: Math.round(rows / restored.seconds) },
  'peak RSS import / export / restore (MB)': {
    value: [built.peakMb, exported.peakMb, restored.peakMb].map((m) => m.toFixed(0)).join(' / '),
  },
  // what the step itself added: the process keeps the memory an earlier step used
  'RSS growth during export / restore (MB)': {
    value: [exported.growthMb, restored.growthMb].map((m) => m.toFixed(0)).join(' / '),
  },
});
console.log(
  differing.length === 0
    ? `every table's row count and checksum match (${EXCHANGE_TABLES.length} tables)`
    : `MISMATCH in ${differing.join(', ')}`,
);
if (!args.keep) rmSync(work, { recursive: true, force: true });
process.exitCode = differing.length === 0 ? 0 : 1;
