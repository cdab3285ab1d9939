import { type Kysely, sql } from 'kysely';
import { TITLE_FORMS_FUNCTION } from './0005_search.ts';
import { OCCUPATION_VOCABULARY_ADD_FUNCTION } from './0015_title_vocabulary.ts';

/*
 * Indexing titles and occupations' vocabulary costs less, with the same results:
 *
 * - title_forms is no longer declared strict. A set-returning SQL function that is strict is never inlined, and
 *   run on its own it cost about 1 ms per title (six times the work it does); inlined into the statement that
 *   calls it, it costs what its expressions cost. For a null title it returns no rows all the same.
 * - occupation_vocabulary_add reads the words of each distinct text once: a tool or technology named by a
 *   thousand occupations ("Microsoft Excel") was tokenised once per occupation.
 */

const orReplace = (definition: string) => definition.replace('create function', 'create or replace function');

const VOCABULARY_ADD_ONCE = `create or replace function occupation_vocabulary_add(p_occupations uuid[], p_fields text[],
    p_texts text[], p_sign integer)
  returns void language sql as $$
    with texts as (
      select x.occupation_id, x.field, x.text
      from unnest(p_occupations, p_fields, p_texts) as x(occupation_id, field, text)
      where x.occupation_id is not null and x.text is not null
    ),
    words as materialized (
      select d.text, array(select distinct unnest(title_content(title_tokens(d.text)))) as words
      from (select distinct text from texts) d
    )
    insert into occupation_vocabulary (word, occupation_id, field, n)
    select w.word, t.occupation_id, t.field, p_sign * count(*)
    from texts t join words d on d.text = t.text cross join unnest(d.words) as w(word)
    group by 1, 2, 3 order by 1, 2, 3
    on conflict (word, occupation_id, field) do update set n = occupation_vocabulary.n + excluded.n;
    delete from occupation_vocabulary where n <= 0 and p_sign < 0 and occupation_id = any (p_occupations);
  $$`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(orReplace(TITLE_FORMS_FUNCTION).replace(' strict ', ' ')).execute(db);
  await sql.raw(VOCABULARY_ADD_ONCE).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(orReplace(TITLE_FORMS_FUNCTION)).execute(db);
  await sql.raw(orReplace(OCCUPATION_VOCABULARY_ADD_FUNCTION)).execute(db);
}
