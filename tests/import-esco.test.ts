import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEntity } from '@kg/db/entity/repository';
import { importEscoFolder, importEscoOnetCrosswalk, importEscoSkills, importOnet } from '@kg/db/import/datasets';
import { ImportFileError } from '@kg/db/import/read';
import { totals } from '@kg/db/import/run';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from './support/databases.ts';
import { esco10Slice, escoMember, escoSlice, onetOccupationsOnly } from './support/esco-data.ts';
import { graphqlClient } from './support/graphql.ts';
import { REFERENCE_DATA } from './support/reference-data.ts';

// ESCO occupations with their skills, from the published 1.1.1 zips: medical records (3252), health care
// assistants (5321), town and traffic planners (2164, where ESCO 1.1.1's "mobility services manager" is newer
// than the Nesta crosswalk), and health services managers (1342), whom the seed's Medical Records Technician
// advances to
const GROUPS = ['3252', '5321', '2164', '1342'];
const NESTA = join(REFERENCE_DATA, 'nesta_esco_onet', 'esco_onet_crosswalk_Nov2020.csv');
const CLERK = 'http://data.europa.eu/esco/occupation/14eb2c85-fce5-40b6-bcd0-46ac99994b0d';

/** A data folder with the crosswalks as published (the ISCO-08 one comes from the product's CSV). */
function crosswalkFolder(edit?: { nesta?: (text: string) => string }) {
  const dir = mkdtempSync(join(tmpdir(), 'crosswalks-'));
  mkdirSync(join(dir, 'nesta_esco_onet'));
  mkdirSync(join(dir, 'bls_soc'));
  const nesta = readFileSync(NESTA, 'utf8');
  writeFileSync(
    join(dir, 'nesta_esco_onet', 'esco_onet_crosswalk_Nov2020.csv'),
    edit?.nesta ? edit.nesta(nesta) : nesta,
  );
  copyFileSync(
    join(REFERENCE_DATA, 'bls_soc', 'soc_2010_to_2018_crosswalk.xlsx'),
    join(dir, 'bls_soc', 'soc_2010_to_2018_crosswalk.xlsx'),
  );
  return dir;
}

interface Link {
  esco_uri: string;
  onet: string;
  status: string;
  attributes: Record<string, unknown>;
  sources: string[];
  locators: string[];
  created_by: string;
}

const links = async (db: Parameters<typeof importOnet>[0]) =>
  (
    await sql<Link>`
      select eo.esco_uri, oo.onet_soc_code as onet, r.status, r.attributes,
        array(select s.key from citation c join source s on s.id = c.source_id where c.relation_id = r.id order by s.key) as sources,
        array(select c.locator from citation c where c.relation_id = r.id order by c.locator) as locators,
        (select l.actor from change_log l where l.fact_id = r.id and l.op = 'create' limit 1) as created_by
      from relation r
      join occupation eo on eo.entity_id = r.from_id
      join occupation oo on oo.entity_id = r.to_id
      where r.predicate = 'close_match'`.execute(db)
  ).rows;

