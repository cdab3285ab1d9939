import { sql } from 'kysely';
import { locate, type Row, RowChecker, readDelimited } from './read.ts';
import {
  type DesiredLabel,
  type DesiredRelation,
  type ImportContext,
  syncEntities,
  syncLabels,
  syncRelations,
} from './sync.ts';

export const OCCUPATION_COLUMNS = [
  'conceptType',
  'conceptUri',
  'iscoGroup',
  'preferredLabel',
  'altLabels',
  'hiddenLabels',
  'status',
  'modifiedDate',
  'regulatedProfessionNote',
  'scopeNote',
  'definition',
  'inScheme',
  'description',
] as const;
const ISCO_COLUMNS = [
  'conceptType',
  'conceptUri',
  'code',
  'preferredLabel',
  'altLabels',
  'inScheme',
  'description',
] as const;

/** Below this, a resemblance between titles is not worth a reviewer's time. */
const MIN_CONFIDENCE = 0.55;
const PROPOSALS_PER_OCCUPATION = 3;

const URI = /^http:\/\/data\.europa\.eu\/esco\/occupation\/[0-9a-f-]{36}$/;
const ESCO_CODE = /^\d{4}(\.\d+)+$/;
export const lines = (value: string) =>
  value
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** An ESCO occupation as an export states it, checked. */
export interface EscoOccupation {
  uri: string;
  name: string;
  isco: string;
  iscoTitle: string;
  /** ESCO's hierarchical code (2654.1.7), from 1.1 on. */
  code: string | null;
  description: string | null;
  alternate: string[];
  hidden: string[];
  citing: { locator: string; quote: string };
}

/**
 * Checks ESCO occupation records against their ISCO-08 groups: a URI once each, a four-digit ISCO group the
 * groups file names, a preferred label. `file` names the file in errors and citations.
 */
export function escoOccupations(file: string, rows: Row[], groups: Map<string, string>): EscoOccupation[] {
  const check = new RowChecker(file);
  const seen = new Set<string>();
  return rows.map((row: Row) => {
    const uri = check.match(row, 'conceptUri', URI, 'an ESCO occupation URI');
    if (seen.has(uri)) check.fail(row, `${uri} appears twice`);
    seen.add(uri);
    const isco = check.match(row, 'iscoGroup', /^\d{4}$/, 'a four-digit ISCO-08 code');
    if (!groups.has(isco)) check.fail(row, `ISCO-08 group ${isco} is not in ISCOGroups_en.csv`);
    const name = check.text(row, 'preferredLabel');
    const code = row.values.code === undefined ? null : check.match(row, 'code', ESCO_CODE, 'an ESCO occupation code');
    if (code && !code.startsWith(`${isco}.`)) check.fail(row, `code ${code} is not below ISCO-08 group ${isco}`);
    return {
      uri,
      name,
      isco,
      iscoTitle: groups.get(isco)!,
      code,
      description: check.text(row, 'description', { optional: true }) || null,
      alternate: lines(row.values.altLabels),
      hidden: lines(row.values.hiddenLabels),
      citing: { locator: `${file}, record at line ${row.line}`, quote: `${name} (${uri})` },
    };
  });
}

/** ISCO-08 groups by code, with their titles. */
export function iscoGroups(file: string, rows: Row[]) {
  const groups = new Map<string, string>();
  const check = new RowChecker(file);
  for (const row of rows)
    groups.set(check.match(row, 'code', /^\d{1,4}$/, 'an ISCO-08 code'), check.text(row, 'preferredLabel'));
  return groups;
}

/** ESCO's occupations with their labels and ISCO-08 groups, read and checked before anything is written. */
export function readEsco(dir: string) {
  const groups = iscoGroups(
    'ISCOGroups_en.csv',
    readDelimited(locate(dir, 'ISCOGroups_en.csv'), { delimiter: ',', columns: ISCO_COLUMNS }),
  );
  const rows = readDelimited(locate(dir, 'occupations_en.csv'), { delimiter: ',', columns: OCCUPATION_COLUMNS });
  return { occupations: escoOccupations('occupations_en.csv', rows, groups) };
}

/**
 * ESCO occupations as entities keyed by concept URI, with their alternative and hidden labels. A later
 * release updates the same entities (names, ISCO groups) and retires those it no longer lists.
 */
export async function importEscoOccupations(ctx: ImportContext, occupations: EscoOccupation[]) {
  const ids = await syncEntities(
    ctx,
    'esco-occupation',
    occupations.map((o) => ({
      key: o.uri,
      kind: 'occupation' as const,
      name: o.name,
      details: {
        iscoCode: o.isco,
        iscoTitle: o.iscoTitle,
        escoUri: o.uri,
        description: o.description,
        ...(o.code ? { escoCode: o.code } : {}),
      },
      ...o.citing,
    })),
    { retireMissing: true },
  );
  const labels: DesiredLabel[] = [];
  for (const o of occupations) {
    const entityId = ids.get(o.uri)!;
    labels.push(...extraLabels(entityId, o.name, o.alternate, o.hidden, o.citing));
  }
  const entityIds = [...new Set(occupations.map((o) => ids.get(o.uri)!))];
  await syncLabels(ctx, 'ESCO labels', labels, { entityIds, types: ['alternate', 'hidden'] });
  return ids;
}

/** A concept's alternative and hidden labels, each once and none repeating its preferred label. */
export function extraLabels(
  entityId: string,
  name: string,
  alternate: string[],
  hidden: string[],
  citing: { locator: string; quote: string },
): DesiredLabel[] {
  const labels: DesiredLabel[] = [];
  const seen = new Set([name.toLowerCase()]);
  for (const [texts, type] of [
    [alternate, 'alternate'],
    [hidden, 'hidden'],
  ] as const) {
    for (const text of texts) {
      if (seen.has(text.toLowerCase())) continue;
      seen.add(text.toLowerCase());
      labels.push({ entityId, text, type, ...citing });
    }
  }
  return labels;
}

