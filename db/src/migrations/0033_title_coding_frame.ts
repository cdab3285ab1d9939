import { type Kysely, sql } from 'kysely';
import { SEARCH_BATCH, TITLE_SEARCH, VOCABULARY_EVIDENCE } from './0031_title_search_batch.ts';

/*
 * Title coding codes to occupations that have a code of their own (O*NET-SOC, or the graph's own occupations),
 * not to ESCO's (occupation.esco_uri): an ESCO occupation has no SOC code, wages or outlook, and its European
 * labels would otherwise take first places from the occupations they describe ("event promoter").
 *
 * - title_search(): a title of an ESCO occupation counts as a title of each occupation it is a published
 *   close_match of, either way round, that is not itself an ESCO occupation (via 'close_match', with the ESCO
 *   occupation's name in via_name), when there are one or two of them; an ESCO occupation with none (or with
 *   more, a SOC code that the 2010 -> 2018 crosswalk split) is left out. A crosswalk is a step away, so such a
 *   title scores below O*NET's own: exactly 0.92 (an O*NET title's same words score 0.94, an exact one 0.97 and
 *   up), otherwise 0.9 of its cover (0.94 for an alternate title, 0.93 for a reported one).
 * - title_search_batch(): passes via_name on.
 * - title_vocabulary_evidence(): ranks no ESCO occupation (their labels' words already count for the
 *   occupations they closely match: the `esco` field of occupation_vocabulary).
 */

const swap = (text: string, from: string, to: string) => {
  if (!text.includes(from)) throw new Error(`migration 0033: "${from.trim().slice(0, 60)}" not found`);
  return text.replace(from, to);
};

const SEARCH_SIGNATURE = `title_search(integer[], text[], float8[], float8[], float8[], text, text[], text[], tsquery,
  text[], tsquery, text, text[], float8, float8, integer, integer)`;
const BATCH_SIGNATURE = 'title_search_batch(jsonb, text[], float8, float8, integer)';

const HITS_BEFORE = `    select t.*, e.kind as via,
      case when e.kind = 'occupation' then e.id else r.from_id end as occupation_id,
      case
        when t.exact and e.kind = 'occupation' and t.label_type = 'preferred' then 1.0`;
const HITS = `    select t.*, case when m.id is null then e.kind else 'close_match' end as via,
      coalesce(m.id, own.id) as occupation_id,
      case when m.id is null then null else (select n.name from entity n where n.id = own.id) end as via_name,
      case
        when t.exact and m.id is not null then 0.92
        when m.id is not null then 0.9 * t.s
        when t.exact and e.kind = 'occupation' and t.label_type = 'preferred' then 1.0`;
const HITS_FROM_BEFORE = `    left join relation r on e.kind = 'alternate_title' and r.to_id = e.id and r.predicate = 'has_title'
      and r.status = 'published'
  ),`;
const HITS_FROM = `    left join relation r on e.kind = 'alternate_title' and r.to_id = e.id and r.predicate = 'has_title'
      and r.status = 'published'
    cross join lateral (select case when e.kind = 'occupation' then e.id else r.from_id end as id) own
    left join occupation esco on esco.entity_id = own.id and esco.esco_uri is not null
    -- an ESCO occupation's titles belong to the occupations it closely matches (two at most: more is a code
    -- the SOC 2010 -> 2018 crosswalk split, "waiting list coordinator" -> eight kinds of physicians)
    left join lateral (
      select y.id, count(*) over () as n from (
        select x.to_id as id from relation x
        where x.from_id = own.id and x.predicate = 'close_match' and x.status = 'published'
        union
        select x.from_id from relation x
        where x.to_id = own.id and x.predicate = 'close_match' and x.status = 'published'
      ) y
      where not exists (select 1 from occupation mo where mo.entity_id = y.id and mo.esco_uri is not null)
    ) m on esco.entity_id is not null
    where esco.entity_id is null or (m.id is not null and m.n <= 2)
  ),`;

export const TITLE_SEARCH_FRAMED = [
  [
    '  name_cover float8, onet_soc_code text, rank integer)',
    '  name_cover float8, onet_soc_code text, rank integer, via_name text)',
  ],
  [HITS_BEFORE, HITS],
  [HITS_FROM_BEFORE, HITS_FROM],
  [
    'select distinct on (h.occupation_id) h.occupation_id, h.text, h.label_type, h.via, h.tokens, h.exact, h.base,',
    'select distinct on (h.occupation_id) h.occupation_id, h.text, h.label_type, h.via, h.via_name, h.tokens, h.exact, h.base,',
  ],
  ['      f.occupation_id))::integer\n', '      f.occupation_id))::integer, f.via_name\n'],
].reduce((text, [from, to]) => swap(text, from, to), TITLE_SEARCH);

const SEARCH_BATCH_FRAMED = [
  [
    'exact boolean, score float8, name_cover float8, onet_soc_code text, rank integer, share float8)',
    'exact boolean, score float8, name_cover float8, onet_soc_code text, rank integer, share float8, via_name text)',
  ],
  ['\n    from hits h\n    join q on q.i = h.i', ', h.via_name\n    from hits h\n    join q on q.i = h.i'],
].reduce((text, [from, to]) => swap(text, from, to), SEARCH_BATCH);

const VOCABULARY_EVIDENCE_FRAMED = swap(
  VOCABULARY_EVIDENCE,
  `      from scored s
      left join title_occupation t on t.occupation_id = s.occupation_id
`,
  `      from scored s
      left join title_occupation t on t.occupation_id = s.occupation_id
      where not exists (select 1 from occupation o where o.entity_id = s.occupation_id and o.esco_uri is not null)
`,
);

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`drop function ${BATCH_SIGNATURE}`).execute(db);
  await sql.raw(`drop function ${SEARCH_SIGNATURE}`).execute(db);
  await sql.raw(TITLE_SEARCH_FRAMED).execute(db);
  await sql.raw(SEARCH_BATCH_FRAMED).execute(db);
  await sql.raw(VOCABULARY_EVIDENCE_FRAMED).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`drop function ${BATCH_SIGNATURE}`).execute(db);
  await sql.raw(`drop function ${SEARCH_SIGNATURE}`).execute(db);
  await sql.raw(TITLE_SEARCH).execute(db);
  await sql.raw(SEARCH_BATCH).execute(db);
  await sql.raw(VOCABULARY_EVIDENCE).execute(db);
}
