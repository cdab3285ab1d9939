/**
 * Career-path benchmark: careerPaths over the full graph against a breadth-first baseline, in one run.
 *
 *   npx tsx bench/ladders.ts [--db pglite|postgres] [--data-dir DIR] [--url URL] [--n 150] [--seed 7] [--warmup 20]
 *
 * Database: the PGlite data directory --data-dir (default .data/pglite, where the default start keeps the full
 * graph) or the server at --url (default $DATABASE_URL). It is migrated on open; when it holds no O*NET import,
 * the reference data shipped in db/data is imported (minutes); when its career ladders are missing or older
 * than its data, they are derived.
 *
 * Cases: --n start occupations drawn with a fixed seed among those with a ladder step, each asked twice per
 * maxSteps (3 and 4): without a goal (where can they go, first 10) and with a goal (the farthest destination the
 * first question found). For each, ours (findCareerPaths: one recursive statement for the usable edges, one for
 * their facts, search in memory) and the baseline (baselineCareerPaths: breadth-first search in application code,
 * one statement per level) alternate case by case, and their answers are compared. Latency is wall time per
 * call, in process. The whole GraphQL request (steps with skill gaps, credentials, evidence) is timed too.
 */
import { loadavg } from 'node:os';
import { createGraphQLServer } from '../api/src/yoga.ts';
import { type DatabaseHandle, openDatabase } from '../db/src/connect.ts';
import { ensureReferenceData } from '../db/src/import/bootstrap.ts';
import { ensureLadders } from '../db/src/ladders/derive.ts';
import { type CareerPath, findCareerPaths, type PathQuery } from '../db/src/ladders/paths.ts';
import { migrateToLatest } from '../db/src/migrate.ts';
import { benchArgs, databaseOptions, sampleOptions } from './cli.ts';
import { analyzeLadders, baselineCareerPaths } from './ladders/baseline.ts';
import { rng } from './random.ts';

const { values: args } = benchArgs(import.meta.url, {
  options: {
    ...databaseOptions('.data/pglite'),
    ...sampleOptions('150', '20'),
  },
});

