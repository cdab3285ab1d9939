import type { GetListParams } from 'react-admin';
import { storedIdentity } from '../auth-provider.ts';
import { ApiError, graphql } from '../graphql.ts';

/** The review queue as the data provider's `drafts` resource, and the review mutations. */

// biome-ignore lint/suspicious/noExplicitAny: GraphQL results are dynamic records.
type Rec = Record<string, any>;

export const DRAFT_FIELDS = `id operation factType factId entity { id kind name } input citations
  diff { field before after } stale status author reason reviewer reviewedAt reviewReason resultFactId createdAt version`;

/** The API's IDs are Relay global IDs; a draft names sources by their database id. */
export const globalId = (typename: string, id: string) => btoa(`${typename}:${id}`);

export async function getDrafts(params: GetListParams) {
  const filter = params.filter ?? {};
  const perPage = params.pagination?.perPage ?? 25;
  const page = params.pagination?.page ?? 1;
  const data = await graphql<{ drafts: { totalCount: number; edges: Array<{ node: Rec }> } }>(
    `query Drafts($status: DraftStatus, $author: String, $entityId: ID, $first: Int, $offset: Int) {
      drafts(status: $status, author: $author, entityId: $entityId, first: $first, offset: $offset) {
        totalCount edges { node { ${DRAFT_FIELDS} } }
      }
    }`,
    {
      status: filter.status === 'ANY' ? null : filter.status || 'PENDING',
      // "only mine": the drafts the signed-in account wrote
      author: (filter.mine ? storedIdentity()?.email : filter.author) || null,
      entityId: filter.entityId || null,
      first: Math.min(perPage, 250),
      offset: (page - 1) * perPage,
    },
    params.signal,
  );
  return { data: data.drafts.edges.map((e) => e.node), total: data.drafts.totalCount };
}

/** One draft, with the title of every source its citations name. */
export async function getDraft(id: string, signal?: AbortSignal) {
  const data = await graphql<{ node: Rec | null }>(
    `query Draft($id: ID!) { node(id: $id) { id ... on Draft { ${DRAFT_FIELDS} } } }`,
    { id },
    signal,
  );
  if (!data.node?.operation) throw new ApiError('This draft no longer exists.', 'NOT_FOUND');
  const citations: Rec[] = [...(data.node.citations ?? []), ...(data.node.input?.citations ?? [])];
  const sourceIds = [...new Set(citations.map((c) => c.sourceId).filter(Boolean))].map((s) => globalId('Source', s));
  const titles = new Map<string, Rec>();
  if (sourceIds.length) {
    const sources = await graphql<{ nodes: Array<Rec | null> }>(
      'query Sources($ids: [ID!]!) { nodes(ids: $ids) { id ... on Source { title url } } }',
      { ids: sourceIds },
      signal,
    );
    for (const s of sources.nodes) if (s) titles.set(s.id, s);
  }
  return {
    ...data.node,
    evidence: citations.map((c, i) => ({
      ...c,
      id: i,
      source: titles.get(globalId('Source', c.sourceId)) ?? null,
    })),
  };
}

const REVIEW = (name: string) => `mutation Review($input: ReviewDraftInput!) {
  ${name}(input: $input) { draft { ${DRAFT_FIELDS} } }
}`;

export async function reviewDraft(
  action: 'publishDraft' | 'rejectDraft' | 'withdrawDraft',
  input: { id: string; expectedVersion?: number; reason?: string | null },
) {
  const data = await graphql<Record<string, { draft: Rec }>>(REVIEW(action), { input });
  return data[action].draft;
}
