import { graphql } from '../graphql.ts';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface ChangeEvent {
  id: string;
  at: string;
  actor: string;
  approvedBy: string | null;
  draftId: string | null;
  factType: string;
  op: string;
  version: number | null;
  reason: string | null;
  diff: FieldChange[];
  /** The global ID of the fact changed, as revert takes it. */
  fact: string;
}

const EVENT_FIELDS = 'id at actor approvedBy draftId factType factId op version reason diff { field before after }';

/** The change log of several facts (an entity and its names) in one request, newest first. */
export async function loadHistory(factIds: string[], signal?: AbortSignal): Promise<ChangeEvent[]> {
  if (factIds.length === 0) return [];
  const variables = Object.fromEntries(factIds.map((id, i) => [`f${i}`, id]));
  const query = `query History(${factIds.map((_, i) => `$f${i}: ID!`).join(', ')}) {
    ${factIds.map((_, i) => `f${i}: history(factId: $f${i}, first: 100) { edges { node { ${EVENT_FIELDS} } } }`).join('\n')}
  }`;
  const data = await graphql<Record<string, { edges: Array<{ node: Omit<ChangeEvent, 'fact'> }> }>>(
    query,
    variables,
    signal,
  );
  return factIds
    .flatMap((fact, i) => data[`f${i}`].edges.map((e) => ({ ...e.node, fact })))
    .sort((a, b) => Number(b.id) - Number(a.id));
}

/** Brings a fact back to an earlier version; a curator's revert becomes a draft. */
export async function revertFact(input: {
  factId: string;
  toVersion: number;
  expectedVersion: number;
  reason?: string;
}) {
  const data = await graphql<{ revert: { factId: string; version: number | null; draft: { id: string } | null } }>(
    'mutation Revert($input: RevertInput!) { revert(input: $input) { factId version draft { id } } }',
    { input },
  );
  return data.revert;
}
