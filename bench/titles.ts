/**
 * Job-title resolution benchmark: accuracy and latency of resolveTitle against a plain trigram baseline, in one run.
 *
 *   npx tsx bench/titles.ts [--db pglite|postgres] [--n 2000] [--seed 7] [--warmup 300]
 *                           [--data-dir DIR] [--url URL] [--schema NAME] [--onet DIR] [--verbose]
 *
 * Database:
 * - pglite (default): the PGlite data directory --data-dir (default .data/titles-bench/pglite). It is migrated on open;
 *   when it holds no O*NET import, the release in --onet (default ../shared/data/onet beside the repository) is imported into it
 *   (some minutes), then what else the default start's graph codes titles with: the 2018 SOC (definitions, Direct
 *   Match Titles), ESCO's occupations with their crosswalks to O*NET (--esco, --data), NAICS sectors and OEWS
 *   employment by sector; later runs reuse it.
 * - postgres: the server at --url (default $DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test), in the
 *   schema --schema (default titles_bench), migrated and, when empty, imported the same way (1-2 minutes).
 *
 * Cases: --n noisy variants of unambiguous O*NET titles (bench/titles/generate.ts; fixed seed) and the
 * hand-written cases of bench/titles/hard-cases.json. A case is right at 1 (at 3) when one of its codes is the
 * first (among the first three) occupation returned. Latency is wall time per call, in process, after a warm-up
 * on --warmup other variants (different seed); ours and the baseline alternate case by case.
 *
 * Then the unseen titles (--unseen, leave-out), bulk coding (--bulk titles per resolveTitles request, against
 * resolveTitle one title after another; --only-bulk runs just that) and the industry (--ambiguous).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type DatabaseHandle, openDatabase } from '../db/src/connect.ts';
import { importEscoFolder, importEscoOnetCrosswalk, importOnet, importSocFolder } from '../db/src/import/datasets.ts';
import { importBlsEp, importNaicsFile } from '../db/src/import/labor-market.ts';
import { migrateToLatest } from '../db/src/migrate.ts';
import type { CodedMatch, ConfidenceSignals } from '../db/src/search/coding.ts';
import { resolveTitle, resolveTitles } from '../db/src/search/repository.ts';
import { VocabularyIndex } from '../db/src/search/vocabulary-index.ts';
import { analyzeDatabase } from './analyze.ts';
import { benchArgs, sampleOptions } from './cli.ts';
import { rng } from './random.ts';
import { baselineResolveTitle, sectorEmployment, titleFormTokens, withLabelsLeftOut } from './titles/baseline.ts';
import { fitConfidence } from './titles/confidence-fit.ts';
import { generateCases, type TitleCase } from './titles/generate.ts';
import { contentKey, type UnseenCase, unseenCases } from './titles/unseen.ts';

const { values: args } = benchArgs(import.meta.url, {
  options: {
    db: { type: 'string', default: 'pglite' },
    ...sampleOptions('2000', '300'),
    'data-dir': { type: 'string', default: '.data/titles-bench/pglite' },
    url: { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    schema: { type: 'string', default: 'titles_bench' },
    onet: { type: 'string', default: new URL('../../shared/data/onet', import.meta.url).pathname },
    soc: { type: 'string', default: new URL('../../shared/data/bls_soc', import.meta.url).pathname },
    naics: {
      type: 'string',
      default: fileURLToPath(new URL('../../shared/data/naics/2-6 digit_2022_Codes.xlsx', import.meta.url)),
    },
    'bls-ep': { type: 'string', default: new URL('../../shared/data/bls_ep', import.meta.url).pathname },
    onet27: { type: 'string', default: new URL('../../shared/data/onet_27_0', import.meta.url).pathname },
    esco: { type: 'string', default: new URL('../../shared/data/esco', import.meta.url).pathname },
    // the data folder whose nesta_esco_onet/ and bls_soc/ crosswalks link ESCO occupations to O*NET
    data: { type: 'string', default: new URL('../../shared/data', import.meta.url).pathname },
    unseen: { type: 'string', default: '2000' },
    'unseen-seed': { type: 'string', default: '13' },
    split: { type: 'string', default: 'eval' },
    'only-unseen': { type: 'boolean', default: false },
    'only-bulk': { type: 'boolean', default: false },
    ambiguous: { type: 'string', default: '150' },
    bulk: { type: 'string', default: '1000' },
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
  const soc = await handle.db.selectFrom('soc_code').select('code').limit(1).execute();
  if (soc.length === 0) {
    console.log(`importing the 2018 SOC from ${args.soc} (definitions, direct match titles)...`);
    await importSocFolder(handle.db, args.soc);
    await analyzeDatabase(handle.db);
  }
  const esco = await handle.db
    .selectFrom('occupation')
    .select('entity_id')
    .where('esco_uri', 'is not', null)
    .limit(1)
    .execute();
  if (esco.length === 0) {
    console.log(`importing ESCO occupations from ${args.esco} and their O*NET crosswalks from ${args.data}...`);
    await importEscoFolder(handle.db, args.esco);
    await importEscoOnetCrosswalk(handle.db, args.data);
    await analyzeDatabase(handle.db);
  }
  const sectors = await handle.db
    .selectFrom('observation')
    .select('id')
    .where('metric', '=', 'industry_employment')
    .limit(1)
    .execute();
  if (sectors.length === 0) {
    console.log(`importing NAICS sectors and OEWS employment by sector from ${args.naics} and ${args['bls-ep']}...`);
    await importNaicsFile(handle.db, args.naics);
    await importBlsEp(handle.db, args['bls-ep']);
    await analyzeDatabase(handle.db);
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

interface UnseenResult {
  c: UnseenCase;
  rank: number;
  ms: number;
  baseRank: number;
  baseMs: number;
  confidence: number;
  signals?: ConfidenceSignals;
  autoCoded: boolean;
  top: string;
}

/** The leave-out protocol: each title and its near-duplicates out of the index, then resolved (both resolvers). */
async function evaluateUnseen(handle: DatabaseHandle): Promise<UnseenResult[]> {
  const db = handle.db;
  const cases = await unseenCases(
    { onet: args.onet, onet27: args.onet27, soc: args.soc },
    { split: args.split === 'dev' ? 'dev' : 'eval', n: Number(args.unseen), seed: Number(args['unseen-seed']) },
  );
  const labelsByKey = new Map<string, Set<string>>();
  for (const form of await titleFormTokens(db)) {
    const key = contentKey(form.tokens);
    const set = labelsByKey.get(key) ?? new Set<string>();
    set.add(form.labelId);
    labelsByKey.set(key, set);
  }
  const out: UnseenResult[] = [];
  for (const c of cases) {
    const left = [...new Set(c.keys.flatMap((k) => [...(labelsByKey.get(k) ?? [])]))];
    const r = await withLabelsLeftOut(db, left, async (trx) => {
      const t0 = performance.now();
      const ours = await resolveTitle(trx, { title: c.query, limit: 3 });
      const t1 = performance.now();
      const base = await baselineResolveTitle(trx, c.query);
      const t2 = performance.now();
      return { ours, base, ms: t1 - t0, baseMs: t2 - t1 };
    });
    const rank = r.ours.findIndex((m) => m.onetSocCode && c.expect.includes(m.onetSocCode)) + 1;
    const baseRank = r.base.findIndex((m) => m.onetSocCode && c.expect.includes(m.onetSocCode)) + 1;
    out.push({
      c,
      rank,
      ms: r.ms,
      baseRank,
      baseMs: r.baseMs,
      confidence: r.ours[0]?.confidence ?? 0,
      signals: r.ours[0]?.signals,
      autoCoded: r.ours[0] ? !r.ours[0].needsReview : false,
      top: r.ours.map((m) => `${m.onetSocCode} ${m.occupation.name}`).join(' | '),
    });
  }
  return out;
}

