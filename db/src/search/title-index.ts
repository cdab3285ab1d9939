import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../connect.ts';
import type { HitRow, TitleSearch, VocabRow, WordLookup } from './title-statements.ts';

/**
 * A copy of what title_words() and title_search() read (title_form, title_word, the has_title and close_match
 * relations, the titled entities and the occupations: migrations 0005, 0031, 0033, 0034), kept in process beside
 * the vocabulary copy (vocabulary-index.ts), read in its snapshot and trusted only while it is current: then a
 * title's words are looked up and its matches found and scored here, as title_words() and title_search_batch()
 * do, instead of in statements that spent one to two milliseconds of database time on each title. The SQL
 * functions stay the reference (and answer inside transactions, while the copy is old, and for titles coded in a
 * sector); tests/vocabulary-copy.test.ts holds the two to the same answers.
 *
 * Where the SQL leaves a choice to its plan, this makes it one way: when more forms meet a step than the candidate
 * budget admits, or tie at the cut of the best forty, the lowest form ids (a bitmap scan's row order); of an
 * occupation's equal titles, its own label before an alternate title's.
 */

/** One title form (a row of title_form), by its number in the copy (the forms in id order). */
interface Form {
  entity: string;
  labelType: string;
  text: string;
  part: number;
  tokens: string[];
  /** Its distinct tokens. */
  words: string[];
  norm: string;
}

interface TitledEntity {
  kind: string;
  published: boolean;
  name: string;
}

export interface TitleCopy {
  forms: Form[];
  /** Form numbers by norm, by word set (skey) and by word (the tsvector's lexemes), each in id order. */
  byNorm: Map<string, number[]>;
  bySkey: Map<string, number[]>;
  byWord: Map<string, number[]>;
  /** Form numbers by trigram (pg_trgm's), and each form's count of distinct trigrams. */
  byTrigram: Map<string, number[]>;
  trigramCount: Uint16Array;
  df: Map<string, number>;
  /** The title words in C order, and by typo key (one letter left out: title_word.keys) and consonant skeleton. */
  words: string[];
  byKey: Map<string, string[]>;
  bySkeleton: Map<string, string[]>;
  entities: Map<string, TitledEntity>;
  /** An alternate title's occupations (published has_title relations, to -> from). */
  titleOf: Map<string, string[]>;
  /** Published close_match relations, either way round. */
  closeMatches: Map<string, string[]>;
  /** Occupations: ESCO's, and each one's O*NET-SOC code. */
  esco: Set<string>;
  codes: Map<string, string | null>;
  /** The words of each occupation's name (its preferred label's first part), for the name cover. */
  nameTokens: Map<string, string[]>;
}

/** Forms are read in id ranges of this many (short statements, which on PGlite's one connection let requests by). */
const FORM_RANGE = 20000;

