import { factProvider, nodeReader } from '../common/fact-provider.ts';
import { CitationFields, EntityRefFields } from '../common/fragments.ts';
import { pageOf, readWindow } from '../common/paging.ts';
import { changed, citationsOf, parseJson, text, textOrNull } from '../common/writes.ts';
import { ApiError, gql, type ResultOf, request, type VariablesOf } from '../graphql.ts';

/** Dated figures about entities (wages, employment, growth), each with its source. */

export const ObservationFields = gql(
  `fragment ObservationFields on Observation {
    id metric value unit period periodStart periodEnd geography attributes status version
    entity { ...EntityRefFields } source { id title } citations { ...CitationFields }
  }`,
  [EntityRefFields, CitationFields],
);

type Observation = ResultOf<typeof ObservationFields>;

const toRecord = (o: Observation) => ({ ...o, entityId: o.entity.id, sourceId: o.source?.id ?? null });

const reader = nodeReader(
  gql(`query ObservationNodes($ids: [ID!]!) { nodes(ids: $ids) { id ...ObservationFields } }`, [ObservationFields]),
  (node) => ('metric' in node ? toRecord(node) : undefined),
  'This observation no longer exists: it may have been deleted.',
);

const Observations = gql(
  `query Observations($entityId: ID, $metric: String, $first: Int, $offset: Int) {
    observations(entityId: $entityId, metric: $metric, first: $first, offset: $offset) {
      totalCount edges { node { ...ObservationFields } }
    }
  }`,
  [ObservationFields],
);

const UpdateObservation = gql(
  `mutation UpdateObservation($input: UpdateObservationInput!) { saved: updateObservation(input: $input) { fact: observation { ...ObservationFields } draft { id } } }`,
  [ObservationFields],
);

type Changes = Partial<VariablesOf<typeof UpdateObservation>['input']>;

async function listObservations(
  filter: { entityId?: unknown; metric?: unknown },
  params: Parameters<typeof pageOf>[0] & { signal?: AbortSignal },
) {
  const { data, total } = await readWindow(pageOf(params), async (first, offset) => {
    const { observations } = await request(
      Observations,
      {
        entityId: filter.entityId ? String(filter.entityId) : null,
        metric: text(filter.metric) ?? null,
        first,
        offset,
      },
      params.signal,
    );
    return observations;
  });
  return { data: data.map(toRecord), total };
}

export const observationsProvider = factProvider({
  reader,
  toRecord,
  getList: (params) => listObservations(params.filter ?? {}, params),
  async getManyReference(params) {
    if (params.target !== 'entityId') {
      throw new ApiError(`Observations cannot be listed by ${params.target}.`, 'CLIENT');
    }
    return listObservations({ ...params.filter, entityId: params.id }, params);
  },
  create: {
    input: (data) => ({
      entityId: String(data.entityId),
      metric: text(data.metric) ?? '',
      value: Number(data.value),
      unit: text(data.unit),
      period: text(data.period) ?? '',
      periodStart: text(data.periodStart),
      periodEnd: text(data.periodEnd),
      geography: text(data.geography),
      sourceId: text(data.sourceId),
      attributes: parseJson(data.attributes, 'Attributes') ?? undefined,
      citations: citationsOf(data),
    }),
    document: gql(
      `mutation CreateObservation($input: CreateObservationInput!) { saved: createObservation(input: $input) { fact: observation { ...ObservationFields } draft { id } } }`,
      [ObservationFields],
    ),
  },
  update: {
    changes(data, previous) {
      const changes: Changes = { citations: citationsOf(data) };
      for (const key of ['metric', 'unit', 'period', 'geography', 'periodStart', 'periodEnd'] as const) {
        if (changed(key, data, previous)) changes[key] = textOrNull(data[key]);
      }
      if (changed('value', data, previous)) changes.value = Number(data.value);
      if ('attributes' in data) changes.attributes = parseJson(data.attributes, 'Attributes') ?? {};
      return changes;
    },
    document: UpdateObservation,
  },
  remove: gql(
    `mutation DeleteObservation($input: DeleteInput!) { deleted: deleteObservation(input: $input) { draft { id } } }`,
  ),
});
