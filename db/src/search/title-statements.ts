import { type RawBuilder, sql } from 'kysely';
import { type Reader, reviveTimestamps, StatementBatch, selectRows } from '../batch.ts';
import type { EntityRow } from '../tables.ts';
import { NOISE_WEIGHT, NOISE_WORDS, wordKeys } from './normalize.ts';
import { lookUpWordsInCopy, type TitleCopy } from './title-index.ts';
import type { TitleSearcher } from './vocabulary-index.ts';

/**
 * The statements of title resolution (titles.ts), each made once for all the titles of a request: one look-up
 * of every title's words in the title vocabulary, then one statement that calls title_search() for every title
 * (and again with trigram similarity for those nothing came close for), through title_search_batch() (migration
 * 0031), whose plan the session keeps. A bulk request costs what one title costs in
 * statements; a title's answer does not depend on the titles it is coded with.
 */

export interface VocabRow {
  src: string;
  word: string;
  df: number;
}

export interface WordLookup {
  exact: string[];
  keys: string[];
  prefixes: string[];
  skeletons: string[];
}

const byWord = (a: VocabRow, b: VocabRow) => (a.word < b.word ? -1 : a.word > b.word ? 1 : 0);

/** How many typo keys one index scan looks for: a GIN scan for many keys costs (matches x keys). */
const KEYS_PER_SCAN = 64;

/**
 * Statement 1: the title words each title's words may be, looked up for all the titles at once: as typed or
 * expanded (`exact`), sharing a one-deletion key with a word (`typo`), by consonant skeleton
 * (`skeleton:<s>`), the four most used words starting with a prefix (`prefix:<p>`). What title_words()
 * (migration 0005) reads for one title, with the typo keys looked for in groups of KEYS_PER_SCAN (up to
 * KEYS_PER_SCAN keys, title_words() itself, whose plans a session keeps). A row goes
 * back to the titles that asked for it: an exact word to those that looked it up, a typo to those sharing one
 * of its keys, a skeleton or prefix row to those with that skeleton or prefix. Rows come back sorted by word
 * within each source, so that no plan's row order decides a tie.
 *
 * With the process copy's `check` (vocabulary-index.ts), the statement is only the check, and the copy answers
 * (title-index.ts, the same rows) unless it is old; then the look-up follows as a second statement.
 */
export async function lookUpWords(
  reader: Reader,
  lookups: readonly WordLookup[],
  check: { query: RawBuilder<boolean>; titles: TitleCopy } | null = null,
): Promise<{ words: VocabRow[][]; stale: boolean }> {
  if (check) {
    // the copy's check is the one statement; the words come from the copy unless it is old
    const [{ stale }] = await selectRows(
      reader,
      sql<{ stale: boolean }>`select ${check.query} as stale`,
      (row) => row as { stale: boolean },
    );
    if (!stale) return { words: lookUpWordsInCopy(check.titles, lookups), stale };
    return { ...(await lookUpWordsInSql(reader, lookups)), stale };
  }
  return lookUpWordsInSql(reader, lookups);
}

async function lookUpWordsInSql(
  reader: Reader,
  lookups: readonly WordLookup[],
): Promise<{ words: VocabRow[][]; stale: boolean }> {
  const all = (pick: (l: WordLookup) => string[]) => [...new Set(lookups.flatMap(pick))];
  const [exactWords, keys, prefixes, skeletons] = [
    all((l) => l.exact),
    all((l) => l.keys),
    all((l) => l.prefixes),
    all((l) => l.skeletons),
  ];
  // few keys (one title): title_words() itself, whose plans the session keeps
  const statement =
    keys.length <= KEYS_PER_SCAN
      ? sql<VocabRow>`select src, word, df
          from title_words(${exactWords}::text[], ${keys}::text[], ${prefixes}::text[], ${skeletons}::text[])`
      : sql<VocabRow>`
    select 'exact' as src, w.word, w.df from title_word w where w.word = any (${exactWords}::text[])
    union all
    select distinct 'typo', w.word, w.df
    from (
      select array_agg(u.key) as keys from unnest(${keys}::text[]) with ordinality as u(key, n)
      group by (u.n - 1) / ${KEYS_PER_SCAN}
    ) k
    cross join lateral (select w.word, w.df from title_word w where w.keys && k.keys) w
    union all
    select 'skeleton:' || w.skeleton, w.word, w.df from title_word w where w.skeleton = any (${skeletons}::text[])
    union all
    select 'prefix:' || p.p, x.word, x.df
    from unnest(${prefixes}::text[]) as p(p)
    cross join lateral (
      select w.word, w.df from title_word w
      where w.word ~>~ p.p and w.word ~<~ (p.p || '{')
      order by w.df desc, w.word collate "C"
      limit 4
    ) x`;
  const rows = await selectRows(reader, statement, (row) => row as unknown as VocabRow);
  const exact = new Map<string, VocabRow>();
  const typoByKey = new Map<string, VocabRow[]>();
  const bySource = new Map<string, VocabRow[]>();
  const add = (map: Map<string, VocabRow[]>, key: string, row: VocabRow) => {
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  };
  for (const raw of rows) {
    const row = { ...raw, df: Number(raw.df) };
    if (row.src === 'exact') exact.set(row.word, row);
    else if (row.src === 'typo') for (const key of wordKeys(row.word)) add(typoByKey, key, row);
    else add(bySource, row.src, row);
  }
  const words = lookups.map((lookup) => {
    const typos = new Set(lookup.keys.flatMap((key) => typoByKey.get(key) ?? []));
    return [
      ...lookup.exact.flatMap((word) => exact.get(word) ?? []).sort(byWord),
      ...[...typos].sort(byWord),
      ...lookup.skeletons.flatMap((s) => [...(bySource.get(`skeleton:${s}`) ?? [])].sort(byWord)),
      ...lookup.prefixes.flatMap((p) => [...(bySource.get(`prefix:${p}`) ?? [])].sort(byWord)),
    ];
  });
  return { words, stale: false };
}

