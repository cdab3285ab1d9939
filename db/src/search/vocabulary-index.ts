import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../connect.ts';
import type { EntityRow } from '../tables.ts';
import { readTitleCopy, type SearchConstants, searchCopyBatch, type TitleCopy } from './title-index.ts';
import type { HitRow, TitleSearch } from './title-statements.ts';
import { VOCABULARY_FIELDS, VOCABULARY_MODEL } from './vocabulary-model.ts';

/**
 * A copy of what the vocabulary ranking reads (title_occupation, title_occupation_word and occupation_vocabulary,
 * migration 0015), kept in process, so that ranking a title is arithmetic over a few posting lists instead of a
 * statement: title_vocabulary_evidence() (migrations 0030 and 0031) spent about a millisecond of database time on
 * each title, half of what coding a title costs there.
 *
 * The copy is read in a few short statements (readCopy) and remembers the snapshot of the first. Every
 * transaction that changes those tables leaves a row in title_vocabulary_change (migration 0032); the word
 * look-up that starts each
 * request asks, in the same statement, whether one of them is not in the copy's snapshot (`staleCheck`). If so,
 * that request ranks through the SQL function, which reads the tables as they are, and the copy is read again in
 * the background (0.4 s on the server, 0.7 s on PGlite for the whole graph): a change shows in the next request
 * of every process, and no request waits for the copy. Requests inside a transaction (which may see their own
 * uncommitted changes) rank through the SQL function too.
 */

/** A word's postings: the occupations whose titles use it (forms, heads) and whose vocabulary has it. */
interface WordPostings {
  titleOccupations: Int32Array;
  forms: Int32Array;
  heads: Int32Array;
  /** Sums over all occupations: the word's background frequency. */
  sumForms: number;
  sumHeads: number;
  vocabularyOccupations: Int32Array;
  /** Each occupation's weighted count of the word in its tasks, tools, definitions... (fields weighed). */
  vocabularyWeight: Float64Array;
}

interface Copy {
  /** The pg_snapshot the copy was read in. */
  snapshot: string;
  /** When it was read (ms): a copy older than the change rows kept is read again whatever they say. */
  readAt: number;
  /** Occupation ids by number, each one's count of title forms, and the rows of those it ranks (published, not ESCO's). */
  occupations: string[];
  titleForms: Int32Array;
  published: Array<PublishedOccupation | undefined>;
  totalForms: number;
  words: Map<string, WordPostings>;
  /** What title_search() reads (title-index.ts), and the ranked occupations' rows by id. */
  titles: TitleCopy;
  byId: Map<string, PublishedOccupation>;
}

/** The change rows are kept a week (migration 0032); a copy is trusted for less. */
const MAX_COPY_AGE_MS = 6 * 24 * 60 * 60 * 1000;

/** A published occupation's row, with its O*NET-SOC code (shared by every request: not to be changed). */
export type PublishedOccupation = Readonly<EntityRow & { onet_soc_code: string | null }>;

/** One occupation's vocabulary score for a title, with its parts (as title_vocabulary_evidence returns them). */
export interface VocabularyScore {
  occupationId: string;
  /** The occupation itself, with its O*NET-SOC code. */
  occupation: PublishedOccupation;
  /** Log-likelihood ratio; only differences between occupations for one query mean anything. */
  score: number;
  /** How many of the query's words the occupation's vocabulary has. */
  matched: number;
  /** The score's parts (migration 0030): the head noun's evidence, the modifiers' in titles and elsewhere. */
  headEvidence: number;
  titleEvidence: number;
  vocabularyEvidence: number;
  /** How many title forms the occupation has, and how many end in the head noun. */
  forms: number;
  headForms: number;
  /** The share of the query's words, weighted by rarity (IDF), that its vocabulary has. */
  idfCover: number;
}

const copies = new WeakMap<Executor, VocabularyIndex>();

/** Between two reads of the copy, at least this many times the last read's duration: while changes keep coming
 * (an import), reading the copy takes at most a fifth of the database's time. */
const READ_SPACING = 4;

export class VocabularyIndex {
  #copy: Copy | null = null;
  #reading: Promise<void> | null = null;
  #nextReadAt = 0;

  private constructor(readonly db: Executor) {}

  /** The index of a database; null inside a transaction (which may see changes no other reader sees yet). */
  static of(db: Executor): VocabularyIndex | null {
    if (db.isTransaction) return null;
    let index = copies.get(db);
    if (!index) {
      index = new VocabularyIndex(db);
      copies.set(db, index);
    }
    return index;
  }

