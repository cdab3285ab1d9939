import { type Kysely, sql } from 'kysely';
import { TITLE_SEARCH_FUNCTION } from './0005_search.ts';

/*
 * The two scoring statements of title coding (db/src/search/title-statements.ts and vocabulary.ts) as functions
 * of all a request's titles at once: title_search_batch() calls title_search() for every title (and again with
 * trigram similarity for those nothing came close for), title_vocabulary_batch() calls
 * title_vocabulary_evidence() for every title, each with the occupation's O*NET-SOC code and, given a sector,
 * its employment share there. Inside a function their plans are made once per session: planned anew for every
 * request, the statements cost half a millisecond of planning each, about a fifth of a title's time. The titles
 * come as one JSON array; rows come back in order (by title, then rank).
 *
 * title_search() (migrations 0005 and 0008) computes each remaining occupation's name cover once: its query
 * inlined the cover into both the score and the output, so that it was computed twice per occupation, a
 * fifth of the function's time. title_vocabulary_evidence() (migration 0030) reads the title words' rows once
 * for the background shares and the evidence. Both give the same answers as before.
 */

const swap = (text: string, from: string, to: string) => {
  if (!text.includes(from)) throw new Error(`migration 0031: "${from.trim()}" not found`);
  return text.replace(from, to);
};

/** title_search() as migration 0008 left it. */
const PUBLISHED_TITLE_SEARCH = TITLE_SEARCH_FUNCTION.replace(
  'create function title_search(',
  'create or replace function title_search(',
).replaceAll("status <> 'retired'", "status = 'published'");

export const TITLE_SEARCH = swap(PUBLISHED_TITLE_SEARCH, '  ranked as (\n', '  ranked as materialized (\n');

/** title_vocabulary_evidence() as migration 0030 made it. */
const VOCABULARY_EVIDENCE_BEFORE = `create or replace function title_vocabulary_evidence(p_words text[], p_head text, p_fields text[],
    p_field_weights float8[], p_mu float8, p_head_mu float8, p_head_any float8, p_prior float8, p_limit integer)
  returns table (occupation_id uuid, score float8, matched integer, head_evidence float8, title_evidence float8,
    vocabulary_evidence float8, forms integer, head_forms integer, idf_cover float8)
  language plpgsql stable
  rows 30
  set plan_cache_mode = force_generic_plan
  set jit = off
  as $$
  #variable_conflict use_column
  declare
    total float8 := greatest(coalesce((select sum(t.forms) from title_occupation t), 0), 1);
    modifiers integer := (select count(distinct w) from unnest(p_words) as w where w is distinct from p_head);
  begin
    return query
    with q(word) as (select distinct w from unnest(p_words || p_head) as w where w is not null),
    background as materialized (
      select q.word, (coalesce(sum(tw.forms), 0) + 0.5) / total as bw, (coalesce(sum(tw.heads), 0) + 0.5) / total as bh
      from q left join title_occupation_word tw on tw.word = q.word
      group by q.word
    ),
    idf as (select greatest(sum(-ln(b.bw)), 1e-9) as total_idf from background b),
    in_titles as (
      select tw.occupation_id, tw.word, tw.forms, tw.heads from title_occupation_word tw where tw.word in (select word from q)
    ),
    in_vocabulary as (
      select v.occupation_id, v.word, sum(fw.weight * least(v.n, 3) / 3.0) as f
      from occupation_vocabulary v
      join unnest(p_fields, p_field_weights) as fw(field, weight) on fw.field = v.field
      where v.word in (select word from q) and v.word is distinct from p_head
      group by 1, 2
    ),
    evidence as (
      select coalesce(t.occupation_id, v.occupation_id) as occupation_id, coalesce(t.word, v.word) as word,
        coalesce(t.forms, 0) as forms, coalesce(t.heads, 0) as heads, coalesce(v.f, 0) as f
      from in_titles t full join in_vocabulary v on v.occupation_id = t.occupation_id and v.word = t.word
    ),
    scored as (
      select e.occupation_id,
        sum(case when e.word = p_head then ln(1 + (e.heads + p_head_any * e.forms) / (p_head_mu * b.bh))
          else ln(1 + (e.forms + e.f) / (p_mu * b.bw)) end) as evidence,
        coalesce(sum(ln(1 + (e.heads + p_head_any * e.forms) / (p_head_mu * b.bh))) filter (where e.word = p_head), 0)
          as head_evidence,
        coalesce(sum(ln(1 + e.forms / (p_mu * b.bw))) filter (where e.word is distinct from p_head), 0)
          as title_evidence,
        coalesce(max(e.heads) filter (where e.word = p_head), 0)::integer as head_forms,
        sum(-ln(b.bw)) as idf,
        count(*)::integer as matched
      from evidence e join background b on b.word = e.word
      group by 1
    ),
    ranked as (
      select s.occupation_id,
        (p_prior * ln((coalesce(t.forms, 0) + 1) / total)
          + case when p_head is null then 0 else ln(p_head_mu / (coalesce(t.forms, 0) + p_head_mu)) end
          + modifiers * ln(p_mu / (coalesce(t.forms, 0) + p_mu))
          + s.evidence)::float8 as score,
        s.matched, s.head_evidence::float8, s.title_evidence::float8,
        (s.evidence - s.head_evidence - s.title_evidence)::float8 as vocabulary_evidence,
        coalesce(t.forms, 0)::integer as forms, s.head_forms, (s.idf / (select total_idf from idf))::float8 as idf_cover
      from scored s
      left join title_occupation t on t.occupation_id = s.occupation_id
      order by 2 desc, 1
      -- room for occupations that turn out not to be published
      limit p_limit * 2 + 10
    )
    select r.occupation_id, r.score, r.matched, r.head_evidence, r.title_evidence, r.vocabulary_evidence, r.forms,
      r.head_forms, r.idf_cover
    from ranked r
    join entity e on e.id = r.occupation_id and e.kind = 'occupation' and e.status = 'published'
    order by 2 desc, 1
    limit p_limit;
  end
  $$`;

