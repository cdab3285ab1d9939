import { randomUUID } from 'node:crypto';
import { type Citing, type ImportContext, inBatches, sameJson, sortKeys, tally, updateRows } from './batches.ts';
import { insertCited, retire } from './facts.ts';

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

const industryOf = (attributes: unknown) => {
  const code = (attributes as { naicsCode?: unknown } | null | undefined)?.naicsCode;
  return typeof code === 'string' ? code : '';
};

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