/** Reads the copy in a few statements; the caller checks that nothing changed since its first (see readCopy). */
export async function readTitleCopy(db: Executor): Promise<TitleCopy> {
  // one short statement each (on PGlite's one connection, requests run in between)
  const one = async <T>(query: RawBuilder<{ v: T }>) => (await query.execute(db)).rows[0].v;
  const head = {
    max: await one<number | null>(sql`select (select max(id) from title_form)::float8 as v`),
    words: await one<Array<[string, number, string[], string]>>(sql`
      select coalesce(json_agg(json_build_array(w.word, w.df, w.keys, w.skeleton) order by w.word collate "C"), '[]')
        as v from title_word w`),
    entities: await one<Array<[string, string, boolean, string]>>(sql`
      select coalesce(json_agg(json_build_array(e.id, e.kind, e.status = 'published', e.name)), '[]') as v
      from entity e where e.kind = 'occupation' or e.id in (select f.entity_id from title_form f)`),
    titles: await one<Array<[string, string]>>(sql`
      select coalesce(json_agg(json_build_array(r.to_id, r.from_id)), '[]') as v
      from relation r where r.predicate = 'has_title' and r.status = 'published'`),
    close: await one<Array<[string, string]>>(sql`
      select coalesce(json_agg(json_build_array(r.from_id, r.to_id)), '[]') as v
      from relation r where r.predicate = 'close_match' and r.status = 'published'`),
    occupations: await one<Array<[string, boolean, string | null]>>(sql`
      select coalesce(json_agg(json_build_array(o.entity_id, o.esco_uri is not null, o.onet_soc_code)), '[]') as v
      from occupation o`),
  };
  const forms: Form[] = [];
  for (let from = 0; from <= (head.max ?? -1); from += FORM_RANGE) {
    const {
      rows: [part],
    } = await sql<{ forms: Array<[string, string, string, number, string[], string]> }>`
      select coalesce(json_agg(json_build_array(f.entity_id, f.label_type, f.text, f.part, f.tokens, f.norm)
        order by f.id), '[]') as forms
      from title_form f where f.id >= ${from} and f.id < ${from + FORM_RANGE}`.execute(db);
    for (const [entity, labelType, text, p, tokens, norm] of part.forms)
      forms.push({ entity, labelType, text, part: p, tokens, words: [...new Set(tokens)], norm });
  }
  const copy: TitleCopy = {
    forms,
    byNorm: new Map(),
    bySkey: new Map(),
    byWord: new Map(),
    byTrigram: new Map(),
    trigramCount: new Uint16Array(forms.length),
    df: new Map(head.words.map(([word, df]) => [word, df])),
    words: head.words.map(([word]) => word),
    byKey: new Map(),
    bySkeleton: new Map(),
    entities: new Map(head.entities.map(([id, kind, published, name]) => [id, { kind, published, name }])),
    titleOf: new Map(),
    closeMatches: new Map(),
    esco: new Set(head.occupations.filter(([, esco]) => esco).map(([id]) => id)),
    codes: new Map(head.occupations.map(([id, , code]) => [id, code])),
    nameTokens: new Map(),
  };
  const add = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  forms.forEach((f, k) => {
    add(copy.byNorm, f.norm, k);
    add(copy.bySkey, [...new Set(f.tokens)].sort().join(' '), k);
    for (const word of f.words) add(copy.byWord, word, k);
    const grams = trigrams(f.norm);
    copy.trigramCount[k] = grams.size;
    for (const gram of grams) add(copy.byTrigram, gram, k);
    if (f.labelType === 'preferred' && f.part === 0) {
      const words = copy.nameTokens.get(f.entity) ?? [];
      copy.nameTokens.set(f.entity, [...new Set([...words, ...f.tokens])]);
    }
  });
  for (const [word, , keys, skeleton] of head.words) {
    for (const key of keys) add(copy.byKey, key, word);
    add(copy.bySkeleton, skeleton, word);
  }
  for (const [title, occupation] of head.titles) add(copy.titleOf, title, occupation);
  for (const [a, b] of head.close) {
    add(copy.closeMatches, a, b);
    add(copy.closeMatches, b, a);
  }
  return copy;
}

/**
 * title_words() over the copy, for each look-up: its words as typed or expanded, the words sharing a typo key,
 * those of its skeletons, the four most used starting with each prefix; each source's rows by word (as
 * lookUpWords() gives them).
 */
export function lookUpWordsInCopy(copy: TitleCopy, lookups: readonly WordLookup[]): VocabRow[][] {
  const row = (src: string, word: string): VocabRow => ({ src, word, df: copy.df.get(word)! });
  const byWord = (a: string, b: string) => compareText(a, b);
  return lookups.map((lookup) => {
    const typos = new Set<string>();
    for (const key of lookup.keys) for (const word of copy.byKey.get(key) ?? []) typos.add(word);
    return [
      ...lookup.exact
        .filter((w) => copy.df.has(w))
        .sort(byWord)
        .map((w) => row('exact', w)),
      ...[...typos].sort(byWord).map((w) => row('typo', w)),
      ...lookup.skeletons.flatMap((k) =>
        [...(copy.bySkeleton.get(k) ?? [])].sort(byWord).map((w) => row(`skeleton:${k}`, w)),
      ),
      ...lookup.prefixes.flatMap((p) =>
        startingWith(copy, p)
          .sort((a, b) => copy.df.get(b)! - copy.df.get(a)! || byWord(a, b))
          .slice(0, 4)
          .sort(byWord)
          .map((w) => row(`prefix:${p}`, w)),
      ),
    ];
  });
}

/** The title words that start with `prefix` (a range of the sorted words). */
function startingWith(copy: TitleCopy, prefix: string): string[] {
  const words = copy.words;
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid] < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < words.length && words[i].startsWith(prefix); i++) out.push(words[i]);
  return out;
}

/** pg_trgm's trigrams of a string: each word (a run of letters and digits) padded with two blanks before and one
 * after, every three characters in a row. */
function trigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const padded = [...`  ${word} `];
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded[i] + padded[i + 1] + padded[i + 2]);
  }
  return out;
}

/** pg_trgm's similarity threshold (the `%` operator's default). */
const TRIGRAM_THRESHOLD = 0.3;
/** How many trigram neighbours the last candidate step takes. */
const TRIGRAM_NEIGHBOURS = 40;
/** The best forms scored further (top_forms), and the rows past the limit the name cover is read for. */
const TOP_FORMS = 40;
const RANK_MARGIN = 40;

