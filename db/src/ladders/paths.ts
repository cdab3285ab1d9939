import { sql } from 'kysely';
import { dbOf, type Reader, reviveTimestamps, selectRows } from '../batch.ts';
import { badInput, isUuid, notFound } from '../errors.ts';
import type { EntityKind } from '../model.ts';
import type { EntityRow } from '../tables.ts';
import {
  credentialsNeeded,
  educationNeeded,
  LADDER_PREDICATES,
  type LadderPredicate,
  loadNodeFacts,
  type NodeFacts,
} from './facts.ts';

export const MAX_STEPS = 6;
export const MAX_PATHS = 50;
/** Paths the search may extend in one request; past it the search stops and ranks what it found. */
const MAX_EXPANSIONS = 200_000;

export interface PathQuery {
  fromId: string;
  toId?: string | null;
  maxSteps: number;
  first: number;
  /** Highest education rank (O*NET category 1-12) any step may ask for. */
  maxEducation?: number | null;
  /** Least change in median annual wage from start to end of the path. */
  minWageGain?: number | null;
  /** Leave out steps that need a credential or degree the start does not hold. */
  avoidCredentials?: boolean | null;
}

export interface CareerStep {
  relationId: string;
  predicate: LadderPredicate;
  fromId: string;
  toId: string;
  score: number;
  /** How the step was derived; null for a step a curator or source stated. */
  derivation: string | null;
  credentialIds: string[];
  educationNeeded: string | null;
  wageChange: number | null;
  wagePeriod: string | null;
}

export interface CareerPath {
  steps: CareerStep[];
  score: number;
  wageChange: number | null;
}

export interface EdgeRow {
  id: string;
  predicate: LadderPredicate;
  from_id: string;
  to_id: string;
  score: number | null;
  derivation: string | null;
}

/** Checks the arguments before anything runs: every refusal here costs no query. */
export function checkPathQuery(query: PathQuery) {
  if (!Number.isInteger(query.maxSteps) || query.maxSteps < 1 || query.maxSteps > MAX_STEPS) {
    throw badInput(`maxSteps must be between 1 and ${MAX_STEPS}`, { field: 'maxSteps' });
  }
  if (!Number.isInteger(query.first) || query.first < 1 || query.first > MAX_PATHS) {
    throw badInput(`first must be between 1 and ${MAX_PATHS}`, { field: 'first' });
  }
  if (query.toId && query.toId === query.fromId) {
    throw badInput('from and to are the same occupation: a path needs somewhere to go', { field: 'to' });
  }
  if (query.maxEducation != null && (query.maxEducation < 1 || query.maxEducation > 12)) {
    throw badInput('maxEducation must be an education level', { field: 'maxEducation' });
  }
  if (query.minWageGain != null && !Number.isFinite(query.minWageGain)) {
    throw badInput('minWageGain must be a number', { field: 'minWageGain' });
  }
}

/** Reads both ends in one statement; unknown IDs are NOT_FOUND, a start that is not an occupation BAD_USER_INPUT. */
export async function checkEnds(reader: Reader, fromId: string, toId?: string | null) {
  const ids = [fromId, ...(toId ? [toId] : [])];
  for (const id of ids) if (!isUuid(id)) throw notFound('entity', id);
  const rows = await selectRows(
    reader,
    dbOf(reader).selectFrom('entity').select(['id', 'kind']).where('id', 'in', ids),
    (row) => row as { id: string; kind: string },
  );
  const kinds = new Map(rows.map((r) => [r.id, r.kind as EntityKind]));
  for (const id of ids) if (!kinds.has(id)) throw notFound('entity', id);
  if (kinds.get(fromId) !== 'occupation') throw badInput('a career path starts at an occupation', { field: 'from' });
  if (toId && !['occupation', 'specialization'].includes(kinds.get(toId)!)) {
    throw badInput('a career path ends at an occupation or a specialization', { field: 'to' });
  }
}

const LADDER = sql`r.predicate in (${sql.join(LADDER_PREDICATES.map((p) => sql.lit(p)))}) and r.status = 'published'`;
const EDGE_COLUMNS = sql`r.id, r.predicate, r.from_id, r.to_id, (r.attributes->>'score')::float8 as score,
  r.attributes->>'derivation' as derivation`;

/**
 * The ladder edges a path of at most `maxSteps` from the start (and to the goal, when there is one) can use,
 * in one statement.
 */