/** Observed accuracy by confidence band. */
function reliability(results: UnseenResult[], value: (r: UnseenResult) => number) {
  const bands = Array.from({ length: 10 }, (_, i) => ({ lo: i / 10, hi: (i + 1) / 10, n: 0, sum: 0, right: 0 }));
  for (const r of results) {
    const band = bands[Math.min(9, Math.floor(value(r) * 10))];
    band.n++;
    band.sum += value(r);
    if (r.rank === 1) band.right++;
  }
  return bands;
}

/**
 * Titles O*NET lists for exactly two occupations, each asked once per occupation with the sector where that
 * occupation is most over-represented against the other (and holds at least a tenth of its jobs): how often the
 * industry makes that occupation the first match, against the same titles asked without an industry.
 */
async function evaluateIndustry(handle: DatabaseHandle) {
  const employment = await sectorEmployment(handle.db);
  if (employment.size === 0) {
    console.log('\nIndustry: no OEWS by-sector figures in this database (import bls_ep with NAICS to measure it)');
    return;
  }
  const [header, ...lines] = readFileSync(`${args.onet}/Alternate Titles.txt`, 'utf8').split(/\r?\n/).filter(Boolean);
  void header;
  const byTitle = new Map<string, Set<string>>();
  for (const line of lines) {
    const [code, , title] = line.split('\t');
    byTitle.set(title, (byTitle.get(title) ?? new Set()).add(code));
  }
  const share = (code: string, sector: string) => {
    const m = employment.get(code);
    if (!m) return 0;
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    return total ? (m.get(sector) ?? 0) / total : 0;
  };
  const pairs = [...byTitle.entries()]
    .filter(([, codes]) => codes.size === 2 && [...codes].every((c) => employment.has(c)))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const random = rng(Number(args.seed) + 2);
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pairs[i], pairs[j]] = [pairs[j], pairs[i]];
  }
  let asked = 0;
  let withRight = 0;
  let withoutRight = 0;
  for (const [title, codes] of pairs.slice(0, Number(args.ambiguous))) {
    const [a, b] = [...codes];
    for (const [self, other] of [
      [a, b],
      [b, a],
    ]) {
      const sectors = [...employment.get(self)!.keys()].filter((s) => share(self, s) >= 0.1);
      if (sectors.length === 0) continue;
      const sector = sectors.sort(
        (x, y) => share(self, y) / (share(other, y) + 1e-3) - share(self, x) / (share(other, x) + 1e-3),
      )[0];
      if (share(self, sector) <= share(other, sector)) continue;
      const industry = /^\d{2}(-\d{2})?$/.test(sector) ? sector : null;
      if (!industry) continue;
      asked++;
      const withIt = await resolveTitle(handle.db, { title, limit: 1, industry });
      const without = await resolveTitle(handle.db, { title, limit: 1 });
      if (withIt[0]?.onetSocCode === self) withRight++;
      if (without[0]?.onetSocCode === self) withoutRight++;
    }
  }
  console.log(
    `\nIndustry (${asked} askings of titles O*NET lists for two occupations, each with its occupation's own sector):`,
  );
  console.log(
    `  first match right with the industry: ${pct(withRight / Math.max(asked, 1))}; without it: ${pct(withoutRight / Math.max(asked, 1))}`,
  );
}

