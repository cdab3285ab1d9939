import { matchOnKeyColumn } from './match.ts';
import { ImportFileError, locate, type Row, RowChecker, readDelimited, SOC } from './read.ts';
import { type DesiredRelation, type ImportContext, syncEntities, syncRelations } from './sync.ts';
import { readSheet } from './xlsx.ts';

export const CIP_CODES_FILE = 'CIPCode2020.csv';
export const CIP_CROSSWALK_FILE = 'CIP2020_SOC2018_Crosswalk.xlsx';
export const CIP_CROSSWALK_SHEET = 'CIP-SOC';

const CODE_COLUMNS = [
  'CIPFamily',
  'CIPCode',
  'Action',
  'TextChange',
  'CIPTitle',
  'CIPDefinition',
  'CrossReferences',
  'Examples',
] as const;
const CROSSWALK_COLUMNS = ['CIP2020Code', 'CIP2020Title', 'SOC2018Code', 'SOC2018Title'] as const;
const ACTIONS = ['No substantive changes', 'New', 'Moved to', 'Moved from', 'Deleted'] as const;
/** A 2-digit series (01), a 4-digit group (01.01) or a 6-digit program (01.0101). */
const CIP = /^\d{2}(\.\d{2}(\d{2})?)?$/;
/** The crosswalk's placeholders where one side has no match. */
const NO_MATCH_SOC = '99-9999';
const NO_MATCH_CIP = '99.9999';

export interface CipProgram {
  code: string;
  title: string;
  definition: string | null;
  /** The next broader CIP code: the 4-digit group of a program, the 2-digit series of a group. */
  broader: string | null;
  line: number;
  quote: string;
}

export interface CipLink {
  cipCode: string;
  socCode: string;
  row: number;
  quote: string;
}

// The CSV writes codes as Excel formulas (="01.0101") so that spreadsheets keep the leading zero.
const unformula = (value: string) => /^="(.*)"$/.exec(value)?.[1] ?? value;
// CIP titles end with a full stop ("Agriculture, General."); names do not.
const withoutFullStop = (title: string) => title.replace(/\.\s*$/, '');

/**
 * Reads CIP 2020 (`CIPCode2020.csv`) and the CIP 2020 -> SOC 2018 crosswalk (`CIP2020_SOC2018_Crosswalk.xlsx`,
 * sheet `CIP-SOC`) and checks them whole. Rows that CIP 2020 marks `Deleted` or `Moved from` name 2010 codes
 * that CIP 2020 no longer uses: they are not programs. Crosswalk rows whose SOC or CIP side is the `NO MATCH`
 * placeholder (99-9999, 99.9999) are not links.
 */
