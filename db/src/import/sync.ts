import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { recordChanges } from '../change-log/repository.ts';
import type { Db } from '../connect.ts';
import { type Details, parseDetails } from '../entity/details.ts';
import { factsCreatedBy } from '../history/repository.ts';
import type { EntityKind, FactStatus, LabelType } from '../model.ts';
import type { Database, EntityRow, SourceRow } from '../tables.ts';

/**
 * The engine every importer uses. An importer states what the dataset says (entities by their key in the
 * dataset, labels, relations, observations, each with the line that says it); the engine compares that with
 * the database and writes only the difference, in batches of one transaction each, as the release's own
 * writer (the tables keep every version) and citing the release for every fact. Running it again changes nothing; running it after a kill finishes
 * what the killed run left.
 */

export interface Citing {
  /** Where in the release: file and line. */
  locator: string;
  /** The record as published. */
  quote?: string;
}

export interface DesiredEntity extends Citing {
  key: string;
  kind: EntityKind;
  name: string;
  details?: Details;
}

export interface DesiredLabel extends Citing {
  entityId: string;
  text: string;
  type: Exclude<LabelType, 'preferred'>;
}

export interface DesiredRelation extends Citing {
  fromId: string;
  toId: string;
  attributes?: Record<string, unknown>;
}

export interface DesiredObservation extends Citing {
  entityId: string;
  metric: string;
  value: number;
  unit: string;
  period: string;
  periodStart?: string | null;
  periodEnd?: string | null;
  geography?: string | null;
  attributes?: Record<string, unknown>;
}

export type Counts = Record<string, { created: number; updated: number; retired: number; unchanged: number }>;

export interface ImportContext {
  db: Db;
  source: SourceRow;
  /** Recorded as the actor of every change. */
  actor: string;
  /** Source keys of every release of this dataset (e.g. all O*NET releases): the facts the importer owns. */
  family: string;
  counts: Counts;
  /** What the import left out of a release and why (records naming concepts the release does not list). */
  notes: string[];
  onProgress?: (step: string, done: number, total: number) => void;
  batchSize?: number;
}

const tally = (ctx: ImportContext, step: string) =>
  (ctx.counts[step] ??= { created: 0, updated: 0, retired: 0, unchanged: 0 });

/**
 * Inserts rows (all with the same columns; JSON columns as values, not text) in one statement with one
 * parameter, the rows as JSON: a statement with thousands of parameters costs more to build, send and bind,
 * above all to the embedded database, which runs in a worker thread.
 */
async function insertRows(trx: Transaction<Database>, table: keyof Database, rows: Record<string, unknown>[]) {
  if (rows.length === 0) return;
  const columns = sql.join(Object.keys(rows[0]).map((c) => sql.ref(c)));
  await sql`
    insert into ${sql.table(table)} (${columns})
    select ${columns} from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::json)`.execute(
    trx,
  );
}

/** Updates rows by id (all with the same columns, as insertRows takes them) in one statement. */
async function updateRows(
  trx: Transaction<Database>,
  table: 'relation' | 'observation',
  rows: Record<string, unknown>[],
) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]).filter((c) => c !== 'id');
  const set = sql.join(columns.map((c) => sql`${sql.ref(c)} = v.${sql.ref(c)}`));
  await sql`
    update ${sql.table(table)} t set ${set}
    from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::json) v
    where t.id = v.id`.execute(trx);
}

/** Runs `work` over `items` in batches, one transaction each. */
async function inBatches<T>(
  ctx: ImportContext,
  step: string,
  items: T[],
  work: (trx: Transaction<Database>, batch: T[]) => Promise<void>,
) {
  const size = ctx.batchSize ?? 2000;
  for (let i = 0; i < items.length; i += size) {
    const batch = items.slice(i, i + size);
    await ctx.db.transaction().execute(async (trx) => {
      await work(trx, batch);
      await recordChanges(trx, { actor: ctx.actor, reason: `import ${ctx.source.key}` });
    });
    ctx.onProgress?.(step, Math.min(i + size, items.length), items.length);
  }
}

