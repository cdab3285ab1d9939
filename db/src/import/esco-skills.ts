import type { Db } from '../connect.ts';
import {
  type EscoOccupation,
  escoOccupations,
  extraLabels,
  importEscoOccupations,
  iscoGroups,
  lines,
  OCCUPATION_COLUMNS,
} from './esco.ts';
import { ImportFileError, parseDelimited, type Row, RowChecker, readZip } from './read.ts';
import {
  type DesiredEntity,
  type DesiredLabel,
  type ImportContext,
  syncEntities,
  syncLabels,
  syncRelations,
} from './sync.ts';

/**
 * ESCO 1.1.1 as the European Commission publishes it: two zip archives of CSV files (the English
 * classification, and the relations between concepts). The members are read from inside the archives.
 */
export const ESCO_ARCHIVES = {
  classification: {
    name: 'classification-en-csv.zip',
    members: ['occupations_en.csv', 'ISCOGroups_en.csv', 'skills_en.csv', 'skillGroups_en.csv'],
  },
  relations: {
    name: 'relations-csv.zip',
    members: ['occupationSkillRelations.csv', 'broaderRelationsSkillPillar.csv'],
  },
} as const;

const CONCEPT = ['conceptType', 'conceptUri'] as const;
/** The labels, status and note of a skill or skill group, in the order both files have them. */
const LABELLED = ['preferredLabel', 'altLabels', 'hiddenLabels', 'status', 'modifiedDate', 'scopeNote'] as const;

const COLUMNS = {
  // 1.1 added ESCO's hierarchical code to the 1.0 columns
  'occupations_en.csv': [...OCCUPATION_COLUMNS, 'code'],
  'ISCOGroups_en.csv': [
    'conceptType',
    'conceptUri',
    'code',
    'preferredLabel',
    'status',
    'altLabels',
    'inScheme',
    'description',
  ],
  'skills_en.csv': [...CONCEPT, 'skillType', 'reuseLevel', ...LABELLED, 'definition', 'inScheme', 'description'],
  'skillGroups_en.csv': [...CONCEPT, ...LABELLED, 'inScheme', 'description', 'code'],
  'occupationSkillRelations.csv': ['occupationUri', 'relationType', 'skillType', 'skillUri'],
  'broaderRelationsSkillPillar.csv': ['conceptType', 'conceptUri', 'broaderType', 'broaderUri'],
} as const;

type Member = keyof typeof COLUMNS;

const SKILL_URI = /^http:\/\/data\.europa\.eu\/esco\/(skill|isced-f)\/[0-9a-zA-Z-]+$/;
const OCCUPATION_URI = /^http:\/\/data\.europa\.eu\/esco\/occupation\/[0-9a-f-]{36}$/;
const SKILL_TYPES = { 'skill/competence': 'skill', knowledge: 'knowledge' } as const;

export interface EscoSkill {
  uri: string;
  name: string;
  escoType: 'skill' | 'knowledge' | 'skill_group' | null;
  reuseLevel: string | null;
  description: string | null;
  alternate: string[];
  hidden: string[];
  citing: { locator: string; quote: string };
}

/** `relations-csv.zip: occupationSkillRelations.csv`: how errors and citations name a member. */
const memberName = (archive: string, member: string) => `${archive}: ${member}`;

/**
 * Reads both archives whole and checks every record before anything is written: the exact header of each
 * member, URIs of the right kind, known relation and skill types, and that every relation names a skill of
 * the release. Relations whose occupation or broader concept the release does not list (the published files
 * have a few) are left out and counted.
 */
