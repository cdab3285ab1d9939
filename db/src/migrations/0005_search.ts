import { type Kysely, sql } from 'kysely';

/*
 * The job-title index behind resolveTitle.
 *
 * title_form: every label of an occupation or alternate title, tokenised (accents folded, lower case, stop words
 *   dropped, plurals folded) and split into its forms: the text outside parentheses and each parenthesised part,
 *   so "Registered Nurse (RN)" is found as "registered nurse" and as "rn".
 * title_word: the vocabulary of those forms, with how many forms use each word (for weighting), the word's
 *   one-deletion keys (for typos: two words within one edit share a key) and its consonant skeleton (for
 *   shortened words: "spclst", "hnd").
 * title_words(), title_search(): the two statements of resolveTitle (db/src/search/titles.ts).
 *
 * Both tables are kept current by triggers: a label insert or update re-derives its forms in the same statement,
 * a label delete cascades, and the form triggers keep the word counts. Every write is visible to the next search;
 * nothing is cached outside the database. The SQL tokeniser mirrors db/src/search/normalize.ts; tests check that
 * both sides agree.
 */

export const FOLD_FROM =
  'ÀÁÂÃÄÅĀĂĄàáâãäåāăąÇĆČçćčĎďÈÉÊËĒĖĘĚèéêëēėęěĞğÌÍÎÏĪĮİìíîïīįıŁłÑŃŇñńňÒÓÔÕÖØŌŐòóôõöøōőŘřŚŠŞśšşŤťÙÚÛÜŪŮŰùúûüūůűÝŸýÿŹŻŽźżž';
export const FOLD_TO =
  'AAAAAAAAAaaaaaaaaaCCCcccDdEEEEEEEEeeeeeeeeGgIIIIIIIiiiiiiiLlNNNnnnOOOOOOOOooooooooRrSSSsssTtUUUUUUUuuuuuuuYYyyZZZzzz';
export const STOP_WORDS = [
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'into',
  'of',
  'on',
  'the',
  'to',
  'with',
];

/**
 * The vocabulary half of resolveTitle: the title words the query's words may be. `exact` for words looked up as
 * they are, `typo` for words sharing a one-deletion key with a query word, `skeleton:<s>` for words with that
 * skeleton, `prefix:<p>` for the four most used words starting with p. A plpgsql function for the same reason
 * as title_search.
 */
export const TITLE_WORDS_FUNCTION = `create function title_words(p_words text[], p_keys text[], p_prefixes text[],
  p_skeletons text[])
returns table (src text, word text, df integer)
language plpgsql stable
rows 50
set plan_cache_mode = force_generic_plan
set jit = off
as $$
#variable_conflict use_column
begin
  return query
  select 'exact'::text, w.word, w.df from title_word w where w.word = any (p_words)
  union all
  select 'typo'::text, w.word, w.df from title_word w where w.keys && p_keys
  union all
  select 'skeleton:' || w.skeleton, w.word, w.df from title_word w where w.skeleton = any (p_skeletons)
  union all
  select 'prefix:' || p.p, x.word, x.df
  from unnest(p_prefixes) as p(p)
  cross join lateral (
    select w.word, w.df from title_word w
    where w.word ~>~ p.p and w.word ~<~ (p.p || '{')
    order by w.df desc, w.word collate "C"
    limit 4
  ) x;
end
$$`;

/**
 * The scoring half of resolveTitle (db/src/search/titles.ts computes the arguments from the query). A plpgsql
 * function so that its plan is made once per session: planning this statement anew costs more than running it.
 * No JIT: compiling takes a hundred times longer than running these small queries.
 */
