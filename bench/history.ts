/**
 * History benchmark: what keeping every version costs, against the code before system-versioned history (the
 * change log that stored each row again as JSON), in the same run.
 *
 *   pnpm bench:history [--databases pglite,postgres] [--url URL] [--baseline REV] [--runs 15] [--occupations N]
 *
 * For each database and each of the two versions of the code (this checkout, and the baseline checked out with
 * `git worktree add` into a temporary folder; default: the commit before migration 0014 was added), a process of
 * its own builds a fresh database (seed graph, then the full O*NET 29.3 release shipped in db/data, timed) and
 * reports: the share of the database that is history (the change log; or the change sets, the `_history`
 * tables, the change-id indexes and 8 bytes per live row), and the median time of the occupation page and of a
 * `search`, now and `asOf` a moment before an edit. PGlite works in a fresh folder under .bench/; the server in
 * a fresh schema at --url (default $DATABASE_URL or the local test database), dropped afterwards.
 *
 * `--occupations N` imports only the first N occupations of O*NET (and Medical Records Specialists, whose page
 * is read), cut from ../shared/data/onet as the tests cut their slices: for a machine too busy for the whole.
 *
 * Targets: history under 25% of the database; asOf page within 2x of the present page, asOf search within 3x;
 * the O*NET import at least 1.5x faster than the baseline's. Times are wall clock on whatever else the machine
 * runs (the load average is printed); each ratio compares runs made back to back.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onetSlice, REFERENCE_DATA } from '../tests/support/reference-data.ts';
import { checkOutBaseline, git } from './baseline.ts';
import { benchArgs } from './cli.ts';

const { values: args } = benchArgs(import.meta.url, {
  options: {
    databases: { type: 'string', default: 'pglite,postgres' },
    url: { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    baseline: { type: 'string' },
    runs: { type: 'string', default: '15' },
    occupations: { type: 'string' },
  },
});

const root = fileURLToPath(new URL('..', import.meta.url));
const onetDir = args.occupations ? sliceOfOnet(Number(args.occupations)) : join(root, 'db/data/onet');

/** The first `count` occupations of O*NET 29.3, and the one whose page the benchmark reads. */
function sliceOfOnet(count: number) {
  const lines = readFileSync(join(REFERENCE_DATA, 'onet', 'Occupation Data.txt'), 'utf8')
    .split('\n')
    .slice(1);
  const codes = [...new Set([...lines.slice(0, count).map((l) => l.split('\t')[0]), '29-2072.00'])];
  return onetSlice('onet', codes, resolve(root, '.bench/history/onet'));
}
const baselineRev =
  args.baseline ??
  `${git('log', '--diff-filter=A', '--format=%H', '-1', '--', 'db/src/migrations/0014_system_versioning.ts')}^`;
const baselineCommit = git('rev-parse', baselineRev);

// the baseline's code, beside this checkout, sharing its installed packages (none of this checkout's code runs in it)
const baseline = checkOutBaseline(baselineCommit);
const baselineDir = baseline.dir;

interface Measurement {
  importSeconds: number;
  totalBytes: number;
  historyBytes: number;
  historyShare: number;
  page: { presentMs: number; pastMs?: number; error?: string; pastName: string | null };
  search: { presentMs: number; pastMs?: number; error?: string };
}

function measure(code: string, database: string, label: string): Measurement {
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'bench/history/measure.ts'),
      '--code',
      code,
      '--db',
      database,
      '--url',
      args.url,
      '--schema',
      `history_bench_${label}`,
      '--data-dir',
      resolve(root, '.bench/history', label),
      '--onet',
      onetDir,
      '--runs',
      args.runs,
    ],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.status !== 0) throw new Error(`${label} failed:\n${result.stderr.slice(-4000)}`);
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as Measurement;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
const ratio = (a?: number, b?: number) => (a && b ? `x${(a / b).toFixed(2)}` : 'n/a');
const past = (m: Measurement['page'] | Measurement['search']) =>
  m.error ? `refused: ${m.error}` : `${m.pastMs?.toFixed(1)} ms`;

try {
  console.log(
    `baseline: ${baselineCommit.slice(0, 10)} (${baselineRev}); load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  for (const database of args.databases.split(',')) {
    const before = measure(baselineDir, database, `${database}_baseline`);
    const after = measure(root, database, `${database}_current`);
    console.log(`\n${database} (load average ${loadavg()[0].toFixed(1)})`);
    console.table({
      'O*NET import (s)': {
        baseline: before.importSeconds.toFixed(1),
        now: after.importSeconds.toFixed(1),
        ratio: ratio(before.importSeconds, after.importSeconds),
      },
      'database size': {
        baseline: mb(before.totalBytes),
        now: mb(after.totalBytes),
        ratio: ratio(before.totalBytes, after.totalBytes),
      },
      'history size': {
        baseline: mb(before.historyBytes),
        now: mb(after.historyBytes),
        ratio: ratio(before.historyBytes, after.historyBytes),
      },
      'history share': { baseline: pct(before.historyShare), now: pct(after.historyShare), ratio: '' },
      'page now (ms)': { baseline: before.page.presentMs.toFixed(1), now: after.page.presentMs.toFixed(1), ratio: '' },
      'page asOf': { baseline: past(before.page), now: past(after.page), ratio: '' },
      'page asOf / now': {
        baseline: ratio(before.page.pastMs, before.page.presentMs),
        now: ratio(after.page.pastMs, after.page.presentMs),
        ratio: '',
      },
      'search now (ms)': {
        baseline: before.search.presentMs.toFixed(1),
        now: after.search.presentMs.toFixed(1),
        ratio: '',
      },
      'search asOf': { baseline: past(before.search), now: past(after.search), ratio: '' },
      'search asOf / now': {
        baseline: ratio(before.search.pastMs, before.search.presentMs),
        now: ratio(after.search.pastMs, after.search.presentMs),
        ratio: '',
      },
    });
    if (after.page.pastName !== 'Medical Records Specialists' && after.page.pastName !== before.page.pastName) {
      console.log(`the past page names ${after.page.pastName}; the baseline's ${before.page.pastName}`);
    }
  }
} finally {
  baseline.remove();
  rmSync(resolve(root, '.bench/history'), { recursive: true, force: true });
}