/** The trigram similarity of each form that shares a trigram with `text` (pg_trgm's, a real). */
function trigramSimilarities(copy: TitleCopy, text: string): Map<number, number> {
  const grams = trigrams(text);
  // shared trigrams counted in a working array (common trigrams have thousands of forms)
  if (!common || common.length < copy.forms.length) common = new Uint16Array(copy.forms.length);
  const counts = common;
  const touched: number[] = [];
  for (const gram of grams) {
    const list = copy.byTrigram.get(gram);
    if (!list) continue;
    for (let i = 0; i < list.length; i++) if (counts[list[i]]++ === 0) touched.push(list[i]);
  }
  const out = new Map<number, number>();
  for (const k of touched) {
    const n = counts[k];
    counts[k] = 0;
    out.set(k, Math.fround(n / (grams.size + copy.trigramCount[k] - n)));
  }
  return out;
}
let common: Uint16Array | null = null;

/**
 * The first `want` forms (by id) whose words meet every clause (a clause: the words one query unit may be), or
 * all but `slack` of them: what `tsv @@ all` and `tsv @@ relaxed` find, in the order a bitmap scan gives them.
 */
function formsMeeting(copy: TitleCopy, clauses: string[][], slack: number, want: number): number[] {
  const out: number[] = [];
  if (clauses.length === 0 || want <= 0) return out;
  const lists = clauses.map((clause) => clause.flatMap((w) => (copy.byWord.has(w) ? [copy.byWord.get(w)!] : [])));
  const size = (i: number) => lists[i].reduce((n, list) => n + list.length, 0);
  // a form that meets all clauses but `slack` meets one of any slack + 1 of them: look among the smallest
  const order = clauses.map((_, i) => i).sort((a, b) => size(a) - size(b));
  const seeds = order.slice(0, slack + 1).flatMap((i) => lists[i]);
  // the seeds' forms in id order, each once (a merge of their sorted lists), until `want` are found
  const at = new Int32Array(seeds.length);
  let last = -1;
  for (;;) {
    let k = -1;
    let from = -1;
    for (let i = 0; i < seeds.length; i++) {
      const next = at[i] < seeds[i].length ? seeds[i][at[i]] : -1;
      if (next !== -1 && (k === -1 || next < k)) {
        k = next;
        from = i;
      }
    }
    if (from === -1) return out;
    at[from]++;
    if (k === last) continue;
    last = k;
    const words = copy.forms[k].words;
    let missed = 0;
    for (const clause of clauses) {
      let met = false;
      for (const w of clause) if (words.includes(w)) met = true;
      if (!met && ++missed > slack) break;
    }
    if (missed <= slack && out.push(k) >= want) return out;
  }
}

interface Scored {
  k: number;
  exact: boolean;
  s: number;
}

interface Hit {
  form: Form;
  exact: boolean;
  via: string;
  /** null: a form of an entity that is no occupation's title (it still takes a place among the best forms). */
  occupation: string | null;
  viaName: string | null;
  base: number;
}

/** What one title_search() row gives, before the occupation's row is joined. */
export interface CopyRow {
  occupationId: string;
  form: Form;
  via: string;
  viaName: string | null;
  exact: boolean;
  score: number;
  cover: number;
  code: string | null;
}

export interface SearchConstants {
  noise: readonly string[];
  noiseWeight: number;
  rarity: number;
  candidates: number;
}

const NOISE_SETS = new WeakMap<readonly string[], Set<string>>();
function noiseSet(words: readonly string[]) {
  let set = NOISE_SETS.get(words);
  if (!set) {
    set = new Set(words);
    NOISE_SETS.set(words, set);
  }
  return set;
}

