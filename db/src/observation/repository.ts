import { dbOf, type Reader, reviveTimestamps, selectRows } from '../batch.ts';
import { recordChanges } from '../change-log/repository.ts';
import { type CitationInput, deleteCitedFact, insertCitations } from '../citation/repository.ts';
import type { Executor } from '../connect.ts';
import { badInput, isUuid, notFound } from '../errors.ts';
import { groupBy } from '../group.ts';
import { anyOf } from '../lookup.ts';
import { assertStorableJson, normalizeOptionalText, normalizeText } from '../normalize.ts';
import { type Page, pageWithTotal } from '../paging.ts';
import type { ObservationRow } from '../tables.ts';
import { inTransaction, type WriteContext } from '../transaction.ts';
import { lockForWrite, updateLocked } from '../versioned.ts';
import { PUBLIC_VISIBILITY, showsDrafts, type Visibility } from '../visibility.ts';

const NO_ID = '00000000-0000-0000-0000-000000000000';

export interface ObservationInput {
  entityId: string;
  metric: string;
  value: number;
  unit?: string;
  period: string;
  periodStart?: string | null;
  periodEnd?: string | null;
  geography?: string | null;
  sourceId?: string | null;
  attributes?: Record<string, unknown> | null;
  citations?: CitationInput[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(value: string | null | undefined, field: string) {
  if (value === undefined || value === null) return value;
  if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(value)))
    throw badInput(`${field} must be a date like 2024-05-31`);
  return value;
}

async function metricUnit(trx: Executor, metric: string, unit: string | undefined) {
  const row = await trx.selectFrom('metric').select(['name', 'unit']).where('name', '=', metric).executeTakeFirst();
  if (!row) throw badInput(`unknown metric "${metric}"`, { field: 'metric' });
  if (unit !== undefined && unit !== row.unit) {
    throw badInput(`metric "${metric}" is measured in ${row.unit}, not ${unit}`, { field: 'unit' });
  }
  return row.unit;
}

function parseValue(value: number) {
  if (!Number.isFinite(value)) throw badInput('value must be a finite number', { field: 'value' });
  return value;
}

function parseAttributes(attributes: Record<string, unknown> | null | undefined) {
  if (attributes === undefined) return undefined;
  assertStorableJson(attributes, 'attributes');
  const json = JSON.stringify(attributes ?? {});
  if (json.length > 10_000) throw badInput('attributes are larger than 10,000 characters');
  return json;
}

export function createObservation(executor: Executor, context: WriteContext, input: ObservationInput) {
  const period = normalizeText(input.period, 'period', 100);
  const value = parseValue(input.value);
  const periodStart = parseDate(input.periodStart, 'periodStart');
  const periodEnd = parseDate(input.periodEnd, 'periodEnd');
  if (periodStart && periodEnd && periodEnd < periodStart) throw badInput('periodEnd is before periodStart');
  return inTransaction(executor, async (trx) => {
    if (!isUuid(input.entityId)) throw notFound('entity', input.entityId);
    const entity = await trx.selectFrom('entity').select('id').where('id', '=', input.entityId).executeTakeFirst();
    if (!entity) throw notFound('entity', input.entityId);
    if (input.sourceId != null) {
      const source = isUuid(input.sourceId)
        ? await trx.selectFrom('source').select('id').where('id', '=', input.sourceId).executeTakeFirst()
        : undefined;
      if (!source) throw notFound('source', input.sourceId);
    }
    const unit = await metricUnit(trx, input.metric, input.unit);
    const row = await trx
      .insertInto('observation')
      .values({
        entity_id: input.entityId,
        metric: input.metric,
        value,
        unit,
        period,
        period_start: periodStart ?? null,
        period_end: periodEnd ?? null,
        geography: normalizeOptionalText(input.geography, 'geography', 200) ?? null,
        source_id: input.sourceId ?? null,
        attributes: parseAttributes(input.attributes) ?? '{}',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordChanges(trx, context);
    await insertCitations(trx, context, { type: 'observation', id: row.id }, input.citations ?? []);
    return row;
  });
}

export function updateObservation(
  executor: Executor,
  context: WriteContext,
  input: { id: string; expectedVersion: number } & Partial<Omit<ObservationInput, 'entityId' | 'citations'>>,
) {
  return inTransaction(executor, async (trx) => {
    const before = await lockForWrite(trx, 'observation', input.id, input.expectedVersion);
    const patch: Record<string, unknown> = {};
    if (input.metric !== undefined || input.unit !== undefined) {
      patch.metric = input.metric ?? before.metric;
      patch.unit = await metricUnit(
        trx,
        patch.metric as string,
        input.unit ?? (input.metric ? undefined : before.unit),
      );
    }
    if (input.value !== undefined) patch.value = parseValue(input.value);
    if (input.period !== undefined) patch.period = normalizeText(input.period, 'period', 100);
    if (input.periodStart !== undefined) patch.period_start = parseDate(input.periodStart, 'periodStart');
    if (input.periodEnd !== undefined) patch.period_end = parseDate(input.periodEnd, 'periodEnd');
    if (input.geography !== undefined) patch.geography = normalizeOptionalText(input.geography, 'geography', 200);
    if (input.attributes !== undefined) patch.attributes = parseAttributes(input.attributes);
    return updateLocked(trx, context, 'observation', before, patch);
  });
}

export function deleteObservation(
  executor: Executor,
  context: WriteContext,
  input: { id: string; expectedVersion: number },
) {
  return deleteCitedFact(executor, context, 'observation', input);
}

/**
 * The observations of many entities that a reader may see (published ones when `visibility` is omitted), grouped
 * by entity: by metric, then most recent period first. With `metrics`, those metrics only (an occupation's wages
 * are a tenth of its observations; the rest are employment by industry and outlook figures).
 */
export async function loadObservations(
  reader: Reader,
  entityIds: readonly string[],
  visibility: Visibility = PUBLIC_VISIBILITY,
  metrics?: readonly string[],
) {
  const map = new Map<string, ObservationRow[]>();
  const ids = entityIds.filter(isUuid);
  if (ids.length === 0) return map;
  const query = dbOf(reader)
    .selectFrom('observation')
    .selectAll()
    .where('entity_id', '=', anyOf(ids, 'uuid'))
    .where('status', '=', anyOf(visibility, 'text'))
    .$if(metrics !== undefined, (q) => q.where('metric', '=', anyOf(metrics ?? [], 'text')))
    .orderBy('metric')
    .orderBy('period_end', (ob) => ob.desc().nullsLast())
    .orderBy('period')
    .orderBy('id');
  const rows = await selectRows(reader, query, reviveTimestamps<ObservationRow>('created_at', 'updated_at'));
  return groupBy(rows, (row) => row.entity_id);
}

/** Observations for page-numbered lists: of one entity and/or one metric. */
export function listObservations(
  db: Executor,
  args: Page & { entityId?: string | null; metric?: string | null; visibility?: Visibility },
) {
  const visibility = args.visibility ?? PUBLIC_VISIBILITY;
  let query = db.selectFrom('observation').selectAll();
  if (!showsDrafts(visibility)) {
    query = query
      .where('status', 'in', visibility)
      .where('entity_id', 'not in', db.selectFrom('entity').select('id').where('status', 'not in', visibility));
  }
  if (args.entityId) query = query.where('entity_id', '=', isUuid(args.entityId) ? args.entityId : NO_ID);
  if (args.metric) query = query.where('metric', '=', args.metric);
  return pageWithTotal(
    query
      .orderBy('metric')
      .orderBy('period_end', (ob) => ob.desc().nullsLast())
      .orderBy('id'),
    args,
  );
}
