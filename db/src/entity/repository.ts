import type { Transaction } from 'kysely';
import { dbOf, type Reader, reviveTimestamps, selectRows } from '../batch.ts';
import { recordChanges } from '../change-log/repository.ts';
import { type CitationInput, deleteCitationsOf, insertCitations } from '../citation/repository.ts';
import type { Executor } from '../connect.ts';
import { badInput, isUuid, notFound } from '../errors.ts';
import { insertLabels, type LabelInput } from '../label/repository.ts';
import { anyOf } from '../lookup.ts';
import { ENTITY_KINDS, type EntityKind, type FactStatus } from '../model.ts';
import { normalizeText, parseStatus } from '../normalize.ts';
import type { Database, EntityRow } from '../tables.ts';
import { inTransaction, type WriteContext } from '../transaction.ts';
import { lockForWrite, updateLocked } from '../versioned.ts';
import { type Details, insertDetails, loadDetails, parseDetails, updateDetails } from './details.ts';

export const ENTITY_NAME_MAX = 500;

export interface CreateEntityInput {
  kind: string;
  name: string;
  status?: FactStatus;
  details?: Details;
  labels?: LabelInput[];
  citations?: CitationInput[];
}

export interface UpdateEntityInput {
  id: string;
  expectedVersion: number;
  name?: string;
  status?: FactStatus;
  details?: Details;
}

export function assertKind(kind: string): EntityKind {
  if (!(ENTITY_KINDS as readonly string[]).includes(kind)) {
    throw badInput(`unknown entity kind "${kind}"; known kinds: ${ENTITY_KINDS.join(', ')}`, { field: 'kind' });
  }
  return kind as EntityKind;
}

export function createEntity(executor: Executor, context: WriteContext, input: CreateEntityInput) {
  const kind = assertKind(input.kind);
  const name = normalizeText(input.name, 'name', ENTITY_NAME_MAX);
  const status = parseStatus(input.status) ?? 'published';
  const details = parseDetails(kind, input.details, false);
  return inTransaction(executor, async (trx) => {
    await assertUniqueName(trx, kind, name);
    const entity = await trx
      .insertInto('entity')
      .values({ kind, name, status })
      .returningAll()
      .executeTakeFirstOrThrow();
    await insertDetails(trx, kind, entity.id, details);
    await recordChanges(trx, context);
    await insertLabels(trx, context, entity.id, [{ text: name, type: 'preferred' }, ...(input.labels ?? [])]);
    await insertCitations(trx, context, { type: 'entity', id: entity.id }, input.citations ?? []);
    return entity;
  });
}

export function updateEntity(executor: Executor, context: WriteContext, input: UpdateEntityInput) {
  const status = parseStatus(input.status);
  const name = input.name === undefined ? undefined : normalizeText(input.name, 'name', ENTITY_NAME_MAX);
  return inTransaction(executor, async (trx) => {
    const before = await lockForWrite(trx, 'entity', input.id, input.expectedVersion);
    if (name !== undefined && name.toLowerCase() !== before.name.toLowerCase()) {
      await assertUniqueName(trx, before.kind, name, before.id);
    }
    const details = input.details === undefined ? {} : parseDetails(before.kind, input.details, true);
    const detailsBefore = (await loadDetails(trx, before.kind, [before.id])).get(before.id) ?? {};
    await updateDetails(trx, before.kind, before.id, details);
    const patch: Record<string, unknown> = {};
    if (name !== undefined) patch.name = name;
    if (status !== undefined) patch.status = status;
    const detailsAfter = { ...detailsBefore, ...details };
    const after = await updateLocked(trx, context, 'entity', before, patch);
    if (name !== undefined && name !== before.name) await renamePreferredLabel(trx, context, before.id, name);
    return { ...after, details: detailsAfter };
  });
}

async function renamePreferredLabel(trx: Transaction<Database>, context: WriteContext, entityId: string, name: string) {
  const label = await trx
    .selectFrom('label')
    .selectAll()
    .where('entity_id', '=', entityId)
    .where('type', '=', 'preferred')
    .where('language', '=', 'en')
    .forUpdate()
    .executeTakeFirst();
  if (!label) {
    await insertLabels(trx, context, entityId, [{ text: name, type: 'preferred' }]);
    return;
  }
  // A label with the new text may already exist as an alternate: the old name takes its place.
  const clash = await trx
    .selectFrom('label')
    .selectAll()
    .where('entity_id', '=', entityId)
    .where('language', '=', 'en')
    .where((eb) => eb(eb.fn('lower', ['text']), '=', name.toLowerCase()))
    .where('id', '<>', label.id)
    .executeTakeFirst();
  if (clash) {
    await deleteCitationsOf(trx, context, 'label', [clash.id]);
    await trx.deleteFrom('label').where('id', '=', clash.id).execute();
    await recordChanges(trx, context);
  }
  await updateLocked(trx, context, 'label', label, { text: name });
}

