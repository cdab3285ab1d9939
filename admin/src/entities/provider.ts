import type { GetListParams } from 'react-admin';
import { factProvider, nodeReader } from '../common/fact-provider.ts';
import { CitationFields } from '../common/fragments.ts';
import { pageOf, readWindow } from '../common/paging.ts';
import { type ResourceMethods, resourceProvider } from '../common/resource-provider.ts';
import { changed, citationsOf, text } from '../common/writes.ts';
import { gql, type ResultOf, request, type VariablesOf } from '../graphql.ts';
import { type EntityKind, KINDS, type KindConfig } from './kinds.ts';

/** The ten entity kinds, each a resource (occupations, skills, ...) over `entities` and the Entity mutations. */

export const EntityListFields = gql(`
  fragment EntityListFields on Entity {
    id kind name status version createdAt updatedAt details
    ... on AlternateTitle { occupations { id kind name } }
  }
`);

export const EntityFields = gql(
  `fragment EntityFields on Entity {
    ...EntityListFields
    labels { id text type language status version }
    ... on Occupation {
      alternateTitles { id name status }
      credentialRequirements {
        required
        relation { id }
        credential { id name status details issuers { id name details } }
      }
      wages { id metric value unit period geography source { id title } citations { id quote source { id title } } }
      skills { importance level skill { id name details } }
      employers { id name }
      citations { ...CitationFields }
    }
  }`,
  [EntityListFields, CitationFields],
);

type Details = { [field: string]: unknown };
type Entity = ResultOf<typeof EntityFields>;

const Entities = gql(
  `query Entities($kind: EntityKind, $nameContains: String, $status: Status, $orderBy: EntityOrder,
      $descending: Boolean, $first: Int, $offset: Int) {
    entities(kind: $kind, nameContains: $nameContains, status: $status, orderBy: $orderBy, descending: $descending,
        first: $first, offset: $offset) {
      totalCount edges { node { ...EntityListFields } }
    }
  }`,
  [EntityListFields],
);

type Order = NonNullable<VariablesOf<typeof Entities>['orderBy']>;
const ORDER: { [field: string]: Order } = {
  name: 'NAME',
  updatedAt: 'UPDATED_AT',
  createdAt: 'CREATED_AT',
  'details.socCode': 'SOC_CODE',
  'details.onetSocCode': 'SOC_CODE',
};

/** Entities of a kind (or of every kind), searched by any of their names. */
export async function listEntities(params: GetListParams, kind: EntityKind | undefined) {
  const filter = params.filter ?? {};
  return readWindow(pageOf(params), async (first, offset) => {
    const { entities } = await request(
      Entities,
      {
        kind: kind ?? filter.kind ?? null,
        nameContains: text(filter.q ?? filter.name) ?? null,
        status: filter.status || null,
        orderBy: ORDER[params.sort?.field ?? 'name'] ?? 'NAME',
        descending: params.sort?.order === 'DESC',
        first,
        offset,
      },
      params.signal,
    );
    return entities;
  });
}

const reader = nodeReader(
  gql(`query EntityNodes($ids: [ID!]!) { nodes(ids: $ids) { id ...EntityFields } }`, [EntityFields]),
  (node): Entity | undefined => ('kind' in node ? node : undefined),
  'Nothing found with this ID: it may have been deleted.',
);

function normalizeDetail(value: unknown) {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (Array.isArray(value)) {
    const items = value.map((v) => (typeof v === 'string' ? v.trim() : v)).filter((v) => v !== '' && v != null);
    return items.length ? items : null;
  }
  if (typeof value === 'number' && Number.isNaN(value)) return null;
  return value;
}

/** Details for a create: blank values left out, so the API applies its defaults. */
function detailsForCreate(config: KindConfig, details: Details | undefined) {
  const result: Details = {};
  for (const field of config.details) {
    const value = normalizeDetail(details?.[field.name]);
    if (value !== null && value !== undefined) result[field.name] = value;
  }
  return result;
}

