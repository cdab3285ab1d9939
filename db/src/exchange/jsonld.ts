import { sql } from 'kysely';
import type { Executor } from '../connect.ts';
import { groupBy } from '../group.ts';
import { ENTITY_KINDS, type EntityKind } from '../model.ts';
import { LineWriter } from './format.ts';

/**
 * The published graph as JSON-LD. Each entity is one node (`urn:uuid:<id>`, so nodes keep the graph's IDs),
 * typed and described with schema.org terms (Occupation, EducationalOccupationalCredential, Organization ...) and,
 * where Credential Engine's CTDL has the notion, with CTDL terms too (ceterms:Credential and its subclasses,
 * ceterms:CredentialOrganization, ceterms:ownedBy / offeredBy / accreditedBy ...). Edges without a standard term
 * are kept as `kg:<predicate>`. Drafts and retired facts are left out: this is what the graph publishes.
 */
export const JSONLD_CONTEXT = {
  schema: 'https://schema.org/',
  ceterms: 'https://purl.org/ctdl/terms/',
  kg: 'urn:kg:',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

const TYPES: Record<EntityKind, string[]> = {
  occupation: ['schema:Occupation', 'ceterms:Occupation'],
  alternate_title: ['schema:DefinedTerm', 'kg:AlternateTitle'],
  specialization: ['schema:DefinedTerm', 'kg:Specialization'],
  task: ['ceterms:Task', 'kg:Task'],
  skill: ['schema:DefinedTerm', 'kg:Skill'],
  course: ['schema:Course', 'ceterms:Course'],
  program: ['schema:EducationalOccupationalProgram', 'ceterms:LearningProgram'],
  credential: ['schema:EducationalOccupationalCredential'],
  issuing_body: ['schema:Organization', 'ceterms:CredentialOrganization'],
  employer: ['schema:Organization', 'kg:Employer'],
};

/** CTDL's credential classes by our credential type. */
const CTDL_CREDENTIAL: Record<string, string> = {
  certification: 'ceterms:Certification',
  certificate: 'ceterms:Certificate',
  degree: 'ceterms:Degree',
  diploma: 'ceterms:Diploma',
  license: 'ceterms:License',
  designation: 'ceterms:Certification',
};

/** Wage metrics as the parts of a schema:MonetaryAmountDistribution: [annual?, property]. */
const WAGE_PARTS: Record<string, [annual: boolean, property: string]> = Object.fromEntries(
  (['annual', 'hourly'] as const).flatMap((per) => {
    const annual = per === 'annual';
    return [
      [`median_${per}_wage`, [annual, 'schema:median']],
      [`mean_${per}_wage`, [annual, 'kg:mean']],
      ...[10, 25, 75, 90].map((p) => [`${per}_wage_p${p}`, [annual, `schema:percentile${p}`]]),
    ];
  }),
);

/** Edges that have a standard term, by the kind they leave from: [predicate, property]. */
const MAPPED: Partial<Record<EntityKind, Record<string, string[]>>> = {
  credential: {
    issued_by: ['ceterms:ownedBy', 'ceterms:offeredBy'],
    accredited_by: ['ceterms:accreditedBy'],
    requires_credential: ['kg:requires_credential'],
  },
  program: {
    offered_by: ['ceterms:offeredBy', 'schema:provider'],
    accredited_by: ['ceterms:accreditedBy'],
    awards_credential: ['schema:educationalCredentialAwarded'],
  },
  course: { offered_by: ['ceterms:offeredBy', 'schema:provider'] },
};

// an occupation has some two hundred edges: a page of a hundred keeps each edge query near 20,000 rows
const PAGE = 100;
export const uri = (id: string) => `urn:uuid:${id}`;
const ref = (id: string, name?: string) =>
  name === undefined ? { '@id': uri(id) } : { '@id': uri(id), 'schema:name': name };

interface EntityPage {
  id: string;
  kind: EntityKind;
  name: string;
  version: number;
  details: Record<string, unknown>;
}
interface Edge {
  self: string;
  predicate: string;
  other: string;
  other_kind: EntityKind;
  other_name: string;
  attributes: Record<string, unknown>;
}

async function edges(db: Executor, ids: string[], direction: 'out' | 'in') {
  const [self, other] = direction === 'out' ? ['from_id', 'to_id'] : ['to_id', 'from_id'];
  const { rows } = await sql<Edge>`
    select r.${sql.ref(self)} as self, r.predicate, o.id as other, o.kind as other_kind, o.name as other_name, r.attributes
    from relation r join entity o on o.id = r.${sql.ref(other)}
    where r.${sql.ref(self)} = any(${ids}::uuid[]) and r.status = 'published' and o.status = 'published'
    order by r.predicate, o.name, o.id`.execute(db);
  return groupBy(rows, (r) => r.self);
}

function add(node: Record<string, unknown>, property: string, value: unknown) {
  const list = (node[property] as unknown[] | undefined) ?? [];
  list.push(value);
  node[property] = list;
}

/** Writes the JSON-LD document, one node per line inside `@graph`. */
export async function writeJsonLd(db: Executor, path: string, gzip: boolean, file: string) {
  const writer = new LineWriter(path, gzip);
  await writer.writeRaw(`{"@context":${JSON.stringify(JSONLD_CONTEXT)},\n"@graph":[\n`);
  let nodes = 0;
  const emit = async (node: Record<string, unknown>) => {
    await writer.writeRaw(`${nodes === 0 ? '' : ',\n'}${JSON.stringify(node)}`);
    nodes++;
  };
  // the sources that observations point at (kg:source); the citations themselves stay in the backup
  let afterSource = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { rows } = await sql<{
      id: string;
      title: string;
      url: string | null;
      publisher: string | null;
      published_at: string | null;
      kind: string;
    }>`
      select id, title, url, publisher, published_at::text, kind from source
      where id > ${afterSource} order by id limit ${PAGE}`.execute(db);
    for (const s of rows) {
      await emit({
        '@id': uri(s.id),
        '@type': [s.kind === 'dataset_release' ? 'schema:Dataset' : 'schema:CreativeWork'],
        'schema:name': s.title,
        'kg:kind': 'source',
        ...(s.url ? { 'schema:url': { '@id': s.url } } : {}),
        ...(s.publisher ? { 'schema:publisher': s.publisher } : {}),
        ...(s.published_at ? { 'schema:datePublished': s.published_at } : {}),
      });
    }
    if (rows.length < PAGE) break;
    afterSource = rows[rows.length - 1].id;
  }
  for (const kind of ENTITY_KINDS) {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const { rows: page } = await sql<EntityPage>`
        select e.id, e.kind, e.name, e.version, to_jsonb(d) - 'entity_id' - 'kind' as details
        from entity e join ${sql.table(kind)} d on d.entity_id = e.id
        where e.status = 'published' and e.id > ${after}
        order by e.id limit ${PAGE}`.execute(db);
      if (page.length === 0) break;
      const ids = page.map((e) => e.id);
      const { rows: labelRows } = await sql<{ entity_id: string; text: string }>`
        select entity_id, text from label
        where entity_id = any(${ids}::uuid[]) and status = 'published' and type in ('alternate', 'reported')
        order by entity_id, type, text`.execute(db);
      const labels = groupBy(labelRows, (l) => l.entity_id);
      const out = await edges(db, ids, 'out');
      const inward = kind === 'issuing_body' ? await edges(db, ids, 'in') : new Map<string, Edge[]>();
      const { rows: observationRows } = await sql<ObservationRow & { entity_id: string }>`
        select entity_id, metric, value, unit, period, geography, source_id from observation
        where entity_id = any(${ids}::uuid[]) and status = 'published'
        order by entity_id, metric, period, id`.execute(db);
      const observations = groupBy(observationRows, (o) => o.entity_id);
      for (const entity of page) {
        const node = describe(
          entity,
          labels.get(entity.id) ?? [],
          out.get(entity.id) ?? [],
          inward.get(entity.id) ?? [],
        );
        addObservations(node, observations.get(entity.id) ?? []);
        await emit(node);
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1].id;
    }
  }
  await writer.writeRaw('\n]}\n');
  await writer.close();
  return { [file]: { file, rows: nodes } };
}