function citationRow(ctx: ImportContext, column: string, id: string, citing: Citing) {
  return {
    id: randomUUID(),
    source_id: ctx.source.id,
    [column]: id,
    quote: citing.quote ?? null,
    locator: citing.locator,
    curator: ctx.actor,
    review_status: 'accepted',
  };
}

/** Facts of the given column that already cite this release. */
async function citedByRelease(
  ctx: ImportContext,
  column: 'entity_id' | 'label_id' | 'relation_id' | 'observation_id',
  ids: string[],
) {
  const cited = new Set<string>();
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await ctx.db
      .selectFrom('citation')
      .select(`${column} as id`)
      .where('source_id', '=', ctx.source.id)
      .where(column, 'in', ids.slice(i, i + 5000))
      .execute();
    for (const row of rows) cited.add(row.id as string);
  }
  return cited;
}

async function addMissingCitations(
  ctx: ImportContext,
  step: string,
  column: 'entity_id' | 'label_id' | 'relation_id' | 'observation_id',
  facts: Array<{ id: string; citing: Citing }>,
) {
  const cited = await citedByRelease(
    ctx,
    column,
    facts.map((f) => f.id),
  );
  const missing = facts.filter((f) => !cited.has(f.id));
  await inBatches(ctx, `${step} citations`, missing, async (trx, batch) => {
    const rows = batch.map((f) => citationRow(ctx, column, f.id, f.citing));
    await insertRows(trx, 'citation', rows);
  });
}

