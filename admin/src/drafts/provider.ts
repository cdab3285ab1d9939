import type { GetListParams } from 'react-admin';
import { storedIdentity } from '../auth-provider.ts';
import { FactFields } from '../common/fact.ts';
import { nodeReader } from '../common/fact-provider.ts';
import { EntityRefFields } from '../common/fragments.ts';
import { resourceProvider } from '../common/resource-provider.ts';
import { gql, type ResultOf, request, type VariablesOf } from '../graphql.ts';

/** The review queue: curators' drafts, and the review mutations. */

export const DraftFields = gql(
  `fragment DraftFields on Draft {
    id operation factType factId input stale status author reason reviewer reviewedAt reviewReason resultFactId
    createdAt version
    entity { ...EntityRefFields }
    fact { ...FactFields }
    diff { field before after }
    evidence { quote locator source { id title url } }
  }`,
  [EntityRefFields, FactFields],
);

export type Draft = ResultOf<typeof DraftFields>;

const Drafts = gql(
  `query Drafts($status: DraftStatus, $author: String, $entityId: ID, $first: Int, $offset: Int) {
    drafts(status: $status, author: $author, entityId: $entityId, first: $first, offset: $offset) {
      totalCount edges { node { ...DraftFields } }
    }
  }`,
  [DraftFields],
);

const reader = nodeReader(
  gql(`query DraftNodes($ids: [ID!]!) { nodes(ids: $ids) { id ...DraftFields } }`, [DraftFields]),
  (node) => ('operation' in node ? node : undefined),
  'This draft no longer exists.',
);

type DraftStatus = NonNullable<VariablesOf<typeof Drafts>['status']>;

async function listDrafts(params: GetListParams) {
  const filter = params.filter ?? {};
  const perPage = params.pagination?.perPage ?? 25;
  const page = params.pagination?.page ?? 1;
  const { drafts } = await request(
    Drafts,
    {
      status: filter.status === 'ANY' ? null : ((filter.status || 'PENDING') as DraftStatus),
      // "only mine": the drafts the signed-in account wrote
      author: (filter.mine ? storedIdentity()?.email : filter.author) || null,
      entityId: filter.entityId || null,
      first: Math.min(perPage, 250),
      offset: (page - 1) * perPage,
    },
    params.signal,
  );
  return { data: drafts.edges.map((e) => e.node), total: drafts.totalCount };
}

export const draftsProvider = resourceProvider({
  getList: listDrafts,
  getOne: ({ id, signal }) => reader.readOne(id, signal),
  getMany: ({ ids, signal }) => reader.readMany(ids, signal),
  getManyReference: (params) => listDrafts({ ...params, filter: { ...params.filter, [params.target]: params.id } }),
});

/** The review mutations, each answering the draft as it is after (`reviewed`). */
const REVIEW = {
  publish: gql(
    `mutation PublishDraft($input: ReviewDraftInput!) { reviewed: publishDraft(input: $input) { draft { ...DraftFields } } }`,
    [DraftFields],
  ),
  reject: gql(
    `mutation RejectDraft($input: ReviewDraftInput!) { reviewed: rejectDraft(input: $input) { draft { ...DraftFields } } }`,
    [DraftFields],
  ),
  withdraw: gql(
    `mutation WithdrawDraft($input: ReviewDraftInput!) { reviewed: withdrawDraft(input: $input) { draft { ...DraftFields } } }`,
    [DraftFields],
  ),
};

type ReviewInput = VariablesOf<typeof REVIEW.publish>['input'];

/** Publish, reject (with a reason) or withdraw a draft; the draft as it is after. */
export async function reviewDraft(action: keyof typeof REVIEW, input: ReviewInput): Promise<Draft> {
  return (await request(REVIEW[action], { input })).reviewed.draft;
}
