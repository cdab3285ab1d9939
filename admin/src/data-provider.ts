import type {
  CreateParams,
  DataProvider,
  DeleteManyParams,
  DeleteParams,
  GetListParams,
  GetManyReferenceParams,
  RaRecord,
  UpdateParams,
} from 'react-admin';
import { getDraft, getDrafts, reviewDraft } from './drafts/api.ts';
import { KIND_BY_RESOURCE, KINDS } from './entities/kinds.ts';
import { ApiError, graphql } from './graphql.ts';
import { loadHistory, revertFact } from './history/api.ts';

/**
 * The hand-written GraphQL data provider. Each react-admin resource maps onto the API's queries and
 * mutations: the ten entity kinds (occupations, skills, ...) onto `entities` and the Entity mutations,
 * plus labels, relations, observations, citations, sources and the predicate catalogue.
 * Updates and deletes send the version that was read (`previousData.version`) as `expectedVersion`.
 */

// biome-ignore lint/suspicious/noExplicitAny: GraphQL results and form values are dynamic records.
type Rec = Record<string, any>;

/** The API refuses pages larger than this. */
const MAX_PAGE = 100;

// ---------------------------------------------------------------------------------------------------
// Fragments

const SOURCE_FIELDS = 'id key title url publisher publishedAt retrievedAt kind version';
const CITATION_FIELDS = 'id quote locator retrievedAt curator reviewStatus version createdAt source { id title url }';
const ENTITY_REF = 'id kind name';
const ENTITY_LIST_FIELDS = 'id kind name status version createdAt updatedAt details';
const LABEL_FIELDS = `id text type language status version entity { ${ENTITY_REF} } source { id title }`;
const ENTITY_FIELDS = `${ENTITY_LIST_FIELDS}
  labels { id text type language status version }
  ... on Occupation {
    alternateTitles { id name status }
    credentialRequirements {
      required
      relation { id }
      credential { id name status details issuers { id name details } }
    }
    wages { id metric value unit period geography source { id title } citations { id quote source { id title } } }
  }`;
const RELATION_FIELDS = `id predicate direction status version attributes
  from { ${ENTITY_REF} } to { ${ENTITY_REF} } other { ${ENTITY_REF} }
  citations { ${CITATION_FIELDS} }`;
const OBSERVATION_FIELDS = `id metric value unit period periodStart periodEnd geography attributes status version
  entity { ${ENTITY_REF} } source { id title } citations { ${CITATION_FIELDS} }`;