export const TITLE_SEARCH_FUNCTION = `create function title_search(
  p_alt_unit integer[], p_alt_word text[], p_alt_sim float8[], p_unit_weight float8[], p_unit_miss float8[],
  p_exact text, p_keys_full text[], p_keys_large text[], p_all tsquery, p_keys_small text[], p_relaxed tsquery,
  p_trigram text, p_noise text[], p_noise_weight float8, p_rarity float8, p_candidates integer, p_limit integer)
returns table (occupation_id uuid, title text, label_type text, via text, tokens text[], exact boolean, score float8,
  name_cover float8, onet_soc_code text, rank integer)
language plpgsql stable
rows 10
set plan_cache_mode = force_generic_plan
set jit = off
as $$
#variable_conflict use_column
declare
  -- what the query weighs when a title matches none of it (a word read as a typo weighs less unmatched)
  total_miss float8 := coalesce((select sum(w) from unnest(p_unit_miss) as w), 0);
begin
  return query
  with alt(unit, word, sim) as (
    select * from unnest(p_alt_unit, p_alt_word, p_alt_sim)
  ),
  unit_weight(unit, weight, miss) as (
    select (x.i - 1)::integer, x.w, x.m from unnest(p_unit_weight, p_unit_miss) with ordinality as x(w, m, i)
  ),
  -- candidates by priority until the budget is spent: the title as typed; titles made of all the query's words,
  -- then of all but one; titles with all the query's words and more; smaller sets of query words; titles with all
  -- but one of the query's words; trigram neighbours (only when asked: nothing close was found)
  cand as (
    select distinct x.id from (
      select f.id from title_form f where f.norm = p_exact
      union all
      select f.id from title_form f where f.skey = any (p_keys_full)
      union all
      select f.id from title_form f where f.skey = any (p_keys_large)
      union all
      select f.id from title_form f where f.tsv @@ p_all
      union all
      select f.id from title_form f where f.skey = any (p_keys_small)
      union all
      select f.id from title_form f where f.tsv @@ p_relaxed
      union all
      (select f.id from title_form f where f.norm % p_trigram order by f.norm <-> p_trigram limit 40)
      limit p_candidates
    ) x
  ),
  form_word as (
    select distinct c.id, t.word
    from cand c join title_form f on f.id = c.id cross join lateral unnest(f.tokens) as t(word)
  ),
  -- each title word once: its weight (rarity; level and shift words a fifth), its best similarity to a query
  -- word, and how many query alternatives it meets (so that it counts once below)
  word_weight as materialized (
    select d.word,
      ln(1 + p_rarity / greatest(coalesce((select w.df from title_word w where w.word = d.word), 1), 1))
        * case when d.word = any (p_noise) then p_noise_weight else 1 end as wd,
      coalesce(a.best, 0) as best, greatest(coalesce(a.n, 0), 1) as n
    from (select distinct fw.word from form_word fw) d
    left join (select alt.word, max(alt.sim) as best, count(*) as n from alt group by alt.word) a on a.word = d.word
  ),
  form_unit as (
    select fw.id, a.unit, max(a.sim) as sim, sum(ww.wd * ww.best / ww.n) as dpart, sum(ww.wd / ww.n) as dtotal
    from form_word fw
    join word_weight ww on ww.word = fw.word
    left join alt a on a.word = fw.word
    group by fw.id, a.unit
  ),
  -- how much of the title the query covers (by weight) and how much of the query the title covers
  forms as (
    select fu.id,
      sum(fu.dpart) / nullif(sum(fu.dtotal), 0) as dcov,
      coalesce(sum(fu.sim * uw.weight), 0)
        / greatest(total_miss + coalesce(sum(uw.weight - uw.miss), 0), 1e-9) as qcov
    from form_unit fu
    left join unit_weight uw on uw.unit = fu.unit
    group by fu.id
  ),
  -- the best forms: exact ones first, then by 0.6 x title covered + 0.4 x query covered (or trigram similarity)
  top_forms as (
    select f.id, f.label_id, f.entity_id, f.label_type, f.text, f.tokens, f.norm = p_exact as exact,
      greatest(0.6 * coalesce(s.dcov, 0) + 0.4 * s.qcov, coalesce(0.8 * similarity(f.norm, p_trigram), 0)) as s,
      coalesce(similarity(f.norm, p_trigram), 0) as trgm
    from forms s
    join title_form f on f.id = s.id
    order by 7 desc, 8 desc
    limit 40
  ),
  hits as materialized (
    select t.*, e.kind as via,
      case when e.kind = 'occupation' then e.id else r.from_id end as occupation_id,
      case
        when t.exact and e.kind = 'occupation' and t.label_type = 'preferred' then 1.0
        when t.exact and t.label_type = 'reported' then 0.97
        when t.exact then 0.98
        -- O*NET's alternate titles are curated; reported titles are a sample of what workers wrote
        when t.label_type = 'reported' then 0.93 * t.s
        else 0.94 * t.s
      end as base
    from top_forms t
    join entity e on e.id = t.entity_id and e.status <> 'retired'
    left join relation r on e.kind = 'alternate_title' and r.to_id = e.id and r.predicate = 'has_title'
      and r.status <> 'retired'
  ),
  -- how many distinct titles of each occupation match well
  support as (
    select h.occupation_id, count(distinct lower(h.text)) as n
    from hits h
    where h.occupation_id is not null and h.base >= 0.65
    group by h.occupation_id
  ),
  best as (
    select distinct on (h.occupation_id) h.occupation_id, h.text, h.label_type, h.via, h.tokens, h.exact, h.base,
      coalesce(s.n, 0) as support
    from hits h
    left join support s on s.occupation_id = h.occupation_id
    where h.occupation_id is not null
    order by h.occupation_id, h.base desc, (h.via = 'occupation' and h.label_type = 'preferred') desc,
      length(h.text), h.text
  ),
  -- among near equals: the occupation whose own name the query matches (level and catch-all words a fifth) and
  -- the one more of whose titles match score a little higher; last, the broad occupation (code ending in .00)
  ranked as (
    select b.*, oe.name, (select o.onet_soc_code from occupation o where o.entity_id = b.occupation_id) as code,
      coalesce((
        select sum(wt.w * coalesce((select max(a.sim) from alt a where a.word = wt.t), 0)) / nullif(sum(wt.w), 0)
        from (
          select distinct t.t, case when t.t = any (p_noise) then p_noise_weight else 1 end as w
          from title_form nf
          cross join lateral unnest(nf.tokens) as t(t)
          where nf.entity_id = b.occupation_id and nf.label_type = 'preferred' and nf.part = 0
        ) wt
      ), 0) as cover
    -- only rows that can reach the first p_limit: the cover moves a score by at most 1%
    from (
      select * from best
      where base >= coalesce((select b2.base from best b2 order by b2.base desc offset p_limit - 1 limit 1), 0) * 0.985
      order by base desc
      limit p_limit + 40
    ) b
    join entity oe on oe.id = b.occupation_id and oe.status <> 'retired'
  ),
  final as (
    select r.*,
      case when r.base >= 1 then 1
        else r.base * (0.99 + 0.01 * r.cover) + 0.001 * least(greatest(r.support - 1, 0), 5)
      end as final_score
    from ranked r
  )
  select f.occupation_id, f.text, f.label_type, f.via, f.tokens, f.exact, f.final_score::float8, f.cover::float8,
    f.code, (row_number() over (order by f.final_score desc, coalesce(f.code like '%.00', false) desc, f.name,
      f.occupation_id))::integer
  from final f
  order by 10
  limit p_limit;
end
$$`;

