import type { Transaction } from 'kysely';
import { dbOf, type Reader, reviveTimestamps, selectRows } from '../batch.ts';
import { recordChanges } from '../change-log/repository.ts';
import { type CitationInput, deleteCitedFact, insertCitations } from '../citation/repository.ts';
import type { Executor } from '../connect.ts';
import { badInput, isUuid, notFound } from '../errors.ts';
import { groupBy } from '../group.ts';
import { anyOf } from '../lookup.ts';
import { LABEL_TYPES, type LabelType } from '../model.ts';
import { normalizeText } from '../normalize.ts';
import type { Database, LabelRow } from '../tables.ts';
import { inTransaction, type WriteContext } from '../transaction.ts';
import { lockForWrite, updateLocked } from '../versioned.ts';
import { PUBLIC_VISIBILITY, type Visibility } from '../visibility.ts';

export interface LabelInput {
  text: string;
  type: LabelType;
  language?: string;
  sourceId?: string | null;
}

const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/;

function parseLabel(input: LabelInput) {
  if (!(LABEL_TYPES as readonly string[]).includes(input.type)) {
    throw badInput(`unknown label type "${input.type}"; known types: ${LABEL_TYPES.join(', ')}`, { field: 'type' });
  }
  const language = input.language ?? 'en';
  if (!LANGUAGE.test(language)) throw badInput(`"${language}" is not a language tag such as en or en-US`);
  if (input.sourceId != null && !isUuid(input.sourceId)) throw notFound('source', input.sourceId);
  return {
    text: normalizeText(input.text, 'label text'),
    type: input.type,
    language,
    source_id: input.sourceId ?? null,
  };
}

/**
 * Adds labels to an entity. A text the entity already has in that language (ignoring case) is refused:
 * duplicates would only split the citations of one name.
 */
export async function insertLabels(
  trx: Transaction<Database>,
  context: WriteContext,
  entityId: string,
  inputs: readonly LabelInput[],
): Promise<LabelRow[]> {
  if (inputs.length === 0) return [];
  const values = inputs.map(parseLabel);
  const seen = new Set<string>();
  for (const v of values) {
    const key = `${v.language}\u0000${v.text.toLowerCase()}`;
    if (seen.has(key)) throw badInput(`label "${v.text}" is given twice`);
    seen.add(key);
  }
  const existing = await trx
    .selectFrom('label')
    .select(['text', 'language'])
    .where('entity_id', '=', entityId)
    .execute();
  const clash = values.find((v) =>
    existing.some((e) => e.language === v.language && e.text.toLowerCase() === v.text.toLowerCase()),
  );
  if (clash) throw badInput(`the entity already has the label "${clash.text}"`, { field: 'text' });
  const rows = await trx
    .insertInto('label')
    .values(values.map((v) => ({ ...v, entity_id: entityId })))
    .returningAll()
    .execute();
  if (rows.length > 0) await recordChanges(trx, context);
  return rows;
}

export function createLabel(
  executor: Executor,
  context: WriteContext,
  input: LabelInput & { entityId: string; citations?: CitationInput[] },
): Promise<LabelRow> {
  return inTransaction(executor, async (trx) => {
    if (!isUuid(input.entityId)) throw notFound('entity', input.entityId);
    const entity = await trx
      .selectFrom('entity')
      .select('id')
      .where('id', '=', input.entityId)
      .forUpdate()
      .executeTakeFirst();
    if (!entity) throw notFound('entity', input.entityId);
    if (input.type === 'preferred') {
      throw badInput('an entity has one preferred label, its name: rename the entity to change it');
    }
    const [row] = await insertLabels(trx, context, input.entityId, [input]);
    await insertCitations(trx, context, { type: 'label', id: row.id }, input.citations ?? []);
    return row;
  });
}

export function updateLabel(
  executor: Executor,
  context: WriteContext,
  input: { id: string; expectedVersion: number } & Partial<LabelInput>,
): Promise<LabelRow> {
  return inTransaction(executor, async (trx) => {
    const before = await lockForWrite(trx, 'label', input.id, input.expectedVersion);
    if (before.type === 'preferred' || input.type === 'preferred') {
      throw badInput('the preferred label is the entity name: rename the entity instead');
    }
    const next = parseLabel({
      text: input.text ?? before.text,
      type: input.type ?? before.type,
      language: input.language ?? before.language,
      sourceId: input.sourceId === undefined ? before.source_id : input.sourceId,
    });
    const clash = await trx
      .selectFrom('label')
      .select('id')
      .where('entity_id', '=', before.entity_id)
      .where('language', '=', next.language)
      .where((eb) => eb(eb.fn('lower', ['text']), '=', next.text.toLowerCase()))
      .where('id', '<>', before.id)
      .executeTakeFirst();
    if (clash) throw badInput(`the entity already has the label "${next.text}"`, { field: 'text' });
    return updateLocked(trx, context, 'label', before, next);
  });
}

export function deleteLabel(executor: Executor, context: WriteContext, input: { id: string; expectedVersion: number }) {
  return deleteCitedFact(executor, context, 'label', input, (before) => {
    if (before.type === 'preferred') throw badInput('the preferred label is the entity name and cannot be deleted');
  });
}

/**
 * The labels of many entities that a reader may see (published ones when `visibility` is omitted), grouped by
 * entity: preferred first, then by type and text.
 */
export async function loadLabels(
  reader: Reader,
  entityIds: readonly string[],
  visibility: Visibility = PUBLIC_VISIBILITY,
) {
  const map = new Map<string, LabelRow[]>();
  if (entityIds.length === 0) return map;
  const query = dbOf(reader)
    .selectFrom('label')
    .selectAll()
    .where('entity_id', '=', anyOf(entityIds, 'uuid'))
    .where('status', '=', anyOf(visibility, 'text'))
    .orderBy('entity_id')
    .orderBy((eb) => eb.case().when('type', '=', 'preferred').then(0).else(1).end())
    .orderBy('type')
    .orderBy('text');
  const rows = await selectRows(reader, query, reviveTimestamps<LabelRow>('created_at', 'updated_at'));
  return groupBy(rows, (row) => row.entity_id);
}
