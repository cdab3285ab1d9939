/**
 * Fits the title coding's ranking model and its confidence on the development split of the leave-out benchmark
 * (bench/titles/unseen.ts), never on the evaluation split, and writes db/src/search/ranking-model.ts.
 *
 *   npx tsx bench/titles/fit-ranking.ts [--db pglite|postgres] [--schema NAME] [--n 3000] [--write]
 *                                       [--cache FILE] [--refresh]
 *
 * The database is the one bench/titles.ts imported (run it once first). Each development title is resolved with
 * itself and its near-duplicates out of the index (as the benchmark does), and its candidates' features
 * (coding.ts RANKING_FEATURES) are kept in --cache (default .data/titles-bench/ranking-dev-<db>.json; --refresh
 * reads them again). Then:
 *
 * 1. Ranking: a conditional logit (softmax over each title's candidates, the right occupations against the rest,
 *    exact and complete title matches keeping their fixed lead), with a small L2 penalty, by gradient descent.
 * 2. Confidence: with the fitted ranking, a logistic regression of "the first candidate is right" on its
 *    confidence signals (coding.ts ConfidenceSignals), and the confidence from which a first match is auto-coded
 *    (the lowest whose auto-coded titles are at least --precision right on this split).
 *
 * It prints the development split's top-1/top-3 before and after; --write writes the weights.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { openDatabase } from '../../db/src/connect.ts';
import { migrateToLatest } from '../../db/src/migrate.ts';
import {
  AUTO_CODE_CONFIDENCE,
  COMPLETE_MATCH_ACCURACY,
  CONFIDENCE_MODEL,
  type ConfidenceSignals,
  RANKING_FEATURES,
  REVIEW_GAP,
  rankEvidence,
  TITLE_DEPTH,
  VOCABULARY_DEPTH,
} from '../../db/src/search/coding.ts';
import { RANKING_MODEL } from '../../db/src/search/ranking-model.ts';
import { type TitleEvidence, titleEvidence } from '../../db/src/search/titles.ts';
import { benchArgs } from '../cli.ts';
import { titleFormTokens, withLabelsLeftOut } from './baseline.ts';
import { fitConfidence } from './confidence-fit.ts';
import { contentKey, unseenCases } from './unseen.ts';

const { values: args } = benchArgs(import.meta.url, {
  options: {
    db: { type: 'string', default: 'postgres' },
    'data-dir': { type: 'string', default: '.data/titles-bench/pglite' },
    url: { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    schema: { type: 'string', default: 'titles_bench' },
    onet: { type: 'string', default: new URL('../../../shared/data/onet', import.meta.url).pathname },
    soc: { type: 'string', default: new URL('../../../shared/data/bls_soc', import.meta.url).pathname },
    onet27: { type: 'string', default: new URL('../../../shared/data/onet_27_0', import.meta.url).pathname },
    n: { type: 'string', default: '3000' },
    seed: { type: 'string', default: '13' },
    cache: { type: 'string' },
    refresh: { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
    l2: { type: 'string', default: '0.001' },
    precision: { type: 'string', default: '0.96' },
  },
});

interface DevCase {
  query: string;
  expect: string[];
  evidence: TitleEvidence;
}

const cacheFile = args.cache ?? `.data/titles-bench/ranking-dev-${args.db}.json`;

async function readCases(): Promise<DevCase[]> {
  if (!args.refresh && existsSync(cacheFile)) return JSON.parse(readFileSync(cacheFile, 'utf8')) as DevCase[];
  const handle =
    args.db === 'postgres'
      ? await openDatabase({ url: args.url, schema: args.schema })
      : await openDatabase({ dataDir: args['data-dir'] });
  await migrateToLatest(handle.db, { schema: handle.engine === 'postgres' ? args.schema : undefined });
  const cases = await unseenCases(
    { onet: args.onet, onet27: args.onet27, soc: args.soc },
    { split: 'dev', n: Number(args.n), seed: Number(args.seed) },
  );
  const labelsByKey = new Map<string, Set<string>>();
  for (const form of await titleFormTokens(handle.db)) {
    const key = contentKey(form.tokens);
    const set = labelsByKey.get(key) ?? new Set<string>();
    set.add(form.labelId);
    labelsByKey.set(key, set);
  }
  const out: DevCase[] = [];
  for (const c of cases) {
    const left = [...new Set(c.keys.flatMap((k) => [...(labelsByKey.get(k) ?? [])]))];
    const [evidence] = await withLabelsLeftOut(handle.db, left, (trx) =>
      titleEvidence(trx, [{ title: c.query, limit: TITLE_DEPTH, vocabularyLimit: VOCABULARY_DEPTH }]),
    );
    out.push({ query: c.query, expect: c.expect, evidence });
    if (out.length % 500 === 0) console.log(`  ${out.length} of ${cases.length} development titles read`);
  }
  await handle.close();
  mkdirSync(dirname(cacheFile), { recursive: true });
  writeFileSync(cacheFile, JSON.stringify(out));
  return out;
}

const codeOf = (c: ReturnType<typeof rankEvidence>['candidates'][number]) =>
  c.title?.onetSocCode ?? c.hit?.occupation.onet_soc_code ?? null;

interface Ranked {
  rank: number;
  confidence: number;
  gap: number;
  signals?: ConfidenceSignals;
}

function evaluate(cases: DevCase[]): Ranked[] {
  return cases.map((c) => {
    const { candidates, calibrated, signals } = rankEvidence(c.evidence, false);
    const rank = candidates.findIndex((x) => c.expect.includes(codeOf(x) ?? '')) + 1;
    return { rank, confidence: calibrated[0] ?? 0, gap: (calibrated[0] ?? 0) - (calibrated[1] ?? 0), signals };
  });
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
function summary(label: string, ranked: Ranked[]) {
  const n = ranked.length;
  const at = (k: number) => ranked.filter((r) => r.rank >= 1 && r.rank <= k).length / n;
  const auto = ranked.filter((r) => r.confidence >= autoCode && r.gap >= REVIEW_GAP);
  console.log(
    `${label}: top-1 ${pct(at(1))}, top-3 ${pct(at(3))}, in the candidates ${pct(at(1000))}; auto-coded ${pct(auto.length / n)}, ${pct(auto.filter((r) => r.rank === 1).length / Math.max(auto.length, 1))} right`,
  );
}

/** The fixed part of a candidate's score (exact and complete title matches), what the model adds to. */
function offsets(c: DevCase) {
  const saved = RANKING_MODEL.weights;
  RANKING_MODEL.weights = {};
  const { candidates } = rankEvidence(c.evidence, false);
  RANKING_MODEL.weights = saved;
  return candidates.map((x) => ({
    offset: x.combined,
    features: x.features,
    right: c.expect.includes(codeOf(x) ?? ''),
  }));
}