/**
 * How many statements a bulk request's title matches and vocabulary ranking are each spread over: on a server
 * pool they run side by side on as many connections (a statement runs on one core). In a transaction or a
 * request's batch, one statement each.
 */
export const BULK_PARTS = 2;

/** `read` over `items` in BULK_PARTS statements side by side (see BULK_PARTS), answers in item order. */
export async function inParts<T, R>(
  reader: Reader,
  items: readonly T[],
  read: (reader: Reader, part: readonly T[]) => Promise<R[]>,
): Promise<R[]> {
  const alone = reader instanceof StatementBatch || reader.isTransaction || items.length < BULK_PARTS;
  if (alone) return read(reader, items);
  const size = Math.ceil(items.length / BULK_PARTS);
  const parts = Array.from({ length: BULK_PARTS }, (_, k) => items.slice(k * size, (k + 1) * size));
  return (await Promise.all(parts.map((part) => read(reader, part)))).flat();
}

/** The arguments of title_search() for one title (titles.ts computes them from the title and its words). */
export interface TitleSearch {
  altUnit: number[];
  altWord: string[];
  altSim: number[];
  unitWeight: number[];
  unitMiss: number[];
  exact: string;
  keysFull: string[];
  keysLarge: string[];
  all: string | null;
  keysSmall: string[];
  relaxed: string | null;
  /** The words of each search unit: the clauses of `all` and `relaxed`. */
  clauses: string[][];
  /** The title's tokens, for the trigram search when nothing is close; null: no second search. */
  trigram: string | null;
  limit: number;
  /** The sector each occupation's employment share is read in (null: none). */
  sector: string | null;
}

export interface HitRow extends EntityRow {
  m_text: string;
  m_label_type: string;
  /** 'occupation', 'alternate_title', or 'close_match' (a title of the ESCO occupation named m_via_name). */
  m_via: string;
  m_via_name: string | null;
  m_tokens: string[];
  m_exact: boolean;
  m_score: number;
  m_name_cover: number;
  onet_soc_code: string | null;
  /** The occupation's share of its employment in the sector asked for (null: no sector, or no figures). */
  m_share: number | null;
}

/** Word weight: rarer words say more (number of forms using a word -> weight). */
export const RARITY = 20000;
export const CANDIDATES = 40;
const reviveHit = reviveTimestamps<HitRow & { i: number }>('created_at', 'updated_at');

/**
 * Statement 2: for every title, candidate forms scored, mapped to occupations, best title per occupation
 * (title_search(), migration 0005, called by title_search_batch(), migration 0031). When nothing is close for a
 * title (no match, or the best under 0.6) and it has words, trigram similarity over the whole title has a say
 * (joined or split words, heavy typos): the same search again with it, in the same statement, whose answer then
 * stands instead. Rows per title, best first.
 */
export async function searchTitles(
  reader: Reader,
  searches: readonly TitleSearch[],
  copy: TitleSearcher | null = null,
): Promise<HitRow[][]> {
  // the copy (title-index.ts) answers unless a title is coded in a sector (the shares are read here)
  const inProcess = copy && searches.every((s) => s.sector === null) ? copy(searches, SEARCH_CONSTANTS) : null;
  return inProcess ?? inParts(reader, searches, searchPart);
}

const SEARCH_CONSTANTS = { noise: NOISE_WORDS, noiseWeight: NOISE_WEIGHT, rarity: RARITY, candidates: CANDIDATES };

async function searchPart(reader: Reader, searches: readonly TitleSearch[]): Promise<HitRow[][]> {
  const json = JSON.stringify(searches.map(({ clauses: _, ...s }, i) => ({ i, ...s })));
  // title_search_batch() (migration 0031): planned once per session
  const statement = sql<HitRow & { i: number }>`
    select h.i, o.*, h.onet_soc_code, h.title as m_text, h.label_type as m_label_type, h.via as m_via, h.via_name as m_via_name,
      h.tokens as m_tokens, h.exact as m_exact, h.score as m_score, h.name_cover as m_name_cover, h.share as m_share
    from title_search_batch(${json}::jsonb, ${NOISE_WORDS}::text[], ${NOISE_WEIGHT}::float8, ${RARITY}::float8,
      ${CANDIDATES}::integer) with ordinality as h
    join entity o on o.id = h.occupation_id
    order by h.ordinality`;
  const rows = await selectRows(reader, statement, reviveHit);
  const out = searches.map((): HitRow[] => []);
  for (const { i, ...row } of rows) out[i].push(row);
  return out;
}