function describe(entity: EntityPage, labels: Array<{ text: string }>, out: Edge[], inward: Edge[]) {
  const d = entity.details;
  const types = [...TYPES[entity.kind]];
  if (entity.kind === 'credential') types.push(CTDL_CREDENTIAL[String(d.credential_type)] ?? 'ceterms:Credential');
  if (entity.kind === 'issuing_body' && /accredit/i.test(String(d.body_type ?? ''))) {
    types.push('ceterms:QACredentialOrganization');
  }
  const node: Record<string, unknown> = {
    '@id': uri(entity.id),
    '@type': types,
    'schema:name': entity.name,
    'kg:kind': entity.kind,
    'kg:version': entity.version,
  };
  // CTDL identifies its resources by a CTID, "ce-" and a UUID: ours serve
  if (types.some((t) => t.startsWith('ceterms:'))) {
    node['ceterms:ctid'] = `ce-${entity.id}`;
    node['ceterms:name'] = entity.name;
  }
  if (d.description) node['schema:description'] = d.description;
  for (const label of labels) add(node, 'schema:alternateName', label.text);

  const mapped = MAPPED[entity.kind] ?? {};
  for (const edge of out) {
    const target = ref(edge.other, edge.other_name);
    if (entity.kind === 'occupation' && edge.predicate === 'has_title') {
      add(node, 'schema:alternateName', edge.other_name);
      add(node, 'kg:has_title', ref(edge.other));
    } else if (entity.kind === 'occupation' && edge.predicate === 'requires_skill') {
      const skill: Record<string, unknown> = { ...target, '@type': 'schema:DefinedTerm' };
      if (edge.attributes.importance !== undefined) skill['kg:importance'] = edge.attributes.importance;
      if (edge.attributes.level !== undefined) skill['kg:level'] = edge.attributes.level;
      add(node, 'schema:skills', skill);
    } else if (entity.kind === 'occupation' && edge.predicate === 'requires_credential') {
      const credential: Record<string, unknown> = { ...target, '@type': 'schema:EducationalOccupationalCredential' };
      if (edge.attributes.required !== undefined) credential['kg:required'] = edge.attributes.required;
      add(node, 'schema:qualifications', credential);
    } else if (entity.kind === 'occupation' && edge.predicate === 'performs_task') {
      add(node, 'schema:responsibilities', edge.other_name);
      add(node, 'kg:performs_task', ref(edge.other));
    } else if (mapped[edge.predicate]) {
      for (const property of mapped[edge.predicate]) add(node, property, ref(edge.other));
    } else {
      add(node, `kg:${edge.predicate}`, ref(edge.other));
    }
  }
  for (const edge of inward) {
    if (edge.predicate === 'issued_by') {
      add(node, 'ceterms:owns', ref(edge.other));
      add(node, 'ceterms:offers', ref(edge.other));
    } else if (edge.predicate === 'accredited_by') add(node, 'ceterms:accredits', ref(edge.other));
  }

  switch (entity.kind) {
    case 'occupation': {
      const codes: Array<[unknown, string, string]> = [
        [d.onet_soc_code, 'https://www.onetcenter.org/taxonomy.html', 'O*NET-SOC 2019'],
        [d.soc_code, 'https://www.bls.gov/soc/2018/', 'SOC 2018'],
        [d.isco_code, 'https://isco-ilo.netlify.app/en/isco-08/', 'ISCO-08'],
      ];
      for (const [code, set, name] of codes) {
        if (code) {
          add(node, 'schema:occupationalCategory', {
            '@type': 'schema:CategoryCode',
            'schema:codeValue': code,
            'schema:inCodeSet': { '@id': set, 'schema:name': name },
          });
        }
      }
      if (d.esco_uri) node['schema:sameAs'] = { '@id': d.esco_uri };
      if (d.job_zone != null) node['kg:jobZone'] = d.job_zone;
      break;
    }
    case 'credential':
      node['schema:credentialCategory'] = d.credential_type;
      if (d.abbreviation) add(node, 'schema:alternateName', d.abbreviation);
      // where a government licence is valid
      if (d.jurisdiction)
        node['schema:validIn'] = { '@type': 'schema:AdministrativeArea', 'schema:name': d.jurisdiction };
      break;
    case 'issuing_body':
      if (d.abbreviation) add(node, 'schema:alternateName', d.abbreviation);
      if (d.url) {
        node['schema:url'] = { '@id': d.url };
        node['ceterms:subjectWebpage'] = { '@id': d.url };
      }
      if (d.body_type) node['kg:bodyType'] = d.body_type;
      break;
    case 'program':
      if (d.level) node['schema:educationalProgramMode'] = d.level;
      if (d.duration_text) node['kg:duration'] = d.duration_text;
      if (Array.isArray(d.admission_requirements)) node['schema:programPrerequisites'] = d.admission_requirements;
      break;
    case 'skill':
      node['kg:category'] = d.category;
      if (d.element_id) node['schema:termCode'] = d.element_id;
      break;
    case 'task':
      if (d.onet_task_id != null) node['kg:onetTaskId'] = d.onet_task_id;
      break;
    case 'employer':
      node['kg:employerType'] = d.employer_type;
      if (d.naics_code) node['schema:naics'] = d.naics_code;
      break;
  }
  // a title is often both a label and a linked alternate title
  if (Array.isArray(node['schema:alternateName'])) {
    node['schema:alternateName'] = [...new Set(node['schema:alternateName'] as string[])];
  }
  return node;
}

