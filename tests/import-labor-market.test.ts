import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importOnet, importSocFolder } from '@kg/db/import/datasets';
import { importBlsEp, importNaicsFile, importNjLicensesFolder } from '@kg/db/import/labor-market';
import { readNaics } from '@kg/db/import/naics';
import { readNjLicenses } from '@kg/db/import/nj-licenses';
import { readSectorEstimates } from '@kg/db/import/oews-sectors';
import { readProjections } from '@kg/db/import/projections';
import { totals } from '@kg/db/import/run';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from './support/databases.ts';
import { graphqlClient } from './support/graphql.ts';
import { onetSlice, REFERENCE_DATA } from './support/reference-data.ts';

// Medical records (seed + O*NET) and its managers (a seed career step), nurses (an O*NET code under a SOC
// code), buyers (BLS publishes only their broad group 13-1020), accountants and radiologic technologists (New
// Jersey licenses them) and a military code (BLS projects none).
const CODES = [
  '29-2072.00',
  '11-9111.00',
  '29-1141.00',
  '29-1141.01',
  '13-1021.00',
  '13-2011.00',
  '29-2034.00',
  '29-1292.00',
  '55-1011.00',
];
/** The seed's third occupation, Medical Transcriptionists, is an O*NET-SOC occupation too. */
const SEED_CODE = '31-9094.00';
/** The codes BLS publishes for them: 13-1021 falls to its broad group, 55-1011 has none. */
const PROJECTED = ['11-9111', '13-1020', '13-2011', '29-1141', '29-1292', '29-2034', '29-2072', '31-9094'];

const NAICS = join(REFERENCE_DATA, 'naics', '2-6 digit_2022_Codes.xlsx');
const BLS_EP = join(REFERENCE_DATA, 'bls_ep');
const NJ = join(REFERENCE_DATA, 'nj_licenses');
/** The default start's copies: the same sheets, rows and cells the importers read, much smaller. */
const VENDORED = fileURLToPath(new URL('../db/data/', import.meta.url));

/** The first sheet's rows of a workbook, streamed (the OEWS by-sector workbook is 3 MB). */
async function* sheetRows(path: string, sheetName: string) {
  for await (const sheet of new ExcelJS.stream.xlsx.WorkbookReader(path, {})) {
    const name = (sheet as unknown as { name: string }).name;
    for await (const row of sheet) if (name === sheetName) yield row;
  }
}

/** Some rows of a sheet, by row number, as cell values from column A. */
async function publishedRows(path: string, sheetName: string, lines: number[]) {
  const rows: Record<number, ExcelJS.CellValue[]> = {};
  for await (const row of sheetRows(path, sheetName)) {
    if (lines.includes(row.number)) rows[row.number] = (row.values as ExcelJS.CellValue[]).slice(1);
  }
  return rows;
}

/** What the files say, counted with exceljs and csv-parse directly rather than through the importers. */
async function expectedCounts() {
  let sectors = 0;
  for await (const row of sheetRows(NAICS, 'tbl_2022_title_description_coun')) {
    if (/^(\d{2}|\d{2}-\d{2})$/.test(String(row.getCell(2).value))) sectors++;
  }
  let projections = 0;
  for await (const row of sheetRows(join(BLS_EP, 'occupation.xlsx'), 'Table 1.2')) {
    if (row.getCell(3).value === 'Line item') projections++;
  }
  let sectorRows = 0;
  for await (const row of sheetRows(join(BLS_EP, 'natsector_M2024_dl.xlsx'), 'Natsector_M2024_dl')) {
    const [code, group] = [String(row.getCell(9).value), row.getCell(11).value];
    if (group === 'detailed' && PROJECTED.includes(code)) sectorRows++;
  }
  const csv = (name: string) =>
    parse(readFileSync(join(NJ, name), 'utf8'), { columns: true }) as Array<Record<string, string>>;
  const licenses = csv('TBLLICENSE_DATA_TABLE.csv').filter((r) => r.ISDELETED === '0');
  const credentials = csv('TBLINDUSTRYCREDENTIAL_DATA_TABLE.csv').filter((r) => r.ISDELETED === '0');
  const credentialNames = new Set(
    credentials.map((r) =>
      r.NAME.replace(/[®™©]/g, '').replace(/\s+/g, ' ').replace(/\s+\)/g, ')').trim().toLowerCase(),
    ),
  );
  const occupationSoc = new Set([...CODES, SEED_CODE].map((c) => c.slice(0, 7)));
  const licensed = licenses.filter((r) => occupationSoc.has(r.CODE.slice(0, 7))).length;
  return {
    sectors,
    projections,
    sectorRows,
    licenses: licenses.length,
    credentialNames: credentialNames.size,
    licensed,
  };
}

