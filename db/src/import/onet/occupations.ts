import { ONET_SOC, type Row } from '../read.ts';
import type { DesiredEntity } from '../sync.ts';
import { cite, type OnetFile, type OnetFiles, type OnetLink, titleKey } from './files.ts';

/** Checks that a row names an occupation of the release (in `column`), and returns its O*NET-SOC code. */
export type KnownCode = (file: OnetFile, row: Row, column?: string) => string;

/** Occupations (Occupation Data.txt, with their job zones from Job Zones.txt), and a check for the other files. */
export function readOccupations(files: OnetFiles) {
  const occupations = files.occupations!;
  const jobZones = readJobZones(files.jobZones);
  const codes = new Set<string>();
  const entities: DesiredEntity[] = occupations.rows.map((row) => {
    const code = occupations.check.match(row, 'O*NET-SOC Code', ONET_SOC, 'an O*NET-SOC code like 29-2072.00');
    if (codes.has(code)) occupations.check.fail(row, `${code} appears twice`);
    codes.add(code);
    return {
      key: code,
      kind: 'occupation',
      name: occupations.check.text(row, 'Title'),
      details: {
        socCode: code.slice(0, 7),
        onetSocCode: code,
        description: occupations.check.text(row, 'Description', { optional: true }) || null,
        jobZone: jobZones.get(code) ?? null,
      },
      ...cite(occupations, row),
    };
  });
  const knownCode: KnownCode = (file, row, column = 'O*NET-SOC Code') => {
    const code = file.check.match(row, column, ONET_SOC, 'an O*NET-SOC code');
    if (!codes.has(code)) file.check.fail(row, `${code} is not in Occupation Data.txt`);
    return code;
  };
  return { entities, knownCode };
}

function readJobZones(file: OnetFile | undefined) {
  const jobZones = new Map<string, number>();
  for (const row of file?.rows ?? []) {
    const code = file!.check.match(row, 'O*NET-SOC Code', ONET_SOC, 'an O*NET-SOC code');
    const zone = file!.check.number(row, 'Job Zone')!;
    if (!Number.isInteger(zone) || zone < 1 || zone > 5) file!.check.fail(row, `Job Zone ${zone} is not 1-5`);
    jobZones.set(code, zone);
  }
  return jobZones;
}

/** Alternate titles: one entity per distinct title text, linked to every occupation that uses it. */
export function readAlternateTitles(file: OnetFile, knownCode: KnownCode) {
  const titles = new Map<string, DesiredEntity>();
  const links: OnetLink[] = [];
  for (const row of file.rows) {
    const code = knownCode(file, row);
    const text = file.check.text(row, 'Alternate Title');
    const short = file.check.text(row, 'Short Title', { optional: true });
    const shortTitle = short && short.toLowerCase() !== 'n/a' ? short : null;
    const key = titleKey(text);
    if (!titles.has(key)) {
      titles.set(key, { key, kind: 'alternate_title', name: text, details: { shortTitle }, ...cite(file, row) });
    }
    const sources = file.check.text(row, 'Source(s)', { optional: true });
    links.push({
      code,
      target: key,
      attributes: { ...(shortTitle ? { shortTitle } : {}), sources },
      citing: cite(file, row),
    });
  }
  return { titles: [...titles.values()], links };
}

/** Titles workers reported, which become labels of their occupation. */
export function readReportedTitles(file: OnetFile | undefined, knownCode: KnownCode) {
  return (file?.rows ?? []).map((row) => ({
    code: knownCode(file!, row),
    text: file!.check.text(row, 'Reported Job Title'),
    citing: cite(file!, row),
  }));
}

/** Task statements: one entity per task ID, linked to the occupation that performs it. */
export function readTasks(file: OnetFile | undefined, knownCode: KnownCode) {
  const tasks = new Map<string, DesiredEntity>();
  const links: OnetLink[] = [];
  for (const row of file?.rows ?? []) {
    const code = knownCode(file!, row);
    const id = file!.check.match(row, 'Task ID', /^\d+$/, 'a task ID');
    const taskType = file!.check.text(row, 'Task Type', { optional: true });
    if (!tasks.has(id)) {
      tasks.set(id, {
        key: id,
        kind: 'task',
        name: file!.check.text(row, 'Task'),
        details: { onetTaskId: Number(id), taskType: taskType && taskType !== 'n/a' ? taskType : null },
        ...cite(file!, row),
      });
    }
    const incumbentsResponding = file!.check.number(row, 'Incumbents Responding', { optional: true });
    links.push({
      code,
      target: id,
      attributes: { taskType: taskType || null, incumbentsResponding },
      citing: cite(file!, row),
    });
  }
  return { tasks: [...tasks.values()], links };
}

/** Related occupations, with their tier and index. */
export function readRelated(file: OnetFile | undefined, knownCode: KnownCode): OnetLink[] {
  return (file?.rows ?? []).map((row) => {
    const index = file!.check.number(row, 'Index')!;
    return {
      code: knownCode(file!, row),
      target: knownCode(file!, row, 'Related O*NET-SOC Code'),
      attributes: { tier: file!.check.text(row, 'Relatedness Tier'), index },
      citing: cite(file!, row),
    };
  });
}