/** Plural folding (foldWord). */
export const TITLE_FOLD_FUNCTION = `create function title_fold(w text) returns text language sql immutable strict parallel safe as $$
    select case
      when length(w) <= 3 or translate(w, '0123456789', '') <> w then w
      when length(w) > 4 and right(w, 3) = 'ies' then left(w, -3) || 'y'
      when right(w, 2) in ('ss', 'us', 'is') then w
      when right(w, 4) in ('ches', 'shes', 'sses') or right(w, 3) in ('xes', 'zes') then left(w, -2)
      when right(w, 1) = 's' then left(w, -1)
      when length(w) >= 5 and right(w, 3) = 'men' then left(w, -3) || 'man'
      else w
    end
  $$`;

/** The tokens of a title (titleTokens). */
export const TITLE_TOKENS_FUNCTION = `create function title_tokens(t text) returns text[] language sql immutable strict parallel safe as $$
    select coalesce(array_agg(title_fold(s.w) order by s.n), '{}')
    from unnest(string_to_array(btrim(regexp_replace(
      lower(regexp_replace(translate(replace(translate(t, '${FOLD_FROM}', '${FOLD_TO}'), '&', ' and '), '''’\`ʼ', ''),
        '[^[:ascii:]]', ' ', 'g')),
      '[^a-z0-9+#]+', ' ', 'g')), ' ')) with ordinality as s(w, n)
    where s.w <> '' and s.w <> all (array[${STOP_WORDS.map((w) => `'${w}'`).join(', ')}])
  $$`;

