import { type Kysely, sql } from 'kysely';

/*
 * Each occupation's vocabulary, for titles the title index does not hold (db/src/search/vocabulary.ts).
 *
 * title_occupation_word: for each occupation and word, how many of its title forms use the word and how many
 *   end in it (the head noun: "operator" in "tanning wheel operator"); title_occupation: how many title forms
 *   each occupation has. Forms reach an occupation as its own labels, or as the labels of an alternate title
 *   it has a published has_title relation to. Kept by triggers on title_form (which holds published labels
 *   only, migration 0008) and on relation, in the same statement as the write: an edit counts at once.
 * occupation_vocabulary: the other words that describe an occupation, weighted by where they come from: its
 *   task statements, tools and technology, its description, its SOC definition, and the labels of the ESCO
 *   occupations it closely matches. Refreshed per occupation by triggers on relation and occupation.
 *
 * Level, shift and catch-all words ("senior", "night", "all other") are not counted: queries ignore them.
 */

const NOISE_WORDS = [
  'senior',
  'junior',
  'lead',
  'principal',
  'staff',
  'entry',
  'level',
  'experienced',
  'trainee',
  'i',
  'ii',
  'iii',
  'iv',
  'v',
  '1',
  '2',
  '3',
  '4',
  '1st',
  '2nd',
  '3rd',
  'night',
  'day',
  'evening',
  'overnight',
  'weekend',
  'shift',
  'rotating',
  'graveyard',
  'swing',
  'remote',
  'hybrid',
  'onsite',
  'site',
  'wfh',
  'telecommute',
  'virtual',
  'full',
  'part',
  'time',
  'fulltime',
  'parttime',
  'ft',
  'prn',
  'per',
  'diem',
  'contract',
  'temporary',
  'temp',
  'seasonal',
  'permanent',
  'position',
  'job',
  'opening',
  'hiring',
  'urgent',
  'immediate',
  'needed',
  'wanted',
  'bonus',
  'sign',
  'grad',
  'new',
  'all',
  'other',
  'except',
];
const NOISE = `array[${NOISE_WORDS.map((w) => `'${w}'`).join(', ')}]::text[]`;

/** Adds (sign 1) or takes away (sign -1) title forms from the occupations they reach. */
export const TITLE_OCCUPATION_ADD_FUNCTION = `create function title_occupation_add(p_forms bigint[], p_occupations uuid[], p_sign integer) returns void
  language sql as $$
    with pairs as (
      select distinct f.id, f.tokens, x.occupation_id
      from unnest(p_forms, p_occupations) as x(form_id, occupation_id)
      join title_form f on f.id = x.form_id
    ),
    words as (
      select w.word, p.occupation_id, count(*)::integer as forms,
        count(*) filter (where w.word = title_head(p.tokens))::integer as heads
      from pairs p cross join lateral (select distinct unnest(title_content(p.tokens)) as word) w
      group by 1, 2
    ),
    counted as (
      insert into title_occupation (occupation_id, forms)
      select p.occupation_id, p_sign * count(*) from pairs p group by 1 order by 1
      on conflict (occupation_id) do update set forms = title_occupation.forms + excluded.forms
    )
    insert into title_occupation_word (word, occupation_id, forms, heads)
    select w.word, w.occupation_id, p_sign * w.forms, p_sign * w.heads from words w order by 1, 2
    on conflict (word, occupation_id) do update
      set forms = title_occupation_word.forms + excluded.forms, heads = title_occupation_word.heads + excluded.heads;
    delete from title_occupation_word where forms <= 0 and p_sign < 0
      and occupation_id = any (p_occupations);
  $$`;