export function deleteEntity(
  executor: Executor,
  context: WriteContext,
  input: { id: string; expectedVersion: number; retire?: boolean; supersededBy?: string | null },
) {
  if (input.supersededBy != null && !input.retire) {
    throw badInput('supersededBy is for retiring: set retire too', { field: 'supersededBy' });
  }
  return inTransaction(executor, async (trx) => {
    const before = await lockForWrite(trx, 'entity', input.id, input.expectedVersion);
    if (input.retire) {
      await retireEntity(trx, context, before, input.supersededBy ?? null);
      return { id: input.id };
    }
    const { count } = await trx
      .selectFrom('relation')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where((eb) => eb.or([eb('from_id', '=', input.id), eb('to_id', '=', input.id)]))
      .executeTakeFirstOrThrow();
    if (Number(count) > 0) {
      throw badInput(`entity ${input.id} has ${count} relations; delete them first, or retire the entity instead`, {
        relations: Number(count),
      });
    }
    const labels = await trx.selectFrom('label').selectAll().where('entity_id', '=', input.id).execute();
    const observations = await trx.selectFrom('observation').selectAll().where('entity_id', '=', input.id).execute();
    await deleteCitationsOf(
      trx,
      context,
      'label',
      labels.map((l) => l.id),
    );
    await deleteCitationsOf(
      trx,
      context,
      'observation',
      observations.map((o) => o.id),
    );
    await deleteCitationsOf(trx, context, 'entity', [input.id]);
    await trx.deleteFrom('label').where('entity_id', '=', input.id).execute();
    await trx.deleteFrom('observation').where('entity_id', '=', input.id).execute();
    await trx.deleteFrom('entity').where('id', '=', input.id).execute();
    await recordChanges(trx, context);
    return { id: input.id };
  });
}

/**
 * Retires an entity instead of deleting it: it stays (so nothing that names it dangles), marked retired and
 * pointing to its successor, and its relations are retired with it.
 */
async function retireEntity(
  trx: Transaction<Database>,
  context: WriteContext,
  before: EntityRow,
  successorId: string | null,
) {
  if (successorId !== null) {
    if (successorId === before.id) throw badInput('an entity cannot supersede itself', { field: 'supersededBy' });
    const successor = isUuid(successorId)
      ? await trx.selectFrom('entity').select(['id', 'kind', 'status']).where('id', '=', successorId).executeTakeFirst()
      : undefined;
    if (!successor) throw notFound('entity', successorId);
    if (successor.kind !== before.kind || successor.status === 'retired') {
      throw badInput(`the successor must be a live ${before.kind}`, { field: 'supersededBy' });
    }
  }
  const relations = await trx
    .selectFrom('relation')
    .selectAll()
    .where((eb) => eb.or([eb('from_id', '=', before.id), eb('to_id', '=', before.id)]))
    .where('status', '<>', 'retired')
    .forUpdate()
    .execute();
  for (const relation of relations) {
    await updateLocked(trx, context, 'relation', relation, { status: 'retired' });
  }
  await updateLocked(trx, context, 'entity', before, {
    status: 'retired',
    superseded_by: successorId,
  });
}

/** Another live entity of the kind already has this name: two would split its facts. */
async function assertUniqueName(trx: Executor, kind: EntityKind, name: string, exceptId?: string) {
  let query = trx
    .selectFrom('entity')
    .select('id')
    .where('kind', '=', kind)
    .where('status', '<>', 'retired')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()));
  if (exceptId) query = query.where('id', '<>', exceptId);
  const clash = await query.executeTakeFirst();
  if (clash) {
    throw badInput(`a ${kind} named "${name}" already exists`, { field: 'name', duplicateOf: clash.id });
  }
}

export async function getEntities(reader: Reader, ids: readonly string[]): Promise<Map<string, EntityRow>> {
  const valid = ids.filter(isUuid);
  const map = new Map<string, EntityRow>();
  if (valid.length === 0) return map;
  const query = dbOf(reader).selectFrom('entity').selectAll().where('id', '=', anyOf(valid, 'uuid'));
  const rows = await selectRows(reader, query, reviveTimestamps<EntityRow>('created_at', 'updated_at'));
  for (const row of rows) map.set(row.id, row);
  return map;
}