/**
 * Imports ESCO occupations, then proposes, as draft close_match relations for a reviewer, the O*NET
 * occupations whose titles resemble them, each with a confidence and the titles that matched.
 */
export async function importEsco(ctx: ImportContext, data: ReturnType<typeof readEsco>) {
  const ids = await importEscoOccupations(ctx, data.occupations);
  const entityIds = [...new Set(ids.values())];
  await syncRelations(
    ctx,
    'close_match',
    { from: 'occupation', to: 'occupation' },
    await proposeMatches(ctx, data, ids),
    { fromIds: entityIds },
    { status: 'draft' },
  );
}

/** pg_trgm's trigrams of a text: each word padded with two spaces before and one after. */
function trigrams(text: string): Set<string> {
  const set = new Set<string>();
  for (const word of text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) set.add(padded.slice(i, i + 3));
  }
  return set;
}

/** pg_trgm's similarity: shared trigrams over all trigrams of both texts. */
function similarity(a: Set<string>, b: Set<string>) {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared === 0 ? 0 : shared / (a.size + b.size - shared);
}

const STOP_WORDS = new Set(['and', 'of', 'the', 'for', 'in', 'or', 'a', 'an', 'to', 'with', 'other', 'all']);
const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !STOP_WORDS.has(w));

/** Ties are broken by ID, so that the same data proposes the same matches whatever order the rows came in. */
const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * For each ESCO occupation, the O*NET occupations one of whose titles (its name or a linked alternate
 * title) resembles one of the ESCO occupation's labels, by trigram similarity (computed as pg_trgm does,
 * over candidates that share a word). Confidence weighs the best similarity (the preferred label counting
 * more than alternate ones) and how many labels point at the same occupation.
 */
async function proposeMatches(
  ctx: ImportContext,
  data: ReturnType<typeof readEsco>,
  ids: Map<string, string>,
): Promise<DesiredRelation[]> {
  const { rows: titles } = await sql<{ onet_id: string; text: string }>`
    select o.entity_id as onet_id, e.name as text
    from occupation o join entity e on e.id = o.entity_id
    where o.onet_soc_code is not null and e.status = 'published'
    union
    select r.from_id, t.name
    from relation r join entity t on t.id = r.to_id
    join occupation o on o.entity_id = r.from_id and o.onet_soc_code is not null
    where r.predicate = 'has_title' and r.status = 'published' and t.status = 'published'
    order by 1, 2`.execute(ctx.db);
  const indexed = titles.map((t) => ({ ...t, grams: trigrams(t.text) }));
  const byWord = new Map<string, number[]>();
  indexed.forEach((t, i) => {
    for (const w of new Set(words(t.text))) {
      const list = byWord.get(w) ?? [];
      list.push(i);
      byWord.set(w, list);
    }
  });

  const citingOf = new Map(data.occupations.map((o) => [ids.get(o.uri)!, o.citing]));
  const proposals: DesiredRelation[] = [];
  data.occupations.forEach((o, n) => {
    const escoId = ids.get(o.uri)!;
    const evidence = new Map<string, Array<{ escoLabel: string; onetTitle: string; similarity: number }>>();
    for (const label of [o.name, ...o.alternate.slice(0, 8)]) {
      const grams = trigrams(label);
      const seen = new Set<number>();
      for (const w of new Set(words(label))) for (const i of byWord.get(w) ?? []) seen.add(i);
      let best = new Map<string, { onetTitle: string; similarity: number }>();
      for (const i of seen) {
        const score = similarity(grams, indexed[i].grams);
        if (score < MIN_CONFIDENCE) continue;
        const current = best.get(indexed[i].onet_id);
        if (!current || score > current.similarity)
          best.set(indexed[i].onet_id, { onetTitle: indexed[i].text, similarity: score });
      }
      best = new Map([...best].sort((a, b) => b[1].similarity - a[1].similarity || byId(a[0], b[0])).slice(0, 8));
      for (const [onetId, match] of best) {
        const list = evidence.get(onetId) ?? [];
        list.push({
          escoLabel: label,
          onetTitle: match.onetTitle,
          similarity: Math.round(match.similarity * 1000) / 1000,
        });
        evidence.set(onetId, list);
      }
    }
    const ranked = [...evidence]
      .map(([onetId, list]) => {
        list.sort((a, b) => b.similarity - a.similarity || byId(a.escoLabel, b.escoLabel));
        // the preferred label speaks for the occupation more than any alternate one; several labels agreeing
        // on the same occupation is further evidence
        const best = Math.max(...list.map((e) => e.similarity * (e.escoLabel === o.name ? 1 : 0.9)));
        const confidence = 0.8 * best + 0.2 * Math.min(1, list.length / 4);
        return { onetId, list, confidence };
      })
      .sort((a, b) => b.confidence - a.confidence || byId(a.onetId, b.onetId))
      .slice(0, PROPOSALS_PER_OCCUPATION);
    for (const { onetId, list, confidence } of ranked) {
      proposals.push({
        fromId: escoId,
        toId: onetId,
        attributes: {
          confidence: Math.round(confidence * 1000) / 1000,
          method: 'title similarity (trigrams, as pg_trgm) between ESCO labels and O*NET titles',
          evidence: list.slice(0, 5),
        },
        ...citingOf.get(escoId)!,
      });
    }
    if (n % 250 === 0) ctx.onProgress?.('ESCO match proposals', n, data.occupations.length);
  });
  return proposals;
}
