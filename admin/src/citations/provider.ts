import type { RaRecord } from 'react-admin';
import { CitationFields } from '../common/fragments.ts';
import { pageOf, readWindow, slice } from '../common/paging.ts';
import { resourceProvider } from '../common/resource-provider.ts';
import { changed, expectedVersionOf, type FormValues, settle, text, textOrNull } from '../common/writes.ts';
import { ApiError, gql, type ResultOf, request, type VariablesOf } from '../graphql.ts';

/** The sources' words behind each fact: listed by source, or as the citations of one fact. */

type Citation = ResultOf<typeof CitationFields>;

const toRecord = (c: Citation) => ({ ...c, sourceId: c.source.id });

const Citations = gql(
  `query Citations($sourceId: ID, $first: Int, $offset: Int) {
    citations(sourceId: $sourceId, first: $first, offset: $offset) { totalCount edges { node { ...CitationFields } } }
  }`,
  [CitationFields],
);

const CitationsOfFact = gql(
  `query CitationsOfFact($id: ID!) {
    node(id: $id) {
      id
      ... on Entity { citations { ...CitationFields } }
      ... on Label { citations { ...CitationFields } }
      ... on Relation { citations { ...CitationFields } }
      ... on Observation { citations { ...CitationFields } }
    }
  }`,
  [CitationFields],
);

const CitationNodes = gql(`query CitationNodes($ids: [ID!]!) { nodes(ids: $ids) { id ...CitationFields } }`, [
  CitationFields,
]);

const CreateCitation = gql(
  `mutation CreateCitation($input: CreateCitationInput!) {
    createCitation(input: $input) { citation { ...CitationFields } draft { id } }
  }`,
  [CitationFields],
);

const UpdateCitation = gql(
  `mutation UpdateCitation($input: UpdateCitationInput!) {
    updateCitation(input: $input) { citation { ...CitationFields } draft { id } }
  }`,
  [CitationFields],
);

const DeleteCitation = gql(
  `mutation DeleteCitation($input: DeleteInput!) { deleteCitation(input: $input) { deletedId draft { id } } }`,
);

type UpdateInput = VariablesOf<typeof UpdateCitation>['input'];
type ReviewStatus = NonNullable<UpdateInput['reviewStatus']>;

async function readCitations(ids: readonly RaRecord['id'][], signal?: AbortSignal) {
  const { nodes } = await request(CitationNodes, { ids: ids.map(String) }, signal);
  return nodes.flatMap((node) => (node && 'quote' in node ? [toRecord(node)] : []));
}

async function readCitation(id: RaRecord['id'], signal?: AbortSignal) {
  const [citation] = await readCitations([id], signal);
  if (!citation) throw new ApiError('This citation no longer exists: it may have been deleted.', 'NOT_FOUND');
  return citation;
}

async function listBySource(sourceId: unknown, params: Parameters<typeof pageOf>[0] & { signal?: AbortSignal }) {
  const { data, total } = await readWindow(pageOf(params), async (first, offset) => {
    const { citations } = await request(
      Citations,
      { sourceId: sourceId ? String(sourceId) : null, first, offset },
      params.signal,
    );
    return citations;
  });
  return { data: data.map(toRecord), total };
}

export const citationsProvider = resourceProvider({
  getList: (params) => listBySource(params.filter?.sourceId, params),
  getOne: ({ id, signal }) => readCitation(id, signal),
  getMany: ({ ids, signal }) => readCitations(ids, signal),
  async getManyReference(params) {
    if (params.target === 'sourceId') return listBySource(params.id, params);
    if (params.target !== 'factId') throw new ApiError(`Citations cannot be listed by ${params.target}.`, 'CLIENT');
    const { node } = await request(CitationsOfFact, { id: String(params.id) }, params.signal);
    if (!node) throw new ApiError('This record no longer exists.', 'NOT_FOUND');
    return slice(('citations' in node ? node.citations : []).map(toRecord), params);
  },
  async create({ data }: { data: FormValues }) {
    const input = {
      factId: String(data.factId),
      sourceId: String(data.sourceId),
      quote: text(data.quote),
      locator: text(data.locator),
    };
    const { createCitation } = await request(CreateCitation, { input });
    return settle(createCitation.citation && toRecord(createCitation.citation), createCitation.draft, input);
  },
  async update({ id, data, previousData }: { id: RaRecord['id']; data: FormValues; previousData: RaRecord }) {
    const input: UpdateInput = {
      id: String(id),
      expectedVersion: expectedVersionOf(previousData),
      reason: text(data.reason),
    };
    if (changed('quote', data, previousData)) input.quote = textOrNull(data.quote);
    if (changed('locator', data, previousData)) input.locator = textOrNull(data.locator);
    if (changed('sourceId', data, previousData)) input.sourceId = String(data.sourceId);
    if (changed('reviewStatus', data, previousData) && data.reviewStatus) {
      input.reviewStatus = String(data.reviewStatus).toUpperCase() as ReviewStatus;
    }
    const { updateCitation } = await request(UpdateCitation, { input });
    return settle(
      updateCitation.citation && toRecord(updateCitation.citation),
      updateCitation.draft,
      input,
      previousData,
    );
  },
  async delete({ id, previousData, meta }) {
    const previous = previousData ?? (await readCitation(id));
    const { deleteCitation } = await request(DeleteCitation, {
      input: { id: String(id), expectedVersion: expectedVersionOf(previous), reason: meta?.reason },
    });
    return deleteCitation.draft ? { ...previous, pendingDraft: deleteCitation.draft } : previous;
  },
});
