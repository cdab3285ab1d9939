import { sql } from 'kysely';
import { readSocCrosswalk, SOC_CROSSWALK_FILE, type SocCrosswalkPair } from './bls-soc/crosswalk.ts';
import {
  ImportFileError,
  ONET_SOC,
  parseDelimited,
  type Row,
  RowChecker,
  readDelimited,
  readPublishedText,
  SOC,
} from './read.ts';
import { type DesiredRelation, type ImportContext, syncRelations } from './sync.ts';

/**
 * Links ESCO occupations to O*NET occupations from two published crosswalks:
 * - Nesta's reviewed ESCO -> O*NET-SOC 2010 crosswalk (Mapping Career Causeways, Nov 2020), one row per ESCO
 *   occupation just below the ISCO-08 unit groups; the occupations below each inherit its match. These become
 *   published close_match relations.
 * - for ESCO occupations Nesta does not cover, the BLS ISCO-08 -> SOC 2010 crosswalk: the SOC codes of the
 *   occupation's ISCO group are proposed as drafts for review, with the path as evidence.
 * Both name SOC 2010 codes; the BLS SOC 2010 -> 2018 crosswalk takes them to today's O*NET-SOC occupations.
 */

export const NESTA_FILE = 'esco_onet_crosswalk_Nov2020.csv';
export const ISCO_SOC_FILE = 'isco_soc_crosswalk.xls';
const NESTA_COLUMNS = [
  'id',
  'esco_occupation',
  'isco_code',
  'onet_code',
  'onet_occupation',
  'matching_job_titles',
  'semantic_similarity',
  'confidence',
  'concept_uri',
] as const;
const ISCO_COLUMNS = [
  'ISCO-08 Code',
  'ISCO-08 Title EN',
  'part',
  '2010 SOC Code',
  '2010 SOC Title',
  'Comment 8/17/11',
] as const;
/** The sheet's title block: the header is on row 7. */
const ISCO_HEADER_ROW = 7;
const ESCO_URI = /^http:\/\/data\.europa\.eu\/esco\/occupation\/[0-9a-f-]{36}$/;
/** An ISCO group whose SOC codes lead to more O*NET occupations than this is too broad to propose from. */
const MAX_ISCO_PROPOSALS = 6;

interface Citing {
  locator: string;
  quote: string;
}

export interface NestaMatch {
  uri: string;
  escoTitle: string;
  onetCode2010: string;
  onetTitle2010: string;
  /** Nesta's confidence: 0.5, 1 or 2 (highest). */
  confidence: 0.5 | 1 | 2;
  semanticSimilarity: number | null;
  citing: Citing;
}

export interface IscoSocPair {
  isco: string;
  soc2010: string;
  /** BLS marks with `*` an ISCO group that only partly corresponds to the SOC occupation. */
  partial: boolean;
  citing: Citing;
}

/** Nesta's crosswalk, read whole and checked before anything is written. */
export function readNesta(path: string): NestaMatch[] {
  const rows = readDelimited(path, { delimiter: ',', columns: NESTA_COLUMNS });
  const check = new RowChecker(NESTA_FILE);
  const seen = new Set<string>();
  return rows.map((row) => {
    check.match(row, 'id', /^\d+$/, 'a row id');
    const uri = check.match(row, 'concept_uri', ESCO_URI, 'an ESCO occupation URI');
    if (seen.has(uri)) check.fail(row, `${uri} appears twice`);
    seen.add(uri);
    const confidence = check.number(row, 'confidence');
    if (confidence !== 0.5 && confidence !== 1 && confidence !== 2)
      return check.fail(row, `confidence "${row.values.confidence}" is not 0.5, 1 or 2`);
    return {
      uri,
      escoTitle: check.text(row, 'esco_occupation'),
      onetCode2010: check.match(row, 'onet_code', ONET_SOC, 'an O*NET-SOC code'),
      onetTitle2010: check.text(row, 'onet_occupation'),
      confidence,
      semanticSimilarity: check.number(row, 'semantic_similarity', { optional: true }),
      citing: { locator: `${NESTA_FILE}, line ${row.line}`, quote: quoteOf(row) },
    };
  });
}

/**
 * The ISCO-08 -> SOC 2010 sheet of the BLS crosswalk, as converted to CSV by
 * db/scripts/convert-isco-soc-crosswalk.ts (one CSV line per sheet row, the title block kept).
 */
export function readIscoSoc(path: string): IscoSocPair[] {
  const { file, text } = readPublishedText(path);
  const lines = text.split('\n');
  if (!lines[0].startsWith('Bureau of Labor Statistics'))
    throw new ImportFileError(file, 1, 'expected the BLS title block ("Bureau of Labor Statistics")');
  const preamble = ISCO_HEADER_ROW - 1;
  const rows = parseDelimited(file, lines.slice(preamble).join('\n'), { delimiter: ',', columns: ISCO_COLUMNS });
  const check = new RowChecker(file);
  return rows.map((parsed) => {
    const row: Row = { ...parsed, line: parsed.line + preamble };
    const part = check.text(row, 'part', { optional: true });
    if (part !== '' && part !== '*') check.fail(row, `part "${part}" is neither empty nor *`);
    return {
      isco: check.match(row, 'ISCO-08 Code', /^\d{3,4}$/, 'an ISCO-08 code'),
      soc2010: check.match(row, '2010 SOC Code', SOC, 'a SOC code'),
      partial: part === '*',
      citing: { locator: `${ISCO_SOC_FILE}, sheet ISCO-08 to 2010 SOC, row ${row.line}`, quote: quoteOf(row) },
    };
  });
}