/** title_search() over the copy: the best `search.limit` occupations, best first. */
function searchCopy(copy: TitleCopy, search: TitleSearch, trigram: string | null, c: SearchConstants): CopyRow[] {
  const noise = noiseSet(c.noise);
  // the query's alternatives by word: their best similarity, how many there are, and by unit
  const alternatives = new Map<string, Array<{ unit: number; sim: number }>>();
  search.altWord.forEach((word, i) => {
    const list = alternatives.get(word) ?? [];
    list.push({ unit: search.altUnit[i], sim: search.altSim[i] });
    alternatives.set(word, list);
  });
  const bestSim = (word: string) => {
    let best = 0;
    for (const a of alternatives.get(word) ?? []) best = Math.max(best, a.sim);
    return best;
  };
  const totalMiss = search.unitMiss.reduce((a, b) => a + b, 0);

  // candidates by priority until the budget is spent (title_search()'s `cand`)
  const picked: number[] = [];
  const take = (list: Iterable<number>) => {
    for (const k of list) {
      if (picked.length >= c.candidates) return;
      picked.push(k);
    }
  };
  const byKeys = (keys: string[]) =>
    [...new Set(keys)].flatMap((key) => copy.bySkey.get(key) ?? []).sort((a, b) => a - b);
  take(copy.byNorm.get(search.exact) ?? []);
  if (picked.length < c.candidates) take(byKeys(search.keysFull));
  if (picked.length < c.candidates) take(byKeys(search.keysLarge));
  if (picked.length < c.candidates && search.all !== null)
    take(formsMeeting(copy, search.clauses, 0, c.candidates - picked.length));
  if (picked.length < c.candidates) take(byKeys(search.keysSmall));
  if (picked.length < c.candidates && search.relaxed !== null)
    take(formsMeeting(copy, search.clauses, 1, c.candidates - picked.length));
  const similarities = trigram === null ? null : trigramSimilarities(copy, trigram);
  if (picked.length < c.candidates && similarities) {
    const near = [...similarities].filter(([, sim]) => sim >= TRIGRAM_THRESHOLD);
    near.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    take(near.slice(0, TRIGRAM_NEIGHBOURS).map(([k]) => k));
  }

  // each candidate scored by how much of the title the query covers and how much of the query the title covers
  const weightOf = new Map<string, number>();
  const wordWeight = (word: string) => {
    let wd = weightOf.get(word);
    if (wd === undefined) {
      wd = Math.log(1 + c.rarity / Math.max(copy.df.get(word) ?? 1, 1)) * (noise.has(word) ? c.noiseWeight : 1);
      weightOf.set(word, wd);
    }
    return wd;
  };
  const scored: Scored[] = [];
  for (const k of new Set(picked)) {
    const form = copy.forms[k];
    const units = new Map<number, { sim: number }>();
    let dpart = 0;
    let dtotal = 0;
    for (const word of form.words) {
      const wd = wordWeight(word);
      const alts = alternatives.get(word);
      if (!alts) {
        dtotal += wd;
        continue;
      }
      const best = bestSim(word);
      for (const a of alts) {
        dpart += (wd * best) / alts.length;
        dtotal += wd / alts.length;
        const unit = units.get(a.unit);
        if (unit) unit.sim = Math.max(unit.sim, a.sim);
        else units.set(a.unit, { sim: a.sim });
      }
    }
    let covered = 0;
    let missRelief = 0;
    for (const [unit, { sim }] of units) {
      covered += sim * search.unitWeight[unit];
      missRelief += search.unitWeight[unit] - search.unitMiss[unit];
    }
    const dcov = dtotal === 0 ? 0 : dpart / dtotal;
    const qcov = covered / Math.max(totalMiss + missRelief, 1e-9);
    const trgm = similarities ? (similarities.get(k) ?? 0) : null;
    scored.push({
      k,
      exact: form.norm === search.exact,
      s: Math.max(0.6 * dcov + 0.4 * qcov, trgm === null ? 0 : 0.8 * trgm),
    });
  }
  scored.sort((a, b) => Number(b.exact) - Number(a.exact) || b.s - a.s || a.k - b.k);

  // the best forms mapped to occupations (an alternate title's, or a close match's for an ESCO occupation's)
  const hits: Hit[] = [];
  for (const { k, exact, s } of scored.slice(0, TOP_FORMS)) {
    const form = copy.forms[k];
    const entity = copy.entities.get(form.entity);
    if (!entity?.published) continue;
    const owners =
      entity.kind === 'alternate_title'
        ? (copy.titleOf.get(form.entity) ?? [null])
        : [entity.kind === 'occupation' ? form.entity : null];
    for (const own of owners) {
      if (own === null || !copy.esco.has(own)) {
        hits.push({
          form,
          exact,
          via: entity.kind,
          occupation: own,
          viaName: null,
          base: baseScore(form, entity.kind, exact, s),
        });
        continue;
      }
      const matches = [...new Set(copy.closeMatches.get(own) ?? [])].filter((id) => !copy.esco.has(id));
      if (matches.length === 0 || matches.length > 2) continue;
      const viaName = copy.entities.get(own)?.name ?? null;
      for (const occupation of matches)
        hits.push({ form, exact, via: 'close_match', occupation, viaName, base: exact ? 0.92 : 0.9 * s });
    }
  }

  // each occupation's best title, and how many of its distinct titles match well
  const support = new Map<string, Set<string>>();
  const best = new Map<string, Hit & { occupation: string }>();
  for (const h of hits) {
    if (h.occupation === null) continue;
    if (h.base >= 0.65) {
      const texts = support.get(h.occupation) ?? new Set();
      texts.add(h.form.text.toLowerCase());
      support.set(h.occupation, texts);
    }
    const before = best.get(h.occupation);
    if (!before || betterTitle(h, before) < 0) best.set(h.occupation, { ...h, occupation: h.occupation });
  }
  const bests = [...best.values()].sort((a, b) => b.base - a.base);
  const floor = (bests[search.limit - 1]?.base ?? 0) * 0.985;
  const ranked: CopyRow[] = [];
  for (const h of bests.filter((b) => b.base >= floor).slice(0, search.limit + RANK_MARGIN)) {
    const occupation = copy.entities.get(h.occupation);
    if (!occupation?.published) continue;
    const cover = nameCover(copy.nameTokens.get(h.occupation) ?? [], noise, c.noiseWeight, bestSim);
    const n = support.get(h.occupation)?.size ?? 0;
    ranked.push({
      occupationId: h.occupation,
      form: h.form,
      via: h.via,
      viaName: h.viaName,
      exact: h.exact,
      score: h.base >= 1 ? 1 : h.base * (0.99 + 0.01 * cover) + 0.001 * Math.min(Math.max(n - 1, 0), 5),
      cover,
      code: copy.codes.get(h.occupation) ?? null,
    });
  }
  const name = (row: CopyRow) => copy.entities.get(row.occupationId)?.name ?? '';
  const broad = (row: CopyRow) => (row.code?.endsWith('.00') ? 1 : 0);
  ranked.sort(
    (a, b) =>
      b.score - a.score ||
      broad(b) - broad(a) ||
      compareText(name(a), name(b)) ||
      compareText(a.occupationId, b.occupationId),
  );
  return ranked.slice(0, search.limit);
}

