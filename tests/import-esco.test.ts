import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importEscoFolder, importEscoSkills } from '@kg/db/import/datasets';
import { ImportFileError } from '@kg/db/import/read';
import { totals } from '@kg/db/import/run';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from './support/databases.ts';
import { escoMember, escoSlice } from './support/esco-data.ts';
import { REFERENCE_DATA } from './support/reference-data.ts';

// Medical records and health information technicians, and health care assistants: ESCO occupations with
// their skills, from the published 1.1.1 zips.
const GROUPS = ['3252', '5321'];

/** An ESCO 1.0 export (shared/data/esco) of the same occupations, as published. */
function esco10Slice(uris: Set<string>) {
  const dir = mkdtempSync(join(tmpdir(), 'esco-1.0-'));
  const text = readFileSync(join(REFERENCE_DATA, 'esco', 'occupations_en.csv'), 'utf8');
  const rows = parse(text, { raw: true, bom: true }) as unknown as Array<{ raw: string; record: string[] }>;
  const kept = rows.filter((r, i) => i === 0 || uris.has(r.record[1])).map((r) => r.raw.replace(/[\r\n]+$/, ''));
  writeFileSync(join(dir, 'occupations_en.csv'), `${kept.join('\n')}\n`);
  writeFileSync(join(dir, 'ISCOGroups_en.csv'), readFileSync(join(REFERENCE_DATA, 'esco', 'ISCOGroups_en.csv')));
  return dir;
}

describeEachDatabase('importing ESCO 1.1.1 skills and occupation-skill relations', (use) => {
  let slice: string;
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
    await importEscoFolder(db, esco10Slice(expected.occupations));
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
    const after = await use().fingerprint();
    // the run itself is recorded
    delete before.import_run;
    delete after.import_run;
    expect(after).toEqual(before);
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
});