const quoteOf = (row: Row) => Object.values(row.values).join(',');

export interface CrosswalkFiles {
  nesta: NestaMatch[];
  isco: IscoSocPair[];
  soc: SocCrosswalkPair[];
}

/** Reads and checks all three files before anything is written. */
export async function readCrosswalks(paths: { nesta: string; isco: string; soc: string }): Promise<CrosswalkFiles> {
  return { nesta: readNesta(paths.nesta), isco: readIscoSoc(paths.isco), soc: await readSocCrosswalk(paths.soc) };
}

interface EscoOccupationRow {
  id: string;
  uri: string;
  code: string | null;
  isco: string | null;
}

/** ESCO occupations and today's O*NET occupations, as the graph holds them. */
async function loadOccupations(ctx: ImportContext) {
  const { rows: esco } = await sql<EscoOccupationRow>`
    select o.entity_id as id, o.esco_uri as uri, o.esco_code as code, o.isco_code as isco
    from occupation o join entity e on e.id = o.entity_id
    where o.esco_uri is not null and e.status = 'published'`.execute(ctx.db);
  const { rows: onet } = await sql<{ id: string; code: string; soc: string }>`
    select o.entity_id as id, o.onet_soc_code as code, o.soc_code as soc
    from occupation o join entity e on e.id = o.entity_id
    where o.onet_soc_code is not null and e.status = 'published'`.execute(ctx.db);
  return { esco, onet };
}

interface Target {
  id: string;
  code: string;
}

/**
 * Today's O*NET occupations for a SOC 2010 code (or an O*NET-SOC 2010 code, which keeps its own occupation
 * when that code still exists under the successor): each SOC 2018 successor's own occupation (##-####.00),
 * or, where there is none, every occupation under it.
 */
function successorOccupations(
  onet: Array<{ id: string; code: string; soc: string }>,
  successors: Map<string, SocCrosswalkPair[]>,
) {
  const byCode = new Map(onet.map((o) => [o.code, o]));
  const bySoc = new Map<string, Array<{ id: string; code: string }>>();
  for (const o of onet) bySoc.set(o.soc, [...(bySoc.get(o.soc) ?? []), o]);
  return (code2010: string) => {
    const pairs = successors.get(code2010.slice(0, 7)) ?? [];
    const exact = byCode.get(code2010);
    if (exact && pairs.some((p) => p.soc2018 === exact.soc)) {
      return [{ target: { id: exact.id, code: exact.code }, pairs: pairs.filter((p) => p.soc2018 === exact.soc) }];
    }
    const found: Array<{ target: Target; pairs: SocCrosswalkPair[] }> = [];
    for (const pair of pairs) {
      const own = byCode.get(`${pair.soc2018}.00`);
      const under = own ? [own] : (bySoc.get(pair.soc2018) ?? []);
      for (const o of under) found.push({ target: { id: o.id, code: o.code }, pairs: [pair] });
    }
    return found;
  };
}

const crosswalkCiting = (pairs: SocCrosswalkPair[]) =>
  pairs.map((p) => `${SOC_CROSSWALK_FILE}, sheet Sorted by 2010, row ${p.row}`).join('; ');