/** Details for an update: only the fields that changed, a cleared field sent as null. */
function detailsForUpdate(config: KindConfig, details: Details | undefined, previous: Details | undefined) {
  const result: Details = {};
  for (const field of config.details) {
    if (!details || !(field.name in details)) continue;
    const value = normalizeDetail(details[field.name]) ?? null;
    const before = normalizeDetail(previous?.[field.name]) ?? null;
    if (JSON.stringify(value) !== JSON.stringify(before)) result[field.name] = value;
  }
  return result;
}

const CreateEntity = gql(
  `mutation CreateEntity($input: CreateEntityInput!) { saved: createEntity(input: $input) { fact: entity { ...EntityFields } draft { id } } }`,
  [EntityFields],
);

type Status = NonNullable<VariablesOf<typeof CreateEntity>['input']['status']>;

/** The provider of one kind's resource, or of every kind (`entities`, which references use). */
export function entitiesProvider(config: KindConfig | undefined) {
  const lists: ResourceMethods = {
    getList: (params) => listEntities(params, config?.kind),
    getManyReference: (params) =>
      listEntities({ ...params, filter: { ...params.filter, [params.target]: params.id } }, config?.kind),
  };
  if (!config) {
    return resourceProvider({
      ...lists,
      getOne: ({ id, signal }) => reader.readOne(id, signal),
      getMany: ({ ids, signal }) => reader.readMany(ids, signal),
    });
  }
  return factProvider({
    ...lists,
    reader,
    toRecord: (entity: Entity) => entity,
    create: {
      document: CreateEntity,
      input: (data) => ({
        kind: config.kind,
        name: text(data.name) ?? '',
        status: (data.status || undefined) as Status | undefined,
        details: detailsForCreate(config, data.details as Details | undefined),
        citations: citationsOf(data),
      }),
    },
    update: {
      document: gql(
        `mutation UpdateEntity($input: UpdateEntityInput!) { saved: updateEntity(input: $input) { fact: entity { ...EntityFields } draft { id } } }`,
        [EntityFields],
      ),
      changes(data, previous) {
        const details = detailsForUpdate(config, data.details as Details | undefined, previous.details);
        const changes = {
          citations: citationsOf(data),
          name: changed('name', data, previous) ? text(data.name) : undefined,
          status: changed('status', data, previous) ? (data.status as Status) : undefined,
          details: Object.keys(details).length ? details : undefined,
        };
        // nothing changed: no write, no new version
        const none = changes.name === undefined && changes.status === undefined && changes.details === undefined;
        return none ? undefined : changes;
      },
    },
    remove: gql(
      `mutation DeleteEntity($input: DeleteInput!) { deleted: deleteEntity(input: $input) { draft { id } } }`,
    ),
  });
}

const EntityCounts = gql(`
  query EntityCounts {
    OCCUPATION: entities(kind: OCCUPATION, first: 1) { totalCount }
    ALTERNATE_TITLE: entities(kind: ALTERNATE_TITLE, first: 1) { totalCount }
    SPECIALIZATION: entities(kind: SPECIALIZATION, first: 1) { totalCount }
    TASK: entities(kind: TASK, first: 1) { totalCount }
    SKILL: entities(kind: SKILL, first: 1) { totalCount }
    COURSE: entities(kind: COURSE, first: 1) { totalCount }
    PROGRAM: entities(kind: PROGRAM, first: 1) { totalCount }
    CREDENTIAL: entities(kind: CREDENTIAL, first: 1) { totalCount }
    ISSUING_BODY: entities(kind: ISSUING_BODY, first: 1) { totalCount }
    EMPLOYER: entities(kind: EMPLOYER, first: 1) { totalCount }
  }
`);

/** How many entities of each kind, for the dashboard. */
export async function entityCounts(): Promise<{ [kind in EntityKind]?: number }> {
  const data = await request(EntityCounts, {});
  return Object.fromEntries(KINDS.map((k) => [k.kind, data[k.kind].totalCount]));
}
