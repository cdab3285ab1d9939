import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importEscoFolder, importOewsFile, importOnet } from '@kg/db/import/datasets';
import { titleKey } from '@kg/db/import/onet';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { TestDatabase } from './databases.ts';
import { esco10Slice } from './esco-data.ts';
import { graphqlClient } from './graphql.ts';
import { onetSlice, REFERENCE_DATA, tsvRows } from './reference-data.ts';

/** The checks of an O*NET 29.3, OEWS May 2024 and ESCO 1.0 import (tests/import*.test.ts), on whole releases or slices. */

export const OEWS = join(REFERENCE_DATA, 'bls_oews', 'national_M2024_dl.csv');

export interface Releases {
  onet: string;
  esco: string;
  /** The whole releases, or a slice of them. */
  whole: boolean;
}

/** O*NET 29.3 and ESCO 1.0 as published. */
export const wholeReleases = (): Releases => ({
  onet: join(REFERENCE_DATA, 'onet'),
  esco: join(REFERENCE_DATA, 'esco'),
  whole: true,
});

/**
 * The health occupations of both releases (O*NET major groups 11-9111, 29 and 31, 117 of 1,016; ESCO's
 * ISCO-08 health groups 22 and 32), in the published format: they hold the seed's three occupations and the
 * cases the checks name.
 */
export function healthSlice(): Releases {
  const whole = wholeReleases();
  const codes = tsvRows(join(whole.onet, 'Occupation Data.txt'))
    .map((r) => r[0])
    .filter((code) => /^(11-9111|29-|31-)/.test(code));
  const escoRows = parse(readFileSync(join(whole.esco, 'occupations_en.csv'), 'utf8'), { columns: true }) as Array<
    Record<string, string>
  >;
  const escoUris = new Set(escoRows.filter((r) => /^(22|32)/.test(r.iscoGroup)).map((r) => r.conceptUri));
  return { onet: onetSlice('onet', codes), esco: esco10Slice(escoUris), whole: false };
}

/** ESCO occupations and their distinct extra labels, counted from the CSV export. */
function escoCounts(ESCO: string) {
  const rows = parse(readFileSync(join(ESCO, 'occupations_en.csv'), 'utf8'), { columns: true }) as Array<
    Record<string, string>
  >;
  let labels = 0;
  for (const row of rows) {
    const seen = new Set([row.preferredLabel.trim().toLowerCase()]);
    for (const text of [...row.altLabels.split('\n'), ...row.hiddenLabels.split('\n')].map((l) =>
      l.trim().toLowerCase(),
    )) {
      if (text && !seen.has(text)) {
        seen.add(text);
        labels++;
      }
    }
  }
  return { occupations: rows.length, labels };
}

/** What the files say, counted plainly from the published text. */
function expectedCounts(ONET: string) {
  const occupations = new Set(tsvRows(join(ONET, 'Occupation Data.txt')).map((r) => r[0]));
  const titleRows = tsvRows(join(ONET, 'Alternate Titles.txt'));
  const titles = new Set(titleRows.map((r) => titleKey(r[2])));
  const titleLinks = new Set(titleRows.map((r) => `${r[0]}|${titleKey(r[2])}`));
  const ratings = new Set(
    [...tsvRows(join(ONET, 'Skills.txt')), ...tsvRows(join(ONET, 'Knowledge.txt'))].map((r) => `${r[0]}|${r[2]}`),
  );
  const tasks = tsvRows(join(ONET, 'Task Statements.txt'));
  // OEWS rows land on the O*NET occupations of their SOC code (OCC_CODE, the ninth column)
  const socCodes = new Set([...occupations].map((code) => code.slice(0, 7)));
  const oews = readFileSync(OEWS, 'utf8')
    .split('\n')
    .filter((l) => l.includes(',detailed,') && socCodes.has(l.split(',')[8]));
  return {
    occupations: occupations.size,
    titles: titles.size,
    titleLinks: titleLinks.size,
    ratings: ratings.size,
    tasks: tasks.length,
    oewsRows: oews.length,
  };
}

/** Imports the releases into the freshly seeded database once, for every check of the file (beforeAll). */
export function importOnce(use: () => TestDatabase, releases: () => Releases) {
  const state = { releases: undefined as unknown as Releases, seedOccupationId: '' };
  beforeAll(async () => {
    state.releases = releases();
    await use().reset();
    const { db } = use().handle;
    state.seedOccupationId = (
      await db
        .selectFrom('occupation')
        .select('entity_id')
        .where('onet_soc_code', '=', '29-2072.00')
        .executeTakeFirstOrThrow()
    ).entity_id;
    await importOnet(db, state.releases.onet);
    await importOewsFile(db, OEWS);
    await importEscoFolder(db, state.releases.esco);
  }, 900_000);
  return state;
}

