import { sql } from 'kysely';
import { type Reader, reviveTimestamps, selectRows } from '../batch.ts';
import type { EntityRow } from '../tables.ts';
import { inParts } from './title-statements.ts';
import type { VocabularyRanker, VocabularyScore } from './vocabulary-index.ts';
import { VOCABULARY_FIELDS, VOCABULARY_MODEL } from './vocabulary-model.ts';

/** An occupation the vocabulary ranks for a title, with its employment share in the sector asked for (null: no
 * sector, or no figures). */
export interface VocabularyHit extends VocabularyScore {
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
 * first, each with its row (and, given a sector, its employment share there). With a `ranker` (the copy of
 * vocabulary-index.ts) the ranking and the rows come from the copy, and only the shares, when a sector is asked
 * for, from a statement; without, one statement ranks and reads (title_vocabulary_batch(), migration 0031). The
 * answers are the same.
 */
export async function rankByVocabulary(
  reader: Reader,
  queries: readonly VocabularyQuery[],
  ranker?: VocabularyRanker | null,
): Promise<VocabularyHit[][]> {
  if (ranker) return rankInProcess(reader, queries, ranker);
  return inParts(reader, queries, rankPart);
}

async function rankInProcess(
  reader: Reader,
  queries: readonly VocabularyQuery[],
  ranker: VocabularyRanker,
): Promise<VocabularyHit[][]> {
  const scores = queries.map((q) => ranker(q.modifiers, q.head, q.limit));
  // employment shares are read only for titles coded in a sector: each (occupation, sector) pair once
  const pairs = new Map<string, [string, string]>();
  scores.forEach((list, i) => {
    const sector = queries[i].sector;
    if (sector !== null) for (const s of list) pairs.set(`${s.occupationId} ${sector}`, [s.occupationId, sector]);
  });
  const shares = new Map<string, number | null>();
  if (pairs.size > 0) {
    const rows = await selectRows(
      reader,
      sql<{ id: string; sector: string; share: number | null }>`
        select p.id, p.sector, ${sectorShare(sql`p.id`, sql`p.sector`)} as share
        from unnest(${[...pairs.values()].map(([id]) => id)}::uuid[], ${[...pairs.values()].map(([, s]) => s)}::text[])
          as p(id, sector)`,
      (row) => row as { id: string; sector: string; share: number | null },
    );
    for (const row of rows) shares.set(`${row.id} ${row.sector}`, row.share === null ? null : Number(row.share));
  }
  return scores.map((list, i) =>
    list.map((score) => ({ ...score, sectorShare: shares.get(`${score.occupationId} ${queries[i].sector}`) ?? null })),
  );
}

/** An occupation's share of its employment in a sector (null: no figures), as migration 0031 reads it. */
const sectorShare = (occupation: ReturnType<typeof sql>, sector: ReturnType<typeof sql>) => sql`(
  select (coalesce(sum(b.value) filter (where b.attributes->>'naicsCode' = ${sector}), 0) / nullif(sum(b.value), 0))::float8
  from observation b
  where b.entity_id = ${occupation} and b.metric = 'industry_employment' and b.status = 'published')`;

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