/** Inserts new facts with a citation of the release each. */
async function insertCited(
  ctx: ImportContext,
  trx: Transaction<Database>,
  table: 'relation' | 'label' | 'observation',
  rows: Array<{ id: string } & Record<string, unknown>>,
  citing: Citing[],
) {
  await insertRows(trx, table, rows);
  const citations = rows.map((row, i) => citationRow(ctx, `${table}_id`, row.id, citing[i]));
  await insertRows(trx, 'citation', citations);
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Makes the entities of one namespace match `desired`, and returns the entity id of every key.
 * `match` finds entities that exist without this key (made by the seed or a curator) so that they are
 * joined, not duplicated; the importer then adds to them but does not rename them.
 */
export async function syncEntities(
  ctx: ImportContext,
  namespace: string,
  desired: DesiredEntity[],
  options: {
    match?: (db: Db, unmatched: DesiredEntity[]) => Promise<Map<string, string>>;
    retireMissing?: boolean;
  } = {},
): Promise<Map<string, string>> {
  const step = `${namespace} entities`;
  const counts = tally(ctx, step);
  const byKey = new Map(desired.map((d) => [d.key, d]));
  const known = new Map<string, { entity_id: string; managed: boolean }>();
  for (const row of await ctx.db
    .selectFrom('external_key')
    .select(['key', 'entity_id', 'managed'])
    .where('namespace', '=', namespace)
    .execute()) {
    known.set(row.key, row);
  }

  const unmatched = desired.filter((d) => !known.has(d.key));
  if (options.match && unmatched.length > 0) {
    const matched = await options.match(ctx.db, unmatched);
    const rows = [...matched].map(([key, entity_id]) => ({ namespace, key, entity_id, managed: false }));
    await ctx.db.transaction().execute(async (trx) => insertRows(trx, 'external_key', rows));
    for (const row of rows) known.set(row.key, row);
  }

  // New entities, with their details, preferred label, key and citation.
  const fresh = desired.filter((d) => !known.has(d.key));
  await inBatches(ctx, step, fresh, async (trx, batch) => {
    const entities = batch.map((d) => ({ id: randomUUID(), kind: d.kind, name: d.name, status: 'published' }));
    await insertRows(trx, 'entity', entities);
    const byKind = new Map<EntityKind, Record<string, unknown>[]>();
    const labels = [];
    const citations = [];
    for (const [i, d] of batch.entries()) {
      const details = parseDetails(d.kind, d.details ?? {}, false);
      const list = byKind.get(d.kind) ?? [];
      list.push({ entity_id: entities[i].id, ...detailColumns(details, false) });
      byKind.set(d.kind, list);
      labels.push({ id: randomUUID(), entity_id: entities[i].id, text: d.name, type: 'preferred', language: 'en' });
      citations.push(citationRow(ctx, 'entity_id', entities[i].id, d));
    }
    for (const [kind, rows] of byKind) await insertRows(trx, kind, rows);
    await insertRows(trx, 'label', labels);
    await insertRows(
      trx,
      'external_key',
      batch.map((d, i) => ({ namespace, key: d.key, entity_id: entities[i].id, managed: true })),
    );
    await insertRows(trx, 'citation', citations);
    counts.created += batch.length;
  });
  const ids = new Map<string, string>();
  for (const [key, row] of known) ids.set(key, row.entity_id);
  if (fresh.length) {
    // the batches above committed the new keys
    for (const row of await ctx.db
      .selectFrom('external_key')
      .select(['key', 'entity_id'])
      .where('namespace', '=', namespace)
      .execute()) {
      ids.set(row.key, row.entity_id);
    }
  }

  // Entities that exist: the importer updates what it owns and fills in what a curator left empty.
  const existing = desired.filter((d) => known.has(d.key));
  const current = await loadEntitiesWithDetails(
    ctx.db,
    existing.map((d) => known.get(d.key)!.entity_id),
  );
  const changed: Array<{ d: DesiredEntity; id: string; managed: boolean }> = [];
  for (const d of existing) {
    const { entity_id, managed } = known.get(d.key)!;
    const row = current.get(entity_id);
    if (!row) continue;
    const details = parseDetails(d.kind, d.details ?? {}, true);
    const detailsDiffer = Object.entries(details).some(
      ([k, v]) => v !== undefined && !sameJson(row.details[k], v) && (managed || row.details[k] == null),
    );
    const nameDiffers = managed && row.name !== d.name;
    const revive = managed && row.status === 'retired';
    if (detailsDiffer || nameDiffers || revive) changed.push({ d, id: entity_id, managed });
    else counts.unchanged++;
  }
  await inBatches(ctx, `${step} updates`, changed, async (trx, batch) => {
    for (const { d, id, managed } of batch) {
      const row = current.get(id)!;
      const details = parseDetails(d.kind, d.details ?? {}, true);
      const patch = Object.fromEntries(
        Object.entries(details).filter(([k, v]) => v !== undefined && (managed || row.details[k] == null)),
      );
      if (Object.keys(patch).length) {
        await trx
          .updateTable(d.kind as 'occupation')
          .set(detailColumns(patch) as never)
          .where('entity_id', '=', id)
          .execute();
      }
      const name = managed ? d.name : row.name;
      const status = (managed && row.status === 'retired' ? 'published' : row.status) as FactStatus;
      await trx
        .updateTable('entity')
        .set({ name, status, version: row.version + 1, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
      if (name !== row.name) {
        await trx
          .updateTable('label')
          .set({ text: name, version: sql`version + 1`, updated_at: new Date() } as never)
          .where('entity_id', '=', id)
          .where('type', '=', 'preferred')
          .execute();
      }
    }
    counts.updated += batch.length;
  });
  await addMissingCitations(
    ctx,
    step,
    'entity_id',
    desired.map((d) => ({ id: ids.get(d.key)!, citing: d })),
  );

  if (options.retireMissing) {
    const gone = [...known].filter(([key, row]) => row.managed && !byKey.has(key)).map(([, row]) => row.entity_id);
    await retire(ctx, step, 'entity', gone);
  }
  return ids;
}

/** Details as columns; a list (a JSON column) as JSON text for an update's parameter, as itself for insertRows. */
function detailColumns(details: Details, listsAsText = true) {
  return Object.fromEntries(
    Object.entries(details).map(([k, v]) => [
      k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
      Array.isArray(v) && listsAsText ? JSON.stringify(v) : v,
    ]),
  );
}

async function loadEntitiesWithDetails(db: Db, ids: string[]) {
  const map = new Map<string, EntityRow & { details: Details }>();
  const kinds = new Map<string, string[]>();
  for (let i = 0; i < ids.length; i += 5000) {
    for (const row of await db
      .selectFrom('entity')
      .selectAll()
      .where('id', 'in', ids.slice(i, i + 5000))
      .execute()) {
      map.set(row.id, { ...row, details: {} });
      const list = kinds.get(row.kind) ?? [];
      list.push(row.id);
      kinds.set(row.kind, list);
    }
  }
  const { loadDetails } = await import('../entity/details.ts');
  for (const [kind, list] of kinds) {
    for (let i = 0; i < list.length; i += 5000) {
      const details = await loadDetails(db, kind as EntityKind, list.slice(i, i + 5000));
      for (const [id, d] of details) map.get(id)!.details = d;
    }
  }
  return map;
}

/** Sets facts' status to retired (history keeps them; reads skip them). */
async function retire(
  ctx: ImportContext,
  step: string,
  table: 'entity' | 'relation' | 'label' | 'observation',
  ids: string[],
) {
  if (ids.length === 0) return;
  await inBatches(ctx, `${step} retired`, ids, async (trx, batch) => {
    const { numUpdatedRows } = await trx
      .updateTable(table)
      .set({ status: 'retired', version: sql`version + 1`, updated_at: new Date() } as never)
      .where('id', 'in', batch)
      .where('status', '<>', 'retired')
      .executeTakeFirst();
    tally(ctx, step).retired += Number(numUpdatedRows);
  });
}

/**
 * Ids of facts an import of this dataset created: the only ones it may change or retire. A fact the seed or
 * a curator made stays theirs even when the dataset states it too (the dataset then only cites it).
 */
async function ownedFacts(
  ctx: ImportContext,
  factType: 'relation' | 'label' | 'observation',
  ids: string[],
  family = ctx.family,
) {
  const owned = new Set<string>();
  for (let i = 0; i < ids.length; i += 5000) {
    for (const id of await factsCreatedBy(ctx.db, factType, ids.slice(i, i + 5000), `import:${family}%`)) {
      owned.add(id);
    }
  }
  return owned;
}

/**
 * Makes the relations of one predicate from the given entities match `desired`. Relations this dataset
 * made that it no longer states are retired; relations others made are left alone.
 */
export async function syncRelations(
  ctx: ImportContext,
  predicate: string,
  kinds: { from: EntityKind; to: EntityKind },
  desired: DesiredRelation[],
  scope: { fromIds: string[] },
  /**
   * `draft` proposes the relations for review instead of publishing them. A proposal a reviewer has
   * published or rejected (retired) is theirs: later imports neither revive nor retire it.
   */
  options: {
    status?: 'draft';
    /**
     * A dataset that states reviewed links may take over another dataset's drafts of the same link
     * (e.g. the family `esco:` that guessed them): they are published with this release's attributes and
     * citation. Drafts it does not state stay as they are, for a reviewer.
     */
    adoptDraftsOf?: string;
  } = {},
) {
  const proposing = options.status === 'draft';
  const step = `${predicate} relations`;
  const counts = tally(ctx, step);
  const existing = new Map<
    string,
    { id: string; attributes: Record<string, unknown>; status: string; version: number }
  >();
  for (let i = 0; i < scope.fromIds.length; i += 5000) {
    for (const row of await ctx.db
      .selectFrom('relation')
      .select(['id', 'from_id', 'to_id', 'attributes', 'status', 'version'])
      .where('predicate', '=', predicate)
      .where('from_id', 'in', scope.fromIds.slice(i, i + 5000))
      .execute()) {
      existing.set(`${row.from_id}|${row.to_id}`, row);
    }
  }
  const wanted = new Map<string, DesiredRelation>();
  for (const d of desired) if (d.fromId !== d.toId) wanted.set(`${d.fromId}|${d.toId}`, d);

  const fresh = [...wanted.values()].filter((d) => !existing.has(`${d.fromId}|${d.toId}`));
  await inBatches(ctx, step, fresh, async (trx, batch) => {
    const rows = batch.map((d) => ({
      id: randomUUID(),
      predicate,
      from_id: d.fromId,
      from_kind: kinds.from,
      to_id: d.toId,
      to_kind: kinds.to,
      attributes: d.attributes ?? {},
      status: proposing ? 'draft' : 'published',
    }));
    await insertCited(ctx, trx, 'relation', rows, batch);
    counts.created += batch.length;
  });

  const kept = [...wanted.values()].filter((d) => existing.has(`${d.fromId}|${d.toId}`));
  const keptIds = kept.map((d) => existing.get(`${d.fromId}|${d.toId}`)!.id);
  const owned = await ownedFacts(ctx, 'relation', keptIds);
  const adoptable = options.adoptDraftsOf
    ? await ownedFacts(ctx, 'relation', keptIds, options.adoptDraftsOf)
    : new Set<string>();
  const changed = kept.filter((d) => {
    const row = existing.get(`${d.fromId}|${d.toId}`)!;
    if (adoptable.has(row.id) && row.status === 'draft' && !proposing) return true;
    if (!owned.has(row.id)) return false;
    if (proposing) return row.status === 'draft' && !sameJson(sortKeys(row.attributes), sortKeys(d.attributes ?? {}));
    return row.status === 'retired' || !sameJson(sortKeys(row.attributes), sortKeys(d.attributes ?? {}));
  });
  counts.unchanged += kept.length - changed.length;
  await inBatches(ctx, `${step} updates`, changed, async (trx, batch) => {
    const updatedAt = new Date();
    await updateRows(
      trx,
      'relation',
      batch.map((d) => {
        const row = existing.get(`${d.fromId}|${d.toId}`)!;
        const status = proposing ? 'draft' : 'published';
        return { id: row.id, attributes: d.attributes ?? {}, status, version: row.version + 1, updated_at: updatedAt };
      }),
    );
    counts.updated += batch.length;
  });
  await addMissingCitations(
    ctx,
    step,
    'relation_id',
    [...wanted.values()]
      .map((d) => ({ id: existing.get(`${d.fromId}|${d.toId}`)?.id ?? '', citing: d }))
      .filter((f) => f.id),
  );

  const stale = [...existing]
    .filter(([key, row]) => !wanted.has(key) && (proposing ? row.status === 'draft' : row.status !== 'retired'))
    .map(([, row]) => row.id);
  const ownedStale = await ownedFacts(ctx, 'relation', stale);
  await retire(ctx, step, 'relation', [...ownedStale]);
}

const industryOf = (attributes: unknown) => {
  const code = (attributes as { naicsCode?: unknown } | null | undefined)?.naicsCode;
  return typeof code === 'string' ? code : '';
};

/** Keys in one order at every depth: jsonb keeps its own order of keys, so JSON text compares only so. */
const sortKeys = (value: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, sortDeep(v)]),
  );
const sortDeep = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(sortDeep)
    : value && typeof value === 'object'
      ? sortKeys(value as Record<string, unknown>)
      : value;

/** Adds labels the dataset states; labels it stated before and no longer does are retired. */
export async function syncLabels(
  ctx: ImportContext,
  step: string,
  desired: DesiredLabel[],
  scope: { entityIds: string[]; types: LabelType[] },
) {
  const counts = tally(ctx, step);
  const existing = new Map<string, { id: string; status: string; type: string }>();
  for (let i = 0; i < scope.entityIds.length; i += 5000) {
    for (const row of await ctx.db
      .selectFrom('label')
      .select(['id', 'entity_id', 'text', 'language', 'status', 'type'])
      .where('entity_id', 'in', scope.entityIds.slice(i, i + 5000))
      .execute()) {
      existing.set(`${row.entity_id}|${row.language}|${row.text.toLowerCase()}`, row);
    }
  }
  const wanted = new Map<string, DesiredLabel>();
  for (const d of desired) wanted.set(`${d.entityId}|en|${d.text.toLowerCase()}`, d);
  const fresh = [...wanted].filter(([key]) => !existing.has(key)).map(([, d]) => d);
  await inBatches(ctx, step, fresh, async (trx, batch) => {
    const rows = batch.map((d) => ({
      id: randomUUID(),
      entity_id: d.entityId,
      text: d.text,
      type: d.type,
      language: 'en',
    }));
    await insertCited(ctx, trx, 'label', rows, batch);
    counts.created += batch.length;
  });
  counts.unchanged += wanted.size - fresh.length;
  await addMissingCitations(
    ctx,
    step,
    'label_id',
    [...wanted].filter(([key]) => existing.has(key)).map(([key, d]) => ({ id: existing.get(key)!.id, citing: d })),
  );
  const stale = [...existing]
    .filter(([key, row]) => !wanted.has(key) && row.status !== 'retired' && scope.types.includes(row.type as LabelType))
    .map(([, row]) => row.id);
  await retire(ctx, step, 'label', [...(await ownedFacts(ctx, 'label', stale))]);
}

/**
 * Makes this release's observations match `desired`, keyed by entity, metric, period, geography and, for
 * figures of one industry, its NAICS code (`attributes.naicsCode`).
 */
export async function syncObservations(ctx: ImportContext, step: string, desired: DesiredObservation[]) {
  const counts = tally(ctx, step);
  const key = (o: {
    entityId: string;
    metric: string;
    period: string;
    geography?: string | null;
    attributes?: unknown;
  }) => `${o.entityId}|${o.metric}|${o.period}|${o.geography ?? ''}|${industryOf(o.attributes)}`;
  const existing = new Map<
    string,
    { id: string; value: number; attributes: Record<string, unknown>; version: number; status: string }
  >();
  for (const row of await ctx.db
    .selectFrom('observation')
    .select(['id', 'entity_id', 'metric', 'period', 'geography', 'value', 'attributes', 'version', 'status'])
    .where('source_id', '=', ctx.source.id)
    .execute()) {
    existing.set(
      key({
        entityId: row.entity_id,
        metric: row.metric,
        period: row.period,
        geography: row.geography,
        attributes: row.attributes,
      }),
      row,
    );
  }
  const wanted = new Map(desired.map((d) => [key(d), d]));
  const fresh = [...wanted].filter(([k]) => !existing.has(k)).map(([, d]) => d);
  await inBatches(ctx, step, fresh, async (trx, batch) => {
    const rows = batch.map((d) => ({
      id: randomUUID(),
      entity_id: d.entityId,
      metric: d.metric,
      value: d.value,
      unit: d.unit,
      period: d.period,
      period_start: d.periodStart ?? null,
      period_end: d.periodEnd ?? null,
      geography: d.geography ?? null,
      source_id: ctx.source.id,
      attributes: d.attributes ?? {},
      status: 'published',
    }));
    await insertCited(ctx, trx, 'observation', rows, batch);
    counts.created += batch.length;
  });
  const changed = [...wanted].filter(([k, d]) => {
    const row = existing.get(k);
    return (
      row &&
      (row.value !== d.value ||
        row.status === 'retired' ||
        !sameJson(sortKeys(row.attributes), sortKeys(d.attributes ?? {})))
    );
  });
  counts.unchanged += wanted.size - fresh.length - changed.length;
  await inBatches(ctx, `${step} updates`, changed, async (trx, batch) => {
    const updatedAt = new Date();
    await updateRows(
      trx,
      'observation',
      batch.map(([k, d]) => ({
        id: existing.get(k)!.id,
        value: d.value,
        attributes: d.attributes ?? {},
        status: 'published',
        version: existing.get(k)!.version + 1,
        updated_at: updatedAt,
      })),
    );
    counts.updated += batch.length;
  });
  const stale = [...existing].filter(([k, row]) => !wanted.has(k) && row.status !== 'retired').map(([, row]) => row.id);
  await retire(ctx, step, 'observation', stale);
}
