import { dbOf, type Reader } from '../batch.ts';
import type { EntityRow } from '../tables.ts';
import {
  type AltHow,
  type AnalyzedQuery,
  analyzeQuery,
  editDistance,
  NOISE_WEIGHT,
  NOISE_WORDS,
  type QueryUnit,
  rawWords,
  splits,
  titleForms,
  titleTokens,
  wordKeys,
  wordSkeleton,
} from './normalize.ts';
import {
  type HitRow,
  lookUpWords,
  RARITY,
  searchTitles,
  type TitleSearch,
  type VocabRow,
  type WordLookup,
} from './title-statements.ts';
import { rankByVocabulary, type VocabularyHit } from './vocabulary.ts';
import { VocabularyIndex } from './vocabulary-index.ts';
/**
 * Job-title resolution over the title index of migration 0005 (title_form, title_word, title_search()).
 *
 * 1. The query is analysed (normalize.ts): words, abbreviations spelled out, synonyms, level/shift/place words.
 * 2. One statement, title_words(): each word looked up in the title vocabulary, as typed or expanded, one edit
 *    away (typos), by its consonant skeleton, as the start of a title word, split in two or joined with the next
 *    word. Words no title uses are dropped (employers, cities).
 * 3. One statement, title_search(): finds candidate forms by priority: the title as typed, titles made only of
 *    query words (by their sorted word set), titles with every query word (full text), then looser sets; scores
 *    each by how much of the title the query covers and how much of the query the title covers, every word
 *    weighted by its rarity (level and shift words by a fifth); maps forms to occupations (the label's occupation,
 *    or the alternate title's has_title relations; retired entities and relations skipped; retired labels are not
 *    indexed); keeps each occupation's best title and ranks them.
 *
 * While the process copy of the index is current (vocabulary-index.ts, title-index.ts), steps 2 and 3 are computed
 * over it, as those functions compute them, and the request's one statement is the copy's check.
 *
 * Scores: 1 for the exact occupation name; 0.98 for an exact alternate title (0.97 a reported one); at most 0.94
 * otherwise (0.93 through a reported title). Among near equals, occupations whose own name the query matches
 * come first ("nurse": Registered Nurses before Acute Care Nurses), then those with more matching titles. Exact
 * means equal after case, punctuation and plural folding; word order, abbreviations and level words make a
 * "same words" match, typos, prefixes and synonyms a fuzzy one. The reason says which.
 */

export type TitleMatchType = 'exact_name' | 'exact_title' | 'same_words' | 'fuzzy';

export interface TitleMatch {
  occupation: EntityRow;
  score: number;
  matchedTitle: string;
  reason: string;
  /** The occupation's O*NET-SOC code, when it has one. */
  onetSocCode?: string | null;
  matchType?: TitleMatchType;
  /** Every word of the title met a word of the query and every content word of the query a word of the title
   * (typos, abbreviations and synonyms allowed): a variant of a title the index holds. */
  complete?: boolean;
  /** It matched only by reading a word titles do use as a typo of another ("welter" -> welder): maybe no typo. */
  typoOfKnownWord?: boolean;
  /** Complete only with words of the role no title uses left aside ("Pierogi Maker" and "Maker"). */
  unknownWords?: boolean;
  /** It is a title of an ESCO occupation that closely matches this one (migration 0033). */
  viaCloseMatch?: boolean;
  /** The occupation's employment share in the sector the title was coded in, when one was given and known. */
  sectorShare?: number | null;
}

const weightOf = (df: number) => Math.log(1 + RARITY / Math.max(df, 1));
const NOISE_SET = new Set(NOISE_WORDS);

/** How close a typo must be: one edit, two for long words. */
// (three-letter words: a letter left out only, since their only typo key is the word itself: "dsk" -> disk)
const maxEdits = (w: string) => (w.length >= 9 ? 2 : w.length >= 3 ? 1 : 0);
const TYPO_SIM = [1, 0.85, 0.7];
const PREFIX_SIM = 0.75;
const SKELETON_SIM = 0.8;

