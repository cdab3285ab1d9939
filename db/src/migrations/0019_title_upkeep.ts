import { type Kysely, sql } from 'kysely';
import { TITLE_FOLD_FUNCTION } from './0005_search.ts';
import { TITLE_OCCUPATION_ADD_FUNCTION } from './0015_title_vocabulary.ts';

/*
 * Keeping the title index and each occupation's title words current costs less, with the same results:
 *
 * - title_fold is no longer declared strict. It folds a null word to null all the same, and a function that is
 *   not strict can be inlined: title_tokens folds every word of every title written in place instead of calling
 *   it once per word.
 * - title_occupation_add finds a form's content words and its head once per form and occupation, not once more
 *   for each of its words (title_head read them again, twice).
 */

const orReplace = (definition: string) => definition.replace('create function', 'create or replace function');

const TITLE_OCCUPATION_ADD_ONCE = `create or replace function title_occupation_add(p_forms bigint[],
    p_occupations uuid[], p_sign integer) returns void
  language sql as $$
    with pairs as (
      select distinct f.id, f.tokens, x.occupation_id
      from unnest(p_forms, p_occupations) as x(form_id, occupation_id)
      join title_form f on f.id = x.form_id
    ),
    contents as materialized (
      select p.occupation_id, c.words,
        coalesce(c.words[cardinality(c.words)], p.tokens[cardinality(p.tokens)]) as head
      from pairs p cross join lateral (select title_content(p.tokens) as words) c
    ),
    words as (
      select w.word, p.occupation_id, count(*)::integer as forms,
        count(*) filter (where w.word = p.head)::integer as heads
      from contents p cross join lateral (select distinct unnest(p.words) as word) w
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

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(orReplace(TITLE_FOLD_FUNCTION).replace(' strict ', ' ')).execute(db);
  await sql.raw(TITLE_OCCUPATION_ADD_ONCE).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(orReplace(TITLE_FOLD_FUNCTION)).execute(db);
  await sql.raw(orReplace(TITLE_OCCUPATION_ADD_FUNCTION)).execute(db);
}
