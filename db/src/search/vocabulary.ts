import { sql } from 'kysely';
import { type Reader, reviveTimestamps, selectRows } from '../batch.ts';
import type { EntityRow } from '../tables.ts';
import { inParts } from './title-statements.ts';

/**
 * Ranking by each occupation's vocabulary (title_vocabulary_evidence(), migrations 0015 and 0030), for titles the index does
 * not hold: "tanning wheel operator" is an operator (the head noun, matched against the heads of each
 * occupation's titles) of something tanning (a modifier, matched against all the words of its titles, tasks,
 * tools and technology, description, SOC definition and ESCO labels). The parameters were chosen on a
 * development sample of titles left out of the index (bench/titles.ts --dev), not on the evaluation sample.
 */
export const VOCABULARY_FIELDS = {
  task: 0.2,
  technology: 0.2,
  tool: 0.2,
  description: 0.2,
  definition: 0.2,
  esco: 0.3,
} as const;

export const VOCABULARY_MODEL = {
  /** Smoothing of a modifier's share of an occupation's titles by its share of all titles. */
  mu: 5,
  /** The same for the head noun. */
  headMu: 2,
  /** A title with the head noun elsewhere than at its end counts this much of one that ends in it. */
  headAnywhere: 0.3,
  /** Weight of how many titles an occupation has (occupations with many titles are named more often). */
  prior: 1,
};

export interface VocabularyHit {
  occupationId: string;
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
  /** The occupation itself, with its O*NET-SOC code. */
  occupation: EntityRow & { onet_soc_code: string | null };
  /** Its employment share in the sector asked for (null: no sector, or no figures). */
  sectorShare: number | null;
}

type HitRow = EntityRow & {
  i: number;
  score: number;
  matched: number;
  head_evidence: number;
  title_evidence: number;
  vocabulary_evidence: number;
  forms: number;
  head_forms: number;
  idf_cover: number;
  onet_soc_code: string | null;
  share: number | null;
};
const reviveHit = reviveTimestamps<HitRow>('created_at', 'updated_at');

/** What the vocabulary ranking reads of one title: its modifiers and head noun. */
export interface VocabularyQuery {
  modifiers: string[];
  head: string;
  limit: number;
  /** The sector each occupation's employment share is read in (null: none). */
  sector: string | null;
}

/**
 * For each title, the occupations whose vocabulary best explains its words (`head` is its head noun), best
 * first, each with its row (and, given a sector, its employment share there): one statement for all the titles
 * (title_vocabulary_batch(), migration 0031).
 */
export async function rankByVocabulary(
  reader: Reader,
  queries: readonly VocabularyQuery[],
): Promise<VocabularyHit[][]> {
  return inParts(reader, queries, rankPart);
}

async function rankPart(reader: Reader, queries: readonly VocabularyQuery[]): Promise<VocabularyHit[][]> {
  const out = queries.map((): VocabularyHit[] => []);
  if (queries.length === 0) return out;
  const fields = Object.keys(VOCABULARY_FIELDS);
  const weights = Object.values(VOCABULARY_FIELDS);
  const m = VOCABULARY_MODEL;
  const json = JSON.stringify(queries.map((q, i) => ({ i, ...q })));
  // title_vocabulary_batch() (migration 0031): planned once per session
  const query = sql<HitRow>`
    select v.i, e.*, v.onet_soc_code, v.score, v.matched, v.head_evidence, v.title_evidence, v.vocabulary_evidence,
      v.forms, v.head_forms, v.idf_cover, v.share
    from title_vocabulary_batch(${json}::jsonb, ${fields}::text[], ${weights}::float8[], ${m.mu}::float8,
      ${m.headMu}::float8, ${m.headAnywhere}::float8, ${m.prior}::float8) with ordinality as v
    join entity e on e.id = v.occupation_id
    order by v.ordinality`;
  const rows = await selectRows(reader, query, reviveHit);
  for (const {
    i,
    score,
    matched,
    head_evidence,
    title_evidence,
    vocabulary_evidence,
    forms,
    head_forms,
    idf_cover,
    share,
    ...occupation
  } of rows) {
    out[i].push({
      occupationId: occupation.id,
      score: Number(score),
      matched: Number(matched),
      headEvidence: Number(head_evidence),
      titleEvidence: Number(title_evidence),
      vocabularyEvidence: Number(vocabulary_evidence),
      forms: Number(forms),
      headForms: Number(head_forms),
      idfCover: Number(idf_cover),
      occupation,
      sectorShare: share === null ? null : Number(share),
    });
  }
  return out;
}