/** What to look up in the vocabulary for a query: its words as typed or expanded, typo keys, prefixes, skeletons. */
function wordLookup(query: AnalyzedQuery): WordLookup {
  const exact = new Set<string>();
  const keys = new Set<string>();
  const prefixes = new Set<string>();
  const skeletons = new Set<string>();
  for (const join of query.joins) exact.add(join.word);
  for (const unit of query.units) {
    for (const a of unit.alternatives) exact.add(a.word);
    if (!unit.expandedFrom) for (const [left, right] of splits(unit.word)) exact.add(left).add(right);
    if (!unit.expandedFrom && maxEdits(unit.word) > 0) for (const k of wordKeys(unit.word)) keys.add(k);
    if (!unit.expandedFrom && unit.word.length >= 3 && !/[0-9]/.test(unit.word)) {
      prefixes.add(unit.word);
      skeletons.add(wordSkeleton(unit.word));
    }
  }
  return { exact: [...exact], keys: [...keys], prefixes: [...prefixes], skeletons: [...skeletons] };
}

function bySource(rows: VocabRow[]) {
  const map = new Map<string, VocabRow[]>();
  for (const row of rows) {
    const list = map.get(row.src) ?? [];
    list.push(row);
    map.set(row.src, list);
  }
  return map;
}

interface ResolvedUnit extends QueryUnit {
  /** What the unit weighs in the query when a title matches it, and when none does. */
  weight: number;
  miss: number;
  /** How many title forms use the word as typed (a typo reading of a word titles use may be no typo). */
  known?: number;
}

