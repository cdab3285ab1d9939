import { sql } from 'kysely';
import { type Reader, reviveTimestamps, selectRows } from '../batch.ts';
import { recordChanges } from '../change-log/repository.ts';
import { type CitationInput, deleteCitedFact, insertCitations } from '../citation/repository.ts';
import type { Executor } from '../connect.ts';
import { type Details, detailRowOf, detailsFromRow } from '../entity/details.ts';
import { badInput, isUuid, notFound } from '../errors.ts';
import { groupBy } from '../group.ts';
import type { FactStatus } from '../model.ts';
import { assertStorableJson, parseStatus } from '../normalize.ts';
import { type Page, pageWithTotal } from '../paging.ts';
import { genericPlan } from '../plans.ts';
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
    const before = await lockForWrite(trx, 'relation', input.id, input.expectedVersion);
    const patch: Record<string, unknown> = {};
    if (attributes !== undefined) patch.attributes = attributes;
    if (status !== undefined) patch.status = status;
    return updateLocked(trx, context, 'relation', before, patch);
  });
}

export function deleteRelation(
  executor: Executor,
  context: WriteContext,
  input: { id: string; expectedVersion: number },
) {
  return deleteCitedFact(executor, context, 'relation', input);
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
  /** Count every edge of each entity (for totalCount and hasNextPage); otherwise only the page is read. */
  count?: boolean;
  /** Read the other ends' typed columns too (the query asks for one of them). */
  details?: boolean;
  /**
   * Read only what edges to named entities need, when the query asks for nothing more: the relation's id,
   * predicate and direction (its attributes when `attributes`), the other end's id, kind and name. Their other
   * columns are left empty (null), so such rows are not for loaders' caches (`partial`).
   */
  slim?: { attributes: boolean };
}

/** A relation as seen from one of its ends. */
export type RelationView = RelationRow & {
  /** The entity the relation was reached from. */
  viewpoint: string;
  direction: 'OUT' | 'IN';
  other_id: string;
  /** Edges of the viewpoint in all pages; -1 when they were not counted. */
  total_count: number;
  /** The entity at the other end, when the query read it anyway. */
  other?: EntityRow;
  /** Its typed columns, when they were read. */
  otherDetails?: Details;
  /** Read slim (RelationPageArgs.slim): only the columns the query asked for are filled. */
  partial?: boolean;
};

/** The relation's own columns of a row that holds more (built field by field: faster than a rest spread). */
const relationOf = (row: RelationRow): RelationRow => ({
  id: row.id,
  predicate: row.predicate,
  from_id: row.from_id,
  from_kind: row.from_kind,
  to_id: row.to_id,
  to_kind: row.to_kind,
  attributes: row.attributes,
  status: row.status,
  version: row.version,
  created_at: row.created_at,
  updated_at: row.updated_at,
});

/** The other end's entity columns, as loadRelationPages reads them. */
type OtherColumns = {
  [K in keyof EntityRow as K extends 'id' ? never : `other_${K & string}`]: EntityRow[K];
} & { other_detail_row: Record<string, unknown> | null };

/**
 * One page of relations for each of many entities, in one statement: a LATERAL subquery per entity pages its
 * own relations in key order (predicate, direction, relation id), which the (from_id, predicate, id) and
 * (to_id, predicate, id) indexes give without sorting, so a page of ten reads about ten edges however many the
 * entity has. Edges are counted only when `count` asks for it.
 */