/** title_vocabulary_evidence() of migration 0030, its title words' rows read once. */
export const VOCABULARY_EVIDENCE = `create or replace function title_vocabulary_evidence(p_words text[], p_head text, p_fields text[],
    p_field_weights float8[], p_mu float8, p_head_mu float8, p_head_any float8, p_prior float8, p_limit integer)
  returns table (occupation_id uuid, score float8, matched integer, head_evidence float8, title_evidence float8,
    vocabulary_evidence float8, forms integer, head_forms integer, idf_cover float8)
  language plpgsql stable
  rows 30
  set plan_cache_mode = force_generic_plan
  set jit = off
  as $$
  #variable_conflict use_column
  declare
    total float8 := greatest(coalesce((select sum(t.forms) from title_occupation t), 0), 1);
    modifiers integer := (select count(distinct w) from unnest(p_words) as w where w is distinct from p_head);
  begin
    return query
    with q(word) as (select distinct w from unnest(p_words || p_head) as w where w is not null),
    in_titles as materialized (
      select tw.occupation_id, tw.word, tw.forms, tw.heads from title_occupation_word tw where tw.word in (select word from q)
    ),
    background as materialized (
      select q.word, (coalesce(sum(tw.forms), 0) + 0.5) / total as bw, (coalesce(sum(tw.heads), 0) + 0.5) / total as bh
      from q left join in_titles tw on tw.word = q.word
      group by q.word
    ),
    idf as (select greatest(sum(-ln(b.bw)), 1e-9) as total_idf from background b),
    in_vocabulary as (
      select v.occupation_id, v.word, sum(fw.weight * least(v.n, 3) / 3.0) as f
      from occupation_vocabulary v
      join unnest(p_fields, p_field_weights) as fw(field, weight) on fw.field = v.field
      where v.word in (select word from q) and v.word is distinct from p_head
      group by 1, 2
    ),
    evidence as (
      select coalesce(t.occupation_id, v.occupation_id) as occupation_id, coalesce(t.word, v.word) as word,
        coalesce(t.forms, 0) as forms, coalesce(t.heads, 0) as heads, coalesce(v.f, 0) as f
      from in_titles t full join in_vocabulary v on v.occupation_id = t.occupation_id and v.word = t.word
    ),
    scored as (
      select e.occupation_id,
        sum(case when e.word = p_head then ln(1 + (e.heads + p_head_any * e.forms) / (p_head_mu * b.bh))
          else ln(1 + (e.forms + e.f) / (p_mu * b.bw)) end) as evidence,
        coalesce(sum(ln(1 + (e.heads + p_head_any * e.forms) / (p_head_mu * b.bh))) filter (where e.word = p_head), 0)
          as head_evidence,
        coalesce(sum(ln(1 + e.forms / (p_mu * b.bw))) filter (where e.word is distinct from p_head), 0)
          as title_evidence,
        coalesce(max(e.heads) filter (where e.word = p_head), 0)::integer as head_forms,
        sum(-ln(b.bw)) as idf,
        count(*)::integer as matched
      from evidence e join background b on b.word = e.word
      group by 1
    ),
    ranked as (
      select s.occupation_id,
        (p_prior * ln((coalesce(t.forms, 0) + 1) / total)
          + case when p_head is null then 0 else ln(p_head_mu / (coalesce(t.forms, 0) + p_head_mu)) end
          + modifiers * ln(p_mu / (coalesce(t.forms, 0) + p_mu))
          + s.evidence)::float8 as score,
        s.matched, s.head_evidence::float8, s.title_evidence::float8,
        (s.evidence - s.head_evidence - s.title_evidence)::float8 as vocabulary_evidence,
        coalesce(t.forms, 0)::integer as forms, s.head_forms, (s.idf / (select total_idf from idf))::float8 as idf_cover
      from scored s
      left join title_occupation t on t.occupation_id = s.occupation_id
      order by 2 desc, 1
      -- room for occupations that turn out not to be published
      limit p_limit * 2 + 10
    )
    select r.occupation_id, r.score, r.matched, r.head_evidence, r.title_evidence, r.vocabulary_evidence, r.forms,
      r.head_forms, r.idf_cover
    from ranked r
    join entity e on e.id = r.occupation_id and e.kind = 'occupation' and e.status = 'published'
    order by 2 desc, 1
    limit p_limit;
  end
  $$`;