function loadLadderEdges(reader: Reader, fromId: string, toId: string | null, maxSteps: number) {
  return selectRows(
    reader,
    toId ? edgesToGoal(fromId, toId, maxSteps) : edgesFrom(fromId, maxSteps),
    (row) => row as unknown as EdgeRow,
  );
}

/** The nodes a ladder walk forwards from the start reaches, with each depth it reaches them at (a CTE). */
const forwardFrom = (fromId: string, maxSteps: number) => sql`fwd(id, depth) as (
        select ${fromId}::uuid, 0
        union
        select r.to_id, f.depth + 1 from fwd f join relation r on r.from_id = f.id
        where f.depth < ${maxSteps} and ${LADDER}
      )`;

/**
 * Without a goal: a recursive walk forwards from the start (bounded by depth; `union` drops repeated
 * (node, depth) pairs, so cycles cannot run away), then every edge leaving a node reached in fewer than maxSteps.
 */
function edgesFrom(fromId: string, maxSteps: number) {
  return sql<EdgeRow>`
    with recursive
      ${forwardFrom(fromId, maxSteps)},
      nodes as (select id, min(depth) as d from fwd group by id)
    select ${EDGE_COLUMNS}
    from nodes a
    join relation r on r.from_id = a.id and ${LADDER}
    where a.d < ${maxSteps}
    order by r.from_id, r.to_id, r.predicate`;
}

/**
 * With a goal: a recursive walk forwards from the start and backwards from the goal, keeping the nodes whose
 * distances add up to no more than maxSteps, then the edges among them.
 */
function edgesToGoal(fromId: string, toId: string, maxSteps: number) {
  return sql<EdgeRow>`
    with recursive
      ${forwardFrom(fromId, maxSteps)},
      bwd(id, depth) as (
        select ${toId}::uuid, 0
        union
        select r.from_id, b.depth + 1 from bwd b join relation r on r.to_id = b.id
        where b.depth < ${maxSteps} and ${LADDER}
      ),
      nodes as (
        select f.id, min(f.depth) as d from fwd f
        join (select id, min(depth) as d from bwd group by id) b on b.id = f.id
        group by f.id, b.d having min(f.depth) + b.d <= ${maxSteps}
      )
    select ${EDGE_COLUMNS}
    from nodes a
    join relation r on r.from_id = a.id and ${LADDER}
    join nodes b on b.id = r.to_id
    where a.d < ${maxSteps}
    order by r.from_id, r.to_id, r.predicate`;
}

const wageOf = (facts: NodeFacts | undefined) => facts?.wage ?? null;

function stepOf(edge: EdgeRow, facts: Map<string, NodeFacts>): CareerStep {
  const from = facts.get(edge.from_id);
  const to = facts.get(edge.to_id);
  const a = wageOf(from);
  const b = wageOf(to);
  return {
    relationId: edge.id,
    predicate: edge.predicate,
    fromId: edge.from_id,
    toId: edge.to_id,
    // a step a curator or a source stated outranks any derived one
    score: edgeScore(edge),
    derivation: edge.derivation,
    credentialIds: credentialsNeeded(from, to).map((c) => c.id),
    educationNeeded: educationNeeded(from, to)?.name ?? null,
    wageChange: a && b ? b.value - a.value : null,
    wagePeriod: a && b ? (a.period === b.period ? b.period : `${a.period} to ${b.period}`) : null,
  };
}

/**
 * Ranked, loop-free career paths from an occupation, to a goal or (without one) to every place the ladder
 * reaches, the best path per destination. Two statements whatever the graph's size: the usable edges, then the
 * facts of the nodes the answer can involve; the search itself runs in memory (rankPaths).
 */
export async function findCareerPaths(
  reader: Reader,
  query: PathQuery,
  /** A check that must pass first (checkEnds), read in the same statement as the edges through a batch. */
  before?: Promise<void>,
): Promise<CareerPath[]> {
  const [edges] = await Promise.all([
    loadLadderEdges(reader, query.fromId, query.toId ?? null, query.maxSteps),
    before,
  ]);
  if (edges.length === 0) return [];
  const filtered = query.maxEducation != null || query.minWageGain != null || !!query.avoidCredentials;
  // Filters judge every node; without them, facts only break ties, so the shortlist's nodes are enough.
  const usable = filtered ? edges : shortlist(query, edges);
  let facts = await loadNodeFacts(reader, nodesOf(query.fromId, usable));
  if (usable !== edges && nodesOf(query.fromId, usable).some((id) => !facts.has(id))) {
    // a node on the shortlist is retired or a draft: rank the whole neighbourhood instead
    facts = await loadNodeFacts(reader, nodesOf(query.fromId, edges));
    return rankPaths(query, edges, facts);
  }
  return rankPaths(query, usable, facts);
}