type ObservationRow = {
  metric: string;
  value: number;
  unit: string;
  period: string;
  geography: string | null;
  source_id: string | null;
};

/**
 * Wages as schema:estimatedSalary: one MonetaryAmountDistribution per source, period, geography and pay period
 * (annual or hourly), holding that source's median and percentiles; a stated salary range as a MonetaryAmount.
 * Other figures (employment, growth) as kg:observation.
 */
function addObservations(node: Record<string, unknown>, rows: ObservationRow[]) {
  const distributions = new Map<string, Record<string, unknown>>();
  const ranges = new Map<string, Record<string, unknown>>();
  const common = (o: ObservationRow) => ({
    'kg:period': o.period,
    ...(o.geography ? { 'kg:geography': o.geography } : {}),
    ...(o.source_id ? { 'kg:source': ref(o.source_id) } : {}),
  });
  for (const o of rows) {
    const part = WAGE_PARTS[o.metric];
    const key = `${o.source_id}|${o.period}|${o.geography}`;
    if (part) {
      const [annual, property] = part;
      const k = `${key}|${annual}`;
      let distribution = distributions.get(k);
      if (!distribution) {
        distribution = {
          '@type': 'schema:MonetaryAmountDistribution',
          'schema:currency': 'USD',
          'schema:duration': annual ? 'P1Y' : 'PT1H',
          ...common(o),
        };
        distributions.set(k, distribution);
        add(node, 'schema:estimatedSalary', distribution);
      }
      distribution[property] = o.value;
    } else if (o.metric === 'wage_range_low' || o.metric === 'wage_range_high') {
      let range = ranges.get(key);
      if (!range) {
        range = { '@type': 'schema:MonetaryAmount', 'schema:currency': 'USD', ...common(o) };
        ranges.set(key, range);
        add(node, 'schema:estimatedSalary', range);
      }
      range[o.metric === 'wage_range_low' ? 'schema:minValue' : 'schema:maxValue'] = o.value;
    } else {
      add(node, 'kg:observation', {
        '@type': 'schema:Observation',
        'kg:metric': o.metric,
        'schema:value': o.value,
        'schema:unitText': o.unit,
        ...common(o),
      });
    }
  }
}