  /**
   * SQL that tells whether the copy there is now is out of date (a boolean), to be read in the statement that
   * starts a request; null when there is no copy to trust.
   */
  staleCheck(): { copy: Copy; query: RawBuilder<boolean> } | null {
    const copy = this.#copy;
    if (!copy || Date.now() - copy.readAt > MAX_COPY_AGE_MS) return null;
    return {
      copy,
      query: changedSince(copy.snapshot),
    };
  }

  /**
   * The ranker of the checked copy when the check found it current. Otherwise null, and the request ranks through
   * the SQL function, which reads the tables as they are, while the copy is read again in the background: a
   * request never waits for it.
   */
  ranker(check: ReturnType<VocabularyIndex['staleCheck']>, stale: boolean): VocabularyRanker | null {
    return this.current(check, stale)?.rank ?? null;
  }

  /** The vocabulary ranker and the title search of the checked copy when the check found it current (as ranker). */
  current(check: ReturnType<VocabularyIndex['staleCheck']>, stale: boolean): CurrentCopy | null {
    if (check && !stale) {
      const { copy } = check;
      return {
        rank: (modifiers, head, limit) => rank(copy, modifiers, head, limit),
        searchTitles: (searches, constants) =>
          searchCopyBatch(copy.titles, searches, constants, (id) => copy.byId.get(id) as HitRow | undefined),
      };
    }
    this.#readAgain();
    return null;
  }