/** Conditional logit: each title's right candidates against all its candidates. Adam, full batch. */
function fitRanking(cases: DevCase[]) {
  // titles whose right candidates the model cannot lift past a fixed lead (an exact or complete title match of
  // another occupation) tell it nothing
  const data = cases
    .map(offsets)
    .filter((list) => list.some((x) => x.right) && list.some((x) => !x.right))
    .filter(
      (list) =>
        Math.max(...list.map((x) => x.offset)) - Math.max(...list.filter((x) => x.right).map((x) => x.offset)) < 20,
    );
  const k = RANKING_FEATURES.length;
  const w = RANKING_FEATURES.map((f) => (RANKING_MODEL.weights as Record<string, number>)[f] ?? 0);
  const l2 = Number(args.l2);
  const m = new Array(k).fill(0);
  const v = new Array(k).fill(0);
  let loss = 0;
  for (let step = 1; step <= 800; step++) {
    const grad = w.map((x) => 2 * l2 * x);
    loss = 0;
    for (const list of data) {
      const z = list.map((x) => x.offset + x.features.reduce((a, f, i) => a + f * w[i], 0));
      const top = Math.max(...z);
      const e = z.map((x) => Math.exp(x - top));
      const all = e.reduce((a, b) => a + b, 0);
      const right = e.reduce((a, b, i) => a + (list[i].right ? b : 0), 0);
      loss -= Math.log(right / all);
      list.forEach((x, j) => {
        // d(-log right/all)/dz_j = p_j(all) - p_j(right)
        const g = e[j] / all - (x.right ? e[j] / right : 0);
        if (g !== 0) for (let i = 0; i < k; i++) grad[i] += (g * x.features[i]) / data.length;
      });
    }
    for (let i = 0; i < k; i++) {
      m[i] = 0.9 * m[i] + 0.1 * grad[i];
      v[i] = 0.999 * v[i] + 0.001 * grad[i] ** 2;
      const mh = m[i] / (1 - 0.9 ** step);
      const vh = v[i] / (1 - 0.999 ** step);
      w[i] -= (0.05 * mh) / (Math.sqrt(vh) + 1e-8);
    }
    if (step % 200 === 0) console.log(`  step ${step}: loss ${(loss / data.length).toFixed(4)}`);
  }
  return Object.fromEntries(RANKING_FEATURES.map((f, i) => [f, Number(w[i].toFixed(3))]));
}