export async function loadRelationPages(
  db: Executor,
  entityIds: readonly string[],
  args: RelationPageArgs,
): Promise<Map<string, RelationView[]>> {
  const map = new Map<string, RelationView[]>();
  const ids = entityIds.filter(isUuid);
  if (ids.length === 0) return map;
  const predicates = args.predicates?.length ? [...new Set(args.predicates)] : null;
  const statuses = args.statuses?.length ? [...args.statuses] : ['published'];
  const visible = [...(args.visibility ?? PUBLIC_VISIBILITY)];
  // one predicate is an equality, which lets the index return the edges in id order
  const predicate =
    predicates === null
      ? sql`true`
      : predicates.length === 1
        ? sql`r.predicate = ${predicates[0]}`
        : sql`r.predicate = any(${predicates}::text[])`;
  const side = (direction: 'OUT' | 'IN') => {
    const [near, far] = direction === 'OUT' ? ['from_id', 'to_id'] : ['to_id', 'from_id'];
    if (args.slim) {
      return sql`
      select r.id, r.predicate, ${args.slim.attributes ? sql`r.attributes` : sql`null::jsonb`} as attributes,
        ${sql.lit(direction)}::text as direction, r.${sql.raw(far)} as other_id, o.kind as other_kind,
        o.name as other_name
      from relation r
      join entity o on o.id = r.${sql.raw(far)} and o.status = any(${visible}::text[])
      where r.${sql.raw(near)} = p.id and ${predicate} and r.status = any(${statuses}::text[])`;
    }
    return sql`
      select r.*, ${sql.lit(direction)}::text as direction, r.${sql.raw(far)} as other_id, o.kind as other_kind,
        o.name as other_name, o.status as other_status, o.version as other_version, o.created_at as other_created_at,
        o.updated_at as other_updated_at, o.superseded_by as other_superseded_by
      from relation r
      join entity o on o.id = r.${sql.raw(far)} and o.status = any(${visible}::text[])
      where r.${sql.raw(near)} = p.id and ${predicate} and r.status = any(${statuses}::text[])`;
  };
  const edges =
    args.direction === 'BOTH'
      ? sql`${side('OUT')} union all ${side('IN')}`
      : side(args.direction === 'OUT' ? 'OUT' : 'IN');
  const total = args.count ? sql`count(*) over ()::int` : sql`-1`;
  const { rows } = await sql<RelationView & OtherColumns>`
    select ${genericPlan} page.*, ${args.details ? detailRowOf('page', 'other_kind', 'other_id') : sql`null`} as other_detail_row,
      p.id as viewpoint
    from unnest(${ids}::uuid[]) as p(id)
    cross join lateral (
      select e.*, ${total} as total_count
      from (${edges}) e
      order by e.predicate, e.direction desc, e.id
      limit ${args.limit} offset ${args.offset}
    ) page`.execute(db);
  if (args.slim) return groupBy(rows.map(slimView), (row) => row.viewpoint);
  // built field by field (no spread): this runs for every edge of every page
  const views = rows.map(
    (row): RelationView =>
      Object.assign(relationOf(row), {
        viewpoint: row.viewpoint,
        direction: row.direction,
        other_id: row.other_id,
        total_count: row.total_count,
        otherDetails: args.details ? (row.other_detail_row ? detailsFromRow(row.other_detail_row) : {}) : undefined,
        other: {
          id: row.other_id,
          kind: row.other_kind,
          name: row.other_name,
          status: row.other_status,
          version: row.other_version,
          created_at: row.other_created_at,
          updated_at: row.other_updated_at,
          superseded_by: row.other_superseded_by,
        },
      }),
  );
  return groupBy(views, (row) => row.viewpoint);
}

/** A slim row (RelationPageArgs.slim) as a view: its ends' ids follow from the viewpoint and the direction. */
const slimView = (row: RelationView & OtherColumns): RelationView => {
  const out = row.direction === 'OUT';
  const empty = null as never;
  return {
    id: row.id,
    predicate: row.predicate,
    from_id: out ? row.viewpoint : row.other_id,
    from_kind: out ? empty : row.other_kind,
    to_id: out ? row.other_id : row.viewpoint,
    to_kind: out ? row.other_kind : empty,
    attributes: row.attributes,
    status: empty,
    version: empty,
    created_at: empty,
    updated_at: empty,
    viewpoint: row.viewpoint,
    direction: row.direction,
    other_id: row.other_id,
    total_count: row.total_count,
    partial: true,
    other: {
      id: row.other_id,
      kind: row.other_kind,
      name: row.other_name,
      status: empty,
      version: empty,
      created_at: empty,
      updated_at: empty,
      superseded_by: empty,
    },
  };
};

/** One typed field's question: the entities `predicate` links `id` to, in `direction`. */
export interface RelatedKey {
  id: string;
  predicate: string;
  direction: 'OUT' | 'IN';
  /** Read the other end's typed columns too (the query asks for one of them). */
  details?: boolean;
  /**
   * Read only the other end's id, kind and name and the relation's ends and attributes (the query asks for
   * nothing else of their rows): see partialEntity.
   */
  slim?: boolean;
}

export interface RelatedRow {
  entity: EntityRow;
  relation: RelationRow;
  /** The entity's typed columns, when the key asked for them. */
  details?: Details;
  /** Read slim (RelatedKey.slim): the entity is a partialEntity, the relation has no status, version or times. */
  partial?: boolean;
}

/**
 * What an entity read slim lacks: reading one of these columns is a mistake in the code that asked for a slim
 * read, and fails loudly instead of answering null.
 */
const PARTIAL_ENTITY: object = Object.create(
  null,
  Object.fromEntries(
    ['status', 'version', 'created_at', 'updated_at', 'superseded_by'].map((column) => [
      column,
      {
        get() {
          throw new Error(`an entity read with its id, kind and name only has no ${column}`);
        },
      },
    ]),
  ),
);

/** An entity row with its id, kind and name only (its other columns throw when read). */
export const partialEntity = (id: string, kind: EntityRow['kind'], name: string): EntityRow =>
  Object.assign(Object.create(PARTIAL_ENTITY), { id, kind, name });