/** Fields read for one record of a resource (getOne, getMany, mutation payloads). */
function fieldsFor(resource: string): { type: string; fields: string } {
  if (resource in KIND_BY_RESOURCE || resource === 'entities') return { type: 'Entity', fields: ENTITY_FIELDS };
  switch (resource) {
    case 'labels':
      return { type: 'Label', fields: LABEL_FIELDS };
    case 'relations':
      return { type: 'Relation', fields: RELATION_FIELDS };
    case 'observations':
      return { type: 'Observation', fields: OBSERVATION_FIELDS };
    case 'citations':
      return { type: 'Citation', fields: CITATION_FIELDS };
    case 'sources':
      return { type: 'Source', fields: SOURCE_FIELDS };
    default:
      throw new Error(`Unknown resource "${resource}"`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Records: add the flat ids react-admin references and forms use

function toRecord(resource: string, node: Rec | null | undefined): Rec {
  if (!node) return node as never;
  switch (resource) {
    case 'labels':
      return { ...node, entityId: node.entity?.id };
    case 'relations':
      return { ...node, fromId: node.from?.id, toId: node.to?.id };
    case 'observations':
      return { ...node, entityId: node.entity?.id, sourceId: node.source?.id ?? null };
    case 'citations':
      return { ...node, sourceId: node.source?.id };
    default:
      return node;
  }
}

// ---------------------------------------------------------------------------------------------------
// Paging

type Page = { first: number; offset: number };
type Connection = { totalCount: number; edges: Array<{ node: Rec }> };

function pageOf(params: { pagination?: { page: number; perPage: number } }): Page {
  const perPage = params.pagination?.perPage ?? 25;
  const page = params.pagination?.page ?? 1;
  return { first: perPage, offset: (page - 1) * perPage };
}

/** Reads an offset window of any size in pages of at most 100, the API's limit. */
async function readWindow(page: Page, fetchPage: (first: number, offset: number) => Promise<Connection>) {
  const data: Rec[] = [];
  let total = 0;
  let offset = page.offset;
  let remaining = page.first;
  do {
    const first = Math.min(remaining, MAX_PAGE);
    const connection = await fetchPage(first, offset);
    total = connection.totalCount;
    data.push(...connection.edges.map((e) => e.node));
    if (connection.edges.length < first) break;
    offset += first;
    remaining -= first;
  } while (remaining > 0 && offset < total);
  return { data, total };
}

/** A page of an array the API returns whole (labels, citations of a fact). */
function slice(rows: Rec[], params: GetManyReferenceParams) {
  const { first, offset } = pageOf(params);
  const sorted = sortRows(rows, params.sort);
  return { data: sorted.slice(offset, offset + first), total: rows.length };
}

function sortRows(rows: Rec[], sort?: { field: string; order: string }) {
  if (!sort?.field || sort.field === 'id') return rows;
  const factor = sort.order === 'DESC' ? -1 : 1;
  const value = (row: Rec) => sort.field.split('.').reduce<unknown>((v, key) => (v as Rec | undefined)?.[key], row);
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === y) return 0;
    if (x === undefined || x === null) return 1;
    if (y === undefined || y === null) return -1;
    return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * factor;
  });
}

const ENTITY_ORDER: Record<string, string> = {
  name: 'NAME',
  updatedAt: 'UPDATED_AT',
  createdAt: 'CREATED_AT',
};

const blankToNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);

// ---------------------------------------------------------------------------------------------------
// Lists

async function getEntities(params: GetListParams, kind: string | undefined) {
  const filter = params.filter ?? {};
  const query = `query Entities($kind: EntityKind, $nameContains: String, $status: Status, $orderBy: EntityOrder,
      $descending: Boolean, $first: Int, $offset: Int) {
    entities(kind: $kind, nameContains: $nameContains, status: $status, orderBy: $orderBy, descending: $descending,
        first: $first, offset: $offset) {
      totalCount edges { node { ${ENTITY_LIST_FIELDS} } }
    }
  }`;
  return readWindow(pageOf(params), async (first, offset) => {
    const data = await graphql<{ entities: Connection }>(
      query,
      {
        kind: kind ?? filter.kind ?? null,
        nameContains: blankToNull(filter.q ?? filter.name) ?? null,
        status: filter.status || null,
        orderBy: ENTITY_ORDER[params.sort?.field ?? 'name'] ?? 'NAME',
        descending: params.sort?.order === 'DESC',
        first,
        offset,
      },
      params.signal,
    );
    return data.entities;
  });
}

