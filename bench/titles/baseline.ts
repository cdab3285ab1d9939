import { sql } from 'kysely';
import type { Executor } from '../../db/src/connect.ts';

/**
 * The reference resolveTitle is measured against (bench/titles.ts): plain trigram similarity of the lower-cased
 * query to every title label (labels of occupations and of alternate titles), the three most similar labels,
 * mapped to their occupations (an alternate title through its has_title relations), duplicates dropped. The
 * `%` filter (similarity at least pg_trgm.similarity_threshold, 0.3) lets the trigram index on label serve it.
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
      where lower(l.text) % ${q} and e.kind in ('occupation', 'alternate_title')
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
