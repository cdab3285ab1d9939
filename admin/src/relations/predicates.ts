import { resourceProvider } from '../common/resource-provider.ts';
import { ApiError, gql, type ResultOf, request } from '../graphql.ts';

/** The predicate catalogue; it only changes with a migration, so it is read once. */

const Predicates = gql(`query Predicates { predicates { name inverseName description rules } }`);

export type Predicate = ResultOf<typeof Predicates>['predicates'][number] & { id: string };

let catalogue: Promise<Predicate[]> | undefined;

export function loadPredicates(): Promise<Predicate[]> {
  catalogue ??= request(Predicates, {})
    .then((data) => data.predicates.map((p) => ({ ...p, id: p.name })))
    .catch((error) => {
      catalogue = undefined;
      throw error;
    });
  return catalogue;
}

export const predicatesProvider = resourceProvider({
  async getList() {
    const rows = await loadPredicates();
    return { data: rows, total: rows.length };
  },
  async getOne({ id }) {
    const found = (await loadPredicates()).find((p) => p.id === id);
    if (!found) throw new ApiError(`Unknown relation ${id}`, 'NOT_FOUND');
    return found;
  },
  getMany: async ({ ids }) => (await loadPredicates()).filter((p) => ids.includes(p.id)),
});
