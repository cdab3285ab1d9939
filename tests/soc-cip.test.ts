import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEntity } from '@kg/db/entity/repository';
import { readSocRelease } from '@kg/db/import/bls-soc/index';
import { importCipFolder, importOnet, importSocFolder } from '@kg/db/import/datasets';
import { CIP_CODES_FILE, CIP_CROSSWALK_FILE, readCipRelease } from '@kg/db/import/nces-cip';
import { ImportFileError } from '@kg/db/import/read';
import { totals } from '@kg/db/import/run';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from './support/databases.ts';
import { graphqlClient } from './support/graphql.ts';
import { onetSlice, REFERENCE_DATA } from './support/reference-data.ts';

const CIP = join(REFERENCE_DATA, 'nces_cip');
const SOC = join(REFERENCE_DATA, 'bls_soc');
/** Medical records, health information, transcription, registered nurses and their O*NET specializations, a manager. */
const CODES = [
  '29-2072.00',
  '29-9021.00',
  '11-9111.00',
  '29-1141.00',
  '29-1141.01',
  '29-1141.02',
  '29-1141.03',
  '29-1141.04',
  '43-6013.00',
  '31-9094.00',
];
/** The CIP series the sliced release keeps: health professions. */
const SERIES = '51';

/** CIPCode2020.csv's records, parsed plainly (codes unwrapped from their ="..." form). */
function cipRecords(text: string): Array<Record<string, string>> {
  return (parse(text, { columns: true, bom: true, relax_quotes: true }) as Array<Record<string, string>>).map((r) => ({
    ...r,
    CIPCode: r.CIPCode.replace(/^="|"$/g, ''),
  }));
}

/** The crosswalk as its CSV copy publishes it (the same table as the workbook's CIP-SOC sheet). */
function crosswalkRecords() {
  return parse(readFileSync(join(CIP, 'CIP2020_SOC2018_Crosswalk.csv'), 'utf8'), { columns: true, bom: true }) as Array<
    Record<string, string>
  >;
}

const isLink = (r: Record<string, string>) => r.SOC2018Code !== '99-9999' && r.CIP2020Code !== '99.9999';

/**
 * A CIP release of one series in the published formats: the CSV's lines of that series (and the header), and a
 * workbook whose CIP-SOC sheet holds the crosswalk rows of that series, a NO MATCH row among them.
 */
async function cipSlice(dir: string) {
  const text = readFileSync(join(CIP, CIP_CODES_FILE), 'utf8');
  const [header, ...lines] = text.split('\r\n');
  const kept = lines.filter((line) => line.startsWith(`="${SERIES}"`));
  writeFileSync(join(dir, CIP_CODES_FILE), `${[header, ...kept].join('\r\n')}\r\n`);
  const source = new ExcelJS.Workbook();
  await source.xlsx.readFile(join(CIP, CIP_CROSSWALK_FILE));
  const sheet = source.getWorksheet('CIP-SOC')!;
  const workbook = new ExcelJS.Workbook();
  const copy = workbook.addWorksheet('CIP-SOC');
  sheet.eachRow((row, line) => {
    const code = String(row.getCell(1).value);
    if (line === 1 || code.startsWith(`${SERIES}.`)) copy.addRow((row.values as unknown[]).slice(1));
  });
  await workbook.xlsx.writeFile(join(dir, CIP_CROSSWALK_FILE));
  return { programs: cipRecords(`${[header, ...kept].join('\r\n')}\r\n`), rows: copy.rowCount - 1 };
}