  /** Settles when no read of the copy is under way (for tests and benchmarks that measure the steady state). */
  async settled(): Promise<void> {
    while (this.#reading) await this.#reading;
  }

  /** Reads the copy now, once any read under way is done, however recent the last one (tests, benchmarks). */
  async refresh(): Promise<void> {
    await this.settled();
    this.#nextReadAt = 0;
    this.#readAgain();
    await this.settled();
  }

  #readAgain() {
    if (this.#reading || Date.now() < this.#nextReadAt) return;
    const started = Date.now();
    this.#reading = readCopy(this.db)
      .then(
        (copy) => {
          if (copy) this.#copy = copy;
        },
        // the next request tries again; until then the SQL function answers
        () => {},
      )
      .finally(() => {
        this.#nextReadAt = Date.now() + READ_SPACING * (Date.now() - started);
        this.#reading = null;
      });
  }
}

/** title_search_batch() over the copy: each title's rows, best first; null when the SQL must answer. */
export type TitleSearcher = (searches: readonly TitleSearch[], constants: SearchConstants) => HitRow[][] | null;

export interface CurrentCopy {
  rank: VocabularyRanker;
  searchTitles: TitleSearcher;
}

/** Ranks one title's words (modifiers and head noun): the best `limit` published occupations, best first. */
export type VocabularyRanker = (modifiers: readonly string[], head: string, limit: number) => VocabularyScore[];

/** The copy is read in parts by word range (each part a short statement, which on PGlite's one connection lets
 * requests run in between): words sort in C order, digits first. */
const WORD_RANGES = ['', 'c', 'e', 'h', 'l', 'o', 'r', 't', null];

/** Each occupation's number: its rank by id (the same in every part while nothing changes). */
const NUMBERED = sql`select id, (row_number() over (order by id))::int - 1 as k from entity where kind = 'occupation'`;

/**
 * Reads the copy: its snapshot, the occupations, then each word range, then whether a change committed since the
 * first statement. Each statement reads at a snapshot of its own, so the copy holds only if none did; otherwise
 * it is dropped (null), and the next request that finds the copy old tries again.
 */
async function readCopy(db: Executor): Promise<Copy | null> {
  const {
    rows: [first],
  } = await sql<{ snapshot: string; occupations: Array<[string, number]> }>`
    select pg_current_snapshot()::text as snapshot,
      (select coalesce(json_agg(json_build_array(o.id, coalesce(t.forms, 0)) order by o.k), '[]')
        from (${NUMBERED}) o left join title_occupation t on t.occupation_id = o.id) as occupations`.execute(db);
  // the rows as the driver reads them (not through JSON), so that they equal the rows a statement gives
  const { rows: publishedRows } = await sql<PublishedOccupation & { k: number }>`
    select e.*, oc.onet_soc_code, o.k
    from (${NUMBERED}) o join entity e on e.id = o.id left join occupation oc on oc.entity_id = e.id
    -- ESCO occupations are not ranked (migration 0033): their labels count for their close matches
    where e.status = 'published' and oc.esco_uri is null`.execute(db);
  const fields = Object.keys(VOCABULARY_FIELDS);
  const weights = Object.values(VOCABULARY_FIELDS);
  const words = new Map<string, WordPostings>();
  for (let r = 0; r + 1 < WORD_RANGES.length; r++) {
    const [from, to] = [WORD_RANGES[r], WORD_RANGES[r + 1]];
    const inRange = (column: ReturnType<typeof sql.ref>) =>
      to === null
        ? sql`${column} collate "C" >= ${from}`
        : sql`${column} collate "C" >= ${from} and ${column} collate "C" < ${to}`;
    const {
      rows: [part],
    } = await sql<{
      titles: Array<[string, number[], number[], number[]]>;
      vocabulary: Array<[string, number[], number[]]>;
    }>`
      select
        (select coalesce(json_agg(json_build_array(w.word, w.occ, w.forms, w.heads)), '[]') from (
          select w.word, array_agg(o.k) as occ, array_agg(w.forms) as forms, array_agg(w.heads) as heads
          from title_occupation_word w join (${NUMBERED}) o on o.id = w.occupation_id
          where ${inRange(sql.ref('w.word'))}
          group by w.word) w) as titles,
        (select coalesce(json_agg(json_build_array(v.word, v.occ, v.f)), '[]') from (
          select v.word, array_agg(v.k) as occ, array_agg(v.f) as f
          from (
            select v.word, o.k, sum(fw.weight * least(v.n, 3) / 3.0)::float8 as f
            from occupation_vocabulary v
            join unnest(${fields}::text[], ${weights}::float8[]) as fw(field, weight) on fw.field = v.field
            join (${NUMBERED}) o on o.id = v.occupation_id
            where ${inRange(sql.ref('v.word'))}
            group by 1, 2
          ) v
          group by v.word) v) as vocabulary`.execute(db);
    for (const [word, occ, forms, heads] of part.titles) {
      const p = postingsOf(words, word);
      p.titleOccupations = Int32Array.from(occ);
      p.forms = Int32Array.from(forms);
      p.heads = Int32Array.from(heads);
      p.sumForms = p.forms.reduce((a, b) => a + b, 0);
      p.sumHeads = p.heads.reduce((a, b) => a + b, 0);
    }
    for (const [word, occ, f] of part.vocabulary) {
      const p = postingsOf(words, word);
      p.vocabularyOccupations = Int32Array.from(occ);
      p.vocabularyWeight = Float64Array.from(f);
    }
  }
  const titles = await readTitleCopy(db);
  const {
    rows: [{ changed }],
  } = await sql<{ changed: boolean }>`select ${changedSince(first.snapshot)} as changed`.execute(db);
  if (changed) return null;
  const published: Copy['published'] = new Array(first.occupations.length);
  const byId = new Map<string, PublishedOccupation>();
  for (const { k, ...row } of publishedRows) {
    published[k as number] = Object.freeze(row);
    byId.set(row.id, published[k as number]!);
  }
  const titleForms = Int32Array.from(first.occupations, ([, forms]) => forms);
  return {
    snapshot: first.snapshot,
    readAt: Date.now(),
    occupations: first.occupations.map(([id]) => id),
    titleForms,
    published,
    totalForms: Math.max(
      titleForms.reduce((a, b) => a + b, 0),
      1,
    ),
    words,
    titles,
    byId,
  };
}

/** Whether a change to what the copy holds committed since `snapshot` (a row of migration 0032 it does not see). */
const changedSince = (snapshot: string) => sql<boolean>`exists (select 1 from title_vocabulary_change c
  where c.xid >= pg_snapshot_xmin(${snapshot}::pg_snapshot)
    and not pg_visible_in_snapshot(c.xid, ${snapshot}::pg_snapshot))`;

const EMPTY = new Int32Array(0);
const EMPTY_WEIGHTS = new Float64Array(0);
function postingsOf(words: Map<string, WordPostings>, word: string): WordPostings {
  let p = words.get(word);
  if (!p) {
    p = {
      titleOccupations: EMPTY,
      forms: EMPTY,
      heads: EMPTY,
      sumForms: 0,
      sumHeads: 0,
      vocabularyOccupations: EMPTY,
      vocabularyWeight: EMPTY_WEIGHTS,
    };
    words.set(word, p);
  }
  return p;
}

/** Working arrays for rank(), one entry per occupation, kept between titles (reset where a title touched them). */
interface Scratch {
  evidence: Float64Array;
  headEvidence: Float64Array;
  titleEvidence: Float64Array;
  headForms: Int32Array;
  idf: Float64Array;
  matched: Int32Array;
  weight: Float64Array;
  inTitles: Uint8Array;
  score: Float64Array;
}
let scratch: Scratch | null = null;
function scratchFor(n: number): Scratch {
  if (!scratch || scratch.matched.length < n) {
    scratch = {
      evidence: new Float64Array(n),
      headEvidence: new Float64Array(n),
      titleEvidence: new Float64Array(n),
      headForms: new Int32Array(n),
      idf: new Float64Array(n),
      matched: new Int32Array(n),
      weight: new Float64Array(n),
      inTitles: new Uint8Array(n),
      score: new Float64Array(n),
    };
  }
  return scratch;
}

/**
 * The published occupations whose vocabulary best explains a title's words, best first, at most `limit`: the
 * arithmetic of title_vocabulary_evidence() (migration 0030, whose comments say what each part means).
 */
function rank(copy: Copy, modifiers: readonly string[], head: string, limit: number): VocabularyScore[] {
  const { mu, headMu, headAnywhere, prior } = VOCABULARY_MODEL;
  const total = copy.totalForms;
  const words = [...new Set([...modifiers, head])];
  const modifierCount = new Set(modifiers.filter((w) => w !== head)).size;
  const { evidence, headEvidence, titleEvidence, headForms, idf, matched, weight, inTitles, score } = scratchFor(
    copy.occupations.length,
  );
  const touched: number[] = [];
  let totalIdf = 0;
  for (const word of words) {
    const p = copy.words.get(word);
    const bw = ((p?.sumForms ?? 0) + 0.5) / total;
    const bh = ((p?.sumHeads ?? 0) + 0.5) / total;
    const wordIdf = -Math.log(bw);
    totalIdf += wordIdf;
    if (!p) continue;
    const isHead = word === head;
    // an occupation's row for the word: its title counts and (for a modifier) its vocabulary weight
    const count = (k: number) => {
      if (matched[k] === 0) touched.push(k);
      matched[k]++;
      idf[k] += wordIdf;
    };
    // the word's vocabulary weight in each occupation, for a modifier (the head noun's is not read)
    const vocabulary = isHead ? EMPTY : p.vocabularyOccupations;
    for (let j = 0; j < vocabulary.length; j++) weight[vocabulary[j]] = p.vocabularyWeight[j];
    const titles = p.titleOccupations;
    for (let j = 0; j < titles.length; j++) {
      const k = titles[j];
      const forms = p.forms[j];
      const heads = p.heads[j];
      inTitles[k] = 1;
      count(k);
      if (isHead) {
        const e = Math.log(1 + (heads + headAnywhere * forms) / (headMu * bh));
        evidence[k] += e;
        headEvidence[k] += e;
        headForms[k] = Math.max(headForms[k], heads);
      } else {
        evidence[k] += Math.log(1 + (forms + weight[k]) / (mu * bw));
        titleEvidence[k] += Math.log(1 + forms / (mu * bw));
      }
    }
    for (const k of vocabulary) {
      if (!inTitles[k]) {
        count(k);
        evidence[k] += Math.log(1 + weight[k] / (mu * bw));
      }
      weight[k] = 0;
    }
    for (const k of titles) inTitles[k] = 0;
  }
  totalIdf = Math.max(totalIdf, 1e-9);
  const ranked: number[] = [];
  for (const k of touched) {
    if (!copy.published[k]) continue;
    const forms = copy.titleForms[k];
    score[k] =
      prior * Math.log((forms + 1) / total) +
      Math.log(headMu / (forms + headMu)) +
      modifierCount * Math.log(mu / (forms + mu)) +
      evidence[k];
    ranked.push(k);
  }
  const ids = copy.occupations;
  ranked.sort((a, b) => score[b] - score[a] || (ids[a] < ids[b] ? -1 : 1));
  const out = ranked.slice(0, limit).map(
    (k): VocabularyScore => ({
      occupationId: ids[k],
      occupation: copy.published[k]!,
      score: score[k],
      matched: matched[k],
      headEvidence: headEvidence[k],
      titleEvidence: titleEvidence[k],
      vocabularyEvidence: evidence[k] - headEvidence[k] - titleEvidence[k],
      forms: copy.titleForms[k],
      headForms: headForms[k],
      idfCover: idf[k] / totalIdf,
    }),
  );
  for (const k of touched) {
    evidence[k] = headEvidence[k] = titleEvidence[k] = idf[k] = score[k] = 0;
    headForms[k] = matched[k] = 0;
  }
  return out;
}
