import type { GetListParams, GetManyReferenceParams } from 'react-admin';

/** The API refuses pages larger than this. */
export const MAX_PAGE = 100;

export type Page = { first: number; offset: number };
export type Connection<Node> = { totalCount: number; edges: ReadonlyArray<{ node: Node }> };

export function pageOf(params: Pick<GetListParams, 'pagination'>): Page {
  const perPage = params.pagination?.perPage ?? 25;
  const page = params.pagination?.page ?? 1;
  return { first: perPage, offset: (page - 1) * perPage };
}

/** Reads an offset window of any size in pages of at most MAX_PAGE, the API's limit. */
export async function readWindow<Node>(
  page: Page,
  fetchPage: (first: number, offset: number) => Promise<Connection<Node>>,
): Promise<{ data: Node[]; total: number }> {
  const data: Node[] = [];
  let total = 0;
  let offset = page.offset;
  let remaining = page.first;
  do {
    const first = Math.min(remaining, MAX_PAGE);
    const connection = await fetchPage(first, offset);
    total = connection.totalCount;
    data.push(...connection.edges.map((e) => e.node));
    if (connection.edges.length < first) break;
    offset += first;
    remaining -= first;
  } while (remaining > 0 && offset < total);
  return { data, total };
}

/** A sorted page of an array the API returns whole (the labels or citations of a fact). */
export function slice<Row extends object>(
  rows: readonly Row[],
  params: Pick<GetManyReferenceParams, 'pagination' | 'sort'> | Pick<GetListParams, 'pagination' | 'sort'>,
) {
  const { first, offset } = pageOf(params);
  return { data: sortRows(rows, params.sort).slice(offset, offset + first), total: rows.length };
}

/** A value at a dotted path ("source.title"). */
function valueAt(row: object, path: string): unknown {
  let value: unknown = row;
  for (const key of path.split('.')) {
    value = value && typeof value === 'object' ? (value as { [key: string]: unknown })[key] : undefined;
  }
  return value;
}

export function sortRows<Row extends object>(rows: readonly Row[], sort?: { field: string; order: string }): Row[] {
  if (!sort?.field || sort.field === 'id') return [...rows];
  const factor = sort.order === 'DESC' ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = valueAt(a, sort.field);
    const y = valueAt(b, sort.field);
    if (x === y) return 0;
    if (x === undefined || x === null) return 1;
    if (y === undefined || y === null) return -1;
    return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * factor;
  });
}