describe('reading the CIP and SOC releases whole', () => {
  it('finds every program, link and code the published files hold, and the same in the default start’s copies', async () => {
    const cip = await readCipRelease(CIP);
    const records = cipRecords(readFileSync(join(CIP, CIP_CODES_FILE), 'utf8'));
    expect(records).toHaveLength(2848);
    // Deleted and Moved-from rows name codes CIP 2020 no longer uses
    const current = records.filter((r) => r.Action !== 'Deleted' && r.Action !== 'Moved from');
    expect(cip.programs).toHaveLength(current.length);
    expect(cip.programs.filter((p) => p.code.length === 2)).toHaveLength(50);
    const crosswalk = crosswalkRecords();
    expect(crosswalk).toHaveLength(6097);
    expect(cip.crosswalkRows).toBe(crosswalk.length);
    expect(cip.links).toHaveLength(crosswalk.filter(isLink).length);
    expect(cip.noMatch).toBe(crosswalk.length - cip.links.length);

    const soc = await readSocRelease(SOC);
    const levels = Object.fromEntries(
      ['major', 'minor', 'broad', 'detailed'].map((l) => [l, soc.groups.filter((g) => g.level === l).length]),
    );
    expect(levels).toEqual({ major: 23, minor: 98, broad: 459, detailed: 867 });
    expect(soc.crosswalk).toHaveLength(900);
    expect(soc.titles).toHaveLength(6539);

    // the default start's copies read exactly as the published files
    const vendored = fileURLToPath(new URL('../db/data/', import.meta.url));
    expect(await readCipRelease(join(vendored, 'nces_cip'))).toEqual(cip);
    for (const name of [
      'soc_structure_2018.xlsx',
      'soc_2018_definitions.xlsx',
      'soc_2010_to_2018_crosswalk.xlsx',
      'soc_2018_direct_match_title_file.xlsx',
    ]) {
      expect(readFileSync(join(vendored, 'bls_soc', name)).equals(readFileSync(join(SOC, name))), name).toBe(true);
    }
  });
});