async function getTopLevelList(resource: string, params: GetListParams) {
  const filter = params.filter ?? {};
  let query: string;
  let variables: Rec;
  switch (resource) {
    case 'relations':
      query = `query Relations($predicate: String, $entityId: ID, $status: Status, $first: Int, $offset: Int) {
        relations(predicate: $predicate, entityId: $entityId, status: $status, first: $first, offset: $offset) {
          totalCount edges { node { ${RELATION_FIELDS} } }
        }
      }`;
      variables = {
        predicate: filter.predicate || null,
        entityId: filter.entityId || null,
        status: filter.status || null,
      };
      break;
    case 'observations':
      query = `query Observations($entityId: ID, $metric: String, $first: Int, $offset: Int) {
        observations(entityId: $entityId, metric: $metric, first: $first, offset: $offset) {
          totalCount edges { node { ${OBSERVATION_FIELDS} } }
        }
      }`;
      variables = { entityId: filter.entityId || null, metric: blankToNull(filter.metric) ?? null };
      break;
    case 'citations':
      query = `query Citations($sourceId: ID, $first: Int, $offset: Int) {
        citations(sourceId: $sourceId, first: $first, offset: $offset) {
          totalCount edges { node { ${CITATION_FIELDS} } }
        }
      }`;
      variables = { sourceId: filter.sourceId || null };
      break;
    case 'sources':
      query = `query Sources($titleContains: String, $first: Int, $offset: Int) {
        sources(titleContains: $titleContains, first: $first, offset: $offset) {
          totalCount edges { node { ${SOURCE_FIELDS} } }
        }
      }`;
      variables = { titleContains: blankToNull(filter.q ?? filter.title) ?? null };
      break;
    default:
      throw new Error(`${resource} cannot be listed`);
  }
  const { data, total } = await readWindow(pageOf(params), async (first, offset) => {
    const result = await graphql<Record<string, Connection>>(query, { ...variables, first, offset }, params.signal);
    return result[resource];
  });
  return { data: data.map((node) => toRecord(resource, node)), total };
}

let predicateCache: Promise<Rec[]> | undefined;

/** The predicate catalogue; it only changes with a migration, so it is read once. */
function getPredicates(): Promise<Rec[]> {
  predicateCache ??= graphql<{ predicates: Rec[] }>('{ predicates { name inverseName description rules } }')
    .then((data) => data.predicates.map((p) => ({ ...p, id: p.name })))
    .catch((error) => {
      predicateCache = undefined;
      throw error;
    });
  return predicateCache;
}

// ---------------------------------------------------------------------------------------------------
// References (the tabs of a show page)

/** Every relation of an entity seen from it (direction and `other`), walking the connection's cursors. */
async function getEntityRelations(params: GetManyReferenceParams) {
  const { first, offset } = pageOf(params);
  const filter = params.filter ?? {};
  const predicates = filter.predicate ? [filter.predicate] : null;
  const direction = filter.direction || 'BOTH';
  const query = `query EntityRelations($id: ID!, $predicates: [String!], $direction: Direction, $first: Int,
      $after: String) {
    node(id: $id) {
      ... on Entity {
        relations(predicates: $predicates, direction: $direction, statuses: [PUBLISHED, DRAFT, RETIRED], first: $first, after: $after) {
          totalCount pageInfo { endCursor hasNextPage } edges { node { ${RELATION_FIELDS} } }
        }
      }
    }
  }`;
  const rows: Rec[] = [];
  let after: string | null = null;
  let total = 0;
  // Offsets are reached through opaque cursors: skip whole pages, then keep the rows of the window.
  for (;;) {
    const data: { node: { relations: Connection & { pageInfo: Rec } } | null } = await graphql(
      query,
      {
        id: params.id,
        predicates,
        direction,
        first: Math.max(1, Math.min(MAX_PAGE, offset + first - rows.length)),
        after,
      },
      params.signal,
    );
    if (!data.node) throw new ApiError('This entity no longer exists.', 'NOT_FOUND');
    const connection = data.node.relations;
    total = connection.totalCount;
    rows.push(...connection.edges.map((e) => e.node));
    if (!connection.pageInfo.hasNextPage || rows.length >= offset + first) break;
    after = connection.pageInfo.endCursor;
  }
  return { data: rows.slice(offset, offset + first).map((r) => toRecord('relations', r)), total };
}

async function getFactList(field: 'labels' | 'citations', params: GetManyReferenceParams) {
  const fields = field === 'labels' ? LABEL_FIELDS : CITATION_FIELDS;
  const onTypes = field === 'labels' ? ['Entity'] : ['Entity', 'Label', 'Relation', 'Observation'];
  const query = `query FactList($id: ID!) {
    node(id: $id) { id ${onTypes.map((t) => `... on ${t} { ${field} { ${fields} } }`).join(' ')} }
  }`;
  const data = await graphql<{ node: Rec | null }>(query, { id: params.id }, params.signal);
  if (!data.node) throw new ApiError('This record no longer exists.', 'NOT_FOUND');
  const resource = field;
  const { data: rows, total } = slice(data.node[field] ?? [], params);
  return { data: rows.map((r) => toRecord(resource, r)), total };
}