/** Adds (sign 1) or takes away (sign -1) the words of some texts from occupations' vocabulary, by field. */
export const OCCUPATION_VOCABULARY_ADD_FUNCTION = `create function occupation_vocabulary_add(p_occupations uuid[], p_fields text[], p_texts text[], p_sign integer)
  returns void language sql as $$
    insert into occupation_vocabulary (word, occupation_id, field, n)
    select w.word, x.occupation_id, x.field, p_sign * count(*)
    from unnest(p_occupations, p_fields, p_texts) as x(occupation_id, field, text)
    cross join lateral (select distinct unnest(title_content(title_tokens(x.text))) as word) w
    where x.occupation_id is not null and x.text is not null
    group by 1, 2, 3 order by 1, 2, 3
    on conflict (word, occupation_id, field) do update set n = occupation_vocabulary.n + excluded.n;
    delete from occupation_vocabulary where n <= 0 and p_sign < 0 and occupation_id = any (p_occupations);
  $$`;

const statements = [
  // the words of a form that count (level and shift words do not), and its head: the last of them
  `create function title_content(tokens text[]) returns text[] language sql immutable strict parallel safe as $$
    select coalesce(array_agg(t.w order by t.n), '{}') from unnest(tokens) with ordinality as t(w, n)
    where t.w <> all (${NOISE})
  $$`,
  `create function title_head(tokens text[]) returns text language sql immutable strict parallel safe as $$
    select coalesce((title_content(tokens))[cardinality(title_content(tokens))], tokens[cardinality(tokens)])
  $$`,

  `create table title_occupation (
    occupation_id uuid primary key references entity (id) on delete cascade,
    forms integer not null
  )`,
  `create table title_occupation_word (
    word text not null,
    occupation_id uuid not null references entity (id) on delete cascade,
    forms integer not null,
    heads integer not null,
    primary key (word, occupation_id)
  )`,
  `create table occupation_vocabulary (
    word text not null,
    occupation_id uuid not null references entity (id) on delete cascade,
    field text not null,
    -- how many of the field's texts use the word
    n integer not null,
    primary key (word, occupation_id, field)
  )`,

  // adds (sign 1) or takes away (sign -1) title forms from the occupations they reach; rows are written in key
  // order so that concurrent writers queue rather than deadlock
  TITLE_OCCUPATION_ADD_FUNCTION,
  // the occupations a form reaches: its own entity if an occupation, else through published has_title relations
  `create function title_form_occupations(p_entity uuid) returns setof uuid language sql stable as $$
    select e.id from entity e where e.id = p_entity and e.kind = 'occupation'
    union
    select r.from_id from relation r where r.to_id = p_entity and r.predicate = 'has_title' and r.status = 'published'
  $$`,
  `create function title_occupation_form_trigger() returns trigger language plpgsql as $$
  begin
    if tg_op = 'INSERT' then
      perform title_occupation_add(array_agg(x.id), array_agg(x.occ), 1)
      from (select n.id, o.occ from new_rows n cross join lateral title_form_occupations(n.entity_id) as o(occ)) x;
    elsif tg_op = 'DELETE' then
      -- the forms are gone: take their words away by hand
      with pairs as (
        select distinct o.id, o.tokens, x.occ as occupation_id
        from old_rows o cross join lateral title_form_occupations(o.entity_id) as x(occ)
      ),
      words as (
        select w.word, p.occupation_id, count(*)::integer as forms,
          count(*) filter (where w.word = title_head(p.tokens))::integer as heads
        from pairs p cross join lateral (select distinct unnest(title_content(p.tokens)) as word) w
        group by 1, 2
      ),
      counted as (
        update title_occupation t set forms = t.forms - c.n
        from (select p.occupation_id, count(*)::integer as n from pairs p group by 1 order by 1) c
        where t.occupation_id = c.occupation_id
      )
      update title_occupation_word t set forms = t.forms - w.forms, heads = t.heads - w.heads
      from words w where t.word = w.word and t.occupation_id = w.occupation_id;
      delete from title_occupation_word t where t.forms <= 0
        and t.word in (select distinct unnest(title_content(o.tokens)) from old_rows o);
    else
      delete from title_occupation_word;
      delete from title_occupation;
    end if;
    return null;
  end
  $$`,
  `create trigger title_form_occupation_insert after insert on title_form referencing new table as new_rows
    for each statement execute function title_occupation_form_trigger()`,
  `create trigger title_form_occupation_delete after delete on title_form referencing old table as old_rows
    for each statement execute function title_occupation_form_trigger()`,
  `create trigger title_form_occupation_truncate after truncate on title_form
    for each statement execute function title_occupation_form_trigger()`,

  // a has_title relation published, retired, moved or deleted: its title's forms follow it; a task, tool,
  // technology or close match relation: its words join or leave its occupation's vocabulary. An updated relation
  // leaves with its old state and comes back with the new one when its status or ends changed. (A transition
  // table exists only for the operations that have it, hence one branch per operation.)
  `create function title_occupation_relation_trigger() returns trigger language plpgsql as $$
  begin
    if tg_op = 'INSERT' then
      perform title_occupation_relations(coalesce(jsonb_agg(to_jsonb(n)), '[]'), 1) from new_rows n;
    elsif tg_op = 'DELETE' then
      perform title_occupation_relations(coalesce(jsonb_agg(to_jsonb(o)), '[]'), -1) from old_rows o;
    else
      perform title_occupation_relations(coalesce(jsonb_agg(to_jsonb(o)), '[]'), -1)
      from old_rows o join new_rows n on n.id = o.id
      where n.status is distinct from o.status or n.from_id is distinct from o.from_id or n.to_id is distinct from o.to_id;
      perform title_occupation_relations(coalesce(jsonb_agg(to_jsonb(n)), '[]'), 1)
      from old_rows o join new_rows n on n.id = o.id
      where n.status is distinct from o.status or n.from_id is distinct from o.from_id or n.to_id is distinct from o.to_id;
    end if;
    return null;
  end
  $$`,
  `create function title_occupation_relations(p_relations jsonb, p_sign integer) returns void language plpgsql as $$
  begin
    perform title_occupation_add(array_agg(f.id), array_agg(r.from_id), p_sign)
    from jsonb_to_recordset(p_relations) as r(from_id uuid, to_id uuid, predicate text, status text)
    join title_form f on f.entity_id = r.to_id
    where r.predicate = 'has_title' and r.status = 'published';
    perform occupation_vocabulary_relation(p_relations, p_sign);
  end
  $$`,

  // adds (sign 1) or takes away (sign -1) the words of some texts from occupations' vocabulary, by field
  OCCUPATION_VOCABULARY_ADD_FUNCTION,
  // what a published relation adds to its occupation's vocabulary: a task's statement, a tool's or technology's
  // name, the labels of the ESCO occupation (or O*NET occupation) it closely matches
  `create function occupation_vocabulary_relation(p_relations jsonb, p_sign integer) returns void language sql as $$
    select occupation_vocabulary_add(array_agg(v.occupation_id), array_agg(v.field), array_agg(v.text), p_sign)
    from (
      select r.from_id as occupation_id,
        case when r.predicate = 'performs_task' then 'task' when s.category = 'tool' then 'tool' else 'technology' end
          as field,
        t.name as text
      from jsonb_to_recordset(p_relations) as r(from_id uuid, to_id uuid, predicate text, status text)
      join entity t on t.id = r.to_id
      left join skill s on s.entity_id = t.id
      where r.status = 'published'
        and (r.predicate = 'performs_task' or (r.predicate = 'requires_skill' and s.category in ('technology', 'tool')))
      union all
      select case when k.side = 0 then r.from_id else r.to_id end, 'esco', lb.text
      from jsonb_to_recordset(p_relations) as r(from_id uuid, to_id uuid, predicate text, status text)
      cross join (values (0), (1)) as k(side)
      join label lb on lb.entity_id = case when k.side = 0 then r.to_id else r.from_id end and lb.status = 'published'
      where r.status = 'published' and r.predicate = 'close_match'
    ) v
  $$`,
  // an occupation's description and its SOC definition (rows of occupation, or of soc_code, as jsonb)
  `create function occupation_vocabulary_own(p_occupations jsonb, p_codes jsonb, p_sign integer) returns void
  language sql as $$
    select occupation_vocabulary_add(array_agg(v.id), array_agg(v.field), array_agg(v.text), p_sign)
    from (
      select o.entity_id as id, 'description' as field, o.description as text
      from jsonb_to_recordset(p_occupations) as o(entity_id uuid, description text, soc_code text)
      union all
      select o.entity_id, 'definition', c.definition
      from jsonb_to_recordset(p_occupations) as o(entity_id uuid, description text, soc_code text)
      join soc_code c on c.system = 'soc_2018' and c.code = o.soc_code
      where p_codes is null
      union all
      select o.entity_id, 'definition', c.definition
      from jsonb_to_recordset(p_codes) as c(system text, code text, definition text)
      join occupation o on o.soc_code = c.code
      where c.system = 'soc_2018'
    ) v
  $$`,
  `create function occupation_vocabulary_trigger() returns trigger language plpgsql as $$
  begin
    if tg_table_name = 'occupation' then
      if tg_op = 'INSERT' then
        perform occupation_vocabulary_own(coalesce(jsonb_agg(to_jsonb(n)), '[]'), null, 1) from new_rows n;
      elsif tg_op = 'DELETE' then
        perform occupation_vocabulary_own(coalesce(jsonb_agg(to_jsonb(o)), '[]'), null, -1) from old_rows o;
      else
        perform occupation_vocabulary_own(coalesce(jsonb_agg(to_jsonb(o)), '[]'), null, -1)
        from old_rows o join new_rows n on n.entity_id = o.entity_id
        where n.description is distinct from o.description or n.soc_code is distinct from o.soc_code;
        perform occupation_vocabulary_own(coalesce(jsonb_agg(to_jsonb(n)), '[]'), null, 1)
        from old_rows o join new_rows n on n.entity_id = o.entity_id
        where n.description is distinct from o.description or n.soc_code is distinct from o.soc_code;
      end if;
    else
      if tg_op = 'INSERT' then
        perform occupation_vocabulary_own('[]', coalesce(jsonb_agg(to_jsonb(n)), '[]'), 1) from new_rows n;
      elsif tg_op = 'DELETE' then
        perform occupation_vocabulary_own('[]', coalesce(jsonb_agg(to_jsonb(o)), '[]'), -1) from old_rows o;
      else
        perform occupation_vocabulary_own('[]', coalesce(jsonb_agg(to_jsonb(o)), '[]'), -1)
        from old_rows o join new_rows n on n.system = o.system and n.code = o.code
        where n.definition is distinct from o.definition;
        perform occupation_vocabulary_own('[]', coalesce(jsonb_agg(to_jsonb(n)), '[]'), 1)
        from old_rows o join new_rows n on n.system = o.system and n.code = o.code
        where n.definition is distinct from o.definition;
      end if;
    end if;
    return null;
  end
  $$`,
  ...['occupation', 'soc_code'].flatMap((table) => [
    `create trigger ${table}_vocabulary_insert after insert on ${table} referencing new table as new_rows
      for each statement execute function occupation_vocabulary_trigger()`,
    `create trigger ${table}_vocabulary_update after update on ${table}
      referencing old table as old_rows new table as new_rows
      for each statement execute function occupation_vocabulary_trigger()`,
    `create trigger ${table}_vocabulary_delete after delete on ${table} referencing old table as old_rows
      for each statement execute function occupation_vocabulary_trigger()`,
  ]),
  `create trigger relation_title_occupation_insert after insert on relation referencing new table as new_rows
    for each statement execute function title_occupation_relation_trigger()`,
  `create trigger relation_title_occupation_update after update on relation
    referencing old table as old_rows new table as new_rows
    for each statement execute function title_occupation_relation_trigger()`,
  `create trigger relation_title_occupation_delete after delete on relation referencing old table as old_rows
    for each statement execute function title_occupation_relation_trigger()`,

  /*
   * Occupations by how likely they are to be called a title with these words, as a query-likelihood model over
   * each occupation's title forms (smoothed by how common each word is in all titles): the head noun is matched
   * against the heads of the occupation's titles, every other word against all its titles' words and, weighted
   * by field (p_fields, p_field_weights), against the rest of its vocabulary. Only occupations with some
   * evidence are scored; the score is a log-likelihood ratio (higher is better, not bounded).
   */
  `create function title_vocabulary_rank(p_words text[], p_head text, p_fields text[], p_field_weights float8[],
    p_mu float8, p_head_mu float8, p_head_any float8, p_prior float8, p_limit integer)
  returns table (occupation_id uuid, score float8, matched integer)
  language plpgsql stable
  rows 20
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
    background as (
      select q.word, (coalesce(sum(tw.forms), 0) + 0.5) / total as bw, (coalesce(sum(tw.heads), 0) + 0.5) / total as bh
      from q left join title_occupation_word tw on tw.word = q.word
      group by q.word
    ),
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
        s.matched
      from scored s
      left join title_occupation t on t.occupation_id = s.occupation_id
      order by 2 desc, 1
      -- room for occupations that turn out not to be published
      limit p_limit * 2 + 10
    )
    select r.occupation_id, r.score, r.matched
    from ranked r
    join entity e on e.id = r.occupation_id and e.kind = 'occupation' and e.status = 'published'
    order by 2 desc, 1
    limit p_limit;
  end
  $$`,

  // backfill
  `select title_occupation_add(array_agg(x.id), array_agg(x.occ), 1)
   from (select f.id, o.occ from title_form f cross join lateral title_form_occupations(f.entity_id) as o(occ)) x`,
  `select occupation_vocabulary_own((select jsonb_agg(to_jsonb(o)) from occupation o), null, 1)`,
  `select occupation_vocabulary_relation((select jsonb_agg(to_jsonb(r)) from relation r
     where r.predicate in ('performs_task', 'requires_skill', 'close_match') and r.status = 'published'), 1)`,
  'create index title_occupation_word_occupation_idx on title_occupation_word (occupation_id)',
  'create index occupation_vocabulary_occupation_idx on occupation_vocabulary (occupation_id)',
  'analyze title_occupation_word',
  'analyze occupation_vocabulary',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'drop trigger title_form_occupation_insert on title_form',
    'drop trigger title_form_occupation_delete on title_form',
    'drop trigger title_form_occupation_truncate on title_form',
    'drop trigger relation_title_occupation_insert on relation',
    'drop trigger relation_title_occupation_update on relation',
    'drop trigger relation_title_occupation_delete on relation',
    ...['occupation', 'soc_code'].flatMap((table) =>
      ['insert', 'update', 'delete'].map((op) => `drop trigger ${table}_vocabulary_${op} on ${table}`),
    ),
    'drop function title_occupation_relation_trigger(), title_occupation_form_trigger(), occupation_vocabulary_trigger()',
    'drop function title_occupation_relations(jsonb, integer)',
    'drop function title_occupation_add(bigint[], uuid[], integer), title_form_occupations(uuid)',
    'drop function occupation_vocabulary_own(jsonb, jsonb, integer), occupation_vocabulary_relation(jsonb, integer)',
    'drop function occupation_vocabulary_add(uuid[], text[], text[], integer)',
    `drop function title_vocabulary_rank(text[], text, text[], float8[], float8, float8, float8, float8, integer)`,
    'drop table title_occupation_word, title_occupation, occupation_vocabulary',
    'drop function title_head(text[]), title_content(text[])',
  ])
    await sql.raw(statement).execute(db);
}