/** title_search()'s score of a form's hit before the name cover: exact ones by kind, others by their cover. */
function baseScore(form: Form, kind: string, exact: boolean, s: number) {
  if (exact && kind === 'occupation' && form.labelType === 'preferred') return 1;
  if (exact && form.labelType === 'reported') return 0.97;
  if (exact) return 0.98;
  // O*NET's alternate titles are curated; reported titles are a sample of what workers wrote
  return form.labelType === 'reported' ? 0.93 * s : 0.94 * s;
}

/** Which of an occupation's hits is its best title: higher base, its own name, the shorter, then by text; of
 * equal titles, the occupation's own label before an alternate title's (where title_search() leaves it open). */
function betterTitle(a: Hit, b: Hit) {
  const own = (h: Hit) => (h.via === 'occupation' && h.form.labelType === 'preferred' ? 1 : 0);
  const label = (h: Hit) => (h.via === 'occupation' ? 1 : 0);
  return (
    b.base - a.base ||
    own(b) - own(a) ||
    a.form.text.length - b.form.text.length ||
    compareText(a.form.text, b.form.text) ||
    label(b) - label(a)
  );
}

/** How much of an occupation's name the query matches, its level and catch-all words weighing less. */
function nameCover(words: string[], noise: Set<string>, noiseWeight: number, bestSim: (w: string) => number) {
  let covered = 0;
  let total = 0;
  for (const word of words) {
    const w = noise.has(word) ? noiseWeight : 1;
    covered += w * bestSim(word);
    total += w;
  }
  return total === 0 ? 0 : covered / total;
}

/** Text order by code point (the databases' C collation). */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** title_search_batch() over the copy: each title's rows, with the trigram pass for those nothing came close for. */
export function searchCopyBatch(
  copy: TitleCopy,
  searches: readonly TitleSearch[],
  c: SearchConstants,
  occupationRow: (id: string) => HitRow | undefined,
): HitRow[][] | null {
  const out: HitRow[][] = [];
  for (const search of searches) {
    let rows = searchCopy(copy, search, null, c);
    if (search.trigram !== null && (rows[0]?.score ?? 0) < 0.6) rows = searchCopy(copy, search, search.trigram, c);
    const hits: HitRow[] = [];
    for (const row of rows) {
      const occupation = occupationRow(row.occupationId);
      // an occupation the copy has no row for (not one of the ranked occupations): the SQL answers
      if (!occupation) return null;
      hits.push({
        ...occupation,
        onet_soc_code: row.code,
        m_text: row.form.text,
        m_label_type: row.form.labelType,
        m_via: row.via,
        m_via_name: row.viaName,
        m_tokens: row.form.tokens,
        m_exact: row.exact,
        m_score: row.score,
        m_name_cover: row.cover,
        m_share: null,
      });
    }
    out.push(hits);
  }
  return out;
}