let expected: Awaited<ReturnType<typeof expectedCounts>>;

/** Imports the vendored copies (the test below shows they read as the published files do). */
async function importAllThree(db: Parameters<typeof importOnet>[0]) {
  const naics = await importNaicsFile(db, join(VENDORED, 'naics', '2-6 digit_2022_Codes.xlsx'));
  const ep = await importBlsEp(db, join(VENDORED, 'bls_ep'));
  const nj = await importNjLicensesFolder(db, join(VENDORED, 'nj_licenses'));
  return [naics, ...ep, nj];
}

it("reads the default start's copies of the workbooks exactly as the published files", async () => {
  for (const [file, read] of [
    ['naics/2-6 digit_2022_Codes.xlsx', readNaics],
    ['bls_ep/occupation.xlsx', readProjections],
    ['bls_ep/natsector_M2024_dl.xlsx', readSectorEstimates],
  ] as const) {
    const [published, vendored] = await Promise.all([
      read(join(REFERENCE_DATA, file)) as Promise<unknown>,
      read(join(VENDORED, file)) as Promise<unknown>,
    ]);
    expect(vendored).toEqual(published);
  }
  const nj = readNjLicenses(NJ);
  expect(readNjLicenses(join(VENDORED, 'nj_licenses'))).toEqual(nj);
  expect(nj.licenses.active.length + nj.licenses.deleted).toBe(228);
}, 60_000);

