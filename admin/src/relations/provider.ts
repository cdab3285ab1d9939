import type { GetManyReferenceParams, RaRecord } from 'react-admin';
import { roleAtLeast, storedIdentity } from '../auth-provider.ts';
import { CitationFields, EntityRefFields } from '../common/fragments.ts';
import { MAX_PAGE, pageOf, readWindow } from '../common/paging.ts';
import { resourceProvider } from '../common/resource-provider.ts';
import { changed, citationsOf, expectedVersionOf, type FormValues, parseJson, settle, text } from '../common/writes.ts';
import { ApiError, gql, type ResultOf, request, type VariablesOf } from '../graphql.ts';

/** Typed edges between entities: listed across the graph, or from one entity in both directions. */

export const RelationFields = gql(
  `fragment RelationFields on Relation {
    id predicate direction status version attributes
    from { ...EntityRefFields } to { ...EntityRefFields } other { ...EntityRefFields }
    citations { ...CitationFields }
  }`,
  [EntityRefFields, CitationFields],
);

type Relation = ResultOf<typeof RelationFields>;
type Status = NonNullable<VariablesOf<typeof Relations>['status']>;

const toRecord = (relation: Relation) => ({ ...relation, fromId: relation.from.id, toId: relation.to.id });

const Relations = gql(
  `query Relations($predicate: String, $entityId: ID, $status: Status, $first: Int, $offset: Int) {
    relations(predicate: $predicate, entityId: $entityId, status: $status, first: $first, offset: $offset) {
      totalCount edges { node { ...RelationFields } }
    }
  }`,
  [RelationFields],
);

const EntityRelations = gql(
  `query EntityRelations($id: ID!, $predicates: [String!], $direction: Direction, $statuses: [Status!],
      $first: Int, $after: String) {
    node(id: $id) {
      id
      ... on Entity {
        relations(predicates: $predicates, direction: $direction, statuses: $statuses, first: $first, after: $after) {
          totalCount pageInfo { endCursor hasNextPage } edges { node { ...RelationFields } }
        }
      }
    }
  }`,
  [RelationFields],
);

const RelationNodes = gql(`query RelationNodes($ids: [ID!]!) { nodes(ids: $ids) { id ...RelationFields } }`, [
  RelationFields,
]);

const CreateRelation = gql(
  `mutation CreateRelation($input: CreateRelationInput!) {
    createRelation(input: $input) { relation { ...RelationFields } draft { id } }
  }`,
  [RelationFields],
);

const UpdateRelation = gql(
  `mutation UpdateRelation($input: UpdateRelationInput!) {
    updateRelation(input: $input) { relation { ...RelationFields } draft { id } }
  }`,
  [RelationFields],
);

const DeleteRelation = gql(
  `mutation DeleteRelation($input: DeleteInput!) { deleteRelation(input: $input) { deletedId draft { id } } }`,
);

/** The statuses the signed-in role may read: drafts are for curators and above (the API refuses the others). */
export function readableStatuses(): Status[] {
  return roleAtLeast(storedIdentity()?.role, 'CURATOR') ? ['PUBLISHED', 'DRAFT', 'RETIRED'] : ['PUBLISHED', 'RETIRED'];
}

/** Every relation of an entity seen from it (direction and `other`), walking the connection's cursors. */
async function relationsOfEntity(params: GetManyReferenceParams) {
  const { first, offset } = pageOf(params);
  const filter = params.filter ?? {};
  const rows: Relation[] = [];
  let after: string | null = null;
  let total = 0;
  // offsets are reached through opaque cursors: skip whole pages, then keep the rows of the window
  for (;;) {
    const variables: VariablesOf<typeof EntityRelations> = {
      id: String(params.id),
      predicates: filter.predicate ? [filter.predicate] : null,
      direction: filter.direction || 'BOTH',
      statuses: readableStatuses(),
      first: Math.max(1, Math.min(MAX_PAGE, offset + first - rows.length)),
      after,
    };
    const { node }: ResultOf<typeof EntityRelations> = await request(EntityRelations, variables, params.signal);
    if (!node || !('relations' in node)) throw new ApiError('This entity no longer exists.', 'NOT_FOUND');
    const connection = node.relations;
    total = connection.totalCount;
    rows.push(...connection.edges.map((e) => e.node));
    if (!connection.pageInfo.hasNextPage || rows.length >= offset + first) break;
    after = connection.pageInfo.endCursor ?? null;
  }
  return { data: rows.slice(offset, offset + first).map(toRecord), total };
}

async function readRelations(ids: readonly RaRecord['id'][], signal?: AbortSignal) {
  const { nodes } = await request(RelationNodes, { ids: ids.map(String) }, signal);
  return nodes.flatMap((node) => (node && 'predicate' in node ? [toRecord(node)] : []));
}

async function readRelation(id: RaRecord['id'], signal?: AbortSignal) {
  const [relation] = await readRelations([id], signal);
  if (!relation) throw new ApiError('This relation no longer exists: it may have been deleted.', 'NOT_FOUND');
  return relation;
}

export const relationsProvider = resourceProvider({
  async getList(params) {
    const filter = params.filter ?? {};
    const { data, total } = await readWindow(pageOf(params), async (first, offset) => {
      const { relations } = await request(
        Relations,
        {
          predicate: filter.predicate || null,
          entityId: filter.entityId || null,
          status: filter.status || null,
          first,
          offset,
        },
        params.signal,
      );
      return relations;
    });
    return { data: data.map(toRecord), total };
  },
  getOne: ({ id, signal }) => readRelation(id, signal),
  getMany: ({ ids, signal }) => readRelations(ids, signal),
  async getManyReference(params) {
    if (params.target !== 'entityId') throw new ApiError(`Relations cannot be listed by ${params.target}.`, 'CLIENT');
    return relationsOfEntity(params);
  },
  async create({ data }: { data: FormValues }) {
    const input = {
      predicate: String(data.predicate),
      fromId: String(data.fromId),
      toId: String(data.toId),
      attributes: parseJson(data.attributes, 'Attributes') ?? undefined,
      status: (data.status || undefined) as Status | undefined,
      citations: citationsOf(data),
    };
    const { createRelation } = await request(CreateRelation, { input });
    return settle(createRelation.relation && toRecord(createRelation.relation), createRelation.draft, input);
  },
  async update({ id, data, previousData }: { id: RaRecord['id']; data: FormValues; previousData: RaRecord }) {
    const input = {
      id: String(id),
      expectedVersion: expectedVersionOf(previousData),
      reason: text(data.reason),
      citations: citationsOf(data),
      status: changed('status', data, previousData) ? (data.status as Status) : undefined,
      attributes: parseJson(data.attributes, 'Attributes'),
    };
    const { updateRelation } = await request(UpdateRelation, { input });
    return settle(
      updateRelation.relation && toRecord(updateRelation.relation),
      updateRelation.draft,
      input,
      previousData,
    );
  },
  async delete({ id, previousData, meta }) {
    const previous = previousData ?? (await readRelation(id));
    const { deleteRelation } = await request(DeleteRelation, {
      input: { id: String(id), expectedVersion: expectedVersionOf(previous), reason: meta?.reason },
    });
    return deleteRelation.draft ? { ...previous, pendingDraft: deleteRelation.draft } : previous;
  },
});