describeEachDatabase('importing ESCO 1.1.1 and linking ESCO to O*NET', (use) => {
  /** Nothing changed since `before` but the import run itself, which is recorded. */
  const expectOnlyTheRunRecorded = async (before: Record<string, string>) => {
    const { import_run: _before, ...rest } = before;
    const { import_run: _after, ...after } = await use().fingerprint();
    expect(after).toEqual(rest);
  };
  let slice: string;
  let data: string;
  let guessed: Link[];
  let expected: {
    occupations: Set<string>;
    skills: number;
    groups: number;
    essential: number;
    optional: number;
    broader: number;
  };
  beforeAll(() => {
    slice = escoSlice(GROUPS);
    data = crosswalkFolder();
    const occupations = escoMember('classification-en-csv.zip', 'occupations_en.csv', slice).records;
    const relations = escoMember('relations-csv.zip', 'occupationSkillRelations.csv', slice).records;
    const known = new Set(occupations.map((r) => r.values.conceptUri));
    const concepts = new Set([
      ...escoMember('classification-en-csv.zip', 'skills_en.csv', slice).records.map((r) => r.values.conceptUri),
      ...escoMember('classification-en-csv.zip', 'skillGroups_en.csv', slice).records.map((r) => r.values.conceptUri),
    ]);
    expected = {
      occupations: known,
      skills: escoMember('classification-en-csv.zip', 'skills_en.csv', slice).records.length,
      groups: escoMember('classification-en-csv.zip', 'skillGroups_en.csv', slice).records.length,
      essential: relations.filter((r) => r.values.relationType === 'essential').length,
      optional: relations.filter((r) => r.values.relationType === 'optional').length,
      broader: escoMember('relations-csv.zip', 'broaderRelationsSkillPillar.csv', slice).records.filter(
        (r) => concepts.has(r.values.conceptUri) && concepts.has(r.values.broaderUri),
      ).length,
    };
  });

  it('keeps the IDs of ESCO occupations an earlier release made, and holds what the zips state', async () => {
    await use().reset();
    const { db } = use().handle;
    await importOnet(db, onetOccupationsOnly());
    await importEscoFolder(db, esco10Slice(expected.occupations));
    guessed = await links(db);
    // a curator made a skill ESCO names too: it is joined, keeping its name and category
    const skills = escoMember('classification-en-csv.zip', 'skills_en.csv', slice).records.map((r) => r.values);
    const named = skills.find(
      (a) => skills.filter((b) => b.preferredLabel.toLowerCase() === a.preferredLabel.toLowerCase()).length === 1,
    )!;
    const curated = await createEntity(
      db,
      { actor: 'curator@example.org' },
      {
        kind: 'skill',
        name: named.preferredLabel.toUpperCase(),
        details: { category: 'soft_skill' },
      },
    );
    const before = await db
      .selectFrom('external_key')
      .select(['key', 'entity_id'])
      .where('namespace', '=', 'esco-occupation')
      .execute();
    expect(before.length).toBeGreaterThan(5);

    const summary = await importEscoSkills(db, slice);
    expect(summary.source).toBe('esco:1.1.1');
    const after = new Map(
      (
        await db
          .selectFrom('external_key')
          .select(['key', 'entity_id'])
          .where('namespace', '=', 'esco-occupation')
          .execute()
      ).map((r) => [r.key, r.entity_id]),
    );
    for (const row of before) expect(after.get(row.key), row.key).toBe(row.entity_id);

    const { rows } = await sql<Record<string, number>>`
      select
        (select count(*)::int from occupation o join entity e on e.id = o.entity_id
           where o.esco_uri is not null and o.esco_code is not null and e.status = 'published') as occupations,
        (select count(*)::int from skill where esco_type in ('skill', 'knowledge')
           or (esco_uri is not null and esco_type is null)) as skills,
        (select count(*)::int from skill where esco_type = 'skill_group') as groups,
        (select count(*)::int from relation where predicate = 'requires_skill' and attributes->>'relationType' = 'essential') as essential,
        (select count(*)::int from relation where predicate = 'requires_skill' and attributes->>'relationType' = 'optional') as optional,
        (select count(*)::int from relation where predicate = 'broader_skill') as broader,
        (select count(*)::int from relation r where r.predicate = 'requires_skill' and r.attributes ? 'relationType'
           and not exists (select 1 from citation c join source s on s.id = c.source_id
             where c.relation_id = r.id and s.key = 'esco:1.1.1'
               and c.locator like 'relations-csv.zip: occupationSkillRelations.csv, line %')) as uncited`.execute(db);
    expect(rows[0]).toEqual({
      occupations: expected.occupations.size,
      skills: expected.skills,
      groups: expected.groups,
      essential: expected.essential,
      optional: expected.optional,
      broader: expected.broader,
      uncited: 0,
    });
    expect(expected.essential).toBeGreaterThan(50);
    expect(expected.optional).toBeGreaterThan(50);

    const joined = await db
      .selectFrom('skill')
      .innerJoin('entity', 'entity.id', 'skill.entity_id')
      .select(['entity.id', 'entity.name', 'skill.category', 'skill.esco_uri'])
      .where('skill.esco_uri', '=', named.conceptUri)
      .executeTakeFirstOrThrow();
    expect(joined).toEqual({
      id: curated.id,
      name: named.preferredLabel.toUpperCase(),
      category: 'soft_skill',
      esco_uri: named.conceptUri,
    });

    // 1.1.1 moved occupations between ISCO groups and renamed some: the same entities say so now
    const clerk = await db
      .selectFrom('occupation')
      .innerJoin('entity', 'entity.id', 'occupation.entity_id')
      .select(['entity.name', 'occupation.esco_code', 'occupation.isco_code'])
      .where('esco_uri', '=', 'http://data.europa.eu/esco/occupation/14eb2c85-fce5-40b6-bcd0-46ac99994b0d')
      .executeTakeFirstOrThrow();
    expect(clerk).toMatchObject({ name: 'medical records clerk', isco_code: '3252' });
    expect(clerk.esco_code).toMatch(/^3252\.\d+$/);
  });

  it('changes nothing when the same release is imported again', async () => {
    const { db } = use().handle;
    const before = await use().fingerprint();
    const again = await importEscoSkills(db, slice);
    expect(totals(again.counts)).toMatchObject({ created: 0, updated: 0, retired: 0 });
    await expectOnlyTheRunRecorded(before);
  });

  it('refuses a malformed, truncated or wrong-header member with its file, line and reason, and writes nothing', async () => {
    const { db } = use().handle;
    const before = await use().fingerprint();
    const cases: Array<[(member: string, text: string) => string, RegExp]> = [
      [
        (m, t) => (m === 'occupationSkillRelations.csv' ? t.replace(',essential,', ',vital,') : t),
        /^relations-csv\.zip: occupationSkillRelations\.csv, line \d+: relationType "vital" is not one of essential, optional$/,
      ],
      [
        (m, t) => (m === 'skills_en.csv' ? t.slice(0, t.length - 40) : t),
        /^classification-en-csv\.zip: skills_en\.csv, line \d+: .*truncated/,
      ],
      [
        (m, t) => (m === 'broaderRelationsSkillPillar.csv' ? t.replace('broaderUri', 'broader') : t),
        /^relations-csv\.zip: broaderRelationsSkillPillar\.csv, line 1: unexpected header/,
      ],
      [
        (m, t) =>
          m === 'occupationSkillRelations.csv'
            ? t.replace(/\/esco\/skill\/[0-9a-f-]+\r\n/, '/esco/skill/not-there\r\n')
            : t,
        /^relations-csv\.zip: occupationSkillRelations\.csv, line 2: .*not-there is not in skills_en\.csv$/,
      ],
    ];
    for (const [edit, message] of cases) {
      const error = await importEscoSkills(db, escoSlice(GROUPS, edit)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportFileError);
      expect((error as Error).message).toMatch(message);
    }
    // an archive cut short is not a zip any more
    const cut = escoSlice(GROUPS);
    const zip = readFileSync(join(cut, 'relations-csv.zip'));
    writeFileSync(join(cut, 'relations-csv.zip'), zip.subarray(0, zip.length - 100));
    const error = await importEscoSkills(db, cut).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^relations-csv\.zip, line 0: is not a readable zip archive/);
    expect(await use().fingerprint()).toEqual(before);
  }, 120_000);

  it('publishes Nesta’s links, the lower ESCO levels inheriting, and proposes ISCO-08 paths for the rest', async () => {
    const { db } = use().handle;
    const [nesta, isco] = await importEscoOnetCrosswalk(db, data);
    expect([nesta.source, isco.source]).toEqual(['nesta:2020-11', 'bls-isco-soc:2015-06']);
    const all = await links(db);

    // counted against the files: every slice occupation whose own or broader ESCO occupation Nesta lists has
    // published links citing it; the others have none
    const rows = parse(readFileSync(NESTA, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    const listed = new Set(rows.map((r) => r.concept_uri));
    const occupations = escoMember('classification-en-csv.zip', 'occupations_en.csv', slice).records.map(
      (r) => r.values,
    );
    const uriOfCode = new Map(occupations.map((o) => [o.code, o.conceptUri]));
    const covered = occupations.filter((o) => {
      const parts = o.code.split('.');
      for (let n = parts.length; n >= 2; n--)
        if (listed.has(uriOfCode.get(parts.slice(0, n).join('.')) ?? '')) return true;
      return false;
    });
    const published = all.filter((l) => l.status === 'published' && l.sources.includes('nesta:2020-11'));
    expect(new Set(published.map((l) => l.esco_uri))).toEqual(new Set(covered.map((o) => o.conceptUri)));
    expect(covered.length).toBeGreaterThan(10);
    expect(covered.length).toBeLessThan(occupations.length);

    // medical records clerk -> O*NET-SOC 2010 29-2071.00, which SOC 2018 split into 29-2072 and 29-9021
    const clerk = published.filter((l) => l.esco_uri === CLERK);
    expect(clerk.map((l) => l.onet).sort()).toEqual(['29-2072.00', '29-9021.00']);
    const line = rows.findIndex((r) => r.concept_uri === CLERK) + 2;
    for (const link of clerk) {
      expect(link.attributes).toMatchObject({ onetSoc2010: '29-2071.00', crosswalkConfidence: 2, confidence: 1 });
      expect(link.locators.find((l) => l.startsWith('esco_onet'))).toMatch(
        new RegExp(
          `^esco_onet_crosswalk_Nov2020\\.csv, line ${line}; soc_2010_to_2018_crosswalk\\.xlsx, sheet Sorted by 2010, row \\d+$`,
        ),
      );
    }
    // clinical coder (3252.1.1) sits below medical records clerk (3252.1) and inherits its match
    const coder = published.filter((l) => l.attributes.inheritedFrom === CLERK);
    expect(coder.map((l) => l.onet).sort()).toEqual(['29-2072.00', '29-9021.00']);

    // guessed drafts Nesta agrees with are published under its citation; the others stay drafts for review
    const byPair = new Map(all.map((l) => [`${l.esco_uri}|${l.onet}`, l]));
    const wanted = new Set(published.map((l) => `${l.esco_uri}|${l.onet}`));
    let agreed = 0;
    for (const g of guessed) {
      const now = byPair.get(`${g.esco_uri}|${g.onet}`)!;
      if (wanted.has(`${g.esco_uri}|${g.onet}`)) {
        agreed++;
        expect(now).toMatchObject({ status: 'published', created_by: 'import:esco:1.0' });
        expect(now.sources).toContain('nesta:2020-11');
      } else expect(now.status).toBe('draft');
    }
    expect(agreed).toBeGreaterThan(0);
    expect(guessed.length).toBeGreaterThan(agreed);

    // mobility services manager is newer than Nesta's crosswalk: ISCO-08 2164 -> SOC 2010 19-3051 -> 19-3051
    const proposed = all.filter((l) => l.sources.includes('bls-isco-soc:2015-06'));
    expect(proposed.length).toBeGreaterThan(0);
    for (const l of proposed) {
      expect(l.status).toBe('draft');
      expect(covered.some((o) => o.conceptUri === l.esco_uri)).toBe(false);
      expect(l.locators.join()).toMatch(/^isco_soc_crosswalk\.xls, sheet ISCO-08 to 2010 SOC, row \d+; soc_2010/);
    }
    expect(proposed.map((l) => l.onet)).toEqual(['19-3051.00']);
  });

  it('changes nothing when imported again', async () => {
    const before = await use().fingerprint();
    const again = await importEscoOnetCrosswalk(use().handle.db, data);
    for (const summary of again) expect(summary.counts, JSON.stringify(summary.counts)).toBeDefined();
    for (const summary of again)
      expect(totals(summary.counts), JSON.stringify(summary.counts)).toMatchObject({
        created: 0,
        updated: 0,
        retired: 0,
      });
    await expectOnlyTheRunRecorded(before);
  });

  it('refuses a malformed crosswalk with its file, line and reason, and writes nothing', async () => {
    const { db } = use().handle;
    const before = await use().fingerprint();
    const cases: Array<[string, RegExp]> = [
      [
        crosswalkFolder({
          nesta: (t) =>
            t.replace(
              ',2.0,http://data.europa.eu/esco/occupation/14eb2c85',
              ',3.0,http://data.europa.eu/esco/occupation/14eb2c85',
            ),
        }),
        /^esco_onet_crosswalk_Nov2020\.csv, line \d+: confidence "3\.0" is not 0\.5, 1 or 2$/,
      ],
      [
        crosswalkFolder({ nesta: (t) => t.replace('onet_code', 'onet') }),
        /^esco_onet_crosswalk_Nov2020\.csv, line 1: unexpected header/,
      ],
      [crosswalkFolder({ nesta: (t) => t.slice(0, -30) }), /^esco_onet_crosswalk_Nov2020\.csv, line \d+: .*truncated/],
    ];
    const badSoc = crosswalkFolder();
    const xlsx = readFileSync(join(badSoc, 'bls_soc', 'soc_2010_to_2018_crosswalk.xlsx'));
    writeFileSync(join(badSoc, 'bls_soc', 'soc_2010_to_2018_crosswalk.xlsx'), xlsx.subarray(0, 20_000));
    cases.push([badSoc, /^soc_2010_to_2018_crosswalk\.xlsx, line 0: is not a readable xlsx workbook/]);
    const badIsco = crosswalkFolder();
    const iscoCsv = readFileSync(new URL('../db/data/bls_soc/isco_soc_crosswalk.csv.gz', import.meta.url));
    const { gunzipSync } = await import('node:zlib');
    writeFileSync(
      join(badIsco, 'bls_soc', 'isco_soc_crosswalk.csv'),
      gunzipSync(iscoCsv).toString('utf8').replace('\n2164,', '\n21X4,'),
    );
    cases.push([badIsco, /^isco_soc_crosswalk\.csv, line \d+: ISCO-08 Code "21X4" is not an ISCO-08 code$/]);
    for (const [dir, message] of cases) {
      const error = await importEscoOnetCrosswalk(db, dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportFileError);
      expect((error as Error).message).toMatch(message);
    }
    expect(await use().fingerprint()).toEqual(before);
  });

  it('shows Medical Records Technician’s ESCO essential skills with citations, and gaps on them where O*NET rates none', async () => {
    const { db } = use().handle;
    const graphql = graphqlClient(use().handle, { as: 'anonymous' });
    const result = await graphql(`{
      occupation(socCode: "29-2072.00") {
        id name
        essential: escoSkills(relationType: ESSENTIAL) {
          relationType skill { name escoType escoUri } escoOccupations { name }
          citations { source { key } locator }
        }
        all: escoSkills { relationType }
      }
      assistants: occupation(socCode: "31-1131.00") { id escoSkills { skill { escoUri } } }
      manager: occupation(socCode: "11-9111.00") { id }
    }`);
    expect(result.errors).toBeUndefined();
    const mrt = result.data.occupation;
    expect(mrt.name).toBe('Medical Records Technician');
    // counted against the files: the essential relations of the ESCO occupations linked to 29-2072.00
    const linked = new Set(
      (
        await sql<{ uri: string }>`
          select e.esco_uri as uri from relation m join occupation e on e.entity_id = m.from_id
          join occupation o on o.entity_id = m.to_id
          where m.predicate = 'close_match' and m.status = 'published' and o.onet_soc_code = '29-2072.00'`.execute(db)
      ).rows.map((r) => r.uri),
    );
    expect(linked.has(CLERK)).toBe(true);
    const relations = escoMember('relations-csv.zip', 'occupationSkillRelations.csv', slice).records.filter((r) =>
      linked.has(r.values.occupationUri),
    );
    const essential = new Set(
      relations.filter((r) => r.values.relationType === 'essential').map((r) => r.values.skillUri),
    );
    expect(new Set(mrt.essential.map((s: { skill: { escoUri: string } }) => s.skill.escoUri))).toEqual(essential);
    expect(mrt.all.length).toBe(new Set(relations.map((r) => r.values.skillUri)).size);
    for (const s of mrt.essential) {
      expect(s.relationType).toBe('ESSENTIAL');
      expect(s.escoOccupations.length).toBeGreaterThan(0);
      expect(s.citations.length).toBeGreaterThan(0);
      for (const c of s.citations) {
        expect(c.source.key).toBe('esco:1.1.1');
        expect(c.locator).toMatch(/^relations-csv\.zip: occupationSkillRelations\.csv, line \d+$/);
      }
    }

    // O*NET rates no skills here: the gap is the target's ESCO essential skills the start's ESCO skills lack
    const gap = await graphql(
      `query ($from: ID!, $to: ID!, $manager: ID!) {
        skillGap(from: $from, to: $to) { basis items { skill { escoUri } fromLevel toLevel } }
        careerPaths(from: $to, to: $manager, maxSteps: 1) { steps { type skillGapBasis skillGap { skill { escoUri } } } }
      }`,
      { from: result.data.assistants.id, to: mrt.id, manager: result.data.manager.id },
    );
    expect(gap.errors).toBeUndefined();
    expect(gap.data.skillGap.basis).toBe('ESCO_ESSENTIAL');
    const held = new Set(result.data.assistants.escoSkills.map((s: { skill: { escoUri: string } }) => s.skill.escoUri));
    const lacking = [...essential].filter((uri) => !held.has(uri));
    expect(lacking.length).toBeGreaterThan(0);
    expect(new Set(gap.data.skillGap.items.map((i: { skill: { escoUri: string } }) => i.skill.escoUri))).toEqual(
      new Set(lacking),
    );
    for (const item of gap.data.skillGap.items) expect(item).toMatchObject({ fromLevel: null, toLevel: 1 });
    // ESCO skills of many occupations cost the same statements as of one: ESCO and O*NET occupations alike
    const { rows: ids } = await sql<{ id: string; kind: string }>`
      select entity_id as id from occupation where esco_uri is not null or onet_soc_code like '29-%'
      order by esco_uri is null, entity_id limit 100`.execute(db);
    const gids = ids.map((r) => Buffer.from(`Occupation:${r.id}`).toString('base64'));
    const skillsOf = (list: string[]) =>
      graphql(
        `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Occupation { name escoSkills {
          relationType skill { name } escoOccupations { name } citations { locator } } } } }`,
        { ids: list },
      );
    const [one, many] = [await skillsOf(gids.slice(0, 1)), await skillsOf(gids)];
    expect(one.errors ?? many.errors).toBeUndefined();
    expect(many.data.nodes.filter((n: { escoSkills?: unknown[] }) => n.escoSkills?.length).length).toBeGreaterThan(10);
    expect(many.statements).toBeLessThanOrEqual(Math.max(one.statements, 6));

    // the seed's step from Medical Records Technician to Medical and Health Services Managers
    const [step] = gap.data.careerPaths[0].steps;
    expect(step).toMatchObject({ type: 'ADVANCE', skillGapBasis: 'ESCO_ESSENTIAL' });
    expect(step.skillGap.length).toBeGreaterThan(0);
  });
});
