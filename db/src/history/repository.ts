import { sql, type Transaction } from 'kysely';
import type { Executor } from '../connect.ts';
import { badInput, isUuid, notFound } from '../errors.ts';
import { FACT_TYPES, type FactType } from '../model.ts';
import { type Page, pageWithTotal } from '../paging.ts';
import type { ChangeLogRow, Database } from '../tables.ts';
import { PUBLIC_VISIBILITY, redactChange, type Visibility, visibleChange, visibleVersion } from '../visibility.ts';

/** Every logged change of one fact that the reader may see (visibility.ts visibleChange), newest first. */
export async function factHistory(
  db: Executor,
  factId: string,
  page: Page,
  visibility: Visibility = PUBLIC_VISIBILITY,
) {
  if (!isUuid(factId)) throw notFound('fact', factId);
  const { rows, totalCount } = await pageWithTotal(
    db
      .selectFrom('change_log as c')
      .selectAll('c')
      .where('c.fact_id', '=', factId)
      .where(visibleChange(visibility))
      .orderBy('c.id', 'desc'),
    page,
  );
  return { rows: rows.map((row) => redactChange(visibility, row)), totalCount };
}

/** Fact tables and the columns that tie a fact to entities (for visibility.ts visibleVersion). */
const FEED_TABLES: Record<FactType, { status: boolean; refs: string[] }> = {
  source: { status: false, refs: [] },
  entity: { status: true, refs: [] },
  label: { status: true, refs: ['entity_id'] },
  relation: { status: true, refs: ['from_id', 'to_id'] },
  observation: { status: true, refs: ['entity_id'] },
  citation: { status: true, refs: ['entity_id'] },
};

/**
 * Every change as (id, status, entity references): the versions that changes made, from the tables and their
 * history, and the ends of past versions (`ended`; a delete when `deleted`). The branches have no conditions of
 * their own, so the planner flattens them and reads the first rows in id order from each table's index on the
 * change id: a page costs a few index entries whatever the size of the history.
 */
function changeRows(factTypes: readonly FactType[]) {
  const branches = factTypes.flatMap((type) => {
    const { status, refs } = FEED_TABLES[type];
    const columns = sql.raw(
      `${status ? 'status' : "'published'::text"} as status, ${[0, 1].map((i) => (refs[i] ? `${refs[i]} as ref${i}` : `null::uuid as ref${i}`)).join(', ')}`,
    );
    const table = sql.table(type);
    const history = sql.table(`${type}_history`);
    return [
      sql`select sys_n as id, false as ended, false as deleted, ${columns} from ${table}`,
      sql`select sys_n as id, false as ended, false as deleted, ${columns} from ${history}`,
      sql`select sys_end as id, true as ended, deleted, ${columns} from ${history}`,
    ];
  });
  return sql.join(branches, sql` union all `);
}

/**
 * Changes after a cursor (a change id) or since a time, oldest first, for downstream copies: replaying them in
 * order rebuilds every fact. Change ids grow in commit order (migration 0014), so a reader that has seen an id
 * has seen every committed change before it. One more change than asked is read to tell whether another page
 * follows.
 */
export async function changesAfter(
  db: Executor,
  args: {
    afterId?: string | null;
    since?: Date | null;
    limit: number;
    factTypes?: readonly FactType[] | null;
    /** What the reader may see (published facts when omitted); other changes are skipped. */
    visibility?: Visibility;
  },
): Promise<{ rows: ChangeLogRow[]; hasNextPage: boolean }> {
  const visibility = args.visibility ?? PUBLIC_VISIBILITY;
  const factTypes = args.factTypes?.length ? args.factTypes : FACT_TYPES;
  const since = args.since
    ? sql`and c.id >= (select first_n from change_set where at >= ${args.since} order by at, first_n limit 1)`
    : sql``;
  const { rows: page } = await sql<{ id: string }>`
    select c.id from (${changeRows(factTypes)}) c
    where c.id > ${args.afterId ?? '0'} and (not c.ended or c.deleted) and ${visibleVersion(visibility)} ${since}
    order by c.id limit ${args.limit + 1}`.execute(db);
  const ids = page.slice(0, args.limit).map((r) => String(r.id));
  const rows =
    ids.length === 0
      ? []
      : await db.selectFrom('change_log as c').selectAll('c').where('c.id', 'in', ids).orderBy('c.id').execute();
  return {
    rows: rows.map((row) => redactChange(visibility, row)),
    hasNextPage: page.length > args.limit,
  };
}

/** The id of the latest committed change (null before any). */
export async function latestChangeId(db: Executor): Promise<string | null> {
  const latest = FACT_TYPES.flatMap((type) => [
    sql`(select max(sys_n) from ${sql.table(type)})`,
    sql`(select max(sys_end) from ${sql.table(`${type}_history`)})`,
  ]);
  const { rows } = await sql<{ id: string | null }>`select greatest(${sql.join(latest)}) as id`.execute(db);
  const id = rows[0]?.id;
  return id == null || String(id) === '0' ? null : String(id);
}

