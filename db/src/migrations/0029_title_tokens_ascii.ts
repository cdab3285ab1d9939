import { type Kysely, sql } from 'kysely';
import { FOLD_FROM, FOLD_TO, STOP_WORDS, TITLE_TOKENS_FUNCTION } from './0005_search.ts';

/*
 * title_tokens gives the same tokens in about half the time. It runs for every title and every task, tool and
 * technology name written (the title index, each occupation's vocabulary), and most of what it cost was folding
 * accents and blanking other non-ASCII characters, which change nothing in a text that is all ASCII (the
 * characters it folds are all outside ASCII): such a text, told by its byte length being its length, skips both.
 * The words are split out in one pass (regexp_split_to_array) instead of blanking separators, trimming and
 * splitting; the empty words either way yields are dropped as before. (Byte length tells ASCII in a UTF8 database,
 * which the title index needs anyway: the characters it folds are not in a single-byte encoding.)
 */

const FULL_FOLD = `lower(regexp_replace(translate(replace(translate(t, '${FOLD_FROM}', '${FOLD_TO}'), '&', ' and '), '''’\`ʼ', ''),
        '[^[:ascii:]]', ' ', 'g'))`;

const TITLE_TOKENS_ASCII = `create or replace function title_tokens(t text) returns text[]
  language sql immutable strict parallel safe as $$
    select coalesce(array_agg(title_fold(s.w) order by s.n), '{}')
    from unnest(regexp_split_to_array(
      case when octet_length(t) = char_length(t) then lower(translate(replace(t, '&', ' and '), '''\`', ''))
        else ${FULL_FOLD} end,
      '[^a-z0-9+#]+')) with ordinality as s(w, n)
    where s.w <> '' and s.w <> all (array[${STOP_WORDS.map((w) => `'${w}'`).join(', ')}])
  $$`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(TITLE_TOKENS_ASCII).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(TITLE_TOKENS_FUNCTION.replace('create function', 'create or replace function')).execute(db);
}
