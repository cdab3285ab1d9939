import type { RaRecord } from 'react-admin';
import { CitationFields, EntityRefFields } from '../common/fragments.ts';
import { pageOf, readWindow } from '../common/paging.ts';
import { resourceProvider } from '../common/resource-provider.ts';
import {
  changed,
  citationsOf,
  expectedVersionOf,
  type FormValues,
  parseJson,
  settle,
  text,
  textOrNull,
} from '../common/writes.ts';
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

const Observations = gql(
  `query Observations($entityId: ID, $metric: String, $first: Int, $offset: Int) {
    observations(entityId: $entityId, metric: $metric, first: $first, offset: $offset) {
      totalCount edges { node { ...ObservationFields } }
    }
  }`,
  [ObservationFields],
);

const ObservationNodes = gql(`query ObservationNodes($ids: [ID!]!) { nodes(ids: $ids) { id ...ObservationFields } }`, [
  ObservationFields,
]);

const CreateObservation = gql(
  `mutation CreateObservation($input: CreateObservationInput!) {
    createObservation(input: $input) { observation { ...ObservationFields } draft { id } }
  }`,
  [ObservationFields],
);

const UpdateObservation = gql(
  `mutation UpdateObservation($input: UpdateObservationInput!) {
    updateObservation(input: $input) { observation { ...ObservationFields } draft { id } }
  }`,
  [ObservationFields],
);

const DeleteObservation = gql(
  `mutation DeleteObservation($input: DeleteInput!) { deleteObservation(input: $input) { deletedId draft { id } } }`,
);

type UpdateInput = VariablesOf<typeof UpdateObservation>['input'];

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

async function readObservations(ids: readonly RaRecord['id'][], signal?: AbortSignal) {
  const { nodes } = await request(ObservationNodes, { ids: ids.map(String) }, signal);
  return nodes.flatMap((node) => (node && 'metric' in node ? [toRecord(node)] : []));
}

async function readObservation(id: RaRecord['id'], signal?: AbortSignal) {
  const [observation] = await readObservations([id], signal);
  if (!observation) throw new ApiError('This observation no longer exists: it may have been deleted.', 'NOT_FOUND');
  return observation;
}

export const observationsProvider = resourceProvider({
  getList: (params) => listObservations(params.filter ?? {}, params),
  getOne: ({ id, signal }) => readObservation(id, signal),
  getMany: ({ ids, signal }) => readObservations(ids, signal),
  async getManyReference(params) {
    if (params.target !== 'entityId') {
      throw new ApiError(`Observations cannot be listed by ${params.target}.`, 'CLIENT');
    }
    return listObservations({ ...params.filter, entityId: params.id }, params);
  },
  async create({ data }: { data: FormValues }) {
    const input = {
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
    };
    const { createObservation } = await request(CreateObservation, { input });
    return settle(
      createObservation.observation && toRecord(createObservation.observation),
      createObservation.draft,
      input,
    );
  },
  async update({ id, data, previousData }: { id: RaRecord['id']; data: FormValues; previousData: RaRecord }) {
    const input: UpdateInput = {
      id: String(id),
      expectedVersion: expectedVersionOf(previousData),
      reason: text(data.reason),
      citations: citationsOf(data),
    };
    for (const key of ['metric', 'unit', 'period', 'geography', 'periodStart', 'periodEnd'] as const) {
      if (changed(key, data, previousData)) input[key] = textOrNull(data[key]);
    }
    if (changed('value', data, previousData)) input.value = Number(data.value);
    if ('attributes' in data) input.attributes = parseJson(data.attributes, 'Attributes') ?? {};
    const { updateObservation } = await request(UpdateObservation, { input });
    return settle(
      updateObservation.observation && toRecord(updateObservation.observation),
      updateObservation.draft,
      input,
      previousData,
    );
  },
  async delete({ id, previousData, meta }) {
    const previous = previousData ?? (await readObservation(id));
    const { deleteObservation } = await request(DeleteObservation, {
      input: { id: String(id), expectedVersion: expectedVersionOf(previous), reason: meta?.reason },
    });
    return deleteObservation.draft ? { ...previous, pendingDraft: deleteObservation.draft } : previous;
  },
});