/**
 * The lowest confidence from which the auto-coded titles are at least `precision` right; when none is, 0.95, which
 * the fitted confidence of a title the index does not hold hardly ever reaches (an auto-coded title is a code no
 * one checks: better few than wrong). Never above COMPLETE_MATCH_ACCURACY: a variant of an indexed title is
 * always auto-coded.
 */
function autoCodeThreshold(ranked: Ranked[], precision: number) {
  for (let t = 0.5; t < COMPLETE_MATCH_ACCURACY; t += 0.01) {
    const auto = ranked.filter((r) => r.confidence >= t && r.gap >= REVIEW_GAP);
    if (auto.length >= 20 && auto.filter((r) => r.rank === 1).length / auto.length >= precision)
      return Number(t.toFixed(2));
  }
  return 0.95;
}

let autoCode = AUTO_CODE_CONFIDENCE;
const cases = await readCases();
console.log(`${cases.length} development titles (seed ${args.seed})`);
summary('with the weights as they are', evaluate(cases));
const weights = fitRanking(cases);
RANKING_MODEL.weights = weights;
console.log(`ranking weights: ${JSON.stringify(weights)}`);
summary('with the fitted ranking', evaluate(cases));
const confidence = fitConfidence(evaluate(cases));
Object.assign(CONFIDENCE_MODEL, confidence);
console.log(`confidence model: ${JSON.stringify(confidence)}`);
const threshold = autoCodeThreshold(evaluate(cases), Number(args.precision));
console.log(`auto-coded from confidence ${threshold}`);
autoCode = threshold;
summary('with the fitted confidence', evaluate(cases));

/** A plain object as TypeScript source, formatted as the linter wants it. */
function source(value: unknown, indent = ''): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value).replace(/"/g, "'");
  const inner = `${indent}  `;
  const lines = Object.entries(value).map(([k, v]) => `${inner}${k}: ${source(v, inner)},`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

if (args.write) {
  const file = new URL('../../db/src/search/ranking-model.ts', import.meta.url);
  const model = {
    fitted: `bench/titles/fit-ranking.ts --n ${args.n} --seed ${args.seed}`,
    weights,
    confidence,
    autoCode: threshold,
  };
  writeFileSync(
    file,
    `/** The ranking model's weights (coding.ts RANKING_FEATURES) and confidence model, as bench/titles/fit-ranking.ts
 * writes them: fitted on ${cases.length} titles of the development split of the leave-out benchmark. */
export const RANKING_MODEL: {
  fitted: string;
  weights: Record<string, number>;
  confidence?: Record<string, number>;
  autoCode?: number;
} = ${source(model)};
`,
  );
  console.log(`wrote ${file.pathname}`);
}
