import { sql } from 'kysely';
import { recordChanges } from '../change-log/repository.ts';
import { type CitationInput, deleteCitationsOf, insertCitations } from '../citation/repository.ts';
import type { Executor } from '../connect.ts';
import { type Details, detailRowOf, detailsFromRow } from '../entity/details.ts';
import { badInput, isUuid, notFound } from '../errors.ts';
import { groupBy } from '../group.ts';
import { FACT_STATUSES, type FactStatus } from '../model.ts';
import { assertStorableJson } from '../normalize.ts';
import { type Page, pageWithTotal } from '../paging.ts';
import type { EntityRow, RelationRow } from '../tables.ts';
import { inTransaction, type WriteContext } from '../transaction.ts';
import { lockForWrite, updateLocked } from '../versioned.ts';
import { PUBLIC_VISIBILITY, showsDrafts, type Visibility } from '../visibility.ts';

export type Direction = 'OUT' | 'IN' | 'BOTH';

export interface CreateRelationInput {
  predicate: string;
  fromId: string;
  toId: string;
  attributes?: Record<string, unknown> | null;
  status?: FactStatus;
  citations?: CitationInput[];
}

function parseAttributes(attributes: unknown): string {
  if (attributes === undefined || attributes === null) return '{}';
  if (typeof attributes !== 'object' || Array.isArray(attributes)) {
    throw badInput('attributes must be a JSON object', { field: 'attributes' });
  }
  assertStorableJson(attributes, 'attributes');
  const json = JSON.stringify(attributes);
  if (json.length > 10_000) throw badInput('attributes are larger than 10,000 characters', { field: 'attributes' });
  return json;
}

function parseStatus(status: string | undefined): FactStatus | undefined {
  if (status !== undefined && !(FACT_STATUSES as readonly string[]).includes(status)) {
    throw badInput(`unknown status "${status}"`, { field: 'status' });
  }
  return status as FactStatus | undefined;
}

