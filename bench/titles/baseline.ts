import { sql } from 'kysely';
import type { Db, Executor } from '../../db/src/connect.ts';

/** What bench/titles.ts measures against and reads from the database: the baseline resolver and its inputs. */

/**
 * The reference resolveTitle is measured against (bench/titles.ts): plain trigram similarity of the lower-cased
 * query to every title label (labels of occupations and of alternate titles), the three most similar labels,
 * mapped to their occupations (an alternate title through its has_title relations), duplicates dropped. The
 * `%` filter (similarity at least pg_trgm.similarity_threshold, 0.3) lets the trigram index on label serve it.
 * Published labels only, as in the title index; ESCO occupations' labels aside (they have no O*NET-SOC code).
 */
export async function baselineResolveTitle(
  db: Executor,
  title: string,
): Promise<Array<{ onetSocCode: string | null; matchedTitle: string }>> {
  const q = title.toLowerCase().trim();
  const { rows } = await sql<{ onet_soc_code: string | null; text: string }>`
    with top as (
      select l.entity_id, l.text, similarity(lower(l.text), ${q}) as sim
      from label l
      join entity e on e.id = l.entity_id
      where lower(l.text) % ${q} and e.kind in ('occupation', 'alternate_title') and l.status = 'published'
        and not exists (select 1 from occupation o where o.entity_id = e.id and o.esco_uri is not null)
      order by sim desc, l.text
      limit 3
    )
    select oc.onet_soc_code, t.text
    from top t
    join entity e on e.id = t.entity_id
    left join relation r on e.kind = 'alternate_title' and r.to_id = e.id and r.predicate = 'has_title'
    join occupation oc on oc.entity_id = case when e.kind = 'occupation' then e.id else r.from_id end
    order by t.sim desc, t.text, oc.onet_soc_code`.execute(db);
  const seen = new Set<string | null>();
  const out: Array<{ onetSocCode: string | null; matchedTitle: string }> = [];
  for (const row of rows) {
    if (seen.has(row.onet_soc_code)) continue;
    seen.add(row.onet_soc_code);
    out.push({ onetSocCode: row.onet_soc_code, matchedTitle: row.text });
  }
  return out.slice(0, 3);
}

/** Every indexed title form: its label and tokens (the leave-out evaluation finds near-duplicates in them). */
export async function titleFormTokens(db: Executor): Promise<Array<{ labelId: string; tokens: string[] }>> {
  const { rows } = await sql<{ label_id: string; tokens: string[] }>`select label_id, tokens from title_form`.execute(
    db,
  );
  return rows.map((r) => ({ labelId: r.label_id, tokens: r.tokens }));
}

class LeftOut extends Error {}

/**
 * Runs `work` with some labels out of the title index (set back to draft, which the index leaves out), then
 * rolls the change back: the database is as it was, and `work` saw an index without them.
 */
export async function withLabelsLeftOut<T>(
  db: Db,
  labelIds: readonly string[],
  work: (trx: Executor) => Promise<T>,
): Promise<T> {
  let result: T | undefined;
  try {
    await db.transaction().execute(async (trx) => {
      if (labelIds.length) {
        await sql`update label set status = 'draft' where id = any(${[...labelIds]}::uuid[])`.execute(trx);
      }
      result = await work(trx);
      throw new LeftOut();
    });
  } catch (error) {
    if (!(error instanceof LeftOut)) throw error;
  }
  return result as T;
}

/** Each O*NET occupation's employment by OEWS sector (published `industry_employment` observations). */
export async function sectorEmployment(db: Executor): Promise<Map<string, Map<string, number>>> {
  const { rows } = await sql<{ code: string; sector: string; employment: number }>`
    select oc.onet_soc_code as code, o.attributes->>'naicsCode' as sector, sum(o.value)::float8 as employment
    from observation o join occupation oc on oc.entity_id = o.entity_id
    where o.metric = 'industry_employment' and o.status = 'published' and oc.onet_soc_code is not null
    group by 1, 2`.execute(db);
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const map = out.get(r.code) ?? new Map<string, number>();
    map.set(r.sector, Number(r.employment));
    out.set(r.code, map);
  }
  return out;
}
