/**
 * Start benchmark: how long the first start takes to have all the reference data (what `pnpm start` does on a
 * new database: migrate, seed, import every release shipped in db/data, planner statistics, career ladders),
 * how long a later start takes on the same database, and how large the database is; against the code before
 * the releases beyond O*NET and OEWS were added (whose start imports those two), in the same run.
 *
 *   pnpm bench:start [--databases pglite,postgres] [--url URL] [--baseline REV] [--no-baseline]
 *
 * For each database and each of the two versions of the code (this checkout, and the baseline checked out with
 * `git worktree add` into a temporary folder; default: the commit before the CIP and SOC importers were added),
 * a process of its own makes a first and a later start (bench/start/measure.ts). PGlite works in a fresh folder
 * under .bench/; the server in a fresh schema at --url (default $DATABASE_URL or the local test database),
 * dropped afterwards. Times are wall clock on whatever else the machine runs: the load average is printed, and
 * each ratio compares runs made back to back.
 *
 * Targets (2 cores): the first start with everything under 120 s, a later start under 3 s.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkOutBaseline, git } from './baseline.ts';
import { benchArgs } from './cli.ts';

const { values: args } = benchArgs(import.meta.url, {
  options: {
    databases: { type: 'string', default: 'pglite,postgres' },
    url: { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    baseline: { type: 'string' },
    'no-baseline': { type: 'boolean', default: false },
  },
});

const root = fileURLToPath(new URL('..', import.meta.url));

interface Measurement {
  firstSeconds: number;
  laterSeconds: number;
  bytes: number;
  releases: Array<{ source: string; seconds: number }>;
}

function measure(code: string, database: string, label: string): Measurement {
  console.log(`${label}: load average ${load()}`);
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'bench/start/measure.ts'),
      '--code',
      code,
      '--db',
      database,
      '--url',
      args.url,
      '--schema',
      `start_bench_${label}`,
      '--data-dir',
      resolve(root, '.bench/start', label),
    ],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (result.status !== 0) throw new Error(`${label} failed (exit ${result.status})`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '') as Measurement;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ratio = (now: number, before?: number) => (before ? `x${(now / before).toFixed(2)}` : '');

const baselineRev =
  args.baseline ??
  `${git('log', '--diff-filter=A', '--format=%H', '--reverse', '--', 'db/src/import/nces-cip.ts').split('\n')[0]}^`;
const baseline = args['no-baseline'] ? null : checkOutBaseline(baselineRev);
const baselineDir = baseline?.dir;
try {
  if (baselineDir) console.log(`baseline: ${git('rev-parse', '--short=10', baselineRev)} (O*NET and OEWS)`);
  for (const database of args.databases.split(',')) {
    const before = baselineDir ? measure(baselineDir, database, `${database}_baseline`) : undefined;
    const now = measure(root, database, `${database}_current`);
    console.log(`\n${database} (load average ${load()})`);
    console.table({
      'first start (s)': {
        baseline: before?.firstSeconds.toFixed(1) ?? '',
        now: now.firstSeconds.toFixed(1),
        'now / baseline': ratio(now.firstSeconds, before?.firstSeconds),
      },
      'later start (s)': {
        baseline: before?.laterSeconds.toFixed(2) ?? '',
        now: now.laterSeconds.toFixed(2),
        'now / baseline': ratio(now.laterSeconds, before?.laterSeconds),
      },
      'database size': {
        baseline: before ? mb(before.bytes) : '',
        now: mb(now.bytes),
        'now / baseline': ratio(now.bytes, before?.bytes),
      },
    });
    console.table(Object.fromEntries(now.releases.map((r) => [r.source, { seconds: r.seconds.toFixed(1) }])));
  }
} finally {
  baseline?.remove();
  rmSync(resolve(root, '.bench/start'), { recursive: true, force: true });
}