export async function readCipRelease(dir: string) {
  const codesFile = new RowChecker(CIP_CODES_FILE);
  const programs = new Map<string, CipProgram>();
  const retired = new Set<string>();
  for (const row of readDelimited(locate(dir, CIP_CODES_FILE), { delimiter: ',', columns: CODE_COLUMNS })) {
    const values: Record<string, string> = {
      ...row.values,
      CIPFamily: unformula(row.values.CIPFamily),
      CIPCode: unformula(row.values.CIPCode),
    };
    const unwrapped: Row = { line: row.line, values };
    const code = codesFile.match(unwrapped, 'CIPCode', CIP, 'a CIP code (01, 01.01 or 01.0101)');
    const family = codesFile.match(unwrapped, 'CIPFamily', /^\d{2}$/, 'a 2-digit CIP series');
    if (code.slice(0, 2) !== family) codesFile.fail(row, `CIPCode ${code} is not in CIPFamily ${family}`);
    const action = codesFile.oneOf(row, 'Action', ACTIONS)!;
    if (action === 'Deleted' || action === 'Moved from') {
      retired.add(code);
      continue;
    }
    if (programs.has(code)) codesFile.fail(row, `${code} appears twice`);
    const broader = code.length === 7 ? code.slice(0, 5) : code.length === 5 ? code.slice(0, 2) : null;
    if (broader && !programs.has(broader)) codesFile.fail(row, `${code} comes before its broader code ${broader}`);
    programs.set(code, {
      code,
      title: withoutFullStop(codesFile.text(row, 'CIPTitle')),
      definition: codesFile.text(row, 'CIPDefinition', { optional: true }) || null,
      broader,
      line: row.line,
      quote: CODE_COLUMNS.map((c) => values[c]).join(','),
    });
  }

  const crosswalkFile = new RowChecker(CIP_CROSSWALK_FILE);
  const links: CipLink[] = [];
  const seen = new Set<string>();
  let noMatch = 0;
  const rows = await readSheet(locate(dir, CIP_CROSSWALK_FILE), {
    sheet: CIP_CROSSWALK_SHEET,
    headerRow: 1,
    columns: CROSSWALK_COLUMNS,
  });
  for (const row of rows) {
    const cipCode = crosswalkFile.match(row, 'CIP2020Code', /^\d{2}\.\d{4}$/, 'a 6-digit CIP code');
    const socCode = crosswalkFile.match(row, 'SOC2018Code', SOC, 'a SOC code');
    crosswalkFile.text(row, 'CIP2020Title');
    crosswalkFile.text(row, 'SOC2018Title');
    if (cipCode === NO_MATCH_CIP || socCode === NO_MATCH_SOC) {
      noMatch++;
      continue;
    }
    if (!programs.has(cipCode)) {
      crosswalkFile.fail(
        row,
        `CIP2020Code ${cipCode} is ${retired.has(cipCode) ? 'retired in' : 'not in'} ${CIP_CODES_FILE}`,
      );
    }
    if (seen.has(`${cipCode}|${socCode}`)) crosswalkFile.fail(row, `${cipCode} -> ${socCode} appears twice`);
    seen.add(`${cipCode}|${socCode}`);
    links.push({ cipCode, socCode, row: row.line, quote: CROSSWALK_COLUMNS.map((c) => row.values[c]).join('\t') });
  }
  if (rows.length === 0) throw new ImportFileError(CIP_CROSSWALK_FILE, 2, `sheet ${CIP_CROSSWALK_SHEET} has no rows`);
  return { programs: [...programs.values()], links, crosswalkRows: rows.length, noMatch };
}

export type CipRelease = Awaited<ReturnType<typeof readCipRelease>>;

/**
 * Writes a release read by readCipRelease: every CIP code as a program (the 2- and 4-digit families as broader
 * programs of the codes below them), and `prepares_for` from each program to every O*NET-SOC occupation under
 * each SOC 2018 code the crosswalk pairs it with.
 */
export async function importCipRelease(ctx: ImportContext, release: CipRelease) {
  const programIds = await syncEntities(
    ctx,
    'cip',
    release.programs.map((p) => ({
      key: p.code,
      kind: 'program',
      name: p.title,
      details: { cipCode: p.code, description: p.definition },
      locator: `${CIP_CODES_FILE}, line ${p.line}`,
      quote: p.quote,
    })),
    { match: matchOnKeyColumn('program'), retireMissing: true },
  );
  const allPrograms = release.programs.map((p) => programIds.get(p.code)!);
  await syncRelations(
    ctx,
    'broader_program',
    { from: 'program', to: 'program' },
    release.programs
      .filter((p) => p.broader)
      .map((p) => ({
        fromId: programIds.get(p.code)!,
        toId: programIds.get(p.broader!)!,
        attributes: {},
        locator: `${CIP_CODES_FILE}, line ${p.line}`,
        quote: p.quote,
      })),
    { fromIds: allPrograms },
  );

  const occupations = await ctx.db
    .selectFrom('occupation as o')
    .innerJoin('entity as e', 'e.id', 'o.entity_id')
    .select(['e.id', 'o.soc_code'])
    .where('e.status', '=', 'published')
    .where('o.onet_soc_code', 'is not', null)
    .where('o.soc_code', 'is not', null)
    .execute();
  const bySoc = new Map<string, string[]>();
  for (const o of occupations) bySoc.set(o.soc_code!, [...(bySoc.get(o.soc_code!) ?? []), o.id]);
  const desired: DesiredRelation[] = [];
  for (const link of release.links) {
    for (const occupationId of bySoc.get(link.socCode) ?? []) {
      desired.push({
        fromId: programIds.get(link.cipCode)!,
        toId: occupationId,
        attributes: { cipCode: link.cipCode, socCode: link.socCode },
        locator: `${CIP_CROSSWALK_FILE}, sheet ${CIP_CROSSWALK_SHEET}, row ${link.row}`,
        quote: link.quote,
      });
    }
  }
  await syncRelations(ctx, 'prepares_for', { from: 'program', to: 'occupation' }, desired, { fromIds: allPrograms });
}