const nodesOf = (start: string, edges: readonly EdgeRow[]) => {
  const ids = new Set<string>([start]);
  for (const e of edges) ids.add(e.from_id).add(e.to_id);
  return [...ids];
};

const edgeScore = (edge: EdgeRow) => (edge.derivation ? (edge.score ?? 0.5) : 1);
const roundScore = (score: number) => Math.round(score * 1e4) / 1e4;

/**
 * Walks every loop-free path of at most `maxSteps` from the query's start over `out` (the steps leaving each
 * node), trying at most MAX_EXPANSIONS steps, and hands `reach` each path that ends where an answer may (at the
 * goal if there is one, anywhere else), with the product of its steps' scores.
 */
function walkPaths<Step>(
  query: PathQuery,
  out: Map<string, Step[]>,
  ends: (step: Step) => { to: string; score: number },
  reach: (path: Step[], score: number) => void,
) {
  const toId = query.toId ?? null;
  let expansions = 0;
  const path: Step[] = [];
  const visited = new Set<string>([query.fromId]);
  const walk = (at: string, score: number) => {
    for (const step of out.get(at) ?? []) {
      const { to, score: stepScore } = ends(step);
      if (visited.has(to) || ++expansions > MAX_EXPANSIONS) continue;
      path.push(step);
      const pathScore = score * stepScore;
      if (!toId || to === toId) reach([...path], pathScore);
      if (path.length < query.maxSteps && to !== toId) {
        visited.add(to);
        walk(to, pathScore);
        visited.delete(to);
      }
      path.pop();
    }
  };
  walk(query.fromId, 1);
}

/**
 * The edges of the paths that can make the answer when no filter applies. Ranking needs facts (wages, names)
 * only to break ties between paths of equal score and length that end in different places: within one
 * destination the wage change and name are equal, so score, length and relation IDs decide. So: the best path
 * per destination (or, with a goal, the first `first` paths), and every destination tied with the last one kept.
 */
function shortlist(query: PathQuery, edges: readonly EdgeRow[]): EdgeRow[] {
  const toId = query.toId ?? null;
  const out = new Map<string, EdgeRow[]>();
  for (const edge of edges) {
    const list = out.get(edge.from_id) ?? [];
    list.push(edge);
    out.set(edge.from_id, list);
  }
  type Found = { edges: EdgeRow[]; score: number; key: string };
  const better = (a: Found, b: Found) =>
    b.score - a.score || a.edges.length - b.edges.length || a.key.localeCompare(b.key);
  const best = new Map<string, Found>();
  const all: Found[] = [];
  const ends = (edge: EdgeRow) => ({ to: edge.to_id, score: edgeScore(edge) });
  walkPaths(query, out, ends, (path, score) => {
    const found = { edges: path, score: roundScore(score), key: path.map((e) => e.id).join(',') };
    if (toId) all.push(found);
    else {
      const current = best.get(path.at(-1)!.to_id);
      if (!current || better(found, current) < 0) best.set(path.at(-1)!.to_id, found);
    }
  });
  const ranked = (toId ? all : [...best.values()]).sort(better);
  const last = ranked[Math.min(query.first, ranked.length) - 1];
  const kept = toId
    ? ranked.slice(0, query.first)
    : ranked.filter((f, i) => i < query.first || (f.score === last.score && f.edges.length === last.edges.length));
  return [...new Set(kept.flatMap((f) => f.edges))];
}

/**
 * The search: every loop-free path of at most maxSteps over `edges` that passes the filters, ranked by the
 * product of its steps' scores, then fewer steps, larger wage gain, destination name and relation IDs, so the
 * order is stable.
 */