/** Forms of a title (titleForms). */
export const TITLE_FORMS_FUNCTION = `create function title_forms(t text) returns table (part integer, tokens text[])
    language sql immutable strict parallel safe as $$
    select 0, tk from title_tokens(t) as tk where strpos(t, '(') = 0 and cardinality(tk) > 0
    union all
    select min(p)::integer, tk from (
      select 0 as p, title_tokens(regexp_replace(t, '\\([^()]*\\)', ' ', 'g')) as tk
      union all
      select x.n::integer, title_tokens(x.m[1]) from regexp_matches(t, '\\(([^()]*)\\)', 'g') with ordinality as x(m, n)
    ) s
    where strpos(t, '(') > 0 and cardinality(tk) > 0
    group by tk
    order by 1
  $$`;

const statements = [
  // plural folding (foldWord)
  // (suffix comparisons rather than regular expressions: this runs for every word of every title written)
  TITLE_FOLD_FUNCTION,
  // tokens of a title (titleTokens)
  TITLE_TOKENS_FUNCTION,
  // forms of a title: outside the parentheses, then each parenthesised part (titleForms); most titles have none
  TITLE_FORMS_FUNCTION,
  // first letter and the consonants after it (wordSkeleton): how people shorten words ("spclst", "hnd", "mktg")
  `create function title_skeleton(w text) returns text language sql immutable strict parallel safe as $$
    select left(w, 1) || regexp_replace(substr(w, 2), '[aeiou]', '', 'g')
  $$`,
  // the word and its one-deletion variants (wordKeys)
  `create function title_word_keys(w text) returns text[] language sql immutable strict parallel safe as $$
    select case when length(w) < 4 then array[w] else array(
      select distinct k from (
        select w as k union all select left(w, i - 1) || substr(w, i + 1) from generate_series(1, length(w)) as i
      ) s order by k)
    end
  $$`,

  `create table title_form (
    id bigint generated always as identity primary key,
    label_id uuid not null references label (id) on delete cascade,
    entity_id uuid not null,
    -- the label's type and text, copied so that a search reads no label rows
    label_type text not null,
    text text not null,
    part smallint not null,
    tokens text[] not null,
    norm text not null,
    -- distinct words, sorted: a form made only of query words is found by its set of words
    skey text not null,
    -- number of distinct words
    ntok smallint not null,
    tsv tsvector not null,
    unique (label_id, part)
  )`,
  `create table title_word (
    word text primary key,
    df integer not null,
    keys text[] not null,
    skeleton text not null
  )`,

  // (re)derives the forms of some labels
  `create function title_form_refresh(label_ids uuid[]) returns void language sql as $$
    delete from title_form where label_id = any (label_ids);
    insert into title_form (label_id, entity_id, label_type, text, part, tokens, norm, skey, ntok, tsv)
    select l.id, l.entity_id, l.type, l.text, f.part, f.tokens, array_to_string(f.tokens, ' '), array_to_string(d.words, ' '),
           cardinality(d.words), array_to_tsvector(d.words)
    from label l
    join entity e on e.id = l.entity_id
    cross join lateral title_forms(l.text) f
    cross join lateral (select array(select distinct u.w collate "C" from unnest(f.tokens) as u(w) order by 1) as words) d
    where l.id = any (label_ids) and l.status <> 'retired' and e.kind in ('occupation', 'alternate_title');
  $$`,
  `create function title_form_label_trigger() returns trigger language plpgsql as $$
  begin
    if tg_op = 'INSERT' then
      perform title_form_refresh(array(select n.id from new_rows n));
    else
      perform title_form_refresh(array(
        select n.id from new_rows n join old_rows o on o.id = n.id
        where n.text is distinct from o.text or n.type is distinct from o.type or n.status is distinct from o.status
           or n.entity_id is distinct from o.entity_id));
    end if;
    return null;
  end
  $$`,
  `create trigger label_title_form_insert after insert on label referencing new table as new_rows
    for each statement execute function title_form_label_trigger()`,
  `create trigger label_title_form_update after update on label referencing old table as old_rows new table as new_rows
    for each statement execute function title_form_label_trigger()`,

  TITLE_WORDS_FUNCTION,
  TITLE_SEARCH_FUNCTION,

  // word counts follow the forms; words are locked in word order, so concurrent writers queue rather than deadlock
  `create function title_word_trigger() returns trigger language plpgsql as $$
  begin
    if tg_op = 'INSERT' then
      -- words already known: count them; new words: their typo keys and skeleton too
      with counted as (
        select s.word, count(*) as n
        from (select distinct n.id, unnest(n.tokens) as word from new_rows n) s
        group by s.word
      ),
      known as (
        update title_word w set df = w.df + c.n from counted c where w.word = c.word returning w.word
      )
      insert into title_word (word, df, keys, skeleton)
      select c.word, c.n, title_word_keys(c.word), title_skeleton(c.word)
      from counted c
      where not exists (select 1 from known k where k.word = c.word)
      order by c.word
      on conflict (word) do update set df = title_word.df + excluded.df;
    elsif tg_op = 'DELETE' then
      perform 1 from title_word w
      where w.word in (select unnest(o.tokens) from old_rows o)
      order by w.word
      for update;
      update title_word w set df = w.df - g.n
      from (
        select s.word, count(*) as n
        from (select distinct o.id, unnest(o.tokens) as word from old_rows o) s
        group by s.word
      ) g
      where w.word = g.word;
      delete from title_word w where w.df <= 0 and w.word in (select unnest(o.tokens) from old_rows o);
    else
      delete from title_word;
    end if;
    return null;
  end
  $$`,
  `create trigger title_form_word_insert after insert on title_form referencing new table as new_rows
    for each statement execute function title_word_trigger()`,
  `create trigger title_form_word_delete after delete on title_form referencing old table as old_rows
    for each statement execute function title_word_trigger()`,
  'create trigger title_form_word_truncate after truncate on title_form for each statement execute function title_word_trigger()',

  `select title_form_refresh(array(
    select l.id from label l join entity e on e.id = l.entity_id where e.kind in ('occupation', 'alternate_title')))`,
  // Indexes after the backfill (built in bulk). GIN without fastupdate: PGlite has no autovacuum to merge a
  // GIN pending list, and a long pending list is read through on every search.
  'create index title_form_tsv_idx on title_form using gin (tsv) with (fastupdate = off)',
  'create index title_form_norm_idx on title_form (norm)',
  'create index title_form_skey_idx on title_form (skey)',
  // only the fallback for queries nothing matched well reads this one: a small pending list is cheap to scan
  'create index title_form_norm_trgm_idx on title_form using gin (norm gin_trgm_ops) with (gin_pending_list_limit = 256)',
  'create index title_form_entity_idx on title_form (entity_id, label_type)',
  'create index title_word_keys_idx on title_word using gin (keys) with (fastupdate = off)',
  'create index title_word_prefix_idx on title_word (word text_pattern_ops)',
  'create index title_word_skeleton_idx on title_word (skeleton)',
  'analyze title_form',
  'analyze title_word',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'drop trigger label_title_form_insert on label',
    'drop trigger label_title_form_update on label',
    'drop table title_form, title_word',
    'drop function title_form_label_trigger(), title_word_trigger(), title_form_refresh(uuid[])',
    'drop function title_forms(text), title_tokens(text), title_fold(text), title_word_keys(text), title_skeleton(text)',
    'drop function title_words(text[], text[], text[], text[])',
    `drop function title_search(integer[], text[], float8[], float8[], float8[], text, text[], text[], tsquery, text[],
      tsquery, text, text[], float8, float8, integer, integer)`,
  ]) {
    await sql.raw(statement).execute(db);
  }
}
