import { getRowsByIds } from '@kg/db/lookup';
import { METRICS } from '@kg/db/model';
import { listObservations } from '@kg/db/observation/repository';
import type { ObservationRow } from '@kg/db/tables';
import { builder } from '../builder.ts';
import { visibleById } from '../visibility.ts';
import { CitationInputRef, toCitationInputs } from './citation.ts';
import { exposeStrings } from './columns.ts';
import { entityAndSource, factFields } from './fact-fields.ts';
import { deleteMutation, factMutation, factPayload, factUpdate, storedRow, unsetIfNull } from './fact-write.ts';
import { ENTITY_NODES } from './kinds.ts';
import { rowNodeRef } from './node.ts';
import { countedConnection, listQuery } from './paging.ts';
import { SourceRef } from './source.ts';

export const ObservationRef = rowNodeRef<ObservationRow>('Observation', async (ids: string[], ctx) =>
  visibleById(ctx, 'observation', ids, await getRowsByIds(ctx.loaders.batch, 'observation', ids), (o) => [o.entity_id]),
);

const isoDate = (value: string | Date | null) =>
  value === null ? null : value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);

ObservationRef.implement({
  description: 'A figure about an entity for a period, as one source states it. Sources disagree; all are kept.',
  fields: (t) => ({
    metric: t.exposeString('metric', { description: 'median_annual_wage, employment, projected_growth, ...' }),
    value: t.exposeFloat('value'),
    unit: t.exposeString('unit'),
    period: t.exposeString('period', { description: 'As the source states it: 2012, May 2017, 2016-2026.' }),
    periodStart: t.string({ nullable: true, resolve: (o) => isoDate(o.period_start) }),
    periodEnd: t.string({ nullable: true, resolve: (o) => isoDate(o.period_end) }),
    geography: t.exposeString('geography', { nullable: true }),
    attributes: t.field({ type: 'JSON', resolve: (o) => o.attributes }),
    ...entityAndSource(t),
    ...factFields(t, 'observation'),
  }),
});

const Observation = factPayload('observation', ObservationRef, storedRow<ObservationRow>('observation'));

const dateArg = (d: Date | null | undefined) => (d === undefined ? undefined : d === null ? null : isoDate(d));

factMutation('createObservation', {
  scope: 'curator',
  payload: Observation,
  input: (t) => ({
    entityId: t.globalID({ required: true, for: ENTITY_NODES }),
    metric: t.string({ required: true }),
    value: t.float({ required: true }),
    unit: t.string({ required: false, description: "The metric's unit; checked when given." }),
    period: t.string({ required: true }),
    periodStart: t.field({ type: 'Date', required: false }),
    periodEnd: t.field({ type: 'Date', required: false }),
    geography: t.string({ required: false }),
    sourceId: t.globalID({ required: false, for: SourceRef }),
    attributes: t.field({ type: 'JSON', required: false }),
    citations: t.field({ type: [CitationInputRef], required: false }),
  }),
  write: (input) => ({
    entityId: input.entityId.id,
    metric: input.metric,
    value: input.value,
    unit: input.unit ?? undefined,
    period: input.period,
    periodStart: dateArg(input.periodStart),
    periodEnd: dateArg(input.periodEnd),
    geography: input.geography ?? null,
    sourceId: input.sourceId?.id ?? null,
    attributes: (input.attributes ?? null) as Record<string, unknown> | null,
    citations: toCitationInputs(input.citations),
  }),
});

factUpdate('updateObservation', {
  scope: 'curator',
  payload: Observation,
  node: ObservationRef,
  citations: 'Sources for the new figure.',
  input: (t) => ({
    metric: t.string({ required: false }),
    value: t.float({ required: false }),
    unit: t.string({ required: false }),
    period: t.string({ required: false }),
    periodStart: t.field({ type: 'Date', required: false }),
    periodEnd: t.field({ type: 'Date', required: false }),
    geography: t.string({ required: false }),
    attributes: t.field({ type: 'JSON', required: false }),
  }),
  // the period's dates, the geography and the attributes may be cleared with null
  write: ({ periodStart, periodEnd, geography, attributes, ...figure }) => ({
    ...unsetIfNull(figure),
    periodStart: dateArg(periodStart),
    periodEnd: dateArg(periodEnd),
    geography,
    attributes: attributes as Record<string, unknown> | null | undefined,
  }),
});

deleteMutation('deleteObservation', 'Observation');

const MetricRef = builder.objectRef<(typeof METRICS)[number]>('Metric').implement({
  description: 'A figure observations can report, with its one unit.',
  fields: (t) => ({
    ...exposeStrings(t, 'name', 'unit', 'description'),
  }),
});

builder.queryField('metrics', (t) =>
  t.field({ type: [MetricRef], description: 'The metric catalogue.', resolve: () => [...METRICS] }),
);

listQuery('observations', {
  connection: countedConnection('Observation', ObservationRef),
  description: 'Observations for browsing and curation.',
  args: (arg) => ({
    entityId: arg.globalID({ required: false, for: ENTITY_NODES }),
    metric: arg.string({ required: false }),
  }),
  list: (ctx, { entityId, metric }, page) =>
    listObservations(ctx.db, { ...page, metric, entityId: entityId?.id ?? null, visibility: ctx.visibility }),
});
