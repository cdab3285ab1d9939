import { type SelectQueryBuilder, sql } from 'kysely';

export interface Page {
  limit: number;
  offset: number;
}

/**
 * Runs a list query for one page and counts all its rows in the same statement (a window count);
 * only a page past the end needs a second statement to learn the total.
 */
export async function pageWithTotal<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  page: Page,
): Promise<{ rows: O[]; totalCount: number }> {
  const rows = (await query
    .select(sql<number>`count(*) over ()::int`.as('total_count') as never)
    .limit(page.limit)
    .offset(page.offset)
    .execute()) as Array<O & { total_count: number }>;
  let totalCount = rows[0]?.total_count;
  if (totalCount === undefined) {
    // an empty page is either an empty list or a page past its end (or `first: 0`): count to tell
    totalCount =
      page.offset === 0 && page.limit > 0
        ? 0
        : Number(
            (
              (await query
                .clearSelect()
                .clearOrderBy()
                .select(sql<number>`count(*)::int`.as('n') as never)
                .executeTakeFirst()) as { n: number } | undefined
            )?.n ?? 0,
          );
  }
  return { rows: rows.map(({ total_count, ...row }) => row as O), totalCount };
}