/** Who made the latest committed change (null before any). */
export async function latestChangeActor(db: Executor): Promise<string | null> {
  const id = await latestChangeId(db);
  if (id === null) return null;
  const row = await db
    .selectFrom('change_set')
    .select('actor')
    .where('first_n', '<=', id)
    .orderBy('first_n', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.actor ?? null;
}

/** Of `ids`, the facts whose first version was written by an actor matching `actorPattern` (SQL `like`). */
export async function factsCreatedBy(
  db: Executor,
  table: 'relation' | 'label' | 'observation',
  ids: readonly string[],
  actorPattern: string,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<{ id: string }>`
    select v.id from (
      select id, min(sys_n) as n from (
        select id, sys_n from ${sql.table(table)} where id = any(${ids}::uuid[])
        union all
        select id, sys_n from ${sql.table(`${table}_history`)} where id = any(${ids}::uuid[])) x
      group by id) v
    cross join lateral (
      select actor from change_set s where s.first_n <= v.n order by s.first_n desc limit 1) s
    where s.actor like ${actorPattern}`.execute(db);
  return rows.map((r) => r.id);
}

/** The fields of each kind of fact that a revert restores, as the update operation names them. */
const RESTORABLE: Record<Exclude<FactType, 'source'>, Record<string, string>> = {
  entity: { name: 'name', status: 'status', details: 'details' },
  label: { text: 'text', type: 'type', language: 'language', source_id: 'sourceId' },
  relation: { attributes: 'attributes', status: 'status' },
  observation: {
    metric: 'metric',
    value: 'value',
    unit: 'unit',
    period: 'period',
    period_start: 'periodStart',
    period_end: 'periodEnd',
    geography: 'geography',
    attributes: 'attributes',
  },
  citation: {
    source_id: 'sourceId',
    quote: 'quote',
    locator: 'locator',
    retrieved_at: 'retrievedAt',
    curator: 'curator',
    review_status: 'reviewStatus',
  },
};

const UPDATE_OPERATION: Record<Exclude<FactType, 'source'>, string> = {
  entity: 'updateEntity',
  label: 'updateLabel',
  relation: 'updateRelation',
  observation: 'updateObservation',
  citation: 'updateCitation',
};

const dateOnly = (value: unknown) => (typeof value === 'string' ? value.slice(0, 10) : value);

/**
 * The update that brings a fact back to how it was at `toVersion`. The revert is an ordinary update (checked
 * against the version the caller read, logged, and a curator's one reviewed), so history only ever grows.
 */
export async function revertOperation(
  db: Executor,
  input: { factId: string; toVersion: number; expectedVersion: number },
) {
  if (!isUuid(input.factId)) throw notFound('fact', input.factId);
  const entries = await db
    .selectFrom('change_log')
    .selectAll()
    .where('fact_id', '=', input.factId)
    .orderBy('id')
    .execute();
  if (entries.length === 0) throw notFound('fact', input.factId);
  const factType = entries[0].fact_type;
  if (factType === 'source') throw badInput('sources are changed with updateSource');
  const target = entries.filter((e) => e.version === input.toVersion && e.after).at(-1);
  if (!target?.after) throw badInput(`fact ${input.factId} has no version ${input.toVersion}`, { field: 'toVersion' });
  const latest = entries.at(-1);
  if (latest?.op === 'delete') throw badInput(`fact ${input.factId} was deleted; create it again instead`);
  if (latest?.version === input.toVersion) {
    throw badInput(`fact ${input.factId} is at version ${input.toVersion} already`, { field: 'toVersion' });
  }
  const after = target.after as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const [column, field] of Object.entries(RESTORABLE[factType])) {
    if (!(column in after)) continue;
    const value = after[column];
    fields[field] = column === 'period_start' || column === 'period_end' ? dateOnly(value) : value;
  }
  return {
    operation: UPDATE_OPERATION[factType],
    factType,
    input: { id: input.factId, expectedVersion: input.expectedVersion, ...fields },
  };
}

/**
 * Runs `read` against the graph as it was at `at`: the `<schema>_asof` views (migration 0014) show each row's
 * version at the last change made by then, and putting them first on the search path makes every query in `read`
 * see the past.
 */
export function readAsOf<T>(db: Executor, at: Date, read: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (Number.isNaN(at.getTime())) throw badInput('asOf is not a valid time', { field: 'asOf' });
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(trx);
    const schema = rows[0].schema;
    // the last change of the last change set begun by then
    await sql`select set_config('kg.as_of_n', coalesce(
        (select first_n - 1 from change_set where at > ${at.toISOString()}::timestamptz order by at, first_n limit 1),
        9223372036854775807)::text, true),
      set_config('search_path', ${`"${schema}_asof", "${schema}", public`}, true)`.execute(trx);
    await sql`set transaction read only`.execute(trx);
    return read(trx);
  });
}
