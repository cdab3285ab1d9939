import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { REFERENCE_DATA } from './reference-data.ts';

export const ESCO_1_1_1 = join(REFERENCE_DATA, 'esco_1_1_1');
const CLASSIFICATION = 'classification-en-csv.zip';
const RELATIONS = 'relations-csv.zip';

export interface CsvMember {
  header: string;
  /** Each record as published (its raw text, line breaks inside quotes kept) and its fields by column. */
  records: Array<{ raw: string; values: Record<string, string> }>;
}

const parsed = new Map<string, CsvMember>();

/** A member of a published ESCO zip, parsed plainly with csv-parse (independent of the importer). */
export function escoMember(archive: string, member: string, dir = ESCO_1_1_1): CsvMember {
  const key = join(dir, archive, member);
  const cached = parsed.get(key);
  if (cached) return cached;
  const read = parseMember(archive, member, dir);
  // the published files do not change; slices are read once each
  if (dir === ESCO_1_1_1) parsed.set(key, read);
  return read;
}

function parseMember(archive: string, member: string, dir: string): CsvMember {
  const text = strFromU8(unzipSync(readFileSync(join(dir, archive)), { filter: (f) => f.name === member })[member]);
  if (!text.includes('"')) {
    // the relation files quote nothing: one record a line
    const [head, ...body] = text.split(/\r?\n/).filter(Boolean);
    const columns = head.split(',');
    return {
      header: head,
      records: body.map((raw) => {
        const cells = raw.split(',');
        return { raw, values: Object.fromEntries(columns.map((c, i) => [c, cells[i]])) };
      }),
    };
  }
  const rows = parse(text, { raw: true, columns: false, bom: true }) as unknown as Array<{
    raw: string;
    record: string[];
  }>;
  const [head, ...body] = rows;
  return {
    header: head.raw.replace(/[\r\n]+$/, ''),
    records: body.map((r) => ({
      raw: r.raw.replace(/[\r\n]+$/, ''),
      values: Object.fromEntries(head.record.map((c, i) => [c, r.record[i]])),
    })),
  };
}

const write = (m: CsvMember, keep: (values: Record<string, string>) => boolean) =>
  strToU8(`${[m.header, ...m.records.filter((r) => keep(r.values)).map((r) => r.raw)].join('\r\n')}\r\n`);

/**
 * A small ESCO 1.1.1 release in the published form: the two zips, holding the given ISCO-08 unit groups'
 * occupations, their skill relations, the skills those name, the skill groups above them, every ISCO group,
 * and the broader relations among what is kept. Returns the folder; `edit` may change a member's text first.
 */
export function escoSlice(iscoGroups: readonly string[], edit?: (member: string, text: string) => string) {
  const dir = mkdtempSync(join(tmpdir(), 'esco-1.1.1-'));
  mkdirSync(dir, { recursive: true });
  const occupations = escoMember(CLASSIFICATION, 'occupations_en.csv');
  const kept = new Set(
    occupations.records.filter((r) => iscoGroups.includes(r.values.iscoGroup)).map((r) => r.values.conceptUri),
  );
  const relations = escoMember(RELATIONS, 'occupationSkillRelations.csv');
  const skillUris = new Set(
    relations.records.filter((r) => kept.has(r.values.occupationUri)).map((r) => r.values.skillUri),
  );
  // the skill groups above those skills, level by level
  const broader = escoMember(RELATIONS, 'broaderRelationsSkillPillar.csv');
  const concepts = new Set(skillUris);
  for (let size = -1; size !== concepts.size; ) {
    size = concepts.size;
    for (const r of broader.records) {
      if (concepts.has(r.values.conceptUri) && r.values.broaderType === 'SkillGroup') concepts.add(r.values.broaderUri);
    }
  }
  const groups = escoMember(CLASSIFICATION, 'skillGroups_en.csv');
  const members: Record<string, Record<string, Uint8Array>> = {
    [CLASSIFICATION]: {
      'occupations_en.csv': write(occupations, (v) => kept.has(v.conceptUri)),
      'ISCOGroups_en.csv': write(escoMember(CLASSIFICATION, 'ISCOGroups_en.csv'), () => true),
      'skills_en.csv': write(escoMember(CLASSIFICATION, 'skills_en.csv'), (v) => skillUris.has(v.conceptUri)),
      'skillGroups_en.csv': write(groups, (v) => concepts.has(v.conceptUri)),
    },
    [RELATIONS]: {
      'occupationSkillRelations.csv': write(relations, (v) => kept.has(v.occupationUri)),
      'broaderRelationsSkillPillar.csv': write(
        broader,
        (v) => concepts.has(v.conceptUri) && concepts.has(v.broaderUri),
      ),
    },
  };
  for (const [archive, files] of Object.entries(members)) {
    if (edit) {
      for (const [name, bytes] of Object.entries(files)) files[name] = strToU8(edit(name, strFromU8(bytes)));
    }
    writeFileSync(join(dir, archive), zipSync(files, { level: 6 }));
  }
  return dir;
}

/** An ESCO 1.0 export (shared/data/esco) of the given occupations, as published. */
export function esco10Slice(uris: Set<string>) {
  const dir = mkdtempSync(join(tmpdir(), 'esco-1.0-'));
  const text = readFileSync(join(REFERENCE_DATA, 'esco', 'occupations_en.csv'), 'utf8');
  const rows = parse(text, { raw: true, bom: true }) as unknown as Array<{ raw: string; record: string[] }>;
  const kept = rows.filter((r, i) => i === 0 || uris.has(r.record[1])).map((r) => r.raw.replace(/[\r\n]+$/, ''));
  writeFileSync(join(dir, 'occupations_en.csv'), `${kept.join('\n')}\n`);
  writeFileSync(join(dir, 'ISCOGroups_en.csv'), readFileSync(join(REFERENCE_DATA, 'esco', 'ISCOGroups_en.csv')));
  return dir;
}

/**
 * O*NET 29.3's occupations alone (Occupation Data, no titles or ratings): enough for links to land on every
 * current O*NET-SOC code, and quick to import.
 */
export function onetOccupationsOnly() {
  const dir = mkdtempSync(join(tmpdir(), 'onet-occupations-'));
  for (const name of ['Read Me.txt', 'Occupation Data.txt'])
    writeFileSync(join(dir, name), readFileSync(join(REFERENCE_DATA, 'onet', name)));
  const titles = readFileSync(join(REFERENCE_DATA, 'onet', 'Alternate Titles.txt'), 'utf8');
  writeFileSync(join(dir, 'Alternate Titles.txt'), `${titles.slice(0, titles.indexOf('\n'))}\n`);
  return dir;
}
