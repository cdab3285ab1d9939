import { type Kysely, sql } from 'kysely';

/*
 * title_vocabulary_evidence: title_vocabulary_rank (migration 0015) with its score's parts, for the ranking
 * model of title coding (db/src/search/coding.ts) to weigh each: the head noun's evidence (titles of the
 * occupation that end in it, or use it), the modifiers' evidence in the occupation's titles and in the rest of
 * its vocabulary (tasks, tools and technology, definitions, ESCO labels), how many title forms the occupation
 * has and how many of them end in the head noun, and the share of the title's words, each weighted by its
 * rarity in all titles (IDF: -ln of its share of title forms), that the occupation's vocabulary has. The
 * candidates and their order are the same as title_vocabulary_rank's.
 */

const FUNCTION = `create function title_vocabulary_evidence(p_words text[], p_head text, p_fields text[],
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

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(FUNCTION).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      'drop function title_vocabulary_evidence(text[], text, text[], float8[], float8, float8, float8, float8, integer)',
    )
    .execute(db);
}