/** Keeps the alternatives that some title uses, adds typo, prefix, split and join ones, and weighs each unit. */
function resolveUnits(query: AnalyzedQuery, vocab: Map<string, VocabRow[]>) {
  const df = new Map<string, number>();
  for (const row of vocab.get('exact') ?? []) df.set(row.word, row.df);
  const near = vocab.get('typo') ?? [];
  for (const row of near) df.set(row.word, row.df);
  const units: ResolvedUnit[] = [];
  const unknown: string[] = [];
  const unknownUnits: QueryUnit[] = [];
  const unusedNoise: string[] = [];
  const joined = new Map<number, string[]>();
  for (const join of query.joins) {
    if (!df.has(join.word)) continue;
    for (const i of join.units) joined.set(i, [...(joined.get(i) ?? []), join.word]);
  }
  query.units.forEach((unit, index) => {
    const known = df.get(unit.word) ?? 0;
    // typo readings made up front (mistyped short forms) stand only when the word as typed is rare in titles
    const alternatives = unit.alternatives.filter((a) => df.has(a.word) && !(a.how === 'typo' && known > 2));
    for (const word of joined.get(index) ?? []) alternatives.push({ word, sim: 0.95, how: 'joined' });
    let parts: Array<{ word: string }> = [];
    if (!unit.expandedFrom) {
      // one word written for two that titles use ("xray" -> x ray): taken when the first part is a single letter,
      // otherwise only when no title word is one edit away ("dnacer" is a typo of dancer, not "dna cer")
      if (known === 0) {
        const typoNear = near.some((row) => row.word !== unit.word && editDistance(unit.word, row.word, 1) <= 1);
        let best = 0;
        for (const [left, right] of splits(unit.word)) {
          if (typoNear && left.length > 1) continue;
          const score = Math.min(df.get(left) ?? 0, df.get(right) ?? 0);
          if (score > best) {
            best = score;
            parts = [{ word: left }, { word: right }];
          }
        }
      }
      // a word that titles use is taken as typed unless it is rare; otherwise look one edit away (two for long
      // words), then for words it starts ("pharma" -> pharmaceutical)
      if (known <= 2 && maxEdits(unit.word) > 0 && parts.length === 0) {
        for (const row of near) {
          if (row.word === unit.word || alternatives.some((a) => a.word === row.word)) continue;
          const d = editDistance(unit.word, row.word, maxEdits(unit.word));
          if (d > maxEdits(unit.word)) continue;
          alternatives.push({ word: row.word, sim: TYPO_SIM[d], how: 'typo' });
        }
      }
      if (known === 0 && parts.length === 0) {
        // a shortened word: the same first letter and consonants ("spclst" -> specialist, "hnd" -> hand)
        for (const row of vocab.get(`skeleton:${wordSkeleton(unit.word)}`) ?? []) {
          df.set(row.word, row.df);
          if (!alternatives.some((a) => a.word === row.word))
            alternatives.push({ word: row.word, sim: SKELETON_SIM, how: 'skeleton' });
        }
        for (const row of vocab.get(`prefix:${unit.word}`) ?? []) {
          df.set(row.word, row.df);
          if (!alternatives.some((a) => a.word === row.word))
            alternatives.push({ word: row.word, sim: PREFIX_SIM, how: 'prefix' });
        }
      }
    }
    if (parts.length) {
      for (const part of parts) {
        units.push({
          typed: unit.typed,
          word: part.word,
          noise: unit.noise,
          alternatives: [{ word: part.word, sim: 0.95, how: 'split' }],
          weight: weightOf(df.get(part.word) ?? 1) * (unit.noise ? NOISE_WEIGHT : 1),
          miss: weightOf(df.get(part.word) ?? 1) * (unit.noise ? NOISE_WEIGHT : 1),
        });
      }
      return;
    }
    if (alternatives.length === 0) {
      // level and shift words are ignored whether or not titles use them; other words no title uses are reported
      if (unit.noise) unusedNoise.push(unit.typed);
      else {
        unknown.push(unit.typed);
        unknownUnits.push(unit);
      }
      return;
    }
    alternatives.sort((a, b) => b.sim - a.sim || (df.get(b.word) ?? 0) - (df.get(a.word) ?? 0));
    const weight = weightOf(df.get(alternatives[0].word) ?? 1) * (unit.noise ? NOISE_WEIGHT : 1);
    // a word no title uses, read as a typo or a short form, may as well be a name or a place: unmatched, it
    // weighs half
    const unsure = alternatives.every((a) => a.how === 'typo' || a.how === 'prefix' || a.how === 'skeleton');
    units.push({ ...unit, alternatives, weight, miss: unsure ? weight / 2 : weight, known });
  });
  return { units, unknown: [...new Set(unknown)], unknownUnits, unusedNoise };
}

const lexeme = (w: string) => `'${w.replace(/'/g, "''")}'`;
const clause = (unit: ResolvedUnit) => `(${[...new Set(unit.alternatives.map((a) => lexeme(a.word)))].join(' | ')})`;
/** The units that find candidates: the weightiest eight content units (all units if all are level words). */
function searchUnits(units: ResolvedUnit[]) {
  const content = units.filter((u) => !u.noise);
  return [...(content.length ? content : units)].sort((a, b) => b.weight - a.weight).slice(0, 8);
}

/** Full-text queries for titles with every search unit, and (three units on) with all units but one. */
function candidateQueries(units: ResolvedUnit[]) {
  const chosen = searchUnits(units);
  const clauses = chosen.map(clause);
  const all = clauses.join(' & ');
  const relaxed =
    clauses.length >= 3
      ? clauses.map((_, skip) => `(${clauses.filter((_, i) => i !== skip).join(' & ')})`).join(' | ')
      : null;
  return { all, relaxed, words: chosen.map((u) => [...new Set(u.alternatives.map((a) => a.word))]) };
}

const KEY_BUDGET = 300;
const bitCount = (mask: number) => {
  let n = 0;
  for (let m = mask; m; m &= m - 1) n++;
  return n;
};

