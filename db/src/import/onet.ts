import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Db } from '../connect.ts';
import type { EntityKind } from '../model.ts';
import { ImportFileError, locate, ONET_SOC, type Row, RowChecker, readDelimited } from './read.ts';
import {
  type DesiredEntity,
  type DesiredLabel,
  type DesiredRelation,
  type ImportContext,
  syncEntities,
  syncLabels,
  syncRelations,
} from './sync.ts';

/**
 * The O*NET database, as published (tab-separated text, one header row). Releases from 27.0 on are read;
 * 29.3 added a Title column to most files, and writes empty cells where 27.0 wrote n/a.
 */
const FILES = {
  occupations: { name: 'Occupation Data.txt', headers: [['O*NET-SOC Code', 'Title', 'Description']] },
  jobZones: {
    name: 'Job Zones.txt',
    headers: [
      ['O*NET-SOC Code', 'Title', 'Job Zone', 'Date', 'Domain Source'],
      ['O*NET-SOC Code', 'Job Zone', 'Date', 'Domain Source'],
    ],
  },
  alternateTitles: {
    name: 'Alternate Titles.txt',
    headers: [
      ['O*NET-SOC Code', 'Title', 'Alternate Title', 'Short Title', 'Source(s)'],
      ['O*NET-SOC Code', 'Alternate Title', 'Short Title', 'Source(s)'],
    ],
  },
  reportedTitles: {
    name: 'Sample of Reported Titles.txt',
    headers: [
      ['O*NET-SOC Code', 'Title', 'Reported Job Title', 'Shown in My Next Move'],
      ['O*NET-SOC Code', 'Reported Job Title', 'Shown in My Next Move'],
    ],
  },
  tasks: {
    name: 'Task Statements.txt',
    headers: [
      ['O*NET-SOC Code', 'Title', 'Task ID', 'Task', 'Task Type', 'Incumbents Responding', 'Date', 'Domain Source'],
      ['O*NET-SOC Code', 'Task ID', 'Task', 'Task Type', 'Incumbents Responding', 'Date', 'Domain Source'],
    ],
  },
  skills: { name: 'Skills.txt', headers: [ratingHeader(true)] },
  knowledge: { name: 'Knowledge.txt', headers: [ratingHeader(true)] },
  education: {
    name: 'Education, Training, and Experience.txt',
    headers: [
      [
        'O*NET-SOC Code',
        'Title',
        'Element ID',
        'Element Name',
        'Scale ID',
        'Scale Name',
        'Category',
        'Data Value',
        'N',
        'Standard Error',
        'Lower CI Bound',
        'Upper CI Bound',
        'Recommend Suppress',
        'Date',
        'Domain Source',
      ],
      [
        'O*NET-SOC Code',
        'Element ID',
        'Element Name',
        'Scale ID',
        'Category',
        'Data Value',
        'N',
        'Standard Error',
        'Lower CI Bound',
        'Upper CI Bound',
        'Recommend Suppress',
        'Date',
        'Domain Source',
      ],
    ],
  },
  educationCategories: {
    name: 'Education, Training, and Experience Categories.txt',
    headers: [
      ['Element ID', 'Element Name', 'Scale ID', 'Scale Name', 'Category', 'Category Description'],
      ['Element ID', 'Element Name', 'Scale ID', 'Category', 'Category Description'],
    ],
  },
  related: {
    name: 'Related Occupations.txt',
    headers: [
      ['O*NET-SOC Code', 'Title', 'Related O*NET-SOC Code', 'Related Title', 'Relatedness Tier', 'Index'],
      ['O*NET-SOC Code', 'Related O*NET-SOC Code', 'Relatedness Tier', 'Index'],
    ],
  },
  technology: {
    name: 'Technology Skills.txt',
    headers: [
      ['O*NET-SOC Code', 'Title', 'Example', 'Commodity Code', 'Commodity Title', 'Hot Technology', 'In Demand'],
      ['O*NET-SOC Code', 'Example', 'Commodity Code', 'Commodity Title', 'Hot Technology'],
    ],
  },
  contentModel: { name: 'Content Model Reference.txt', headers: [['Element ID', 'Element Name', 'Description']] },
} as const;

function ratingHeader(withTitle: boolean) {
  return [
    'O*NET-SOC Code',
    ...(withTitle ? ['Title'] : []),
    'Element ID',
    'Element Name',
    'Scale ID',
    'Scale Name',
    'Data Value',
    'N',
    'Standard Error',
    'Lower CI Bound',
    'Upper CI Bound',
    'Recommend Suppress',
    'Not Relevant',
    'Date',
    'Domain Source',
  ];
}

