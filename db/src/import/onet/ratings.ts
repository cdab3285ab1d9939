import type { DesiredEntity } from '../sync.ts';
import { type Citing, cite, type OnetFile, type OnetFiles, type OnetLink, titleKey } from './files.ts';
import type { KnownCode } from './occupations.ts';

const YES_NO = ['Y', 'N'] as const;

/** Skills and knowledge: rated on importance (IM) and level (LV); one link holds both. */
export function readRatings(files: OnetFiles, knownCode: KnownCode) {
  const descriptions = new Map<string, string>();
  for (const row of files.contentModel?.rows ?? []) descriptions.set(row.values['Element ID'], row.values.Description);
  const elements = new Map<string, DesiredEntity>();
  const ratings = new Map<string, OnetLink>();
  for (const [file, category] of [
    [files.skills, 'skill'],
    [files.knowledge, 'knowledge'],
  ] as const) {
    for (const row of file?.rows ?? []) {
      const { check } = file!;
      const code = knownCode(file!, row);
      const elementId = check.match(row, 'Element ID', /^[\d.A-Za-z]+$/, 'an element ID');
      const scale = check.oneOf(row, 'Scale ID', ['IM', 'LV'] as const)!;
      if (!elements.has(elementId)) {
        elements.set(elementId, {
          key: elementId,
          kind: 'skill',
          name: check.text(row, 'Element Name'),
          details: { category, elementId, description: descriptions.get(elementId) ?? null },
          ...cite(file!, row),
        });
      }
      const link = ratings.get(`${code}|${elementId}`) ?? {
        code,
        target: elementId,
        attributes: { category },
        citing: cite(file!, row),
      };
      const prefix = scale === 'IM' ? 'importance' : 'level';
      link.attributes[prefix] = check.number(row, 'Data Value');
      link.attributes[`${prefix}N`] = check.number(row, 'N', { optional: true });
      link.attributes[`${prefix}StandardError`] = check.number(row, 'Standard Error', { optional: true });
      link.attributes[`${prefix}Suppress`] = check.oneOf(row, 'Recommend Suppress', YES_NO, { optional: true }) === 'Y';
      if (scale === 'LV') {
        link.attributes.notRelevant = check.oneOf(row, 'Not Relevant', YES_NO, { optional: true }) === 'Y';
      }
      link.attributes.date = check.text(row, 'Date', { optional: true }) || null;
      ratings.set(`${code}|${elementId}`, link);
    }
  }
  return { elements: [...elements.values()], ratings: [...ratings.values()] };
}

/** What each of the twelve O*NET education categories is, as a credential. */
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

/** Education: the share of workers at each level of the twelve O*NET categories, by occupation. */
export function readEducation(files: OnetFiles, knownCode: KnownCode) {
  const names = new Map<number, { name: string; description: string }>();
  for (const row of files.educationCategories?.rows ?? []) {
    if (row.values['Scale ID'] !== 'RL') continue;
    const text = row.values['Category Description'].trim();
    const [name] = text.split(/ - |\(/);
    names.set(Number(row.values.Category), { name: name.trim(), description: text });
  }
  const levels = new Map<string, DesiredEntity>();
  const shares = new Map<string, Array<{ category: number; percent: number; citing: Citing }>>();
  const file = files.education;
  for (const row of file?.rows ?? []) {
    if (row.values['Scale ID'] !== 'RL') continue;
    const { check } = file!;
    const code = knownCode(file!, row);
    const category = check.number(row, 'Category')!;
    if (!Number.isInteger(category) || category < 1 || category > 12)
      check.fail(row, `Category ${category} is not 1-12`);
    const percent = check.number(row, 'Data Value')!;
    const named =
      names.get(category) ?? check.fail(row, `education category ${category} is not described in the categories file`);
    levels.set(String(category), {
      key: String(category),
      kind: 'credential',
      name: named.name,
      details: { credentialType: EDUCATION_TYPES[category], description: named.description },
      ...cite(file!, row),
    });
    const list = shares.get(code) ?? [];
    list.push({ category, percent, citing: cite(file!, row) });
    shares.set(code, list);
  }
  return { levels: [...levels.values()], shares };
}

/** Technology skills: one skill per distinct example, linked to the occupations that use it. */
export function readTechnology(file: OnetFile | undefined, knownCode: KnownCode) {
  const technologies = new Map<string, DesiredEntity>();
  const links = new Map<string, OnetLink>();
  for (const row of file?.rows ?? []) {
    const { check } = file!;
    const code = knownCode(file!, row);
    const example = check.text(row, 'Example');
    const key = titleKey(example);
    if (!technologies.has(key)) {
      technologies.set(key, {
        key,
        kind: 'skill',
        name: example,
        details: { category: 'technology', description: check.text(row, 'Commodity Title') },
        ...cite(file!, row),
      });
    }
    links.set(`${code}|${key}`, {
      code,
      target: key,
      attributes: {
        category: 'technology',
        commodityCode: check.text(row, 'Commodity Code'),
        commodityTitle: check.text(row, 'Commodity Title'),
        hotTechnology: check.oneOf(row, 'Hot Technology', YES_NO) === 'Y',
        inDemand: row.values['In Demand'] === undefined ? null : check.oneOf(row, 'In Demand', YES_NO) === 'Y',
      },
      citing: cite(file!, row),
    });
  }
  return { technologies: [...technologies.values()], links: [...links.values()] };
}
