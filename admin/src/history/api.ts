import { gql, post, print, type ResultOf, request } from '../graphql.ts';

/** The change log of facts, and reverting a fact to an earlier version. */

const ChangeEventFields = gql(`
  fragment ChangeEventFields on ChangeEvent {
    id at actor approvedBy draftId factType factId op version reason diff { field before after }
  }
`);

export type ChangeEvent = ResultOf<typeof ChangeEventFields> & {
  /** The global ID of the fact changed, as revert takes it. */
  fact: string;
};

type HistoryPage = { edges: Array<{ node: ResultOf<typeof ChangeEventFields> }> };

/**
 * The change log of several facts (an entity and its names) in one request, newest first: one alias per fact,
 * each selecting the typed fragment above.
 */
export async function loadHistory(factIds: string[], signal?: AbortSignal): Promise<ChangeEvent[]> {
  if (factIds.length === 0) return [];
  const variables = Object.fromEntries(factIds.map((id, i) => [`f${i}`, id]));
  const query = `query History(${factIds.map((_, i) => `$f${i}: ID!`).join(', ')}) {
    ${factIds.map((_, i) => `f${i}: history(factId: $f${i}, first: 100) { edges { node { ...ChangeEventFields } } }`).join('\n')}
  }
  ${print(ChangeEventFields)}`;
  const data = await post<{ [alias: string]: HistoryPage }>(query, variables, signal);
  return factIds
    .flatMap((fact, i) => data[`f${i}`].edges.map((e) => ({ ...e.node, fact })))
    .sort((a, b) => Number(b.id) - Number(a.id));
}

const Revert = gql(`
  mutation Revert($input: RevertInput!) { revert(input: $input) { factId version draft { id } } }
`);

/** Brings a fact back to an earlier version; a curator's revert becomes a draft. */
export async function revertFact(input: {
  factId: string;
  toVersion: number;
  expectedVersion: number;
  reason?: string;
}) {
  return (await request(Revert, { input })).revert;
}