describeEachDatabase('importing NAICS, BLS projections and industries, New Jersey licences', (use) => {
  beforeAll(async () => {
    expected ??= await expectedCounts();
    await use().reset();
    const { db } = use().handle;
    await importOnet(db, onetSlice('onet', CODES));
    await importAllThree(db);
  }, 300_000);

  it('holds what the files state, counted against the files', async () => {
    const { rows } = await sql<Record<string, number>>`
      select
        (select count(*)::int from employer m join external_key k on k.entity_id = m.entity_id and k.namespace = 'naics'
           where m.employer_type = 'industry') as sectors,
        (select count(distinct o.attributes->>'socCode')::int from observation o join source s on s.id = o.source_id
           where s.key = 'bls-ep:2023-33') as projected_codes,
        (select count(*)::int from observation o join source s on s.id = o.source_id
           where s.key = 'bls-ep:2023-33' and o.metric = 'projected_growth') as projected_occupations,
        (select count(distinct c.locator)::int from relation r join citation c on c.relation_id = r.id
           join source s on s.id = c.source_id where r.predicate = 'employed_by' and s.key = 'oews-sectors:2024-05') as sector_rows,
        (select count(*)::int from credential where credential_type = 'license' and jurisdiction = 'New Jersey') as licenses,
        (select count(*)::int from external_key where namespace = 'nj-industry-credential') as industry_credentials,
        (select count(distinct c.locator)::int from relation r join citation c on c.relation_id = r.id
           join source s on s.id = c.source_id where r.predicate = 'requires_credential' and s.key = 'nj-licenses:2021-03') as licensed`.execute(
      use().handle.db,
    );
    const counts = rows[0];
    expect(expected.sectors).toBe(20);
    expect(counts.sectors).toBe(expected.sectors);
    expect(expected.projections).toBe(832);
    // every occupation BLS projects, 13-1021 through its broad group; not the military 55-1011
    expect(counts.projected_codes).toBe(PROJECTED.length);
    // the slice less the military code, plus the seed's transcriptionists
    expect(counts.projected_occupations).toBe(CODES.length - 1 + 1);
    expect(counts.sector_rows).toBe(expected.sectorRows);
    expect(counts.licenses).toBe(expected.licenses);
    expect(counts.industry_credentials).toBe(expected.credentialNames);
    expect(counts.licensed).toBe(expected.licensed);
  });

  it('shows Medical Records Technician with its outlook and industries, each with citations', async () => {
    const graphql = graphqlClient(use().handle, { as: 'anonymous' });
    const result = await graphql(`{
      occupation(socCode: "29-2072.00") {
        name
        outlook { employment projectedEmployment change changePercent annualOpenings period socCode
          typicalEducation workExperience onTheJobTraining citations { locator quote source { key } } }
        industries { industry { name naicsCode employerType } employment medianAnnualWage period
          citations { locator source { key } } }
        employers { name }
      }
      buyers: occupation(socCode: "13-1021.00") { outlook { socCode } industries { industry { naicsCode } } }
    }`);
    expect(result.errors).toBeUndefined();
    const o = result.data.occupation;
    expect(o.name).toBe('Medical Records Technician');
    expect(o.outlook).toMatchObject({
      employment: 191500,
      projectedEmployment: 208200,
      change: 16700,
      changePercent: 8.7,
      annualOpenings: 15000,
      period: '2023-2033',
      socCode: '29-2072',
      typicalEducation: 'Postsecondary nondegree award',
      workExperience: 'None',
      onTheJobTraining: 'None',
    });
    expect(o.outlook.citations).toEqual([
      expect.objectContaining({
        locator: 'occupation.xlsx, sheet Table 1.2, row 486',
        source: { key: 'bls-ep:2023-33' },
      }),
    ]);
    expect(o.industries.length).toBeGreaterThan(5);
    const health = o.industries[0];
    expect(health.industry).toEqual({
      name: 'Health Care and Social Assistance',
      naicsCode: '62',
      employerType: 'industry',
    });
    expect(health.employment).toBeGreaterThan(100_000);
    expect(health.period).toBe('May 2024');
    expect(health.citations).toEqual([
      expect.objectContaining({
        locator: expect.stringMatching(/^natsector_M2024_dl\.xlsx, sheet Natsector_M2024_dl, row \d+$/),
      }),
    ]);
    // BLS projects and estimates buyers of farm products only with their broad group
    expect(result.data.buyers.outlook.socCode).toBe('13-1020');
    expect(result.data.buyers.industries.length).toBeGreaterThan(5);
    // the seed's kinds of employer stay beside the sectors
    expect(o.employers.map((e: { name: string }) => e.name)).toEqual(
      expect.arrayContaining(['Hospitals', 'Health Care and Social Assistance']),
    );
  });

  it('links New Jersey licences to their occupations, by the SOC part of codes O*NET no longer lists', async () => {
    const graphql = graphqlClient(use().handle, { as: 'anonymous' });
    const { data, errors } = await graphql(`{
      accountants: occupation(socCode: "13-2011.00") { credentialRequirements { credential { name credentialType jurisdiction abbreviation } relation { attributes } } }
      radiology: occupation(socCode: "29-2034.00") { credentials { name jurisdiction } }
    }`);
    expect(errors).toBeUndefined();
    const cpa = data.accountants.credentialRequirements.find((c: any) => c.credential.name === 'Accountant (CPA)');
    expect(cpa.credential).toEqual({
      name: 'Accountant (CPA)',
      credentialType: 'license',
      jurisdiction: 'New Jersey',
      abbreviation: 'CPA',
    });
    expect(cpa.relation.attributes).toEqual({ jurisdiction: 'New Jersey', onetSocCode: '13-2011.00' });
    const past = await graphql(
      'query($at: DateTime) { occupation(socCode: "13-2011.00", asOf: $at) { credentials { name jurisdiction } } }',
      {
        at: new Date().toISOString(),
      },
    );
    expect(past.errors).toBeUndefined();
    expect(past.data.occupation.credentials).toContainEqual({ name: 'Accountant (CPA)', jurisdiction: 'New Jersey' });
    const radiology = data.radiology.credentials.map((c: { name: string }) => c.name);
    expect(radiology).toEqual(
      expect.arrayContaining(['Diagnostic Radiologic Technologist', 'Chest Radiologic Technologist']),
    );
  });

  it('shows the destination outlook on a career step', async () => {
    const graphql = graphqlClient(use().handle, { as: 'anonymous' });
    const { data: mrt } = await graphql('{ occupation(socCode: "29-2072.00") { id } }');
    const { data, errors } = await graphql(
      'query($from: ID!) { careerPaths(from: $from) { steps { to { name } type outlook { changePercent period } } } }',
      { from: mrt.occupation.id },
    );
    expect(errors).toBeUndefined();
    const steps = data.careerPaths.flatMap((p: { steps: unknown[] }) => p.steps);
    const managers = steps.find((s: any) => s.type === 'ADVANCE' && s.outlook);
    expect(managers.outlook).toEqual({ changePercent: expect.any(Number), period: '2023-2033' });
  });

  it('answers a page of occupations with outlooks, industries and citations in a bounded number of statements', async () => {
    const graphql = graphqlClient(use().handle, { as: 'anonymous' });
    const query = `query($first: Int!) { occupations(first: $first) { edges { node {
      name outlook { changePercent citations { locator } }
      industries { industry { name naicsCode } employment citations { locator } }
    } } } }`;
    const small = await graphql(query, { first: 2 });
    const large = await graphql(query, { first: 50 });
    expect(small.errors ?? large.errors).toBeUndefined();
    expect(large.data.occupations.edges.length).toBeGreaterThan(8);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(8);
  });

  it('refuses a malformed, truncated or wrong-header file of each format with its name, line and reason', async () => {
    const { db } = use().handle;
    const dir = mkdtempSync(join(tmpdir(), 'labor-bad-'));
    const before = await use().fingerprint();
    const refusal = (work: Promise<unknown>) =>
      work.then(
        () => null,
        (e: unknown) => e as Error,
      );

    // workbooks: a few published rows of each, at their rows, with one thing wrong
    const write = async (file: string, sheet: string, rows: Record<number, ExcelJS.CellValue[]>) => {
      const book = new ExcelJS.Workbook();
      const target = book.addWorksheet(sheet);
      for (const [line, values] of Object.entries(rows)) target.getRow(Number(line)).values = values;
      await book.xlsx.writeFile(join(dir, file));
    };
    const table = await publishedRows(join(VENDORED, 'bls_ep', 'occupation.xlsx'), 'Table 1.2', [1, 2, 486, 1119]);
    const projections = async (edit: (rows: typeof table) => void) => {
      const rows = structuredClone(table);
      edit(rows);
      await write('occupation.xlsx', 'Table 1.2', rows);
      return (await refusal(importBlsEp(db, dir)))?.message;
    };
    expect(await projections((rows) => void rows[486].splice(1, 1, '29-20X2'))).toBe(
      'occupation.xlsx, line 486: 2023 National Employment Matrix code "29-20X2" is not a SOC code like 29-2072',
    );
    expect(await projections((rows) => void rows[2].splice(4, 1, 'Jobs, 2023'))).toMatch(
      /^occupation\.xlsx, line 2: unexpected header in sheet "Table 1\.2"; expected: /,
    );
    expect(await projections((rows) => void rows[486].splice(12, 1, 'A diploma'))).toMatch(
      /^occupation\.xlsx, line 486: Typical education needed for entry "A diploma" is not one of /,
    );
    expect(await projections((rows) => delete rows[1119])).toBe(
      'occupation.xlsx, line 487: sheet Table 1.2 ends without its source line: it looks truncated',
    );
    const bytes = readFileSync(join(VENDORED, 'bls_ep', 'occupation.xlsx'));
    writeFileSync(join(dir, 'occupation.xlsx'), bytes.subarray(0, bytes.length / 2));
    expect((await refusal(importBlsEp(db, dir)))?.message).toMatch(
      /^occupation\.xlsx, line 0: is not a readable xlsx workbook/,
    );
    // the by-sector estimates are checked before the projections are written
    await write('occupation.xlsx', 'Table 1.2', table);
    const sectors = await publishedRows(
      join(VENDORED, 'bls_ep', 'natsector_M2024_dl.xlsx'),
      'Natsector_M2024_dl',
      [1, 6],
    );
    sectors[6][11] = 'many';
    await write('natsector_M2024_dl.xlsx', 'Natsector_M2024_dl', sectors);
    expect((await refusal(importBlsEp(db, dir)))?.message).toBe(
      'natsector_M2024_dl.xlsx, line 6: TOT_EMP "many" is not a figure',
    );
    const naics = await publishedRows(
      join(VENDORED, 'naics', '2-6 digit_2022_Codes.xlsx'),
      'tbl_2022_title_description_coun',
      [1, 3],
    );
    naics[3][1] = '1X';
    await write('naics.xlsx', 'tbl_2022_title_description_coun', naics);
    expect((await refusal(importNaicsFile(db, join(dir, 'naics.xlsx'))))?.message).toBe(
      'naics.xlsx, line 3: 2022 NAICS US   Code "1X" is not a NAICS code like 62 or 31-33',
    );

    // comma-separated tables: the state's files end without a final line break
    const licenses = readFileSync(join(NJ, 'TBLLICENSE_DATA_TABLE.csv'), 'utf8');
    copyFileSync(join(NJ, 'TBLINDUSTRYCREDENTIAL_DATA_TABLE.csv'), join(dir, 'TBLINDUSTRYCREDENTIAL_DATA_TABLE.csv'));
    const nj = async (text: string) => {
      writeFileSync(join(dir, 'TBLLICENSE_DATA_TABLE.csv'), text);
      return (await refusal(importNjLicensesFolder(db, dir)))?.message;
    };
    expect(await nj(licenses.slice(0, -3))).toMatch(
      /^TBLLICENSE_DATA_TABLE\.csv, line 229: expected 7 fields, found 5$/,
    );
    expect(await nj(licenses.replace('ID,NAME,CODE', 'ID,TITLE,CODE'))).toMatch(
      /^TBLLICENSE_DATA_TABLE\.csv, line 1: unexpected header/,
    );
    expect(await nj(licenses.replace('13-2011.00,,,0,', '13-2011.00,,,no,'))).toBe(
      'TBLLICENSE_DATA_TABLE.csv, line 2: ISDELETED "no" is not one of 0, 1',
    );
    expect(await use().fingerprint()).toEqual(before);
  });

  it('changes nothing when imported again', async () => {
    const before = await use().fingerprint();
    const summaries = await importAllThree(use().handle.db);
    for (const summary of summaries)
      expect(totals(summary.counts)).toMatchObject({ created: 0, updated: 0, retired: 0 });
    const after = await use().fingerprint();
    delete before.import_run;
    delete after.import_run;
    expect(after).toEqual(before);
  }, 120_000);

  it('links licences with SOC 2010 codes through the crosswalk once the SOC release is imported', async () => {
    const { db } = use().handle;
    await importSocFolder(db, join(REFERENCE_DATA, 'bls_soc'));
    const nj = await importNjLicensesFolder(db, join(VENDORED, 'nj_licenses'));
    expect(nj.counts['licences linked through the SOC 2010 -> 2018 crosswalk'].unchanged).toBeGreaterThan(0);
    const graphql = graphqlClient(use().handle, { as: 'anonymous' });
    const { data, errors } = await graphql(`{
      occupation(socCode: "29-1292.00") { credentialRequirements { credential { name jurisdiction } relation { attributes } } }
    }`);
    expect(errors).toBeUndefined();
    // the state codes dental hygienists 29-2021.01, under SOC 2010's 29-2021, today 29-1292
    expect(data.occupation.credentialRequirements).toContainEqual({
      credential: { name: 'Dental Hygienist', jurisdiction: 'New Jersey' },
      relation: { attributes: { jurisdiction: 'New Jersey', onetSocCode: '29-2021.01', match: 'soc_2010' } },
    });
  }, 120_000);
});
