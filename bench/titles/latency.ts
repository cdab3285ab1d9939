/**
 * Title coding latency alone, and where it goes: resolveTitle over --n noisy variants (bench/titles/generate.ts,
 * --seed) after --warmup others, on a database bench/titles.ts has imported; prints p50/p90/p99 per title and
 * each statement's p50/p99 as the client sees it (the process copy's check when the copy answers; otherwise the
 * word look-up, the title statement, the vocabulary statement; on PGlite, which has one connection, a statement's time includes its wait for the one before). No
 * baseline, no unseen titles: a run takes seconds, so runs of two versions can alternate.
 *
 *   npx tsx bench/titles/latency.ts [--db pglite|postgres] [--n 400] [--warmup 150] [--seed 7]
 *                                   [--data-dir DIR] [--url URL] [--schema NAME] [--onet DIR]
 */
import { type DatabaseHandle, openDatabase } from '../../db/src/connect.ts';
import { resolveTitle } from '../../db/src/search/repository.ts';
import { VocabularyIndex } from '../../db/src/search/vocabulary-index.ts';
import { benchArgs, sampleOptions } from '../cli.ts';
import { generateCases } from './generate.ts';

const { values: args } = benchArgs(import.meta.url, {
  options: {
    db: { type: 'string', default: 'pglite' },
    ...sampleOptions('400', '150'),
    'data-dir': { type: 'string', default: '.data/titles-bench/pglite' },
    url: { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    schema: { type: 'string', default: 'titles_bench' },
    onet: { type: 'string', default: new URL('../../../shared/data/onet', import.meta.url).pathname },
  },
});

const handle: DatabaseHandle =
  args.db === 'postgres'
    ? await openDatabase({ url: args.url, schema: args.schema })
    : await openDatabase({ dataDir: args['data-dir'] });

// each statement's time as the client sees it, by what it calls
const statementTimes = new Map<string, number[]>();
let recording = false;
const executor = Object.getPrototypeOf(handle.db.getExecutor());
const executeQuery = executor.executeQuery;
executor.executeQuery = async function (query: { sql: string }, ...rest: unknown[]) {
  const started = performance.now();
  try {
    return await executeQuery.call(this, query, ...rest);
  } finally {
    if (recording) {
      const kind = /title_words|'exact' as src/.test(query.sql)
        ? 'word look-up'
        : /^\s*select exists \(select 1 from title_vocabulary_change/.test(query.sql)
          ? "the process copy's check (the copy answers)"
          : query.sql.includes('title_search')
            ? 'title statement'
            : query.sql.includes('title_vocabulary')
              ? 'vocabulary statement'
              : 'other';
      const list = statementTimes.get(kind) ?? [];
      list.push(performance.now() - started);
      statementTimes.set(kind, list);
    }
  }
};

for (const c of generateCases(args.onet, Number(args.warmup), Number(args.seed) + 1))
  await resolveTitle(handle.db, { title: c.query, limit: 3 });
await VocabularyIndex.of(handle.db)?.refresh();
recording = true;
const times: number[] = [];
for (const c of generateCases(args.onet, Number(args.n), Number(args.seed))) {
  const started = performance.now();
  await resolveTitle(handle.db, { title: c.query, limit: 3 });
  times.push(performance.now() - started);
}
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
};
const ms = (x: number) => `${x.toFixed(2)} ms`;
console.log(
  `${handle.engine}, ${times.length} noisy variants: p50 ${ms(percentile(times, 0.5))}, p90 ${ms(percentile(times, 0.9))}, p99 ${ms(percentile(times, 0.99))}`,
);
for (const [kind, list] of statementTimes)
  console.log(`  ${kind}: p50 ${ms(percentile(list, 0.5))}, p99 ${ms(percentile(list, 0.99))} (${list.length})`);
await handle.close();