export function readEscoRelease(dir: string) {
  const archives = Object.values(ESCO_ARCHIVES).map((a) => ({ ...a, texts: readZip(`${dir}/${a.name}`, a.members) }));
  const rows = new Map<Member, { file: string; rows: Row[]; check: RowChecker }>();
  for (const archive of archives) {
    for (const member of archive.members) {
      const file = memberName(archive.name, member);
      const text = archive.texts.get(member)!;
      rows.set(member, {
        file,
        rows: parseDelimited(file, text, { delimiter: ',', columns: COLUMNS[member] }),
        check: new RowChecker(file),
      });
    }
  }
  const read = (member: Member) => rows.get(member)!;

  const groups = iscoGroups(read('ISCOGroups_en.csv').file, read('ISCOGroups_en.csv').rows);
  const occupations: EscoOccupation[] = escoOccupations(
    read('occupations_en.csv').file,
    read('occupations_en.csv').rows,
    groups,
  );

  const skills: EscoSkill[] = [];
  const seen = new Set<string>();
  for (const member of ['skillGroups_en.csv', 'skills_en.csv'] as const) {
    const { file, rows: records, check } = read(member);
    for (const row of records) {
      const uri = check.match(row, 'conceptUri', SKILL_URI, 'an ESCO skill URI');
      if (seen.has(uri)) check.fail(row, `${uri} appears twice`);
      seen.add(uri);
      const name = check.text(row, 'preferredLabel');
      let escoType: EscoSkill['escoType'] = 'skill_group';
      if (member === 'skills_en.csv') {
        const type = check.text(row, 'skillType', { optional: true });
        if (type && !(type in SKILL_TYPES)) check.fail(row, `skillType "${type}" is not skill/competence or knowledge`);
        escoType = type ? SKILL_TYPES[type as keyof typeof SKILL_TYPES] : null;
      }
      skills.push({
        uri,
        name,
        escoType,
        reuseLevel: member === 'skills_en.csv' ? check.text(row, 'reuseLevel', { optional: true }) || null : null,
        description: check.text(row, 'description', { optional: true }) || null,
        alternate: lines(row.values.altLabels),
        hidden: lines(row.values.hiddenLabels),
        citing: { locator: `${file}, record at line ${row.line}`, quote: `${name} (${uri})` },
      });
    }
  }

  const occupationUris = new Set(occupations.map((o) => o.uri));
  const skipped: string[] = [];
  const requirements: Array<{
    occupation: string;
    skill: string;
    relationType: 'essential' | 'optional';
    citing: { locator: string; quote: string };
  }> = [];
  {
    const { file, rows: records, check } = read('occupationSkillRelations.csv');
    let unknownOccupation = 0;
    for (const row of records) {
      const occupation = check.match(row, 'occupationUri', OCCUPATION_URI, 'an ESCO occupation URI');
      const skill = check.match(row, 'skillUri', SKILL_URI, 'an ESCO skill URI');
      const relationType = check.oneOf(row, 'relationType', ['essential', 'optional'] as const)!;
      if (!seen.has(skill)) check.fail(row, `${skill} is not in skills_en.csv`);
      if (!occupationUris.has(occupation)) {
        unknownOccupation++;
        continue;
      }
      requirements.push({ occupation, skill, relationType, citing: cite(file, row) });
    }
    if (unknownOccupation)
      skipped.push(`${file}: ${unknownOccupation} relations of occupations occupations_en.csv does not list`);
  }

  const broader: Array<{ narrower: string; broader: string; citing: { locator: string; quote: string } }> = [];
  {
    const { file, rows: records, check } = read('broaderRelationsSkillPillar.csv');
    let unknown = 0;
    for (const row of records) {
      const narrower = check.match(row, 'conceptUri', SKILL_URI, 'an ESCO skill URI');
      const wider = check.match(row, 'broaderUri', SKILL_URI, 'an ESCO skill URI');
      check.oneOf(row, 'conceptType', ['KnowledgeSkillCompetence', 'SkillGroup'] as const);
      check.oneOf(row, 'broaderType', ['KnowledgeSkillCompetence', 'SkillGroup'] as const);
      if (!seen.has(narrower) || !seen.has(wider)) {
        unknown++;
        continue;
      }
      broader.push({ narrower, broader: wider, citing: cite(file, row) });
    }
    if (unknown) skipped.push(`${file}: ${unknown} relations of skill groups skillGroups_en.csv does not list`);
  }
  if (occupations.length === 0) throw new ImportFileError(read('occupations_en.csv').file, 2, 'no occupations');
  return { occupations, skills, requirements, broader, skipped };
}

/**
 * Skills the seed or a curator made (they have no dataset key) named exactly as an ESCO concept's preferred
 * label, where only one concept has that label: joined, not duplicated. They keep their name and category.
 */
async function matchCuratedSkills(db: Db, unmatched: DesiredEntity[]) {
  const byName = new Map<string, string | null>();
  for (const d of unmatched) {
    const name = d.name.toLowerCase();
    byName.set(name, byName.has(name) ? null : d.key);
  }
  const rows = await db
    .selectFrom('entity')
    .select(['id', 'name'])
    .where('kind', '=', 'skill')
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('external_key').select('key').whereRef('external_key.entity_id', '=', 'entity.id')),
      ),
    )
    .execute();
  const matched = new Map<string, string>();
  for (const row of rows) {
    const key = byName.get(row.name.toLowerCase());
    if (key) matched.set(key, row.id);
  }
  return matched;
}

const cite = (file: string, row: Row) => ({
  locator: `${file}, line ${row.line}`,
  quote: Object.values(row.values).join(','),
});

/**
 * Writes a release read by readEscoRelease: occupations (updating those an earlier ESCO release made),
 * skills, knowledge and skill groups with their labels, the skill hierarchy (broader_skill), and each
 * occupation's essential and optional skills (requires_skill, `relationType` in the attributes).
 */
export async function importEscoRelease(ctx: ImportContext, release: ReturnType<typeof readEscoRelease>) {
  ctx.notes.push(...release.skipped);
  const occupationIds = await importEscoOccupations(ctx, release.occupations);
  const skillIds = await syncEntities(
    ctx,
    'esco-skill',
    release.skills.map((s) => ({
      key: s.uri,
      kind: 'skill' as const,
      name: s.name,
      details: {
        category: 'esco',
        escoUri: s.uri,
        escoType: s.escoType,
        reuseLevel: s.reuseLevel,
        description: s.description,
      },
      ...s.citing,
    })),
    { retireMissing: true, match: matchCuratedSkills },
  );
  const labels: DesiredLabel[] = release.skills.flatMap((s) =>
    extraLabels(skillIds.get(s.uri)!, s.name, s.alternate, s.hidden, s.citing),
  );
  const skillList = [...new Set(skillIds.values())];
  await syncLabels(ctx, 'ESCO skill labels', labels, { entityIds: skillList, types: ['alternate', 'hidden'] });
  await syncRelations(
    ctx,
    'broader_skill',
    { from: 'skill', to: 'skill' },
    release.broader.map((b) => ({ fromId: skillIds.get(b.narrower)!, toId: skillIds.get(b.broader)!, ...b.citing })),
    { fromIds: skillList },
  );
  await syncRelations(
    ctx,
    'requires_skill',
    { from: 'occupation', to: 'skill' },
    release.requirements.map((r) => ({
      fromId: occupationIds.get(r.occupation)!,
      toId: skillIds.get(r.skill)!,
      attributes: { relationType: r.relationType },
      ...r.citing,
    })),
    { fromIds: [...new Set(occupationIds.values())] },
  );
}