export function rankPaths(query: PathQuery, edges: readonly EdgeRow[], facts: Map<string, NodeFacts>): CareerPath[] {
  const toId = query.toId ?? null;
  const out = new Map<string, CareerStep[]>();
  for (const edge of edges) {
    if (!facts.has(edge.from_id) || !facts.has(edge.to_id)) continue; // an end retired or drafted
    const step = stepOf(edge, facts);
    if (query.avoidCredentials && step.credentialIds.length > 0) continue;
    // the entry level of every occupation on the way must be within reach
    if (query.maxEducation != null && (facts.get(edge.to_id)?.education?.rank ?? 0) > query.maxEducation) continue;
    const list = out.get(edge.from_id) ?? [];
    list.push(step);
    out.set(edge.from_id, list);
  }

  const start = wageOf(facts.get(query.fromId));
  const found: CareerPath[] = [];
  walkPaths(
    query,
    out,
    (step) => ({ to: step.toId, score: step.score }),
    (steps, score) => {
      const end = wageOf(facts.get(steps.at(-1)!.toId));
      const wageChange = start && end ? end.value - start.value : null;
      if (query.minWageGain == null || (wageChange !== null && wageChange >= query.minWageGain)) {
        found.push({ steps, score: roundScore(score), wageChange });
      }
    },
  );

  const name = (id: string) => facts.get(id)?.name ?? '';
  const key = (p: CareerPath) => p.steps.map((s) => s.relationId).join(',');
  found.sort(
    (a, b) =>
      b.score - a.score ||
      a.steps.length - b.steps.length ||
      (b.wageChange ?? Number.NEGATIVE_INFINITY) - (a.wageChange ?? Number.NEGATIVE_INFINITY) ||
      name(a.steps.at(-1)!.toId).localeCompare(name(b.steps.at(-1)!.toId)) ||
      key(a).localeCompare(key(b)),
  );
  if (toId) return found.slice(0, query.first);
  // without a goal: where the ladder leads, each destination once, by its best path
  const seen = new Set<string>();
  const best: CareerPath[] = [];
  for (const p of found) {
    const end = p.steps.at(-1)!.toId;
    if (seen.has(end)) continue;
    seen.add(end);
    best.push(p);
    if (best.length === query.first) break;
  }
  return best;
}

export interface SkillGapItem {
  skillId: string;
  /** The skill's entity row, read with the levels so that no second lookup is needed. */
  skill: EntityRow;
  fromLevel: number | null;
  toLevel: number;
  importance: number | null;
}

/**
 * Skills and knowledge whose required level rises from one entity to another (O*NET level scale 0-7; a skill
 * the start does not list starts at null), largest rise first, for many pairs in one statement.
 */
export async function loadSkillGaps(
  reader: Reader,
  pairs: ReadonlyArray<{ fromId: string; toId: string }>,
): Promise<SkillGapItem[][]> {
  const valid = pairs.filter((p) => isUuid(p.fromId) && isUuid(p.toId));
  if (valid.length === 0) return pairs.map(() => []);
  const ids = [...new Set(valid.flatMap((p) => [p.fromId, p.toId]))];
  type Row = { from_id: string; to_id: string; level: number; importance: number | null } & Omit<EntityRow, 'id'>;
  const query = sql<Row>`
    select r.from_id, r.to_id, (r.attributes->>'level')::float8 as level,
      (r.attributes->>'importance')::float8 as importance,
      e.kind, e.name, e.status, e.version, e.created_at, e.updated_at, e.superseded_by
    from relation r
    join entity e on e.id = r.to_id and e.status = 'published'
    where r.from_id = any(${ids}::uuid[]) and r.predicate = 'requires_skill' and r.status = 'published'
      and jsonb_typeof(r.attributes->'level') = 'number'
      and coalesce((r.attributes->>'notRelevant')::boolean, false) = false`;
  const rows = await selectRows(reader, query, reviveTimestamps<Row>('created_at', 'updated_at'));
  const levels = new Map<string, Map<string, { level: number; importance: number | null }>>();
  const skills = new Map<string, EntityRow>();
  for (const row of rows) {
    const map = levels.get(row.from_id) ?? new Map();
    map.set(row.to_id, {
      level: Number(row.level),
      importance: row.importance === null ? null : Number(row.importance),
    });
    levels.set(row.from_id, map);
    if (!skills.has(row.to_id)) {
      const { from_id, to_id, level, importance, ...entity } = row;
      skills.set(to_id, { ...entity, id: to_id });
    }
  }
  return pairs.map(({ fromId, toId }) => {
    const from = levels.get(fromId);
    const items: SkillGapItem[] = [];
    for (const [skillId, target] of levels.get(toId) ?? []) {
      const start = from?.get(skillId)?.level ?? null;
      const skill = skills.get(skillId);
      if (!skill || (start !== null && target.level <= start)) continue;
      items.push({ skillId, skill, fromLevel: start, toLevel: target.level, importance: target.importance });
    }
    return items.sort(
      (a, b) =>
        b.toLevel - (b.fromLevel ?? 0) - (a.toLevel - (a.fromLevel ?? 0)) ||
        (b.importance ?? 0) - (a.importance ?? 0) ||
        a.skillId.localeCompare(b.skillId),
    );
  });
}
