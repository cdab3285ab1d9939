import { useEffect, useState } from 'react';
import { humanize, kindLabel, resourceForKind } from '../entities/kinds.ts';
import { graphql } from '../graphql.ts';
import { metricLabel } from './format.ts';

export interface Fact {
  typename: string;
  /** What the fact says, for a curator: "Occupation Medical Records Technician". */
  title: string;
  /** Where the fact is shown (its citations are listed there). */
  path: string;
}

const QUERY = `query Fact($id: ID!) {
  node(id: $id) {
    __typename id
    ... on Entity { kind name }
    ... on Label { text entity { id kind name } }
    ... on Relation { predicate from { name } to { name } }
    ... on Observation { metric period value unit entity { name } }
  }
}`;

const enc = encodeURIComponent;

type Named = { id: string; kind: string; name: string };

/** Any of the four kinds of fact, with the fields the query asks of each. */
interface FactNode {
  __typename: string;
  id: string;
  kind?: string;
  name?: string;
  text?: string;
  predicate?: string;
  from?: Named;
  to?: Named;
  metric?: string;
  period?: string;
  entity?: Named;
}

export async function loadFact(id: string): Promise<Fact | null> {
  const { node } = await graphql<{ node: FactNode | null }>(QUERY, { id });
  if (!node) return null;
  switch (node.__typename) {
    case 'Label':
      return {
        typename: 'Label',
        title: `The name “${node.text}” of ${node.entity?.name}`,
        path: `/${resourceForKind(node.entity?.kind)}/${enc(node.entity?.id ?? '')}/show/names`,
      };
    case 'Relation':
      return {
        typename: 'Relation',
        title: `${node.from?.name} ${humanize(node.predicate).toLowerCase()} ${node.to?.name}`,
        path: `/relations/${enc(node.id)}/show`,
      };
    case 'Observation':
      return {
        typename: 'Observation',
        title: `${metricLabel(node.metric)} of ${node.entity?.name} (${node.period})`,
        path: `/observations/${enc(node.id)}/show`,
      };
    default:
      if (node.kind) {
        return {
          typename: node.__typename,
          title: `The ${kindLabel(node.kind).toLowerCase()} ${node.name}`,
          path: `/${resourceForKind(node.kind)}/${enc(node.id)}/show/citations`,
        };
      }
      return null;
  }
}

/** The fact a citation is for, looked up by its ID. */
export function useFact(id: string | null | undefined) {
  const [fact, setFact] = useState<Fact | null>(null);
  useEffect(() => {
    let live = true;
    setFact(null);
    if (id) {
      loadFact(id)
        .then((f) => live && setFact(f))
        .catch(() => live && setFact(null));
    }
    return () => {
      live = false;
    };
  }, [id]);
  return fact;
}