export function createRelation(executor: Executor, context: WriteContext, input: CreateRelationInput) {
  const attributes = parseAttributes(input.attributes);
  const status = parseStatus(input.status) ?? 'published';
  return inTransaction(executor, async (trx) => {
    const predicate = await trx
      .selectFrom('predicate')
      .select('name')
      .where('name', '=', input.predicate)
      .executeTakeFirst();
    if (!predicate) throw badInput(`unknown predicate "${input.predicate}"`, { field: 'predicate' });
    const ends: Record<'from' | 'to', EntityRow> = {} as never;
    for (const [end, id] of [
      ['from', input.fromId],
      ['to', input.toId],
    ] as const) {
      if (!isUuid(id)) throw notFound('entity', id);
      const row = await trx.selectFrom('entity').selectAll().where('id', '=', id).forShare().executeTakeFirst();
      if (!row) throw notFound('entity', id);
      ends[end] = row;
    }
    if (input.fromId === input.toId) throw badInput('a relation joins two different entities');
    const rule = await trx
      .selectFrom('predicate_rule')
      .select('predicate')
      .where('predicate', '=', input.predicate)
      .where('from_kind', '=', ends.from.kind)
      .where('to_kind', '=', ends.to.kind)
      .executeTakeFirst();
    if (!rule) {
      const allowed = await trx
        .selectFrom('predicate_rule')
        .select(['from_kind', 'to_kind'])
        .where('predicate', '=', input.predicate)
        .execute();
      throw badInput(
        `"${input.predicate}" cannot join a ${ends.from.kind} to a ${ends.to.kind}; it joins ${allowed
          .map((r) => `${r.from_kind} -> ${r.to_kind}`)
          .join(', ')}`,
        { field: 'predicate' },
      );
    }
    const duplicate = await trx
      .selectFrom('relation')
      .select('id')
      .where('predicate', '=', input.predicate)
      .where('from_id', '=', input.fromId)
      .where('to_id', '=', input.toId)
      .executeTakeFirst();
    if (duplicate) throw badInput(`this relation already exists (${duplicate.id})`, { existingId: duplicate.id });
    const row = await trx
      .insertInto('relation')
      .values({
        predicate: input.predicate,
        from_id: input.fromId,
        from_kind: ends.from.kind,
        to_id: input.toId,
        to_kind: ends.to.kind,
        attributes,
        status,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordChanges(trx, context);
    await insertCitations(trx, context, { type: 'relation', id: row.id }, input.citations ?? []);
    return row;
  });
}

export function updateRelation(
  executor: Executor,
  context: WriteContext,
  input: { id: string; expectedVersion: number; attributes?: Record<string, unknown> | null; status?: FactStatus },
) {
  const status = parseStatus(input.status);
  const attributes = input.attributes === undefined ? undefined : parseAttributes(input.attributes);
  return inTransaction(executor, async (trx) => {
    const before = await lockForWrite(trx, 'relation', 'relation', input.id, input.expectedVersion);
    const patch: Record<string, unknown> = {};
    if (attributes !== undefined) patch.attributes = attributes;
    if (status !== undefined) patch.status = status;
    return (await updateLocked(trx, context, 'relation', before, patch)) as unknown as RelationRow;
  });
}

export function deleteRelation(
  executor: Executor,
  context: WriteContext,
  input: { id: string; expectedVersion: number },
) {
  return inTransaction(executor, async (trx) => {
    await lockForWrite(trx, 'relation', 'relation', input.id, input.expectedVersion);
    await deleteCitationsOf(trx, context, 'relation', [input.id]);
    await trx.deleteFrom('relation').where('id', '=', input.id).execute();
    await recordChanges(trx, context);
    return { id: input.id };
  });
}

export interface RelationPageArgs {
  predicates?: readonly string[] | null;
  /** Which statuses to include; published only when omitted. */
  statuses?: readonly FactStatus[] | null;
  /** What the reader may see: relations to an entity outside it are left out (published ones when omitted). */
  visibility?: Visibility;
  direction: Direction;
  limit: number;
  offset: number;
}

/** A relation as seen from one of its ends. */
export type RelationView = RelationRow & {
  /** The entity the relation was reached from. */
  viewpoint: string;
  direction: 'OUT' | 'IN';
  other_id: string;
  total_count: number;
  /** The entity at the other end, when the query read it anyway. */
  other?: EntityRow;
  /** Its typed columns. */
  otherDetails?: Details;
};

/** The other end's entity columns, as loadRelationPages reads them. */
type OtherColumns = {
  [K in keyof EntityRow as K extends 'id' ? never : `other_${K & string}`]: EntityRow[K];
} & { other_detail_row: Record<string, unknown> | null };

/**
 * One page of relations for each of many entities, in one statement: a LATERAL subquery per entity pages
 * its own relations (ordered by predicate, then the other end's name) and counts them all.
 */
export async function loadRelationPages(
  db: Executor,
  entityIds: readonly string[],
  args: RelationPageArgs,
): Promise<Map<string, RelationView[]>> {
  const map = new Map<string, RelationView[]>();
  const ids = entityIds.filter(isUuid);
  if (ids.length === 0) return map;
  const predicates = args.predicates?.length ? [...args.predicates] : null;
  const statuses = args.statuses?.length ? [...args.statuses] : ['published'];
  const visible = [...(args.visibility ?? PUBLIC_VISIBILITY)];
  const out = sql`
    select r.*, 'OUT' as direction, r.to_id as other_id from relation r
    where r.from_id = p.id and (${predicates}::text[] is null or r.predicate = any(${predicates}::text[]))
      and r.status = any(${statuses}::text[])`;
  const inward = sql`
    select r.*, 'IN' as direction, r.from_id as other_id from relation r
    where r.to_id = p.id and (${predicates}::text[] is null or r.predicate = any(${predicates}::text[]))
      and r.status = any(${statuses}::text[])`;
  const edges = args.direction === 'OUT' ? out : args.direction === 'IN' ? inward : sql`${out} union all ${inward}`;
  // the other end is joined for the order anyway: return it, so that reading it costs no statement
  const { rows } = await sql<RelationView & OtherColumns>`
    select page.*, p.id as viewpoint
    from unnest(${ids}::uuid[]) as p(id)
    cross join lateral (
      select e.*, count(*) over ()::int as total_count, o.kind as other_kind, o.name as other_name,
        o.status as other_status, o.version as other_version, o.created_at as other_created_at,
        o.updated_at as other_updated_at, o.superseded_by as other_superseded_by,
        ${detailRowOf('o')} as other_detail_row
      from (${edges}) e
      join entity o on o.id = e.other_id and o.status = any(${visible}::text[])
      order by e.predicate, e.direction desc, o.name, e.id
      limit ${args.limit} offset ${args.offset}
    ) page`.execute(db);
  const views = rows.map(
    ({
      other_kind,
      other_name,
      other_status,
      other_version,
      other_created_at,
      other_updated_at,
      other_superseded_by,
      other_detail_row,
      ...row
    }) => ({
      ...row,
      otherDetails: other_detail_row ? detailsFromRow(other_detail_row) : {},
      other: {
        id: row.other_id,
        kind: other_kind,
        name: other_name,
        status: other_status,
        version: other_version,
        created_at: other_created_at,
        updated_at: other_updated_at,
        superseded_by: other_superseded_by,
      } as EntityRow,
    }),
  );
  return groupBy(views, (row) => row.viewpoint);
}

/**
 * The entities at the other end of one predicate, for many entities at once, with the relation's
 * attributes: what the typed fields (an occupation's credentials, a credential's issuers) read.
 */
export async function loadRelated(
  db: Executor,
  entityIds: readonly string[],
  predicate: string,
  direction: 'OUT' | 'IN',
): Promise<Map<string, Array<{ entity: EntityRow; relation: RelationRow }>>> {
  const map = new Map<string, Array<{ entity: EntityRow; relation: RelationRow }>>();
  const ids = entityIds.filter(isUuid);
  if (ids.length === 0) return map;
  const [near, far] = direction === 'OUT' ? (['from_id', 'to_id'] as const) : (['to_id', 'from_id'] as const);
  const rows = await db
    .selectFrom('relation as r')
    .innerJoin('entity as e', 'e.id', `r.${far}`)
    .select((eb) => [
      `r.${near} as viewpoint`,
      eb.fn<EntityRow>('to_jsonb', [eb.table('e')]).as('entity'),
      eb.fn<RelationRow>('to_jsonb', [eb.table('r')]).as('relation'),
    ])
    .where(`r.${near}`, 'in', ids)
    .where('r.predicate', '=', predicate)
    // typed fields state facts: drafts (proposals awaiting review) and retired facts are not among them
    .where('r.status', '=', 'published')
    .where('e.status', '=', 'published')
    .orderBy('e.name')
    .orderBy('e.id')
    .execute();
  for (const row of rows) {
    const viewpoint = row.viewpoint as string;
    const list = map.get(viewpoint) ?? [];
    list.push({ entity: reviveEntity(row.entity), relation: reviveRelation(row.relation) });
    map.set(viewpoint, list);
  }
  return map;
}

/** One typed field's question: the entities `predicate` links `id` to, in `direction`. */
export interface RelatedKey {
  id: string;
  predicate: string;
  direction: 'OUT' | 'IN';
}

export interface RelatedRow {
  entity: EntityRow;
  relation: RelationRow;
  /** The entity's typed columns, read along with it. */
  details: Details;
}

/**
 * The answers to many typed fields' questions at once (an occupation's titles, skills and credentials, for a
 * page of occupations), in one statement, each with the other end's details. Published facts only: typed fields
 * state facts, and drafts (proposals awaiting review) and retired facts are not among them. Each answer is in
 * the other end's name order.
 */
export async function loadRelatedByKey(db: Executor, keys: readonly RelatedKey[]): Promise<RelatedRow[][]> {
  const answers: RelatedRow[][] = keys.map(() => []);
  const asked = keys.flatMap((key, index) => (isUuid(key.id) ? [{ ...key, index }] : []));
  if (asked.length === 0) return answers;
  const side = (direction: 'OUT' | 'IN') => {
    const mine = asked.filter((k) => k.direction === direction);
    const [near, far] = direction === 'OUT' ? ['from_id', 'to_id'] : ['to_id', 'from_id'];
    return sql`
      select k.index, e.name as sort_name, e.id as sort_id, to_jsonb(e) as entity, to_jsonb(r) as relation,
        ${detailRowOf('e')} as detail_row
      from unnest(${mine.map((k) => k.id)}::uuid[], ${mine.map((k) => k.predicate)}::text[],
        ${mine.map((k) => k.index)}::int[]) as k(id, predicate, index)
      join relation r on r.${sql.raw(near)} = k.id and r.predicate = k.predicate
      join entity e on e.id = r.${sql.raw(far)}
      where r.status = 'published' and e.status = 'published'`;
  };
  const directions = (['OUT', 'IN'] as const).filter((d) => asked.some((k) => k.direction === d));
  const { rows } = await sql<{
    index: number;
    entity: EntityRow;
    relation: RelationRow;
    detail_row: Record<string, unknown> | null;
  }>`${sql.join(directions.map(side), sql` union all `)} order by index, sort_name, sort_id`.execute(db);
  for (const row of rows) {
    answers[row.index].push({
      entity: reviveEntity(row.entity),
      relation: reviveRelation(row.relation),
      details: row.detail_row ? detailsFromRow(row.detail_row) : {},
    });
  }
  return answers;
}

// to_jsonb turns timestamps into strings; callers expect the row types the query builder returns
const reviveEntity = (e: EntityRow): EntityRow => ({
  ...e,
  created_at: new Date(e.created_at),
  updated_at: new Date(e.updated_at),
});
const reviveRelation = (r: RelationRow): RelationRow => ({
  ...r,
  created_at: new Date(r.created_at),
  updated_at: new Date(r.updated_at),
});

/** Relations for page-numbered lists: by predicate and/or touching one entity, newest first. */
export function listRelations(
  db: Executor,
  args: Page & {
    predicate?: string | null;
    entityId?: string | null;
    status?: FactStatus | null;
    /** What the reader may see (published ones when omitted): relations in draft or to entities outside it are left out. */
    visibility?: Visibility;
  },
) {
  const visibility = args.visibility ?? PUBLIC_VISIBILITY;
  let query = db.selectFrom('relation').selectAll();
  if (args.predicate) query = query.where('predicate', '=', args.predicate);
  if (args.status) query = query.where('status', '=', args.status);
  if (!showsDrafts(visibility)) {
    const hidden = db.selectFrom('entity').select('id').where('status', 'not in', visibility);
    query = query.where('status', 'in', visibility).where('from_id', 'not in', hidden).where('to_id', 'not in', hidden);
  }
  if (args.entityId) {
    const id = isUuid(args.entityId) ? args.entityId : '00000000-0000-0000-0000-000000000000';
    query = query.where((eb) => eb.or([eb('from_id', '=', id), eb('to_id', '=', id)]));
  }
  return pageWithTotal(query.orderBy('updated_at', 'desc').orderBy('id'), args);
}