async function getManyReference(resource: string, params: GetManyReferenceParams) {
  const listParams: GetListParams = {
    pagination: params.pagination,
    sort: params.sort,
    filter: { ...params.filter, [params.target]: params.id },
    signal: params.signal,
  };
  switch (`${resource}.${params.target}`) {
    case 'labels.entityId':
      return getFactList('labels', params);
    case 'citations.factId':
      return getFactList('citations', params);
    case 'relations.entityId':
      return getEntityRelations(params);
    case 'observations.entityId':
    case 'citations.sourceId':
      return getTopLevelList(resource, listParams);
    default:
      if (resource in KIND_BY_RESOURCE || resource === 'entities') {
        return getEntities(listParams, KIND_BY_RESOURCE[resource]?.kind);
      }
      throw new Error(`${resource} cannot be listed by ${params.target}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Reading one or many

async function getNodes(resource: string, ids: readonly RaRecord['id'][], signal?: AbortSignal) {
  const { type, fields } = fieldsFor(resource);
  const data = await graphql<{ nodes: Array<Rec | null> }>(
    `query Nodes($ids: [ID!]!) { nodes(ids: $ids) { id ... on ${type} { ${fields} } } }`,
    { ids },
    signal,
  );
  return data.nodes.filter((n): n is Rec => !!n && n.version !== undefined).map((n) => toRecord(resource, n));
}

async function getNode(resource: string, id: RaRecord['id'], signal?: AbortSignal) {
  const { type, fields } = fieldsFor(resource);
  const data = await graphql<{ node: Rec | null }>(
    `query Node($id: ID!) { node(id: $id) { id ... on ${type} { ${fields} } } }`,
    { id },
    signal,
  );
  if (!data.node || data.node.version === undefined) {
    throw new ApiError(`Nothing found with ID ${id}: it may have been deleted.`, 'NOT_FOUND');
  }
  return toRecord(resource, data.node);
}

// ---------------------------------------------------------------------------------------------------
// Writing

/** Details for a create: blank values left out, so the API applies its defaults. */
function detailsForCreate(resource: string, details: Rec | undefined) {
  const config = KIND_BY_RESOURCE[resource];
  const result: Rec = {};
  for (const field of config?.details ?? []) {
    const value = normalizeDetail(details?.[field.name]);
    if (value !== null && value !== undefined) result[field.name] = value;
  }
  return result;
}

/** Details for an update: only the fields that changed, a cleared field sent as null. */
function detailsForUpdate(resource: string, details: Rec | undefined, previous: Rec | undefined) {
  const config = KIND_BY_RESOURCE[resource];
  const result: Rec = {};
  for (const field of config?.details ?? []) {
    if (!details || !(field.name in details)) continue;
    const value = normalizeDetail(details[field.name]) ?? null;
    const before = normalizeDetail(previous?.[field.name]) ?? null;
    if (JSON.stringify(value) !== JSON.stringify(before)) result[field.name] = value;
  }
  return result;
}

function normalizeDetail(value: unknown) {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (Array.isArray(value)) {
    const items = value.map((v) => (typeof v === 'string' ? v.trim() : v)).filter((v) => v !== '' && v != null);
    return items.length ? items : null;
  }
  if (typeof value === 'number' && Number.isNaN(value)) return null;
  return value;
}

/** JSON attributes arrive from a text area as a string; send them as an object. */
function parseJson(value: unknown, what: string) {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value !== 'string') return value;
  if (value.trim() === '') return null;
  try {
    return JSON.parse(value);
  } catch {
    throw new ApiError(`${what} is not valid JSON.`, 'BAD_USER_INPUT');
  }
}

/** The optional first citation a create form collects (source, quote, locator). */
function citationsOf(data: Rec) {
  const c = data.citation;
  if (!c?.sourceId) return undefined;
  return [{ sourceId: c.sourceId, quote: blankToNull(c.quote) ?? null, locator: blankToNull(c.locator) ?? null }];
}

const changed = (key: string, data: Rec, previous: Rec) =>
  key in data && JSON.stringify(blankToNull(data[key]) ?? null) !== JSON.stringify(blankToNull(previous[key]) ?? null);

/** A curator's write the API kept for review: the fact itself is unchanged. */
export interface PendingDraft {
  id: string;
}

/** Writes through one mutation; the payload has the fact as published (or null) and `draft` when kept for review. */
async function mutate(name: string, input: Rec, payloadField: string, resource: string) {
  const { type, fields } = fieldsFor(resource);
  const inputType = `${name.charAt(0).toUpperCase()}${name.slice(1)}Input`;
  const data = await graphql<Rec>(
    `mutation Write($input: ${inputType}!) {
      ${name}(input: $input) { ${payloadField} { id ... on ${type} { ${fields} } } draft { id } }
    }`,
    { input },
  );
  const payload = data[name];
  return { record: toRecord(resource, payload[payloadField]), draft: (payload.draft ?? null) as PendingDraft | null };
}

/** Sources are not reviewed facts: their payload has no draft. */
async function createSource(input: Rec) {
  const data = await graphql<Rec>(
    `mutation Write($input: CreateSourceInput!) { createSource(input: $input) { source { ${SOURCE_FIELDS} } } }`,
    { input },
  );
  return data.createSource.source as Rec;
}

/**
 * What react-admin gets back from a write. When the write became a draft it gets the record as it was read,
 * marked with `pendingDraft`, so forms and caches keep showing the published value; a new fact that awaits
 * review is represented by its draft.
 */
async function write(name: string, input: Rec, payloadField: string, resource: string, previous?: Rec) {
  const { record, draft } = await mutate(name, input, payloadField, resource);
  if (!draft) return record;
  if (previous) return { ...previous, pendingDraft: draft };
  return { ...input, id: draft.id, pendingDraft: draft };
}

async function create(resource: string, params: CreateParams) {
  const data: Rec = params.data;
  const config = KIND_BY_RESOURCE[resource];
  if (config) {
    return write(
      'createEntity',
      {
        kind: config.kind,
        name: String(data.name ?? '').trim(),
        status: data.status || undefined,
        details: detailsForCreate(resource, data.details),
        citations: citationsOf(data),
      },
      'entity',
      resource,
    );
  }
  switch (resource) {
    case 'labels':
      return write(
        'createLabel',
        {
          entityId: data.entityId,
          text: String(data.text ?? '').trim(),
          type: data.type,
          language: blankToNull(data.language) ?? undefined,
          citations: citationsOf(data),
        },
        'label',
        resource,
      );
    case 'relations':
      return write(
        'createRelation',
        {
          predicate: data.predicate,
          fromId: data.fromId,
          toId: data.toId,
          attributes: parseJson(data.attributes, 'Attributes') ?? undefined,
          status: data.status || undefined,
          citations: citationsOf(data),
        },
        'relation',
        resource,
      );
    case 'observations':
      return write(
        'createObservation',
        {
          entityId: data.entityId,
          metric: String(data.metric ?? '').trim(),
          value: Number(data.value),
          unit: blankToNull(data.unit) ?? undefined,
          period: String(data.period ?? '').trim(),
          periodStart: blankToNull(data.periodStart) ?? undefined,
          periodEnd: blankToNull(data.periodEnd) ?? undefined,
          geography: blankToNull(data.geography) ?? undefined,
          sourceId: data.sourceId || undefined,
          attributes: parseJson(data.attributes, 'Attributes') ?? undefined,
          citations: citationsOf(data),
        },
        'observation',
        resource,
      );
    case 'citations':
      return write(
        'createCitation',
        {
          factId: data.factId,
          sourceId: data.sourceId,
          quote: blankToNull(data.quote) ?? undefined,
          locator: blankToNull(data.locator) ?? undefined,
        },
        'citation',
        resource,
      );
    case 'sources':
      return createSource({
        key: String(data.key ?? '').trim(),
        title: String(data.title ?? '').trim(),
        kind: data.kind,
        url: blankToNull(data.url) ?? undefined,
        publisher: blankToNull(data.publisher) ?? undefined,
        publishedAt: blankToNull(data.publishedAt) ?? undefined,
      });
    default:
      throw new Error(`${resource} cannot be created here`);
  }
}

function expectedVersionOf(previous: Rec | undefined) {
  const version = previous?.version;
  if (typeof version !== 'number') {
    throw new ApiError('The version you read is unknown, so the change cannot be checked: reload and retry.', 'CLIENT');
  }
  return version;
}

async function update(resource: string, params: UpdateParams) {
  const data: Rec = params.data;
  const previous: Rec = params.previousData ?? {};
  const base = {
    id: params.id,
    expectedVersion: expectedVersionOf(previous),
    reason: blankToNull(data.reason) ?? undefined,
  };
  // the source a curator gives for the new values; a reviewer publishes only changes that cite one
  const citations = citationsOf(data);
  if (KIND_BY_RESOURCE[resource]) {
    const input: Rec = { ...base };
    if (changed('name', data, previous)) input.name = String(data.name ?? '').trim();
    if (changed('status', data, previous)) input.status = data.status;
    const details = detailsForUpdate(resource, data.details, previous.details);
    if (Object.keys(details).length) input.details = details;
    // Nothing changed: no write, no new version.
    if (!('name' in input) && !('status' in input) && !('details' in input)) return previous;
    return write('updateEntity', { ...input, citations }, 'entity', resource, previous);
  }
  switch (resource) {
    case 'labels':
      return write(
        'updateLabel',
        {
          ...base,
          citations,
          text: changed('text', data, previous) ? String(data.text).trim() : undefined,
          type: changed('type', data, previous) ? data.type : undefined,
          language: changed('language', data, previous) ? blankToNull(data.language) : undefined,
        },
        'label',
        resource,
        previous,
      );
    case 'relations':
      return write(
        'updateRelation',
        {
          ...base,
          citations,
          status: changed('status', data, previous) ? data.status : undefined,
          attributes: parseJson(data.attributes, 'Attributes'),
        },
        'relation',
        resource,
        previous,
      );
    case 'observations': {
      const input: Rec = { ...base, citations };
      for (const key of ['metric', 'unit', 'period', 'geography', 'periodStart', 'periodEnd']) {
        if (changed(key, data, previous)) input[key] = blankToNull(data[key]);
      }
      if (changed('value', data, previous)) input.value = Number(data.value);
      if ('attributes' in data) input.attributes = parseJson(data.attributes, 'Attributes') ?? {};
      return write('updateObservation', input, 'observation', resource, previous);
    }
    case 'citations': {
      const input: Rec = { ...base };
      for (const key of ['quote', 'locator']) {
        if (changed(key, data, previous)) input[key] = blankToNull(data[key]);
      }
      if (changed('sourceId', data, previous)) input.sourceId = data.sourceId;
      if (changed('reviewStatus', data, previous) && data.reviewStatus) {
        input.reviewStatus = String(data.reviewStatus).toUpperCase();
      }
      return write('updateCitation', input, 'citation', resource, previous);
    }
    default:
      throw new Error(`${resource} cannot be edited`);
  }
}

const DELETE_MUTATIONS: Record<string, string> = {
  labels: 'deleteLabel',
  relations: 'deleteRelation',
  observations: 'deleteObservation',
  citations: 'deleteCitation',
};

async function remove(resource: string, params: DeleteParams) {
  const mutation = KIND_BY_RESOURCE[resource] ? 'deleteEntity' : DELETE_MUTATIONS[resource];
  if (!mutation) throw new Error(`${resource} cannot be deleted`);
  const previous = params.previousData ?? (await getNode(resource, params.id));
  const data = await graphql<Rec>(
    `mutation Delete($input: DeleteInput!) { ${mutation}(input: $input) { deletedId draft { id } } }`,
    { input: { id: params.id, expectedVersion: expectedVersionOf(previous), reason: params.meta?.reason } },
  );
  const draft = data[mutation].draft as PendingDraft | null;
  return (draft ? { ...previous, pendingDraft: draft } : previous) as RaRecord;
}

async function removeMany(resource: string, params: DeleteManyParams) {
  const records = await getNodes(resource, params.ids);
  for (const record of records) await remove(resource, { id: record.id, previousData: record as RaRecord });
  return records.map((r) => r.id);
}

// ---------------------------------------------------------------------------------------------------

export const dataProvider: DataProvider & {
  graphql: typeof graphql;
  entityCounts: () => Promise<Record<string, number>>;
  history: typeof loadHistory;
  revert: typeof revertFact;
  review: typeof reviewDraft;
} = {
  async getList(resource, params) {
    if (resource === 'drafts') return (await getDrafts(params)) as { data: never[]; total: number };
    if (resource === 'predicates') {
      const rows = await getPredicates();
      return { data: rows as never[], total: rows.length };
    }
    if (resource in KIND_BY_RESOURCE || resource === 'entities') {
      return (await getEntities(params, KIND_BY_RESOURCE[resource]?.kind)) as { data: never[]; total: number };
    }
    return (await getTopLevelList(resource, params)) as { data: never[]; total: number };
  },
  async getOne(resource, params) {
    if (resource === 'drafts') return { data: (await getDraft(String(params.id), params.signal)) as never };
    if (resource === 'predicates') {
      const found = (await getPredicates()).find((p) => p.id === params.id);
      if (!found) throw new ApiError(`Unknown predicate ${params.id}`, 'NOT_FOUND');
      return { data: found as never };
    }
    return { data: (await getNode(resource, params.id, params.signal)) as never };
  },
  async getMany(resource, params) {
    if (resource === 'drafts') {
      return { data: (await Promise.all(params.ids.map((id) => getDraft(String(id), params.signal)))) as never };
    }
    if (resource === 'predicates') {
      const rows = await getPredicates();
      return { data: rows.filter((p) => params.ids.includes(p.id)) as never };
    }
    return { data: (await getNodes(resource, params.ids, params.signal)) as never };
  },
  async getManyReference(resource, params) {
    if (resource === 'drafts') {
      return (await getDrafts({ ...params, filter: { ...params.filter, [params.target]: params.id } })) as never;
    }
    return (await getManyReference(resource, params)) as never;
  },
  async create(resource, params) {
    return { data: (await create(resource, params)) as never };
  },
  async update(resource, params) {
    return { data: (await update(resource, params)) as never };
  },
  async updateMany() {
    throw new ApiError('Change records one at a time: every change is checked against the version you read.', 'CLIENT');
  },
  async delete(resource, params) {
    return { data: (await remove(resource, params)) as never };
  },
  async deleteMany(resource, params) {
    return { data: await removeMany(resource, params) };
  },
  graphql,
  // Through the data provider, so that an ended session on these calls logs out like any other.
  history: loadHistory,
  revert: revertFact,
  review: reviewDraft,
  /** How many entities of each kind, for the dashboard. */
  async entityCounts() {
    const query = `{ ${KINDS.map((k) => `${k.kind}: entities(kind: ${k.kind}, first: 1) { totalCount }`).join(' ')} }`;
    const data = await graphql<Record<string, { totalCount: number }>>(query);
    return Object.fromEntries(Object.entries(data).map(([kind, c]) => [kind, c.totalCount]));
  },
};
