import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../connect.ts';
import { type Details, loadDetails, parseDetails } from '../../entity/details.ts';
import type { EntityKind, FactStatus } from '../../model.ts';
import { snakeCase } from '../../naming.ts';
import type { EntityRow } from '../../tables.ts';
import { type Citing, type ImportContext, inBatches, insertRows, sameJson, tally } from './batches.ts';
import { addMissingCitations, citationRow, retire } from './facts.ts';

export interface DesiredEntity extends Citing {
  key: string;
  kind: EntityKind;
  name: string;
  details?: Details;
}

/** An entity's key in a namespace, and whether the import made it (and so may rename or retire it). */
interface Known {
  entity_id: string;
  managed: boolean;
}

type KnownKeys = Map<string, Known>;

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
  const known = await knownKeys(ctx, namespace);
  const unmatched = desired.filter((d) => !known.has(d.key));
  if (options.match && unmatched.length > 0) {
    const matched = await options.match(ctx.db, unmatched);
    const rows = [...matched].map(([key, entity_id]) => ({ namespace, key, entity_id, managed: false }));
    await ctx.db.transaction().execute(async (trx) => insertRows(trx, 'external_key', rows));
    for (const row of rows) known.set(row.key, row);
  }

  const fresh = desired.filter((d) => !known.has(d.key));
  await createEntities(ctx, step, namespace, fresh);
  const ids = new Map([...known].map(([key, row]) => [key, row.entity_id]));
  // the batches above committed the new keys
  if (fresh.length) for (const [key, row] of await knownKeys(ctx, namespace)) ids.set(key, row.entity_id);

  await updateEntities(
    ctx,
    step,
    desired.filter((d) => known.has(d.key)),
    known,
  );
  await addMissingCitations(
    ctx,
    step,
    'entity_id',
    desired.map((d) => ({ id: ids.get(d.key)!, citing: d })),
  );

  if (options.retireMissing) {
    const wanted = new Set(desired.map((d) => d.key));
    const gone = [...known].filter(([key, row]) => row.managed && !wanted.has(key)).map(([, row]) => row.entity_id);
    await retire(ctx, step, 'entity', gone);
  }
  return ids;
}

async function knownKeys(ctx: ImportContext, namespace: string): Promise<KnownKeys> {
  const rows = await ctx.db
    .selectFrom('external_key')
    .select(['key', 'entity_id', 'managed'])
    .where('namespace', '=', namespace)
    .execute();
  return new Map(rows.map((row) => [row.key, row]));
}

/** New entities, with their details, preferred label, key and citation. */
async function createEntities(ctx: ImportContext, step: string, namespace: string, fresh: DesiredEntity[]) {
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
    tally(ctx, step).created += batch.length;
  });
}

/** Entities that exist: the importer updates what it owns and fills in what a curator left empty. */
async function updateEntities(ctx: ImportContext, step: string, existing: DesiredEntity[], known: KnownKeys) {
  const counts = tally(ctx, step);
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
}

/** Details as columns; a list (a JSON column) as JSON text for an update's parameter, as itself for insertRows. */
function detailColumns(details: Details, listsAsText = true) {
  return Object.fromEntries(
    Object.entries(details).map(([k, v]) => [snakeCase(k), Array.isArray(v) && listsAsText ? JSON.stringify(v) : v]),
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
  for (const [kind, list] of kinds) {
    for (let i = 0; i < list.length; i += 5000) {
      const details = await loadDetails(db, kind as EntityKind, list.slice(i, i + 5000));
      for (const [id, d] of details) map.get(id)!.details = d;
    }
  }
  return map;
}
