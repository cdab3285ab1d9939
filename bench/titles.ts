/**
 * Job-title resolution benchmark: accuracy and latency of resolveTitle against a plain trigram baseline, in one run.
 *
 *   npx tsx bench/titles.ts [--db pglite|postgres] [--n 2000] [--seed 7] [--warmup 300]
 *                           [--data-dir DIR] [--url URL] [--schema NAME] [--onet DIR] [--verbose]
 *
 * Database:
 * - pglite (default): the PGlite data directory --data-dir (default .data/titles-bench/pglite). It is migrated on open;
 *   when it holds no O*NET import, the release in --onet (default ../shared/data/onet beside the repository) is imported into it
 *   (some minutes); later runs reuse it.
 * - postgres: the server at --url (default $DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test), in the
 *   schema --schema (default titles_bench), migrated and, when empty, imported the same way (1-2 minutes).
 *
 * Cases: --n noisy variants of unambiguous O*NET titles (bench/titles/generate.ts; fixed seed) and the
 * hand-written cases of bench/titles/hard-cases.json. A case is right at 1 (at 3) when one of its codes is the
 * first (among the first three) occupation returned. Latency is wall time per call, in process, after a warm-up
 * on --warmup other variants (different seed); ours and the baseline alternate case by case.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { type DatabaseHandle, openDatabase } from '../db/src/connect.ts';
import { importOnet } from '../db/src/import/datasets.ts';
import { migrateToLatest } from '../db/src/migrate.ts';
import { resolveTitle } from '../db/src/search/repository.ts';
import { analyzeDatabase } from './analyze.ts';
import { benchArgs } from './cli.ts';
import { baselineResolveTitle } from './titles/baseline.ts';
import { generateCases, type TitleCase } from './titles/generate.ts';

const { values: args } = benchArgs(import.meta.url, {
  options: {
    db: { type: 'string', default: 'pglite' },
    n: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '7' },
    warmup: { type: 'string', default: '300' },
    'data-dir': { type: 'string', default: '.data/titles-bench/pglite' },
    url: { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    schema: { type: 'string', default: 'titles_bench' },
    onet: { type: 'string', default: new URL('../../shared/data/onet', import.meta.url).pathname },
    verbose: { type: 'boolean', default: false },
  },
});

type Resolver = (title: string) => Promise<Array<{ code: string | null; title: string }>>;

async function open(): Promise<DatabaseHandle> {
  const handle =
    args.db === 'postgres'
      ? await openDatabase({ url: args.url, schema: args.schema })
      : await openDatabase({ dataDir: args['data-dir'] });
  await migrateToLatest(handle.db, { schema: handle.engine === 'postgres' ? args.schema : undefined });
  const { count } = await handle.db
    .selectFrom('entity')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('kind', '=', 'alternate_title')
    .executeTakeFirstOrThrow();
  if (Number(count) < 40000) {
    console.log(`importing O*NET from ${args.onet} into the ${handle.engine} database (this takes a while)...`);
    const started = performance.now();
    await importOnet(handle.db, args.onet);
    // statistics, as a database in service has them (autovacuum may not have got round to it yet)
    await analyzeDatabase(handle.db);
    console.log(`imported in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  return handle;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

interface Score {
  top1: number;
  top3: number;
  n: number;
  times: number[];
}

function score(results: Array<{ rank: number; ms: number }>): Score {
  return {
    n: results.length,
    top1: results.filter((r) => r.rank === 1).length / results.length,
    top3: results.filter((r) => r.rank >= 1 && r.rank <= 3).length / results.length,
    times: results.map((r) => r.ms).sort((a, b) => a - b),
  };
}

async function run(resolver: Resolver, c: TitleCase) {
  const started = performance.now();
  const hits = await resolver(c.query);
  const ms = performance.now() - started;
  const rank = hits.findIndex((h) => h.code !== null && c.expect.includes(h.code)) + 1;
  return { rank, ms, hits };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const ms = (x: number) => `${x.toFixed(2)} ms`;

async function main() {
  const handle = await open();
  const db = handle.db;
  const ours: Resolver = async (title) =>
    (await resolveTitle(db, { title, limit: 3 })).map((m) => ({ code: m.onetSocCode ?? null, title: m.matchedTitle }));
  const baseline: Resolver = async (title) =>
    (await baselineResolveTitle(db, title)).map((m) => ({ code: m.onetSocCode, title: m.matchedTitle }));

  const n = Number(args.n);
  const seed = Number(args.seed);
  const cases = generateCases(args.onet, n, seed);
  const hard: TitleCase[] = (
    JSON.parse(readFileSync(new URL('./titles/hard-cases.json', import.meta.url), 'utf8')) as Array<{
      query: string;
      expect: string[];
      note: string;
    }>
  ).map((h) => ({ query: h.query, expect: h.expect, source: h.note, ops: ['hand-written'] }));

  // warm-up on other variants: caches, plans, the JIT
  for (const c of generateCases(args.onet, Number(args.warmup), seed + 1)) {
    await ours(c.query);
    await baseline(c.query);
  }

  type Result = { rank: number; ms: number; c: TitleCase };
  const results: { ours: Result[]; baseline: Result[] } = { ours: [], baseline: [] };
  const failures: string[] = [];
  for (const c of cases) {
    const a = await run(ours, c);
    const b = await run(baseline, c);
    results.ours.push({ ...a, c });
    results.baseline.push({ ...b, c });
    if (args.verbose && a.rank !== 1) {
      failures.push(
        `${a.rank ? `#${a.rank}` : 'miss'}  ${c.query}  [${c.ops.join(',')}] want ${c.expect[0]} (${c.source}); got ${a.hits.map((h) => `${h.code} ${h.title}`).join(' | ')}`,
      );
    }
  }
  const hardResults: Array<{ c: TitleCase; a: Awaited<ReturnType<typeof run>>; b: Awaited<ReturnType<typeof run>> }> =
    [];
  for (const c of hard) hardResults.push({ c, a: await run(ours, c), b: await run(baseline, c) });

  const so = score(results.ours);
  const sb = score(results.baseline);
  const ho = score(hardResults.map((r) => r.a));
  const hb = score(hardResults.map((r) => r.b));
  const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : `${(a / b).toFixed(2)}x`);

  console.log(
    `\nTitle resolution benchmark: ${handle.engine}, ${cases.length} generated variants (seed ${seed}), ${hard.length} hand-written cases`,
  );
  console.log(`command: npx tsx bench/titles.ts ${process.argv.slice(2).join(' ')}`);
  console.log(
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  );
  const row = (name: string, s: Score) =>
    `| ${name.padEnd(22)} | ${pct(s.top1).padStart(6)} | ${pct(s.top3).padStart(6)} | ${ms(percentile(s.times, 0.5)).padStart(9)} | ${ms(percentile(s.times, 0.99)).padStart(9)} | ${ms(s.times.reduce((x, y) => x + y, 0) / s.times.length).padStart(9)} |`;
  console.log('| resolver (generated)   |  top-1 |  top-3 |       p50 |       p99 |      mean |');
  console.log('|------------------------|--------|--------|-----------|-----------|-----------|');
  console.log(row('ours', so));
  console.log(row('baseline (trigram)', sb));
  console.log(
    `| ${'ours / baseline'.padEnd(22)} | ${ratio(so.top1, sb.top1).padStart(6)} | ${ratio(so.top3, sb.top3).padStart(6)} | ${ratio(percentile(so.times, 0.5), percentile(sb.times, 0.5)).padStart(9)} | ${ratio(percentile(so.times, 0.99), percentile(sb.times, 0.99)).padStart(9)} | ${''.padStart(9)} |`,
  );
  console.log(row('ours (hand-written)', ho));
  console.log(row('baseline (hand-written)', hb));

  console.log('\nGenerated variants by noise operation (a variant counts under each of its operations):');
  console.log('| operation     |    n | ours top-1 | ours top-3 | base top-1 | base top-3 |');
  console.log('|---------------|------|------------|------------|------------|------------|');
  for (const op of ['typo', 'abbreviation', 'seniority', 'extra', 'order', 'plural']) {
    const a = score(results.ours.filter((r) => r.c.ops.includes(op)));
    const b = score(results.baseline.filter((r) => r.c.ops.includes(op)));
    console.log(
      `| ${op.padEnd(13)} | ${String(a.n).padStart(4)} | ${pct(a.top1).padStart(10)} | ${pct(a.top3).padStart(10)} | ${pct(b.top1).padStart(10)} | ${pct(b.top3).padStart(10)} |`,
    );
  }

  console.log('\nHand-written cases (rank of the first right occupation; - = not in the top 3):');
  for (const { c, a, b } of hardResults) {
    console.log(
      `  ${(a.rank ? `#${a.rank}` : '-').padEnd(3)} base ${(b.rank ? `#${b.rank}` : '-').padEnd(3)} ${c.query.padEnd(50)} -> ${a.hits[0] ? `${a.hits[0].code} via "${a.hits[0].title}"` : 'nothing'}`,
    );
  }
  if (args.verbose) {
    console.log('\nGenerated variants not ranked first by ours:');
    for (const f of failures) console.log(`  ${f}`);
  }
  await handle.close();
}

await main();