/** The non-empty subsets of n units as bit masks, by size; among equals, in the order of their masks. */
const SUBSETS_BY_SIZE: number[][][] = [];
function subsetsBySize(n: number): number[][] {
  let bySize = SUBSETS_BY_SIZE[n];
  if (!bySize) {
    bySize = Array.from({ length: n + 1 }, () => []);
    for (let mask = 1; mask < 2 ** n; mask++) bySize[bitCount(mask)].push(mask);
    SUBSETS_BY_SIZE[n] = bySize;
  }
  return bySize;
}

/**
 * Word sets (title_form.skey) of titles made only of query words, in any order: subsets of the units, each unit
 * by one of its close alternatives, largest subsets first, at most KEY_BUDGET sets. `full` has every unit,
 * `large` all but one, `small` the rest. Combinations are made one at a time, so that a long title stops at the
 * budget rather than spelling out every combination first.
 */
function subsetKeys(units: ResolvedUnit[]) {
  const options = [...units]
    .sort((a, b) => b.weight - a.weight)
    .slice(0, 10)
    .map((u) => [...new Set(u.alternatives.filter((a) => a.sim >= 0.85).map((a) => a.word))].slice(0, 4))
    .filter((o) => o.length > 0);
  const n = options.length;
  const bySize = subsetsBySize(n);
  const groups = { full: new Set<string>(), large: new Set<string>(), small: new Set<string>() };
  let count = 0;
  for (let size = n; size >= 1 && count < KEY_BUDGET; size--) {
    const group = size === n ? groups.full : size === n - 1 ? groups.large : groups.small;
    for (const mask of bySize[size]) {
      const chosen = options.filter((_, i) => mask & (1 << i));
      // one word per chosen unit, the last unit's word changing fastest
      const at = chosen.map(() => 0);
      for (let more = true; more && count < KEY_BUDGET; count++) {
        group.add([...new Set(at.map((k, u) => chosen[u][k]))].sort().join(' '));
        let u = at.length - 1;
        while (u >= 0 && ++at[u] === chosen[u].length) at[u--] = 0;
        more = u >= 0;
      }
      if (count >= KEY_BUDGET) break;
    }
  }
  return { full: [...groups.full], large: [...groups.large], small: [...groups.small] };
}