/**
 * Bulk coding: the distinct unseen-sample titles through resolveTitles in requests of --bulk titles, against
 * the same titles through resolveTitle one after another (the baseline), in the same run; the two must agree.
 */
async function evaluateBulk(handle: DatabaseHandle, titles: string[]) {
  const size = Number(args.bulk);
  const distinct = [...new Set(titles)];
  if (!size || distinct.length === 0) return;
  // the copy of the title index current (as it is between writes), then each way three times: the median pass
  await VocabularyIndex.of(handle.db)?.refresh();
  const passes = async (pass: () => Promise<CodedMatch[][]>) => {
    const runs: Array<{ ms: number; answers: CodedMatch[][] }> = [];
    for (let n = 0; n < 3; n++) {
      const t = performance.now();
      const answers = await pass();
      runs.push({ ms: performance.now() - t, answers });
    }
    return runs.sort((a, b) => a.ms - b.ms)[1];
  };
  const one = await passes(async () => {
    const out: CodedMatch[][] = [];
    for (const title of distinct) out.push(await resolveTitle(handle.db, { title, limit: 3 }));
    return out;
  });
  const many = await passes(async () => {
    const out: CodedMatch[][] = [];
    for (let i = 0; i < distinct.length; i += size) {
      const batch = distinct.slice(i, i + size).map((title, k) => ({ id: String(i + k), title }));
      for (const r of await resolveTitles(handle.db, batch, 3)) out.push(r.matches);
    }
    return out;
  });
  const [alone, bulk] = [one.answers, many.answers];
  const [t0, t1, t2] = [0, one.ms, one.ms + many.ms];
  const key = (matches: CodedMatch[]) =>
    JSON.stringify(matches.map((m) => [m.occupation.id, m.score, m.confidence, m.needsReview, m.reason]));
  const differing = distinct.filter((_, i) => key(alone[i]) !== key(bulk[i])).length;
  const perSecond = (ms: number) => distinct.length / (ms / 1000);
  console.log(
    `\nBulk coding (${distinct.length} distinct unseen-sample titles, index as it is; median of 3 passes each):`,
  );
  console.log(`  resolveTitles, ${size} titles per request: ${perSecond(t2 - t1).toFixed(0)} titles/s`);
  console.log(`  resolveTitle one after another (baseline): ${perSecond(t1 - t0).toFixed(0)} titles/s`);
  console.log(
    `  bulk / baseline: ${((t1 - t0) / (t2 - t1)).toFixed(2)}x; titles coded differently in bulk: ${differing}`,
  );
}