const SECTOR_SHARE = (occupation: string, sector: string) => `(
  select (coalesce(sum(by_sector.value) filter (where by_sector.attributes->>'naicsCode' = ${sector}), 0)
    / nullif(sum(by_sector.value), 0))::float8
  from observation by_sector
  where ${sector} is not null and by_sector.entity_id = ${occupation} and by_sector.metric = 'industry_employment'
    and by_sector.status = 'published')`;

const SEARCH_CALL = (trigram: string) => `title_search(q."altUnit", q."altWord", q."altSim", q."unitWeight",
      q."unitMiss", q.exact, q."keysFull", q."keysLarge", q."all", q."keysSmall", q.relaxed, ${trigram}, p_noise,
      p_noise_weight, p_rarity, p_candidates, q."limit")`;

export const SEARCH_BATCH = `create function title_search_batch(p_searches jsonb, p_noise text[], p_noise_weight float8,
    p_rarity float8, p_candidates integer)
  returns table (i integer, pass integer, occupation_id uuid, title text, label_type text, via text, tokens text[],
    exact boolean, score float8, name_cover float8, onet_soc_code text, rank integer, share float8)
  language plpgsql stable
  rows 10
  set plan_cache_mode = force_generic_plan
  set jit = off
  as $$
  #variable_conflict use_column
  begin
    return query
    with q as materialized (
      select * from jsonb_to_recordset(p_searches) as q(i integer, "altUnit" integer[], "altWord" text[],
        "altSim" float8[], "unitWeight" float8[], "unitMiss" float8[], exact text, "keysFull" text[],
        "keysLarge" text[], "all" tsquery, "keysSmall" text[], relaxed tsquery, trigram text, "limit" integer,
        sector text)
    ),
    plain as materialized (select q.i, t.* from q cross join lateral ${SEARCH_CALL('null::text')} t),
    again as materialized (
      select q.i from q
      where q.trigram is not null
        and coalesce((select p.score from plain p where p.i = q.i order by p.rank limit 1), 0) < 0.6
    ),
    trigram as materialized (
      select q.i, t.* from q join again a on a.i = q.i cross join lateral ${SEARCH_CALL('q.trigram')} t
    ),
    hits as (
      select 0 as pass, p.* from plain p where p.i not in (select a.i from again a)
      union all
      select 1 as pass, g.* from trigram g
    )
    select h.i, h.pass, h.occupation_id, h.title, h.label_type, h.via, h.tokens, h.exact, h.score, h.name_cover,
      h.onet_soc_code, h.rank, ${SECTOR_SHARE('h.occupation_id', 'q.sector')}
    from hits h
    join q on q.i = h.i
    order by h.i, h.pass, h.rank;
  end
  $$`;

const VOCABULARY_BATCH = `create function title_vocabulary_batch(p_queries jsonb, p_fields text[],
    p_field_weights float8[], p_mu float8, p_head_mu float8, p_head_any float8, p_prior float8)
  returns table (i integer, occupation_id uuid, score float8, matched integer, head_evidence float8,
    title_evidence float8, vocabulary_evidence float8, forms integer, head_forms integer, idf_cover float8,
    onet_soc_code text, share float8)
  language plpgsql stable
  rows 15
  set plan_cache_mode = force_generic_plan
  set jit = off
  as $$
  #variable_conflict use_column
  begin
    return query
    with q as materialized (
      select * from jsonb_to_recordset(p_queries) as q(i integer, modifiers text[], head text, "limit" integer,
        sector text)
    )
    select q.i, v.occupation_id, v.score, v.matched, v.head_evidence, v.title_evidence, v.vocabulary_evidence,
      v.forms, v.head_forms, v.idf_cover,
      (select o.onet_soc_code from occupation o where o.entity_id = v.occupation_id),
      ${SECTOR_SHARE('v.occupation_id', 'q.sector')}
    from q
    cross join lateral title_vocabulary_evidence(q.modifiers, q.head, p_fields, p_field_weights, p_mu, p_head_mu,
      p_head_any, p_prior, q."limit") with ordinality as v(occupation_id, score, matched, head_evidence,
        title_evidence, vocabulary_evidence, forms, head_forms, idf_cover, n)
    order by q.i, v.n;
  end
  $$`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(TITLE_SEARCH).execute(db);
  await sql.raw(VOCABULARY_EVIDENCE).execute(db);
  await sql.raw(SEARCH_BATCH).execute(db);
  await sql.raw(VOCABULARY_BATCH).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop function title_search_batch(jsonb, text[], float8, float8, integer)').execute(db);
  await sql
    .raw('drop function title_vocabulary_batch(jsonb, text[], float8[], float8, float8, float8, float8)')
    .execute(db);
  await sql.raw(PUBLISHED_TITLE_SEARCH).execute(db);
  await sql.raw(VOCABULARY_EVIDENCE_BEFORE).execute(db);
}