describeEachDatabase('the CIP and SOC imports', (use) => {
  let graphql: ReturnType<typeof graphqlClient>;
  let slice: Awaited<ReturnType<typeof cipSlice>>;
  const cipDir = mkdtempSync(join(tmpdir(), 'kg-cip-slice-'));

  beforeAll(async () => {
    await use().reset();
    const db = use().handle.db;
    await importOnet(db, onetSlice('onet', CODES, mkdtempSync(join(tmpdir(), 'kg-onet-slice-'))));
    slice = await cipSlice(cipDir);
    // a curator's program that names its CIP code, made before the release came in
    await createEntity(
      db,
      { actor: 'curator@example.org' },
      { kind: 'program', name: 'Cancer Registry Management Program', details: { cipCode: '51.0721' } },
    );
    await importSocFolder(db, SOC);
    await importCipFolder(db, cipDir);
    graphql = graphqlClient(use().handle, { as: 'anonymous' });
  });

  it('stores the SOC 2018 groups per level, the 2010 codes and crosswalk pairs, each cited to its row', async () => {
    const db = use().handle.db;
    const levels = await db
      .selectFrom('soc_code')
      .select(['system', 'level', sql<number>`count(*)::int`.as('n')])
      .groupBy(['system', 'level'])
      .orderBy('system')
      .orderBy('level')
      .execute();
    expect(levels).toEqual([
      { system: 'soc_2010', level: 'detailed', n: 840 },
      { system: 'soc_2018', level: 'broad', n: 459 },
      { system: 'soc_2018', level: 'detailed', n: 867 },
      { system: 'soc_2018', level: 'major', n: 23 },
      { system: 'soc_2018', level: 'minor', n: 98 },
    ]);
    const pairs = await db.selectFrom('soc_crosswalk').select(sql<number>`count(*)::int`.as('n')).executeTakeFirst();
    expect(pairs?.n).toBe(900);
    const nurses = await db
      .selectFrom('soc_code')
      .selectAll()
      .where('system', '=', 'soc_2018')
      .where('code', '=', '29-1141')
      .executeTakeFirstOrThrow();
    expect(nurses).toMatchObject({
      title: 'Registered Nurses',
      parent_code: '29-1140',
      locator: 'soc_structure_2018.xlsx, sheet 2018 Structure, row 555',
      definition_locator: 'soc_2018_definitions.xlsx, sheet 2018 SOC, row 555',
    });
    expect(nurses.definition).toMatch(/^Assess patient health problems/);

    // every detailed code walks up to its major group, one level at a time
    const rows = await db.selectFrom('soc_code').selectAll().where('system', '=', 'soc_2018').execute();
    const byCode = new Map(rows.map((r) => [r.code, r]));
    for (const row of rows.filter((r) => r.level === 'detailed')) {
      const path = [row.level];
      let at = row;
      while (at.parent_code) {
        at = byCode.get(at.parent_code)!;
        path.push(at.level);
      }
      expect(path, row.code).toEqual(['detailed', 'broad', 'minor', 'major']);
      expect(at.code).toBe(`${row.code.slice(0, 2)}-0000`);
    }
  });

  it('answers socCode for a retired 2010 code with both successors, and walks an O*NET-SOC code up', async () => {
    const result = await graphql(`{
      retired: socCode(code: "29-2071") { code system current title
        replacedBy { code system title current replaces { code system } } occupations { onetSocCode } }
      nurse: socCode(code: "29-1141.01") { system title current level
        broader { code level broader { code level broader { code level broader { code level title broader { code } } } } } }
      group: socCode(code: "29-1140") { level narrower { code level narrower { code system } } }
      both: socCode(code: "11-9111", system: SOC_2010) { system replacedBy { code } }
      missing: socCode(code: "99-1234") { code }
    }`);
    expect(result.errors).toBeUndefined();
    const { retired, nurse, group, both, missing } = result.data;
    expect(retired).toMatchObject({ code: '29-2071', system: 'SOC_2010', current: false });
    expect(retired.replacedBy.map((c: { code: string }) => c.code)).toEqual(['29-2072', '29-9021']);
    expect(retired.replacedBy[0]).toMatchObject({
      system: 'SOC_2018',
      current: true,
      title: 'Medical Records Specialists',
    });
    expect(retired.replacedBy[1].replaces).toEqual([
      { code: '29-2071', system: 'SOC_2010' },
      { code: '29-9099', system: 'SOC_2010' },
    ]);
    expect(retired.occupations.map((o: { onetSocCode: string }) => o.onetSocCode).sort()).toEqual([
      '29-2072.00',
      '29-9021.00',
    ]);
    expect(nurse).toMatchObject({ system: 'ONET_SOC', title: 'Acute Care Nurses', current: true, level: 'onet_soc' });
    expect(nurse.broader.broader.broader.broader).toMatchObject({
      code: '29-0000',
      level: 'major',
      title: 'Healthcare Practitioners and Technical Occupations',
      broader: null,
    });
    expect(group.level).toBe('broad');
    expect(group.narrower[0].narrower.map((c: { code: string }) => c.code)).toEqual([
      '29-1141.00',
      '29-1141.01',
      '29-1141.02',
      '29-1141.03',
      '29-1141.04',
    ]);
    expect(both).toEqual({ system: 'SOC_2010', replacedBy: [{ code: '11-9111' }] });
    expect(missing).toBeNull();
    const bad = await graphql('{ socCode(code: "nurse") { code } }');
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('makes O*NET-SOC occupations below one SOC code specializations, in the API and the career ladder', async () => {
    const result = await graphql(`{
      rn: occupation(socCode: "29-1141.00") { id name specializedOccupations { id onetSocCode specializationOf { onetSocCode } } }
    }`);
    expect(result.errors).toBeUndefined();
    const { rn } = result.data;
    expect(rn.specializedOccupations.map((o: { onetSocCode: string }) => o.onetSocCode).sort()).toEqual([
      '29-1141.01',
      '29-1141.02',
      '29-1141.03',
      '29-1141.04',
    ]);
    expect(rn.specializedOccupations[0].specializationOf.onetSocCode).toBe('29-1141.00');
    const acute = rn.specializedOccupations.find((o: { onetSocCode: string }) => o.onetSocCode === '29-1141.01');
    const paths = await graphql(
      `query($from: ID!, $to: ID!) { careerPaths(from: $from, to: $to, maxSteps: 1) { steps { type to { name } evidence { locator } } } }`,
      { from: rn.id, to: acute.id },
    );
    expect(paths.errors).toBeUndefined();
    expect(paths.data.careerPaths[0].steps[0]).toMatchObject({
      type: 'SPECIALIZE',
      to: { name: 'Acute Care Nurses' },
      evidence: [{ locator: 'soc_structure_2018.xlsx, sheet 2018 Structure, row 555' }],
    });
  });

  it('imports the programs and their links as the files state them, and Medical Records Technician shows its programs', async () => {
    const db = use().handle.db;
    const programs = await db
      .selectFrom('program')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('cip_code', 'is not', null)
      .executeTakeFirst();
    const current = slice.programs.filter((r) => r.Action !== 'Deleted' && r.Action !== 'Moved from');
    expect(programs?.n).toBe(current.length);
    // one prepares_for per crosswalk link and O*NET-SOC occupation under its SOC code
    const socOf = new Map(CODES.map((c) => [c, c.slice(0, 7)]));
    const links = crosswalkRecords().filter((r) => r.CIP2020Code.startsWith(`${SERIES}.`) && isLink(r));
    const expected = links.reduce((n, r) => n + [...socOf.values()].filter((s) => s === r.SOC2018Code).length, 0);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from relation r join program p on p.entity_id = r.from_id
      where r.predicate = 'prepares_for' and p.cip_code is not null and r.status = 'published'`.execute(db);
    expect(rows[0].n).toBe(expected);
    expect(expected).toBeGreaterThan(20);

    const result = await graphql(`{
      occupation(socCode: "29-2072.00") {
        name labels { text type }
        programs { name cipCode citations { locator source { key } } broader { cipCode broader { cipCode } } }
        relations(predicates: ["prepares_for"], direction: IN, first: 20) { edges { node { other { name } citations { locator quote source { key } } } } }
      }
    }`);
    expect(result.errors).toBeUndefined();
    const mrt = result.data.occupation;
    expect(mrt.name).toBe('Medical Records Technician');
    const cip = mrt.programs.filter((p: { cipCode: string | null }) => p.cipCode);
    expect(cip.map((p: { cipCode: string }) => p.cipCode).sort()).toEqual(['51.0706', '51.0707', '51.0713', '51.0721']);
    // the curator's program is joined on its CIP code: it keeps its name and gains the release's links
    expect(cip.find((p: { cipCode: string }) => p.cipCode === '51.0721')).toMatchObject({
      name: 'Cancer Registry Management Program',
      broader: { cipCode: '51.07' },
    });
    const technician = cip.find((p: { cipCode: string }) => p.cipCode === '51.0707');
    expect(technician).toMatchObject({
      name: 'Health Information/Medical Records Technology/Technician',
      broader: { cipCode: '51.07', broader: { cipCode: '51' } },
    });
    expect(technician.citations).toContainEqual({
      locator: expect.stringMatching(/^CIPCode2020\.csv, line \d+$/),
      source: { key: 'nces-cip:2020' },
    });
    const edge = mrt.relations.edges.find(
      (e: { node: { other: { name: string } } }) => e.node.other.name === technician.name,
    );
    expect(edge.node.citations[0]).toMatchObject({
      locator: expect.stringMatching(/^CIP2020_SOC2018_Crosswalk\.xlsx, sheet CIP-SOC, row \d+$/),
      quote: '51.0707\tHealth Information/Medical Records Technology/Technician.\t29-2072\tMedical Records Specialists',
      source: { key: 'nces-cip:2020' },
    });
    // the Direct Match Title File's titles are cited labels of the occupation; the seed keeps its name
    expect(mrt.labels).toContainEqual({ text: 'Health Records Technician', type: 'ALTERNATE' });
    const label = await db
      .selectFrom('label as l')
      .innerJoin('citation as c', 'c.label_id', 'l.id')
      .innerJoin('source as s', 's.id', 'c.source_id')
      .select(['c.locator', 's.key'])
      .where('l.text', '=', 'Health Records Technician')
      .executeTakeFirstOrThrow();
    expect(label).toEqual({
      locator: expect.stringMatching(/^soc_2018_direct_match_title_file\.xlsx, sheet Sorted by SOC, row \d+$/),
      key: 'bls-soc:2018',
    });
  });

  it('costs no more SQL statements for 20 occupations than for 2 through occupations -> programs -> occupations', async () => {
    const query = `query($first: Int!) { occupations(first: $first) { edges { node {
      name programs { cipCode occupations { name programs { cipCode } } }
    } } } }`;
    const small = await graphql(query, { first: 2 });
    const large = await graphql(query, { first: 20 });
    expect(small.errors ?? large.errors).toBeUndefined();
    const programs = large.data.occupations.edges.flatMap((e: { node: { programs: unknown[] } }) => e.node.programs);
    expect(programs.length).toBeGreaterThan(10);
    // a page of 20 costs no more than a page of 2 (its nested occupations are more often ones already read)
    expect(large.statements).toBeLessThanOrEqual(small.statements);
    expect(small.statements).toBeLessThanOrEqual(8);
  });

  it('changes nothing when the releases are imported again', async () => {
    const db = use().handle.db;
    const before = await use().fingerprint();
    const soc = await importSocFolder(db, SOC);
    const cip = await importCipFolder(db, cipDir);
    for (const summary of [soc, cip]) {
      expect({ ...totals(summary.counts), unchanged: 0 }).toEqual({ created: 0, updated: 0, retired: 0, unchanged: 0 });
    }
    const after = await use().fingerprint();
    // the runs are recorded; the graph is not changed
    expect({ ...after, import_run: '' }).toEqual({ ...before, import_run: '' });
  });

  it('refuses a malformed CSV or workbook with its file, line and reason, and changes nothing', async () => {
    const db = use().handle.db;
    const before = await use().fingerprint();
    const dir = mkdtempSync(join(tmpdir(), 'kg-cip-bad-'));
    const csv = readFileSync(join(cipDir, CIP_CODES_FILE), 'utf8');
    const workbook = readFileSync(join(cipDir, CIP_CROSSWALK_FILE));
    const crosswalkWith = async (address: string, value: string) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(workbook as unknown as ArrayBuffer);
      book.getWorksheet('CIP-SOC')!.getCell(address).value = value;
      await book.xlsx.writeFile(join(dir, CIP_CROSSWALK_FILE));
    };
    const cases: Array<[() => Promise<void> | void, RegExp]> = [
      [
        () => writeFileSync(join(dir, CIP_CODES_FILE), csv.slice(0, csv.length - 40)),
        /^CIPCode2020\.csv, line \d+: .*truncated/,
      ],
      [
        () => writeFileSync(join(dir, CIP_CODES_FILE), csv.replace('="51.0707"', '="51.07x7"')),
        /^CIPCode2020\.csv, line \d+: CIPCode "51\.07x7" is not a CIP code/,
      ],
      [
        () => writeFileSync(join(dir, CIP_CODES_FILE), csv.replace('"CIPTitle"', '"Title"')),
        /^CIPCode2020\.csv, line 1: unexpected header/,
      ],
      [
        () => crosswalkWith('C3', '29-20X2'),
        /^CIP2020_SOC2018_Crosswalk\.xlsx, line 3: SOC2018Code "29-20X2" is not a SOC code/,
      ],
      [() => crosswalkWith('B1', 'Title'), /^CIP2020_SOC2018_Crosswalk\.xlsx, line 1: unexpected header/],
      [
        () => crosswalkWith('A4', '51.9998'),
        /^CIP2020_SOC2018_Crosswalk\.xlsx, line 4: CIP2020Code 51\.9998 is not in CIPCode2020\.csv/,
      ],
      [
        () => writeFileSync(join(dir, CIP_CROSSWALK_FILE), workbook.subarray(0, workbook.length - 500)),
        /^CIP2020_SOC2018_Crosswalk\.xlsx, line 0: is not a readable xlsx workbook/,
      ],
    ];
    for (const [corrupt, message] of cases) {
      writeFileSync(join(dir, CIP_CODES_FILE), csv);
      writeFileSync(join(dir, CIP_CROSSWALK_FILE), workbook);
      await corrupt();
      const error = await importCipFolder(db, dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportFileError);
      expect((error as Error).message).toMatch(message);
    }
    // an SOC workbook whose structure skips a level
    const socDir = mkdtempSync(join(tmpdir(), 'kg-soc-bad-'));
    for (const name of [
      'soc_2018_definitions.xlsx',
      'soc_2010_to_2018_crosswalk.xlsx',
      'soc_2018_direct_match_title_file.xlsx',
    ])
      writeFileSync(join(socDir, name), readFileSync(join(SOC, name)));
    const structure = new ExcelJS.Workbook();
    await structure.xlsx.readFile(join(SOC, 'soc_structure_2018.xlsx'));
    structure.getWorksheet('2018 Structure')!.getCell('B10').value = null;
    await structure.xlsx.writeFile(join(socDir, 'soc_structure_2018.xlsx'));
    const error = await importSocFolder(db, socDir).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /^soc_structure_2018\.xlsx, line 10: expected one code in one of the four level columns, found 0/,
    );
    expect(await use().fingerprint()).toEqual(before);
  });
});