function reportUnseen(results: UnseenResult[], engine: string) {
  const n = results.length;
  const share = (f: (r: UnseenResult) => boolean) => results.filter(f).length / Math.max(n, 1);
  const times = results.map((r) => r.ms).sort((a, b) => a - b);
  const baseTimes = results.map((r) => r.baseMs).sort((a, b) => a - b);
  const top1 = share((r) => r.rank === 1);
  const top3 = share((r) => r.rank >= 1);
  const b1 = share((r) => r.baseRank === 1);
  const b3 = share((r) => r.baseRank >= 1);
  const auto = results.filter((r) => r.autoCoded);
  const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : `${(a / b).toFixed(2)}x`);
  console.log(
    `\nUnseen titles (leave-out, ${engine}): ${n} real titles of the ${args.split} half (seed ${args['unseen-seed']}), each with its near-duplicates out of the index`,
  );
  console.log('| resolver (unseen)      |  top-1 |  top-3 |       p50 |       p99 |');
  console.log('|------------------------|--------|--------|-----------|-----------|');
  console.log(
    `| ours                   | ${pct(top1).padStart(6)} | ${pct(top3).padStart(6)} | ${ms(percentile(times, 0.5)).padStart(9)} | ${ms(percentile(times, 0.99)).padStart(9)} |`,
  );
  console.log(
    `| baseline (trigram)     | ${pct(b1).padStart(6)} | ${pct(b3).padStart(6)} | ${ms(percentile(baseTimes, 0.5)).padStart(9)} | ${ms(percentile(baseTimes, 0.99)).padStart(9)} |`,
  );
  console.log(
    `| ours / baseline        | ${ratio(top1, b1).padStart(6)} | ${ratio(top3, b3).padStart(6)} | ${ratio(percentile(times, 0.5), percentile(baseTimes, 0.5)).padStart(9)} | ${ratio(percentile(times, 0.99), percentile(baseTimes, 0.99)).padStart(9)} |`,
  );
  console.log(
    `auto-coded (needsReview false): ${pct(auto.length / Math.max(n, 1))} of titles, ${pct(auto.filter((r) => r.rank === 1).length / Math.max(auto.length, 1))} of them right`,
  );
  console.log('\nBy source:');
  for (const source of [...new Set(results.map((r) => r.c.source))].sort()) {
    const part = results.filter((r) => r.c.source === source);
    const p1 = part.filter((r) => r.rank === 1).length / part.length;
    const p3 = part.filter((r) => r.rank >= 1).length / part.length;
    console.log(
      `  ${source.padEnd(20)} n ${String(part.length).padStart(5)}  top-1 ${pct(p1).padStart(6)}  top-3 ${pct(p3).padStart(6)}`,
    );
  }
  console.log('\nReliability (confidence of the first match -> how often it is right):');
  console.log('| confidence |     n | mean confidence | right |');
  console.log('|------------|-------|-----------------|-------|');
  for (const b of reliability(results, (r) => r.confidence)) {
    if (!b.n) continue;
    console.log(
      `| ${b.lo.toFixed(1)}-${b.hi.toFixed(1)}    | ${String(b.n).padStart(5)} | ${(b.sum / b.n).toFixed(3).padStart(15)} | ${pct(b.right / b.n).padStart(5)} |`,
    );
  }
  if (args.split === 'dev') {
    console.log(`\nconfidence model fitted on this (dev) sample: ${JSON.stringify(fitConfidence(results))}`);
    console.log('confidence threshold -> share of titles at or above it, and how many of those are right:');
    for (const t of [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95]) {
      const above = results.filter((r) => r.confidence >= t);
      console.log(
        `  >= ${t}: ${pct(above.length / n)} of titles, ${pct(above.filter((r) => r.rank === 1).length / Math.max(above.length, 1))} right`,
      );
    }
  }
  if (args.verbose) {
    console.log('\nUnseen titles not ranked first:');
    for (const r of results.filter((x) => x.rank !== 1).slice(0, 80))
      console.log(
        `  ${r.rank ? `#${r.rank}` : '-'}  ${r.c.query}  want ${r.c.expect.slice(0, 3).join(',')}; got ${r.top}`,
      );
  }
}