/** The entity columns loadRelatedByKey reads, prefixed so that they do not clash with the relation's. */
type EntityColumns = { [K in keyof EntityRow as `e_${K & string}`]: EntityRow[K] };

type KeyColumns = { index: number; details: boolean; detail_row: Details | null };
type WholeRow = RelationRow & EntityColumns & KeyColumns;
type SlimRow = Pick<RelationRow, 'id' | 'predicate' | 'from_id' | 'from_kind' | 'to_id' | 'to_kind' | 'attributes'> &
  Pick<EntityColumns, 'e_id' | 'e_kind' | 'e_name'> &
  KeyColumns;

const reviveRelated = reviveTimestamps<WholeRow>('created_at', 'updated_at', 'e_created_at', 'e_updated_at');
const asSlimRow = (row: Record<string, unknown>) => row as SlimRow;

const WHOLE_COLUMNS = sql`r.*, e.id as e_id, e.kind as e_kind, e.name as e_name, e.status as e_status,
  e.version as e_version, e.created_at as e_created_at, e.updated_at as e_updated_at,
  e.superseded_by as e_superseded_by`;
const SLIM_COLUMNS = sql`r.id, r.predicate, r.from_id, r.from_kind, r.to_id, r.to_kind, r.attributes,
  e.id as e_id, e.kind as e_kind, e.name as e_name`;

/** The rows answering some of the keys (each with its index among all keys), with the given columns. */
function relatedSelect<T>(asked: Array<RelatedKey & { index: number }>, columns: typeof WHOLE_COLUMNS) {
  const side = (direction: 'OUT' | 'IN') => {
    const mine = asked.filter((k) => k.direction === direction);
    const [near, far] = direction === 'OUT' ? ['from_id', 'to_id'] : ['to_id', 'from_id'];
    return sql`
      select k.index, k.details, ${columns}
      from unnest(${mine.map((k) => k.id)}::uuid[], ${mine.map((k) => k.predicate)}::text[],
        ${mine.map((k) => k.index)}::int[], ${mine.map((k) => k.details ?? false)}::bool[])
        as k(id, predicate, index, details)
      join relation r on r.${sql.raw(near)} = k.id and r.predicate = k.predicate
      join entity e on e.id = r.${sql.raw(far)}
      where r.status = 'published' and e.status = 'published'`;
  };
  const directions = (['OUT', 'IN'] as const).filter((d) => asked.some((k) => k.direction === d));
  return sql<T>`
    select a.*, case when a.details then ${detailRowOf('a', 'e_kind', 'e_id')} end as detail_row
    from (${sql.join(directions.map(side), sql` union all `)}) a
    order by a.index, a.e_name, a.e_id`;
}

const detailsOf = (row: KeyColumns) =>
  row.details ? (row.detail_row ? detailsFromRow(row.detail_row) : {}) : undefined;

/**
 * The answers to many typed fields' questions at once (an occupation's titles, skills and credentials, for a
 * page of occupations), in one statement, each with the other end's details when asked. Published facts only:
 * typed fields state facts, and drafts (proposals awaiting review) and retired facts are not among them. Each
 * answer is in the other end's name order. Slim keys are read with fewer columns, beside the others.
 */
export async function loadRelatedByKey(reader: Reader, keys: readonly RelatedKey[]): Promise<RelatedRow[][]> {
  const answers: RelatedRow[][] = keys.map(() => []);
  const asked = keys.flatMap((key, index) => (isUuid(key.id) ? [{ ...key, index }] : []));
  const slim = asked.filter((key) => key.slim);
  const whole = asked.filter((key) => !key.slim);
  const [slimRows, wholeRows] = await Promise.all([
    slim.length ? selectRows(reader, relatedSelect<SlimRow>(slim, SLIM_COLUMNS), asSlimRow) : [],
    whole.length ? selectRows(reader, relatedSelect<WholeRow>(whole, WHOLE_COLUMNS), reviveRelated) : [],
  ]);
  for (const row of wholeRows) {
    answers[row.index].push({
      entity: {
        id: row.e_id,
        kind: row.e_kind,
        name: row.e_name,
        status: row.e_status,
        version: row.e_version,
        created_at: row.e_created_at,
        updated_at: row.e_updated_at,
        superseded_by: row.e_superseded_by,
      },
      relation: relationOf(row),
      details: detailsOf(row),
    });
  }
  const empty = null as never;
  for (const row of slimRows) {
    answers[row.index].push({
      entity: partialEntity(row.e_id, row.e_kind, row.e_name),
      relation: {
        id: row.id,
        predicate: row.predicate,
        from_id: row.from_id,
        from_kind: row.from_kind,
        to_id: row.to_id,
        to_kind: row.to_kind,
        attributes: row.attributes,
        status: empty,
        version: empty,
        created_at: empty,
        updated_at: empty,
      },
      details: detailsOf(row),
      partial: true,
    });
  }
  return answers;
}

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
