import { sql } from 'kysely';
import { dbOf, type Reader, reviveTimestamps, selectRows } from '../batch.ts';
import type { Executor } from '../connect.ts';
import { badInput, isUuid } from '../errors.ts';
import type { EntityRow } from '../tables.ts';
import { liveStatuses, PUBLIC_VISIBILITY, type Visibility } from '../visibility.ts';
import { type Details, detailsFromRow } from './details.ts';

const SOC = /^\d{2}-\d{4}$/;
const ONET_SOC = /^\d{2}-\d{4}\.\d{2}$/;

/**
 * An occupation by O*NET-SOC code, SOC code or id. A SOC code names the occupation whose O*NET-SOC code
 * ends in .00 when there is one (29-2072 -> 29-2072.00), else the first one with that SOC code.
 */
export async function findOccupation(
  reader: Reader,
  by: { socCode?: string; id?: string },
): Promise<(EntityRow & { details: Details }) | undefined> {
  // the occupation's typed columns come along, so that reading them costs no second statement
  let query = dbOf(reader)
    .selectFrom('entity as e')
    .innerJoin('occupation as o', 'o.entity_id', 'e.id')
    .selectAll('e')
    .select(sql<Record<string, unknown>>`to_jsonb(o)`.as('detail_row'));
  if (by.id !== undefined) {
    if (!isUuid(by.id)) return undefined;
    query = query.where('e.id', '=', by.id);
  } else {
    const code = (by.socCode ?? '').trim();
    if (ONET_SOC.test(code)) query = query.where('o.onet_soc_code', '=', code);
    else if (SOC.test(code)) {
      query = query
        .where('o.soc_code', '=', code)
        .orderBy(sql`o.onet_soc_code = ${`${code}.00`}`, 'desc')
        .orderBy('o.onet_soc_code');
    } else throw badInput(`"${code}" is neither a SOC code (29-2072) nor an O*NET-SOC code (29-2072.00)`);
  }
  const [found] = await selectRows(
    reader,
    query.limit(1),
    reviveTimestamps<EntityRow & { detail_row: Record<string, unknown> }>('created_at', 'updated_at'),
  );
  if (!found) return undefined;
  const { detail_row, ...entity } = found;
  return { ...entity, details: detailsFromRow(detail_row) };
}

/** Live occupations by name: published ones, and drafts for readers who may see them. */
export async function listOccupations(db: Executor, page: { limit: number; offset: number; visibility?: Visibility }) {
  const statuses = liveStatuses(page.visibility ?? PUBLIC_VISIBILITY);
  const rows = await db
    .selectFrom('entity')
    .selectAll()
    .select(sql<number>`count(*) over ()::int`.as('total_count'))
    // the typed columns come along, so a page of occupations with their codes is one statement
    .select(
      sql<Record<string, unknown> | null>`(select to_jsonb(o) from occupation o where o.entity_id = entity.id)`.as(
        'detail_row',
      ),
    )
    .where('kind', '=', 'occupation')
    .where('status', 'in', statuses)
    .orderBy('name')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  let totalCount = rows[0]?.total_count;
  if (totalCount === undefined) {
    const row = await db
      .selectFrom('entity')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('kind', '=', 'occupation')
      .where('status', 'in', statuses)
      .executeTakeFirstOrThrow();
    totalCount = row.n;
  }
  return {
    rows: rows.map(({ total_count, detail_row, ...row }) => ({
      ...(row as EntityRow),
      details: detail_row ? detailsFromRow(detail_row) : {},
    })),
    totalCount,
  };
}