async function main() {
  const handle = await open();
  const db = handle.db;
  const ours: Resolver = async (title) =>
    (await resolveTitle(db, { title, limit: 3 })).map((m) => ({ code: m.onetSocCode ?? null, title: m.matchedTitle }));
  const baseline: Resolver = async (title) =>
    (await baselineResolveTitle(db, title)).map((m) => ({ code: m.onetSocCode, title: m.matchedTitle }));

  if (args['only-bulk']) {
    const cases = await unseenCases(
      { onet: args.onet, onet27: args.onet27, soc: args.soc },
      { split: args.split === 'dev' ? 'dev' : 'eval', n: Number(args.unseen), seed: Number(args['unseen-seed']) },
    );
    await evaluateBulk(
      handle,
      cases.map((c) => c.query),
    );
    await handle.close();
    return;
  }
  if (args['only-unseen']) {
    reportUnseen(await evaluateUnseen(handle), handle.engine);
    await handle.close();
    return;
  }
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

  // warm-up on other variants: caches, plans, the JIT, the vocabulary copy
  for (const c of generateCases(args.onet, Number(args.warmup), seed + 1)) {
    await ours(c.query);
    await baseline(c.query);
  }
  await VocabularyIndex.of(db)?.refresh();

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
  if (Number(args.unseen) > 0) {
    const unseen = await evaluateUnseen(handle);
    reportUnseen(unseen, handle.engine);
    await evaluateBulk(
      handle,
      unseen.map((r) => r.c.query),
    );
  }
  if (Number(args.ambiguous) > 0) await evaluateIndustry(handle);
  await handle.close();
}

await main();