async function open(): Promise<DatabaseHandle> {
  if (args.db === 'postgres' && !args.url) throw new Error('--db postgres needs --url or DATABASE_URL');
  const handle =
    args.db === 'postgres' ? await openDatabase({ url: args.url }) : await openDatabase({ dataDir: args['data-dir'] });
  await migrateToLatest(handle.db);
  const started = performance.now();
  const imported = await ensureReferenceData(handle.db);
  if (imported) console.log(`imported the reference data in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const ladders = await ensureLadders(handle.db);
  if (ladders) {
    console.log(
      `career ladders: ${ladders.created} created, ${ladders.updated} updated, ${ladders.retired} retired, ${ladders.unchanged} unchanged`,
    );
    await analyzeLadders(handle.db);
  }
  return handle;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
const same = (a: CareerPath[], b: CareerPath[]) =>
  JSON.stringify(a.map((p) => p.steps.map((s) => s.relationId))) ===
  JSON.stringify(b.map((p) => p.steps.map((s) => s.relationId)));

async function main() {
  const handle = await open();
  const { db } = handle;
  const starts = (
    await db
      .selectFrom('relation as r')
      .innerJoin('occupation as o', 'o.entity_id', 'r.from_id')
      .select(['r.from_id as id', 'o.onet_soc_code as code'])
      .distinct()
      .where('r.predicate', 'in', ['advances_to', 'lateral_to', 'specializes_to'])
      .where('r.status', '=', 'published')
      .orderBy('o.onet_soc_code')
      .orderBy('r.from_id')
      .execute()
  ).map((r) => r.id);
  const ladderSteps = await db
    .selectFrom('relation')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('predicate', 'in', ['advances_to', 'lateral_to', 'specializes_to'])
    .where('status', '=', 'published')
    .executeTakeFirstOrThrow();
  const next = rng(Number(args.seed));
  const pick = () => starts[Math.floor(next() * starts.length)];
  const sample = Array.from({ length: Number(args.n) }, pick);
  console.log(
    `${handle.engine}: ${starts.length} occupations with a ladder step, ${ladderSteps.n} published ladder steps; ${sample.length} starts`,
  );

  // warm-up on other starts: caches, plans, the JIT
  for (let i = 0; i < Number(args.warmup); i++) {
    const query = { fromId: pick(), maxSteps: 3, first: 10 };
    await findCareerPaths(db, query);
    await baselineCareerPaths(db, query);
  }

  const yoga = createGraphQLServer({ database: handle, graphiql: false });
  const request = `query($from: ID!, $to: ID, $maxSteps: Int) { careerPaths(from: $from, to: $to, maxSteps: $maxSteps) {
    score wageChange steps { from { name } to { name } type derivation wageChange wagePeriod educationNeeded
      credentialsNeeded { name } skillGap { skill { name } fromLevel toLevel } evidence { quote locator } } } }`;
  const gid = (id: string) => Buffer.from(`Occupation:${id}`).toString('base64');

  const rows: string[][] = [];
  for (const maxSteps of [3, 4]) {
    for (const withGoal of [false, true]) {
      const times = { ours: [] as number[], baseline: [] as number[], graphql: [] as number[] };
      const statements = { ours: 0, baseline: 0 };
      let mismatches = 0;
      let found = 0;
      for (const fromId of sample) {
        let query: PathQuery = { fromId, maxSteps, first: 10 };
        if (withGoal) {
          const open = await findCareerPaths(db, query);
          const far = [...open].sort((a, b) => b.steps.length - a.steps.length)[0];
          if (!far) continue;
          query = { ...query, toId: far.steps.at(-1)!.toId };
        }
        let t = performance.now();
        const a = await handle.statements.measure(() => findCareerPaths(db, query));
        times.ours.push(performance.now() - t);
        t = performance.now();
        const b = await handle.statements.measure(() => baselineCareerPaths(db, query));
        times.baseline.push(performance.now() - t);
        statements.ours += a.statements;
        statements.baseline += b.statements;
        if (!same(a.result, b.result)) mismatches++;
        found += a.result.length;
        // the whole request only for occupation goals (a specialization goal has another global ID type)
        const toIsOccupation =
          !query.toId ||
          (await db
            .selectFrom('occupation')
            .select('entity_id')
            .where('entity_id', '=', query.toId)
            .executeTakeFirst());
        if (toIsOccupation) {
          t = performance.now();
          const response = await yoga.fetch('http://bench/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              query: request,
              variables: { from: gid(fromId), to: query.toId ? gid(query.toId) : null, maxSteps },
            }),
          });
          const body = (await response.json()) as { errors?: unknown[] };
          times.graphql.push(performance.now() - t);
          if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
        }
      }
      for (const list of Object.values(times)) list.sort((x, y) => x - y);
      const n = times.ours.length;
      const p50 = percentile(times.ours, 0.5);
      const b50 = percentile(times.baseline, 0.5);
      rows.push([
        `maxSteps ${maxSteps}, ${withGoal ? 'to a goal' : 'no goal   '}`,
        String(n),
        `${p50.toFixed(2)} / ${percentile(times.ours, 0.99).toFixed(2)}`,
        `${b50.toFixed(2)} / ${percentile(times.baseline, 0.99).toFixed(2)}`,
        `${(b50 / p50).toFixed(2)}x`,
        `${(statements.ours / n).toFixed(1)} / ${(statements.baseline / n).toFixed(1)}`,
        `${percentile(times.graphql, 0.5).toFixed(2)} / ${percentile(times.graphql, 0.99).toFixed(2)}`,
        `${(found / n).toFixed(1)}`,
        String(mismatches),
      ]);
    }
  }
  const header = [
    'case',
    'n',
    'ours p50/p99 ms',
    'baseline p50/p99 ms',
    'speed-up p50',
    'statements ours/baseline',
    'GraphQL p50/p99 ms',
    'paths',
    'differ',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(`\n${line(header)}\n${rows.map(line).join('\n')}`);
  console.log(
    `\nload average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  await handle.close();
}

await main();
