import { useGetList } from 'react-admin';
import { humanize } from '../entities/kinds.ts';

export interface Predicate {
  id: string;
  name: string;
  inverseName: string;
  description: string;
  /** "occupation -> credential" */
  rules: string[];
}

/** The predicate catalogue, read once and kept. */
export function usePredicates() {
  const { data } = useGetList<Predicate>(
    'predicates',
    { pagination: { page: 1, perPage: 1000 } },
    { staleTime: Number.POSITIVE_INFINITY },
  );
  return data ?? [];
}

/** How a relation reads from one end: "has title" outward, "title of" inward. */
export function predicateLabel(predicate: string, direction: string | undefined, catalogue: Predicate[]) {
  if (direction === 'IN') {
    const entry = catalogue.find((p) => p.name === predicate);
    return humanize(entry?.inverseName ?? `${predicate} (inverse)`).toLowerCase();
  }
  return humanize(predicate).toLowerCase();
}

/** Kinds a predicate allows at each end, as EntityKind enum values. */
export function kindsFor(predicate: Predicate | undefined, end: 'from' | 'to') {
  if (!predicate) return [];
  const kinds = predicate.rules.map((rule) => rule.split('->')[end === 'from' ? 0 : 1].trim().toUpperCase());
  return [...new Set(kinds)];
}