type FileKey = keyof typeof FILES;
/** Files an O*NET import needs; the others are read when present. */
const REQUIRED: FileKey[] = ['occupations', 'alternateTitles'];

interface File {
  name: string;
  rows: Row[];
  check: RowChecker;
}

/** Reads a file with whichever published header it has. */
function readOnet(dir: string, key: FileKey): File | undefined {
  const spec = FILES[key];
  let path: string;
  try {
    path = locate(dir, spec.name);
  } catch (error) {
    if (REQUIRED.includes(key)) throw error;
    return undefined;
  }
  let lastError: unknown;
  for (const columns of spec.headers) {
    try {
      return {
        name: spec.name,
        rows: readDelimited(path, { delimiter: '\t', columns }),
        check: new RowChecker(spec.name),
      };
    } catch (error) {
      lastError = error;
      // only a header mismatch is worth trying the other release's header for
      if (!(error instanceof ImportFileError && error.line === 1 && error.reason.startsWith('unexpected header')))
        throw error;
    }
  }
  throw lastError;
}

/** The release named in the folder's "Read Me.txt" ("O*NET 29.3 Database"). */
export function onetRelease(dir: string): { version: string; published: string | null } {
  for (const name of ['Read Me.txt', 'Read Me.txt.gz']) {
    const path = `${dir}/${name}`;
    if (!existsSync(path)) continue;
    const bytes = readFileSync(path);
    const text = (name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
    const version = /O\*NET ([\d.]+) Database/.exec(text)?.[1];
    const month =
      /(January|February|March|April|May|June|July|August|September|October|November|December) (\d{4}) Release/.exec(
        text,
      );
    if (version) {
      const published = month
        ? `${month[2]}-${String(new Date(`${month[1]} 1, 2000`).getMonth() + 1).padStart(2, '0')}-01`
        : null;
      return { version, published };
    }
  }
  throw new ImportFileError('Read Me.txt', 0, 'no "O*NET <version> Database" line found: which release is this?');
}

const quoteOf = (row: Row) => Object.values(row.values).join('\t');
const cite = (file: File, row: Row) => ({ locator: `${file.name}, line ${row.line}`, quote: quoteOf(row) });
export const titleKey = (title: string) => title.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

const EDUCATION_TYPES: Record<number, string> = {
  1: 'education_level',
  2: 'diploma',
  3: 'certificate',
  4: 'education_level',
  5: 'degree',
  6: 'degree',
  7: 'certificate',
  8: 'degree',
  9: 'certificate',
  10: 'degree',
  11: 'degree',
  12: 'education_level',
};

/** Everything an O*NET release states, read and checked before anything is written. */
export function readOnetRelease(dir: string) {
  const files = Object.fromEntries((Object.keys(FILES) as FileKey[]).map((key) => [key, readOnet(dir, key)])) as Record<
    FileKey,
    File | undefined
  >;
  const occupations = files.occupations!;
  const codes = new Set<string>();
  const elementDescriptions = new Map<string, string>();
  for (const row of files.contentModel?.rows ?? []) {
    elementDescriptions.set(row.values['Element ID'], row.values.Description);
  }
  const jobZones = new Map<string, number>();
  for (const row of files.jobZones?.rows ?? []) {
    const code = files.jobZones!.check.match(row, 'O*NET-SOC Code', ONET_SOC, 'an O*NET-SOC code');
    const zone = files.jobZones!.check.number(row, 'Job Zone')!;
    if (!Number.isInteger(zone) || zone < 1 || zone > 5) files.jobZones!.check.fail(row, `Job Zone ${zone} is not 1-5`);
    jobZones.set(code, zone);
  }
  const occupationEntities: DesiredEntity[] = occupations.rows.map((row) => {
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
  const knownCode = (file: File, row: Row, column = 'O*NET-SOC Code') => {
    const code = file.check.match(row, column, ONET_SOC, 'an O*NET-SOC code');
    if (!codes.has(code)) file.check.fail(row, `${code} is not in Occupation Data.txt`);
    return code;
  };

  // Alternate titles: one entity per distinct title text, linked to every occupation that uses it.
  const titles = new Map<string, DesiredEntity>();
  const titleLinks: Array<{
    code: string;
    title: string;
    attributes: Record<string, unknown>;
    citing: ReturnType<typeof cite>;
  }> = [];
  const alt = files.alternateTitles!;
  for (const row of alt.rows) {
    const code = knownCode(alt, row);
    const text = alt.check.text(row, 'Alternate Title');
    const short = alt.check.text(row, 'Short Title', { optional: true });
    const shortTitle = short && short.toLowerCase() !== 'n/a' ? short : null;
    const key = titleKey(text);
    if (!titles.has(key)) {
      titles.set(key, { key, kind: 'alternate_title', name: text, details: { shortTitle }, ...cite(alt, row) });
    }
    titleLinks.push({
      code,
      title: key,
      attributes: {
        ...(shortTitle ? { shortTitle } : {}),
        sources: alt.check.text(row, 'Source(s)', { optional: true }),
      },
      citing: cite(alt, row),
    });
  }

  const reported = (files.reportedTitles?.rows ?? []).map((row) => ({
    code: knownCode(files.reportedTitles!, row),
    text: files.reportedTitles!.check.text(row, 'Reported Job Title'),
    citing: cite(files.reportedTitles!, row),
  }));

  const tasks = new Map<string, DesiredEntity>();
  const taskLinks: Array<{
    code: string;
    task: string;
    attributes: Record<string, unknown>;
    citing: ReturnType<typeof cite>;
  }> = [];
  for (const row of files.tasks?.rows ?? []) {
    const file = files.tasks!;
    const code = knownCode(file, row);
    const id = file.check.match(row, 'Task ID', /^\d+$/, 'a task ID');
    const taskType = file.check.text(row, 'Task Type', { optional: true });
    if (!tasks.has(id)) {
      tasks.set(id, {
        key: id,
        kind: 'task',
        name: file.check.text(row, 'Task'),
        details: { onetTaskId: Number(id), taskType: taskType && taskType !== 'n/a' ? taskType : null },
        ...cite(file, row),
      });
    }
    taskLinks.push({
      code,
      task: id,
      attributes: {
        taskType: taskType || null,
        incumbentsResponding: file.check.number(row, 'Incumbents Responding', { optional: true }),
      },
      citing: cite(file, row),
    });
  }

  // Skills and knowledge: rated on importance (IM) and level (LV); one relation holds both.
  const elements = new Map<string, DesiredEntity>();
  const ratings = new Map<
    string,
    { code: string; element: string; attributes: Record<string, unknown>; citing: ReturnType<typeof cite> }
  >();
  for (const [key, category] of [
    ['skills', 'skill'],
    ['knowledge', 'knowledge'],
  ] as const) {
    const file = files[key];
    for (const row of file?.rows ?? []) {
      const code = knownCode(file!, row);
      const elementId = file!.check.match(row, 'Element ID', /^[\d.A-Za-z]+$/, 'an element ID');
      const scale = file!.check.oneOf(row, 'Scale ID', ['IM', 'LV'] as const)!;
      if (!elements.has(elementId)) {
        elements.set(elementId, {
          key: elementId,
          kind: 'skill',
          name: file!.check.text(row, 'Element Name'),
          details: { category, elementId, description: elementDescriptions.get(elementId) ?? null },
          ...cite(file!, row),
        });
      }
      const link = ratings.get(`${code}|${elementId}`) ?? {
        code,
        element: elementId,
        attributes: { category },
        citing: cite(file!, row),
      };
      const prefix = scale === 'IM' ? 'importance' : 'level';
      link.attributes[prefix] = file!.check.number(row, 'Data Value');
      link.attributes[`${prefix}N`] = file!.check.number(row, 'N', { optional: true });
      link.attributes[`${prefix}StandardError`] = file!.check.number(row, 'Standard Error', { optional: true });
      link.attributes[`${prefix}Suppress`] =
        file!.check.oneOf(row, 'Recommend Suppress', ['Y', 'N'] as const, { optional: true }) === 'Y';
      if (scale === 'LV') {
        link.attributes.notRelevant =
          file!.check.oneOf(row, 'Not Relevant', ['Y', 'N'] as const, { optional: true }) === 'Y';
      }
      link.attributes.date = file!.check.text(row, 'Date', { optional: true }) || null;
      ratings.set(`${code}|${elementId}`, link);
    }
  }

  // Education: the share of workers at each level of the twelve O*NET categories.
  const educationNames = new Map<number, { name: string; description: string }>();
  for (const row of files.educationCategories?.rows ?? []) {
    if (row.values['Scale ID'] !== 'RL') continue;
    const category = Number(row.values.Category);
    const text = row.values['Category Description'].trim();
    const [name] = text.split(/ - |\(/);
    educationNames.set(category, { name: name.trim(), description: text });
  }
  const educationLevels = new Map<string, DesiredEntity>();
  const educationShares = new Map<
    string,
    Array<{ category: number; percent: number; citing: ReturnType<typeof cite> }>
  >();
  for (const row of files.education?.rows ?? []) {
    if (row.values['Scale ID'] !== 'RL') continue;
    const file = files.education!;
    const code = knownCode(file, row);
    const category = file.check.number(row, 'Category')!;
    if (!Number.isInteger(category) || category < 1 || category > 12)
      file.check.fail(row, `Category ${category} is not 1-12`);
    const percent = file.check.number(row, 'Data Value')!;
    const named =
      educationNames.get(category) ??
      file.check.fail(row, `education category ${category} is not described in the categories file`);
    educationLevels.set(String(category), {
      key: String(category),
      kind: 'credential',
      name: named.name,
      details: { credentialType: EDUCATION_TYPES[category], description: named.description },
      ...cite(file, row),
    });
    const list = educationShares.get(code) ?? [];
    list.push({ category, percent, citing: cite(file, row) });
    educationShares.set(code, list);
  }

  const related = (files.related?.rows ?? []).map((row) => {
    const file = files.related!;
    const index = file.check.number(row, 'Index')!;
    return {
      code: knownCode(file, row),
      relatedCode: knownCode(file, row, 'Related O*NET-SOC Code'),
      attributes: { tier: file.check.text(row, 'Relatedness Tier'), index },
      citing: cite(file, row),
    };
  });

  const technologies = new Map<string, DesiredEntity>();
  const technologyLinks = new Map<
    string,
    { code: string; technology: string; attributes: Record<string, unknown>; citing: ReturnType<typeof cite> }
  >();
  for (const row of files.technology?.rows ?? []) {
    const file = files.technology!;
    const code = knownCode(file, row);
    const example = file.check.text(row, 'Example');
    const key = titleKey(example);
    if (!technologies.has(key)) {
      technologies.set(key, {
        key,
        kind: 'skill',
        name: example,
        details: { category: 'technology', description: file.check.text(row, 'Commodity Title') },
        ...cite(file, row),
      });
    }
    technologyLinks.set(`${code}|${key}`, {
      code,
      technology: key,
      attributes: {
        category: 'technology',
        commodityCode: file.check.text(row, 'Commodity Code'),
        commodityTitle: file.check.text(row, 'Commodity Title'),
        hotTechnology: file.check.oneOf(row, 'Hot Technology', ['Y', 'N'] as const) === 'Y',
        inDemand:
          row.values['In Demand'] === undefined
            ? null
            : file.check.oneOf(row, 'In Demand', ['Y', 'N'] as const) === 'Y',
      },
      citing: cite(file, row),
    });
  }

  return {
    files,
    occupationEntities,
    titles: [...titles.values()],
    titleLinks,
    reported,
    tasks: [...tasks.values()],
    taskLinks,
    elements: [...elements.values()],
    ratings: [...ratings.values()],
    educationLevels: [...educationLevels.values()],
    educationShares,
    related,
    technologies: [...technologies.values()],
    technologyLinks: [...technologyLinks.values()],
  };
}

/** Occupations made before O*NET was imported (the seed's), matched on their O*NET-SOC code. */
async function matchOccupations(db: Db, unmatched: DesiredEntity[]) {
  const rows = await db
    .selectFrom('occupation')
    .select(['entity_id', 'onet_soc_code'])
    .where(
      'onet_soc_code',
      'in',
      unmatched.map((u) => u.key),
    )
    .execute();
  return new Map(rows.map((r) => [r.onet_soc_code!, r.entity_id]));
}

/** Entities of a kind made before the import, matched on their name (ignoring case and spacing). */
function matchByName(kind: EntityKind) {
  return async (db: Db, unmatched: DesiredEntity[]) => {
    const wanted = new Set(unmatched.map((u) => u.key));
    const rows = await db
      .selectFrom('entity')
      .select(['id', 'name'])
      .where('kind', '=', kind)
      .where((eb) =>
        eb.not(
          eb.exists(eb.selectFrom('external_key').select('key').whereRef('external_key.entity_id', '=', 'entity.id')),
        ),
      )
      .execute();
    const map = new Map<string, string>();
    for (const row of rows) if (wanted.has(titleKey(row.name))) map.set(titleKey(row.name), row.id);
    return map;
  };
}

/** Writes a release read by readOnetRelease, step by step (each step idempotent). */
export async function importOnetRelease(ctx: ImportContext, release: ReturnType<typeof readOnetRelease>) {
  const occupationIds = await syncEntities(ctx, 'onet-soc', release.occupationEntities, {
    match: matchOccupations,
    retireMissing: true,
  });
  const occupationList = [...new Set(release.occupationEntities.map((o) => occupationIds.get(o.key)!))];
  const id = (code: string) => occupationIds.get(code)!;

  // A curated occupation keeps its name; the O*NET title joins its labels.
  const curated = await ctx.db
    .selectFrom('external_key')
    .select(['key', 'entity_id'])
    .where('namespace', '=', 'onet-soc')
    .where('managed', '=', false)
    .execute();
  const occupationByCode = new Map(release.occupationEntities.map((o) => [o.key, o]));
  const officialTitles: DesiredLabel[] = curated
    .filter((c) => occupationByCode.has(c.key))
    .map((c) => {
      const o = occupationByCode.get(c.key)!;
      return { entityId: c.entity_id, text: o.name, type: 'alternate', locator: o.locator, quote: o.quote };
    });

  const titleIds = await syncEntities(ctx, 'onet-title', release.titles, { match: matchByName('alternate_title') });
  await syncRelations(
    ctx,
    'has_title',
    { from: 'occupation', to: 'alternate_title' },
    release.titleLinks.map((l) => ({
      fromId: id(l.code),
      toId: titleIds.get(l.title)!,
      attributes: l.attributes,
      ...l.citing,
    })),
    { fromIds: occupationList },
  );
  await syncLabels(
    ctx,
    'occupation labels',
    [
      ...officialTitles,
      ...release.reported.map((r) => ({ entityId: id(r.code), text: r.text, type: 'reported' as const, ...r.citing })),
    ],
    { entityIds: occupationList, types: ['reported', 'alternate'] },
  );

  if (release.files.tasks) {
    const taskIds = await syncEntities(ctx, 'onet-task', release.tasks, { retireMissing: true });
    await syncRelations(
      ctx,
      'performs_task',
      { from: 'occupation', to: 'task' },
      release.taskLinks.map((l) => ({
        fromId: id(l.code),
        toId: taskIds.get(l.task)!,
        attributes: l.attributes,
        ...l.citing,
      })),
      { fromIds: occupationList },
    );
  }
  if (release.files.skills || release.files.knowledge) {
    const elementIds = await syncEntities(ctx, 'onet-element', release.elements);
    await syncRelations(
      ctx,
      'requires_skill',
      { from: 'occupation', to: 'skill' },
      [
        ...release.ratings.map((r) => ({
          fromId: id(r.code),
          toId: elementIds.get(r.element)!,
          attributes: r.attributes,
          ...r.citing,
        })),
        ...(await technologyRelations(ctx, release, id)),
      ],
      { fromIds: occupationList },
    );
  } else if (release.files.technology) {
    await syncRelations(
      ctx,
      'requires_skill',
      { from: 'occupation', to: 'skill' },
      await technologyRelations(ctx, release, id),
      {
        fromIds: occupationList,
      },
    );
  }
  if (release.files.education) {
    const levelIds = await syncEntities(ctx, 'onet-education', release.educationLevels);
    const desired: DesiredRelation[] = [];
    for (const [code, shares] of release.educationShares) {
      const typical = shares.reduce((best, s) => (s.percent > best.percent ? s : best), shares[0]);
      for (const share of shares) {
        if (share.percent <= 0) continue;
        desired.push({
          fromId: id(code),
          toId: levelIds.get(String(share.category))!,
          attributes: {
            source: 'onet-education',
            category: share.category,
            percentOfRespondents: share.percent,
            required: share === typical ? 'typical' : 'reported',
          },
          ...share.citing,
        });
      }
    }
    await syncRelations(ctx, 'requires_credential', { from: 'occupation', to: 'credential' }, desired, {
      fromIds: occupationList,
    });
  }
  if (release.files.related) {
    await syncRelations(
      ctx,
      'related_to',
      { from: 'occupation', to: 'occupation' },
      release.related.map((r) => ({
        fromId: id(r.code),
        toId: id(r.relatedCode),
        attributes: r.attributes,
        ...r.citing,
      })),
      { fromIds: occupationList },
    );
  }
}

async function technologyRelations(
  ctx: ImportContext,
  release: ReturnType<typeof readOnetRelease>,
  id: (code: string) => string,
): Promise<DesiredRelation[]> {
  if (!release.files.technology) return [];
  const technologyIds = await syncEntities(ctx, 'onet-technology', release.technologies);
  return release.technologyLinks.map((l) => ({
    fromId: id(l.code),
    toId: technologyIds.get(l.technology)!,
    attributes: l.attributes,
    ...l.citing,
  }));
}