/** Nesta's reviewed links as published close_match relations, the lower ESCO levels inheriting theirs. */
export async function importNestaLinks(ctx: ImportContext, files: CrosswalkFiles) {
  const { esco, onet } = await loadOccupations(ctx);
  if (onet.length === 0) ctx.notes.push('no O*NET occupations in the graph: import O*NET first');
  const successors = new Map<string, SocCrosswalkPair[]>();
  for (const p of files.soc) successors.set(p.soc2010, [...(successors.get(p.soc2010) ?? []), p]);
  const targetsOf = successorOccupations(onet, successors);
  const nestaByUri = new Map(files.nesta.map((m) => [m.uri, m]));
  const codeOfUri = new Map(esco.map((o) => [o.uri, o.code]));
  const nestaByCode = new Map<string, NestaMatch>();
  for (const m of files.nesta) {
    const code = codeOfUri.get(m.uri);
    if (code) nestaByCode.set(code, m);
  }
  const missing = files.nesta.filter((m) => !codeOfUri.has(m.uri)).length;
  if (missing) ctx.notes.push(`${NESTA_FILE}: ${missing} ESCO occupations the graph does not hold`);

  /** The Nesta row of an occupation: its own, else its nearest broader occupation's (by ESCO code). */
  const matchOf = (o: EscoOccupationRow) => {
    const own = nestaByUri.get(o.uri);
    if (own) return { match: own, inherited: false };
    const parts = o.code?.split('.') ?? [];
    for (let n = parts.length - 1; n >= 2; n--) {
      const match = nestaByCode.get(parts.slice(0, n).join('.'));
      if (match) return { match, inherited: true };
    }
    return null;
  };

  const desired: DesiredRelation[] = [];
  const covered = new Set<string>();
  let unmapped = 0;
  for (const o of esco) {
    const found = matchOf(o);
    if (!found) continue;
    covered.add(o.id);
    const targets = targetsOf(found.match.onetCode2010);
    if (targets.length === 0) unmapped++;
    for (const { target, pairs } of targets) {
      desired.push({
        fromId: o.id,
        toId: target.id,
        attributes: {
          // Nesta rates 0.5, 1 or 2; as a 0-1 confidence like the other proposals
          confidence: found.match.confidence / 2,
          crosswalkConfidence: found.match.confidence,
          semanticSimilarity: found.match.semanticSimilarity,
          method: 'Nesta ESCO-O*NET crosswalk (reviewed), O*NET-SOC 2010 to 2018 by the BLS SOC crosswalk',
          onetSoc2010: found.match.onetCode2010,
          onetTitle2010: found.match.onetTitle2010,
          soc2018: pairs.map((p) => p.soc2018),
          onetSoc: target.code,
          ...(targets.length > 1 ? { splitAmong: targets.length } : {}),
          ...(found.inherited ? { inheritedFrom: found.match.uri } : {}),
        },
        locator: `${found.match.citing.locator}${found.inherited ? ` (inherited from ${found.match.escoTitle})` : ''}; ${crosswalkCiting(pairs)}`,
        quote: found.match.citing.quote,
      });
    }
  }
  if (unmapped) ctx.notes.push(`${unmapped} ESCO occupations whose O*NET-SOC 2010 code has no current occupation`);
  await syncRelations(
    ctx,
    'close_match',
    { from: 'occupation', to: 'occupation' },
    desired,
    { fromIds: esco.map((o) => o.id) },
    { adoptDraftsOf: 'esco:' },
  );
  return { covered, esco, onet, targetsOf };
}

/**
 * For ESCO occupations Nesta does not cover: the O*NET occupations their ISCO-08 group leads to, through
 * SOC 2010 and SOC 2018, proposed as drafts with the path as evidence. A 4-digit group uses its own rows and
 * those BLS gives its 3-digit group; a group that leads to more than a few occupations proposes none.
 */
export async function proposeIscoLinks(
  ctx: ImportContext,
  files: CrosswalkFiles,
  linked: Awaited<ReturnType<typeof importNestaLinks>>,
) {
  const byIsco = new Map<string, IscoSocPair[]>();
  for (const p of files.isco) byIsco.set(p.isco, [...(byIsco.get(p.isco) ?? []), p]);
  const proposals: DesiredRelation[] = [];
  let tooBroad = 0;
  const uncovered = linked.esco.filter((o) => !linked.covered.has(o.id) && o.isco);
  for (const o of uncovered) {
    const isco = o.isco!;
    const rows = [...(byIsco.get(isco) ?? []), ...(byIsco.get(isco.slice(0, 3)) ?? [])];
    const paths = new Map<string, { code: string; steps: Array<{ isco: IscoSocPair; soc: SocCrosswalkPair[] }> }>();
    for (const row of rows) {
      for (const { target, pairs } of linked.targetsOf(`${row.soc2010}.00`)) {
        const entry = paths.get(target.id) ?? { code: target.code, steps: [] };
        entry.steps.push({ isco: row, soc: pairs });
        paths.set(target.id, entry);
      }
    }
    if (paths.size > MAX_ISCO_PROPOSALS) {
      tooBroad++;
      continue;
    }
    for (const [toId, { code, steps }] of paths) {
      proposals.push({
        fromId: o.id,
        toId,
        attributes: {
          confidence: Math.round((0.5 / paths.size) * 1000) / 1000,
          method: 'ISCO-08 group -> SOC 2010 (BLS ISCO crosswalk) -> SOC 2018 (BLS SOC crosswalk)',
          onetSoc: code,
          evidence: steps.map((s) => ({
            isco: s.isco.isco,
            soc2010: s.isco.soc2010,
            partial: s.isco.partial,
            soc2018: s.soc.map((p) => p.soc2018),
          })),
        },
        locator: steps.map((s) => `${s.isco.citing.locator}; ${crosswalkCiting(s.soc)}`).join(' | '),
        quote: steps.map((s) => s.isco.citing.quote).join(' | '),
      });
    }
  }
  if (tooBroad)
    ctx.notes.push(
      `${tooBroad} ESCO occupations whose ISCO group leads to over ${MAX_ISCO_PROPOSALS} O*NET occupations`,
    );
  await syncRelations(
    ctx,
    'close_match',
    { from: 'occupation', to: 'occupation' },
    proposals,
    // every ESCO occupation: one Nesta has come to cover loses the proposals made before
    { fromIds: linked.esco.map((o) => o.id) },
    { status: 'draft' },
  );
}
