import { sql } from 'kysely';
import type { Executor } from '../../db/src/connect.ts';
import { LADDER_PREDICATES, loadNodeFacts } from '../../db/src/ladders/facts.ts';
import { type CareerPath, type EdgeRow, type PathQuery, rankPaths } from '../../db/src/ladders/paths.ts';

/**
 * The reference findCareerPaths is measured against (bench/ladders.ts): breadth-first search in application
 * code, one statement per level for the ladder edges leaving the frontier and one for the facts of the nodes
 * it reached, then the same ranking. It sees the same edges within maxSteps of the start, so it must give the
 * same answer.
 */
export async function baselineCareerPaths(db: Executor, query: PathQuery): Promise<CareerPath[]> {
  const edges: EdgeRow[] = [];
  const seen = new Set<string>([query.fromId]);
  let frontier = [query.fromId];
  for (let depth = 0; depth < query.maxSteps && frontier.length > 0; depth++) {
    const { rows } = await sql<EdgeRow>`
      select r.id, r.predicate, r.from_id, r.to_id, (r.attributes->>'score')::float8 as score,
        r.attributes->>'derivation' as derivation
      from relation r
      where r.from_id = any(${frontier}::uuid[]) and r.status = 'published'
        and r.predicate in (${sql.join(LADDER_PREDICATES.map((p) => sql.lit(p)))})
      order by r.from_id, r.to_id, r.predicate`.execute(db);
    edges.push(...rows);
    frontier = [...new Set(rows.map((r) => r.to_id))].filter((id) => !seen.has(id));
    for (const id of frontier) seen.add(id);
  }
  if (edges.length === 0) return [];
  return rankPaths(query, edges, await loadNodeFacts(db, [...seen]));
}

/** Table statistics, as a database in service has them. */
export async function analyzeLadders(db: Executor): Promise<void> {
  await sql`analyze relation`.execute(db);
  await sql`analyze citation`.execute(db);
  await sql`analyze observation`.execute(db);
}