/** The arguments of title_search() for a title read as `units`. */
function titleSearch(
  query: AnalyzedQuery,
  units: ResolvedUnit[],
  options: { limit: number; sector: string | null },
): TitleSearch {
  const altUnit: number[] = [];
  const altWord: string[] = [];
  const altSim: number[] = [];
  units.forEach((u, i) => {
    for (const a of u.alternatives) {
      altUnit.push(i);
      altWord.push(a.word);
      altSim.push(a.sim);
    }
  });
  const { all, relaxed, words } = units.length ? candidateQueries(units) : { all: null, relaxed: null, words: [] };
  const { full, large, small } = subsetKeys(units);
  const tokens = query.tokens.join(' ');
  return {
    altUnit,
    altWord,
    altSim,
    unitWeight: units.map((u) => u.weight),
    unitMiss: units.map((u) => u.miss),
    exact: tokens,
    keysFull: full,
    keysLarge: large,
    all,
    keysSmall: small,
    relaxed,
    clauses: words,
    trigram: query.tokens.length > 0 ? tokens : null,
    limit: options.limit,
    sector: options.sector,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Ranking among equals, and the reason
// ---------------------------------------------------------------------------------------------------------

/** Best match of a title word among the query's units. */
function matchWord(word: string, units: ResolvedUnit[]) {
  let best: { unit: ResolvedUnit; sim: number; how: AltHow; word: string } | undefined;
  for (const unit of units) {
    for (const a of unit.alternatives) {
      if (a.word === word && (!best || a.sim > best.sim)) best = { unit, sim: a.sim, how: a.how, word };
    }
  }
  return best;
}

/** Indexed titles recur across queries (and a bulk request's titles): their forms are read once. */
const FORMS_CACHE_SIZE = 20000;
const formsCache = new Map<string, string[]>();

/** A title's tokens, then each of its forms, as text (what a query equal to the title is equal to). */
function wholeForms(title: string): string[] {
  let forms = formsCache.get(title);
  if (!forms) {
    forms = [titleTokens(title).join(' '), ...titleForms(title).map((f) => f.join(' '))];
    if (formsCache.size >= FORMS_CACHE_SIZE) formsCache.clear();
    formsCache.set(title, forms);
  }
  return forms;
}

const quoteList = (words: string[]) => words.map((w) => `"${w}"`).join(', ');

/** How a title was read: its analysis, its words as the vocabulary resolved them, and its role's words. */
interface TitleReading {
  query: AnalyzedQuery;
  /** The query's tokens as text (what an exact title match must equal). */
  typedForm: string;
  units: ResolvedUnit[];
  unknown: string[];
  /** Words of the role part that no title uses (a place or an employer, or a word of a title never seen). */
  unknownRole: string[];
  unusedNoise: string[];
  role: Set<string>;
}

function explain(row: HitRow, { query, typedForm, units, unknown, unknownRole, unusedNoise, role }: TitleReading) {
  const title = row.m_text;
  const what =
    row.m_via === 'occupation'
      ? row.m_label_type === 'preferred'
        ? "the occupation's name"
        : row.m_label_type === 'reported'
          ? `the title "${title}" reported for the occupation`
          : `the occupation's ${row.m_label_type} name "${title}"`
      : row.m_via === 'close_match'
        ? `the title "${title}" of the ESCO occupation "${row.m_via_name}", a close match`
        : `the alternate title "${title}"`;
  const exactWhole = wholeForms(title).includes(typedForm);
  if (row.m_exact || exactWhole) {
    return {
      type: (row.m_via === 'occupation' && row.m_label_type === 'preferred'
        ? 'exact_name'
        : 'exact_title') as TitleMatchType,
      reason: `exact match of ${what}`,
      complete: true,
    };
  }
  const notes: string[] = [];
  const used = new Set<ResolvedUnit>();
  const expanded = new Map<string, string>();
  const typos: string[] = [];
  const synonyms: string[] = [];
  const prefixes: string[] = [];
  let missing = 0;
  let partial = false;
  let typoOfKnown = false;
  const tokens = [...new Set(row.m_tokens)];
  for (const word of tokens) {
    const m = matchWord(word, units);
    if (!m) {
      if (!NOISE_SET.has(word)) missing++;
      continue;
    }
    used.add(m.unit);
    // abbreviations spelled out, words split or joined: still the same words; typos, prefixes, synonyms: fuzzy
    if (m.how === 'typo' || m.how === 'prefix' || m.how === 'skeleton' || m.how === 'synonym') partial = true;
    if (m.how === 'abbreviation' && m.unit.expandedFrom)
      expanded.set(m.unit.expandedFrom.abbreviation, m.unit.expandedFrom.longForm);
    if (m.how === 'typo') typos.push(`${m.unit.typed} -> ${word}`);
    if (m.how === 'typo' && (m.unit.known ?? 0) > 0) typoOfKnown = true;
    if (m.how === 'synonym') synonyms.push(`${m.unit.typed} ~ ${word}`);
    if (m.how === 'prefix' || m.how === 'skeleton') prefixes.push(`${m.unit.typed} -> ${word}`);
    if (m.how === 'split' || m.how === 'joined') prefixes.push(`${m.unit.typed} -> ${word}`);
  }
  const unmatchedUnits = units.filter((u) => !used.has(u));
  const ignoredLevel = [...new Set([...unusedNoise, ...unmatchedUnits.filter((u) => u.noise).map((u) => u.typed)])];
  const unmatched = [...new Set(unmatchedUnits.filter((u) => !u.noise).map((u) => u.typed))];
  if (expanded.size) {
    notes.push(`abbreviation expanded: ${[...expanded].map(([a, l]) => `${a.toUpperCase()} -> ${l}`).join(', ')}`);
  }
  if (synonyms.length) notes.push(`synonym: ${synonyms.join(', ')}`);
  if (typos.length) notes.push(`typo corrected: ${typos.join(', ')}`);
  if (prefixes.length) notes.push(`read as: ${prefixes.join(', ')}`);
  if (ignoredLevel.length) notes.push(`ignored level/shift words: ${quoteList(ignoredLevel)}`);
  if (unknown.length || query.dropped.length) {
    notes.push(`ignored words in no title: ${quoteList([...query.dropped, ...unknown])}`);
  }
  if (unmatched.length) notes.push(`not in this title: ${quoteList(unmatched)}`);
  if (missing) notes.push(`${missing} of the title's ${tokens.length} words not in the query`);
  const same = !partial && missing === 0 && unmatched.length === 0;
  const head = same ? `same words as ${what}` : `fuzzy match of ${what} (score ${Number(row.m_score).toFixed(2)})`;
  return {
    type: (same ? 'same_words' : 'fuzzy') as TitleMatchType,
    reason: notes.length ? `${head}; ${notes.join('; ')}` : head,
    complete: missing === 0 && unmatchedUnits.every((u) => u.noise || !role.has(u.typed)),
    typoOfKnown,
    unknownWords: unknownRole.length > 0,
  };
}

/**
 * The part of a typed title that names the job: what comes before an employer, a place or a note
 * ("Quahogger - Mayo Clinic", "Nurse at Kaiser", "Clerk (Portland, OR)", "Nurse, night shift").
 */
export function rolePart(title: string): string {
  const cut = title.search(/\s[-–—|/@]\s|\sat\s|\(|,/i);
  const head = cut > 0 ? title.slice(0, cut) : title;
  return titleTokens(head).length ? head : title;
}

/** The words of a typed title's parenthesised parts ("FX Artist (Effects Artist)"): more words for its role. */
function parenthesised(title: string): string[] {
  return [...title.matchAll(/\(([^()]*)\)/g)].flatMap((m) => rawWords(m[1]));
}

const FUZZY_READINGS = new Set<AltHow>(['typo', 'prefix', 'skeleton']);

/** The words the vocabulary ranking reads: each content unit of the role part (and of its parenthesised parts)
 * by its best reading, and the head noun (the last of the role part's). A word no title uses, or one read only
 * as a typo or a short form of a title word, is read as typed too: tasks, tools and definitions may use it. */
function vocabularyWords(
  units: ResolvedUnit[],
  unknownUnits: QueryUnit[],
  role: Set<string>,
  more: Set<string>,
): { modifiers: string[]; head: string | null } {
  const content = units.filter((u) => !u.noise);
  const words = content
    .filter((u) => role.has(u.typed))
    .map((u) => (u.alternatives.find((a) => a.how === 'abbreviation') ?? u.alternatives[0]).word);
  const head = words.at(-1) ?? null;
  const extra = [
    ...content
      .filter((u) => !role.has(u.typed) && more.has(u.typed))
      .map((u) => (u.alternatives.find((a) => a.how === 'abbreviation') ?? u.alternatives[0]).word),
    ...content
      .filter((u) => (role.has(u.typed) || more.has(u.typed)) && !u.known && !u.expandedFrom)
      .filter((u) => u.alternatives.every((a) => FUZZY_READINGS.has(a.how)))
      .map((u) => u.word),
    ...unknownUnits.filter((u) => !u.noise && (role.has(u.typed) || more.has(u.typed))).map((u) => u.word),
  ].filter((w) => w.length >= 2);
  return { modifiers: [...new Set([...words.slice(0, -1), ...extra])].filter((w) => w !== head), head };
}

export interface TitleEvidence {
  /** Matches on titles the index holds, best first (title_search). */
  titles: TitleMatch[];
  /** Occupations by their vocabulary, best first. */
  vocabulary: VocabularyHit[];
  /** What the vocabulary ranking read. */
  words: { modifiers: string[]; head: string | null };
}

export interface EvidenceRequest {
  /** Must already have passed the length checks of normalizeQuery. */
  title: string;
  limit: number;
  /** How many occupations the vocabulary ranking gives (default: limit). */
  vocabularyLimit?: number;
  /** The sector to read employment shares in; it may still be being read (the second statement needs it). */
  sector?: string | null | Promise<string | null>;
}

/**
 * The two kinds of evidence for typed titles: each one's best matching indexed titles, and the occupations whose
 * vocabulary explains its words. Two steps, each one statement for all the titles (title-statements.ts): the
 * words, then the titles and the vocabulary together (through the reader's batch, one statement with whatever
 * else the request reads then; otherwise two side by side). With a `sector`, each occupation comes with its
 * employment share in that sector. A title's evidence is the same whichever titles it is asked with.
 */
export async function titleEvidence(reader: Reader, requests: readonly EvidenceRequest[]): Promise<TitleEvidence[]> {
  const queries = requests.map((r) => analyzeQuery(r.title));
  const index = VocabularyIndex.of(dbOf(reader));
  const check = index?.staleCheck();
  const [vocab, sectors] = await Promise.all([
    lookUpWords(reader, queries.map(wordLookup), check ? { query: check.query, titles: check.copy.titles } : null),
    Promise.all(requests.map((r) => r.sector ?? null)),
  ]);
  // the copy when no change committed since it was read; otherwise the SQL functions
  const copy = index?.current(check ?? null, vocab.stale) ?? null;
  const read = queries.map((query, i) => {
    const { units, unknown, unknownUnits, unusedNoise } = resolveUnits(query, bySource(vocab.words[i]));
    const role = new Set(rawWords(rolePart(requests[i].title)));
    const more = new Set(parenthesised(requests[i].title));
    const unknownRole = unknownUnits.filter((u) => !u.noise && role.has(u.typed)).map((u) => u.typed);
    return {
      query,
      typedForm: query.tokens.join(' '),
      units,
      unknown,
      unknownRole,
      unusedNoise,
      role,
      words: vocabularyWords(units, unknownUnits, role, more),
    };
  });
  const withHead = read.flatMap((r, i) => (r.words.head ? [i] : []));
  const [rows, ranked] = await Promise.all([
    searchTitles(
      reader,
      read.map((r, i) => titleSearch(r.query, r.units, { limit: requests[i].limit, sector: sectors[i] })),
      copy?.searchTitles ?? null,
    ),
    rankByVocabulary(
      reader,
      withHead.map((i) => ({
        modifiers: read[i].words.modifiers,
        head: read[i].words.head!,
        limit: requests[i].vocabularyLimit ?? requests[i].limit,
        sector: sectors[i],
      })),
      copy?.rank ?? null,
    ),
  ]);
  const vocabulary = read.map((): VocabularyHit[] => []);
  withHead.forEach((i, k) => {
    vocabulary[i] = ranked[k];
  });
  return read.map((reading, i) => ({
    titles: rows[i].map((row) => titleMatch(row, reading)),
    vocabulary: vocabulary[i],
    words: reading.words,
  }));
}

function titleMatch(row: HitRow, reading: TitleReading): TitleMatch {
  const {
    m_text,
    m_label_type,
    m_via,
    m_via_name,
    m_tokens,
    m_exact,
    m_score,
    m_name_cover,
    m_share,
    onet_soc_code,
    ...occupation
  } = row;
  const { type, reason, complete, typoOfKnown, unknownWords } = explain(row, reading);
  return {
    occupation: occupation as EntityRow,
    score: Math.round(Number(m_score) * 10000) / 10000,
    matchedTitle: m_text,
    reason,
    onetSocCode: onet_soc_code,
    matchType: type,
    complete,
    ...(typoOfKnown ? { typoOfKnownWord: true } : {}),
    ...(complete && unknownWords ? { unknownWords: true } : {}),
    ...(m_via === 'close_match' ? { viaCloseMatch: true } : {}),
    sectorShare: m_share === null ? null : Number(m_share),
  };
}