/** What an import of the releases must hold: counts against the files, the seed merged, ESCO links as drafts. */
export function declareImportChecks(use: () => TestDatabase, state: ReturnType<typeof importOnce>) {
  it('holds what the files state, counted against the files', async () => {
    const { onet: ONET, esco: ESCO, whole } = state.releases;
    const expected = expectedCounts(ONET);
    const { rows } = await sql<Record<string, number>>`
      select
        (select count(*)::int from occupation where onet_soc_code is not null) as occupations,
        (select count(*)::int from occupation where esco_uri is not null) as esco_occupations,
        (select count(*)::int from label l join external_key k on k.entity_id = l.entity_id and k.namespace = 'esco-occupation'
           where l.type <> 'preferred') as esco_labels,
        (select count(*)::int from external_key where namespace = 'onet-title') as titles,
        (select count(*)::int from relation r join citation c on c.relation_id = r.id join source s on s.id = c.source_id
           where r.predicate = 'has_title' and s.key = 'onet:29.3') as title_links,
        (select count(*)::int from relation where predicate = 'requires_skill' and attributes->>'category' in ('skill', 'knowledge')) as ratings,
        (select count(*)::int from relation where predicate = 'performs_task' and from_id in
           (select entity_id from external_key where namespace = 'onet-soc')
           and to_id in (select entity_id from external_key where namespace = 'onet-task')) as tasks,
        (select count(distinct attributes->>'socCode')::int from observation o join source s on s.id = o.source_id
           where s.key = 'oews:2024-05') as oews_codes`.execute(use().handle.db);
    const counts = rows[0];
    // the seed's three occupations are O*NET occupations too, merged rather than duplicated
    expect(counts.occupations).toBe(expected.occupations);
    expect(counts.titles).toBe(expected.titles);
    expect(counts.title_links).toBe(expected.titleLinks);
    expect(counts.ratings).toBe(expected.ratings);
    expect(counts.tasks).toBe(expected.tasks);
    expect(counts.oews_codes).toBeGreaterThan(expected.oewsRows - 20);
    expect(counts.occupations).toBeGreaterThan(whole ? 1000 : 100);
    const esco = escoCounts(ESCO);
    expect(counts.esco_occupations).toBe(esco.occupations);
    expect(counts.esco_labels).toBe(esco.labels);
    expect(counts.titles).toBeGreaterThan(whole ? 45_000 : 2_000);
  });

  it('merges the seed occupation with O*NET 29-2072.00: one entity, both sets of facts, each with its citations', async () => {
    const graphql = graphqlClient(use().handle);
    const result = await graphql(`{
      occupation(socCode: "29-2072.00") {
        id name jobZone description
        labels { text type citations { source { key } } }
        alternateTitles { name }
        skills { skill { name } importance level }
        wages { metric value period source { key } citations { locator } }
        citations { source { key } }
      }
    }`);
    expect(result.errors).toBeUndefined();
    const o = result.data.occupation;
    expect(Buffer.from(o.id, 'base64').toString()).toContain(state.seedOccupationId);
    expect(o.name).toBe('Medical Records Technician');
    expect(o.jobZone).toBe(3);
    const official = o.labels.find((l: { text: string }) => l.text === 'Medical Records Specialists');
    expect(official.citations[0].source.key).toBe('onet:29.3');
    const titles = o.alternateTitles.map((t: { name: string }) => t.name);
    expect(titles).toEqual(
      expect.arrayContaining(['Health Information Technician', 'Medical Coder', 'Coding Specialist']),
    );
    const sources = new Set(o.citations.map((c: { source: { key: string } }) => c.source.key));
    expect(sources.has('onet:29.3')).toBe(true);
    expect([...sources].some((k) => String(k).startsWith('seed:'))).toBe(true);
    // OEWS May 2024 joins the seed's 2008, 2012 and 2017 figures; all are kept, each dated and cited
    const medians = o.wages.filter((w: { metric: string }) => w.metric === 'median_annual_wage');
    expect(medians.map((w: { period: string }) => w.period)).toEqual(
      expect.arrayContaining(['May 2024', '2012', 'May 2008']),
    );
    const may2024 = medians.find((w: { period: string }) => w.period === 'May 2024');
    expect(may2024).toMatchObject({ value: 50250, source: { key: 'oews:2024-05' } });
    expect(may2024.citations[0].locator).toMatch(/^national_M2024_dl\.csv, line \d+$/);
  });

  it('proposes links from ESCO to O*NET as drafts for review, with a confidence and the evidence', async () => {
    const { rows } = await sql<{ status: string; n: number; bad: number }>`
      select status, count(*)::int as n,
        count(*) filter (where not ((attributes->>'confidence')::float between 0 and 1)
                         or jsonb_array_length(attributes->'evidence') = 0)::int as bad
      from relation where predicate = 'close_match' group by status`.execute(use().handle.db);
    expect(rows).toEqual([{ status: 'draft', n: expect.any(Number), bad: 0 }]);
    expect(rows[0].n).toBeGreaterThan(state.releases.whole ? 2000 : 100);
    const { rows: coder } = await sql<{ onet: string; confidence: number }>`
      select o.onet_soc_code as onet, (r.attributes->>'confidence')::float as confidence
      from relation r
      join occupation e on e.entity_id = r.from_id
      join occupation o on o.entity_id = r.to_id
      join entity n on n.id = r.from_id
      where r.predicate = 'close_match' and n.name = 'clinical coder'
      order by confidence desc`.execute(use().handle.db);
    expect(coder[0].onet).toBe('29-2072.00');
  });
}
