import type { Db } from '../../connect.ts';
import type { SocCodeTable, SocCrosswalkTable } from '../../tables.ts';
import { ImportFileError, locate } from '../read.ts';
import { type DesiredLabel, type DesiredRelation, type ImportContext, syncLabels, syncRelations } from '../sync.ts';
import { syncSocCodes, syncSocCrosswalk } from './codes.ts';
import { readSocCrosswalk, SOC_CROSSWALK_FILE } from './crosswalk.ts';
import { readSocStructure, SOC_DEFINITIONS_FILE, SOC_STRUCTURE_FILE } from './structure.ts';
import { readDirectMatchTitles, SOC_TITLES_FILE } from './titles.ts';

/**
 * The 2018 Standard Occupational Classification as BLS publishes it: the structure, the definitions, the
 * 2010 -> 2018 crosswalk and the Direct Match Title File, all read and checked against each other before
 * anything is written.
 */
export async function readSocRelease(dir: string) {
  const groups = await readSocStructure(locate(dir, SOC_STRUCTURE_FILE), locate(dir, SOC_DEFINITIONS_FILE));
  const byCode = new Map(groups.map((g) => [g.code, g]));
  const crosswalk = await readSocCrosswalk(locate(dir, SOC_CROSSWALK_FILE));
  const titles = await readDirectMatchTitles(locate(dir, SOC_TITLES_FILE));
  // every 2018 code the crosswalk and the titles name is a detailed occupation of the structure
  const references = [
    ...crosswalk.map((p) => ({ file: SOC_CROSSWALK_FILE, row: p.row, code: p.soc2018 })),
    ...titles.map((t) => ({ file: SOC_TITLES_FILE, row: t.row, code: t.socCode })),
  ];
  for (const { file, row, code } of references) {
    if (byCode.get(code)?.level !== 'detailed') {
      throw new ImportFileError(
        file,
        row,
        `2018 SOC Code ${code} is not a detailed occupation of ${SOC_STRUCTURE_FILE}`,
      );
    }
  }
  return { groups, crosswalk, titles };
}

export type SocRelease = Awaited<ReturnType<typeof readSocRelease>>;

/** Writes a release read by readSocRelease: codes, crosswalk, specializations, then titles (each idempotent). */
export async function importSocRelease(ctx: ImportContext, release: SocRelease) {
  const source = ctx.source.id;
  const soc2018: SocCodeTable[] = release.groups.map((g) => ({
    system: 'soc_2018',
    code: g.code,
    level: g.level,
    title: g.title,
    definition: g.definition,
    parent_code: g.parent,
    source_id: source,
    locator: `${SOC_STRUCTURE_FILE}, sheet 2018 Structure, row ${g.row}`,
    definition_locator: g.definitionRow ? `${SOC_DEFINITIONS_FILE}, sheet 2018 SOC, row ${g.definitionRow}` : null,
  }));
  // SOC 2010 is known here through the crosswalk: its detailed codes with their 2010 titles
  const soc2010 = new Map<string, SocCodeTable>();
  for (const pair of release.crosswalk) {
    if (soc2010.has(pair.soc2010)) continue;
    soc2010.set(pair.soc2010, {
      system: 'soc_2010',
      code: pair.soc2010,
      level: 'detailed',
      title: pair.title2010,
      definition: null,
      parent_code: null,
      source_id: source,
      locator: `${SOC_CROSSWALK_FILE}, sheet Sorted by 2010, row ${pair.row}`,
      definition_locator: null,
    });
  }
  await syncSocCodes(ctx, [...soc2018, ...soc2010.values()]);
  const pairs: SocCrosswalkTable[] = release.crosswalk.map((pair) => ({
    from_system: 'soc_2010',
    from_code: pair.soc2010,
    to_system: 'soc_2018',
    to_code: pair.soc2018,
    from_title: pair.title2010,
    to_title: pair.title2018,
    source_id: source,
    locator: `${SOC_CROSSWALK_FILE}, sheet Sorted by 2010, row ${pair.row}`,
  }));
  await syncSocCrosswalk(ctx, pairs);

  const occupations = await onetOccupations(ctx.db);
  await syncSpecializations(ctx, release, occupations);
  await syncDirectMatchTitles(ctx, release, occupations);
}

