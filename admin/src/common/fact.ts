import { useEffect, useState } from 'react';
import { humanize, kindLabel, resourceForKind } from '../entities/kinds.ts';
import { gql, type ResultOf, request } from '../graphql.ts';
import { formatValue, metricLabel } from './format.ts';
import { EntityRefFields } from './fragments.ts';

/** Any fact (entity, name, relation, observation, citation), enough to name it and link to where it is shown. */
export const FactFields = gql(
  `fragment FactFields on Node {
    __typename id
    ... on Entity { kind name }
    ... on Label { text entity { ...EntityRefFields } }
    ... on Relation { predicate from { ...EntityRefFields } to { ...EntityRefFields } }
    ... on Observation { metric period value unit entity { ...EntityRefFields } }
    ... on Citation { quote source { id title } }
  }`,
  [EntityRefFields],
);

export type FactNode = ResultOf<typeof FactFields>;

export interface Fact {
  typename: string;
  /** What the fact says, for a curator: "The occupation Medical Records Technician". */
  title: string;
  /** Where the fact is shown (its citations are listed there). */
  path: string;
}

const enc = encodeURIComponent;

/** A fact in words, and the console page that shows it. */
export function describeFact(node: FactNode): Fact | null {
  if ('text' in node) {
    return {
      typename: 'Label',
      title: `The name “${node.text}” of ${node.entity.name}`,
      path: `/${resourceForKind(node.entity.kind)}/${enc(node.entity.id)}/show/names`,
    };
  }
  if ('predicate' in node) {
    return {
      typename: 'Relation',
      title: `${node.from.name} ${humanize(node.predicate).toLowerCase()} ${node.to.name}`,
      path: `/relations/${enc(node.id)}/show`,
    };
  }
  if ('metric' in node) {
    return {
      typename: 'Observation',
      title: `${metricLabel(node.metric)} of ${node.entity.name}, ${node.period}: ${formatValue(node.value, node.unit)}`,
      path: `/observations/${enc(node.id)}/show`,
    };
  }
  if ('quote' in node) {
    return {
      typename: 'Citation',
      title: `The citation of ${node.source.title}${node.quote ? ` “${node.quote}”` : ''}`,
      path: `/citations/${enc(node.id)}/show`,
    };
  }
  if ('kind' in node) {
    return {
      typename: node.__typename,
      title: `The ${kindLabel(node.kind).toLowerCase()} ${node.name}`,
      path: `/${resourceForKind(node.kind)}/${enc(node.id)}/show`,
    };
  }
  return null;
}

const FactQuery = gql(`query Fact($id: ID!) { node(id: $id) { id ...FactFields } }`, [FactFields]);

export async function loadFact(id: string): Promise<Fact | null> {
  const { node } = await request(FactQuery, { id });
  return node ? describeFact(node) : null;
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