interface OnetOccupation {
  id: string;
  name: string;
  socCode: string;
  onetSocCode: string;
}

/** The published occupations with an O*NET-SOC code (O*NET's, and the seed's that O*NET joined). */
async function onetOccupations(db: Db): Promise<OnetOccupation[]> {
  const rows = await db
    .selectFrom('occupation as o')
    .innerJoin('entity as e', 'e.id', 'o.entity_id')
    .select(['e.id', 'e.name', 'o.soc_code', 'o.onet_soc_code'])
    .where('e.status', '=', 'published')
    .where('o.onet_soc_code', 'is not', null)
    .orderBy('o.onet_soc_code')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    socCode: r.onet_soc_code!.slice(0, 7),
    onetSocCode: r.onet_soc_code!,
  }));
}

/**
 * O*NET-SOC occupations below one SOC detailed occupation (29-1141.01 Acute Care Nurses under 29-1141.00
 * Registered Nurses) are specializations of the occupation at the detailed code (`.00`): a `specializes_to`
 * relation from it to each, cited to the detailed occupation's row of the SOC structure.
 */
async function syncSpecializations(ctx: ImportContext, release: SocRelease, occupations: OnetOccupation[]) {
  const groups = new Map(release.groups.map((g) => [g.code, g]));
  const bySoc = new Map<string, OnetOccupation[]>();
  for (const o of occupations) bySoc.set(o.socCode, [...(bySoc.get(o.socCode) ?? []), o]);
  const desired: DesiredRelation[] = [];
  const generals: string[] = [];
  for (const [socCode, list] of bySoc) {
    const general = list.find((o) => o.onetSocCode === `${socCode}.00`);
    const group = groups.get(socCode);
    if (!general || !group || group.level !== 'detailed') continue;
    generals.push(general.id);
    for (const special of list) {
      if (special === general) continue;
      desired.push({
        fromId: general.id,
        toId: special.id,
        attributes: { socCode, onetSocCode: special.onetSocCode, derivation: 'onet-soc below soc-2018 detailed' },
        locator: `${SOC_STRUCTURE_FILE}, sheet 2018 Structure, row ${group.row}`,
        quote: `${socCode} ${group.title}: O*NET-SOC ${special.onetSocCode} ${special.name}`,
      });
    }
  }
  await syncRelations(ctx, 'specializes_to', { from: 'occupation', to: 'occupation' }, desired, { fromIds: generals });
}

/**
 * Direct match titles become alternate labels of the occupation at their SOC code (the `.00` O*NET-SOC
 * occupation), each cited to its row of the title file.
 */
async function syncDirectMatchTitles(ctx: ImportContext, release: SocRelease, occupations: OnetOccupation[]) {
  const atCode = new Map(occupations.filter((o) => o.onetSocCode.endsWith('.00')).map((o) => [o.socCode, o]));
  const desired: DesiredLabel[] = [];
  for (const title of release.titles) {
    const occupation = atCode.get(title.socCode);
    if (!occupation) continue;
    desired.push({
      entityId: occupation.id,
      text: title.title,
      type: 'alternate',
      locator: `${SOC_TITLES_FILE}, sheet Sorted by SOC, row ${title.row}`,
      quote: [title.socCode, title.socTitle, title.title, title.illustrative ? 'x' : ''].join('\t'),
    });
  }
  await syncLabels(ctx, 'direct match title labels', desired, {
    entityIds: [...atCode.values()].map((o) => o.id),
    types: ['alternate'],
  });
}
