import { type RawBuilder, sql } from 'kysely';
import { z } from 'zod';
import { dbOf, type Reader, type Select, selectRows } from '../batch.ts';
import type { Executor } from '../connect.ts';
import { badInput } from '../errors.ts';
import { anyOf } from '../lookup.ts';
import { ENTITY_KINDS, type EntityKind } from '../model.ts';
import { camelCase, snakeCase } from '../naming.ts';
import { assertStorableJson } from '../normalize.ts';

const text = (max = 5000) => z.string().trim().min(1).max(max).nullish();

/** The typed columns of each kind's detail table, as clients name them (camelCase). */
export const DETAIL_SCHEMAS = {
  occupation: z.object({
    socCode: z
      .string()
      .regex(/^\d{2}-\d{4}$/, 'SOC code looks like 29-2072')
      .nullish(),
    onetSocCode: z
      .string()
      .regex(/^\d{2}-\d{4}\.\d{2}$/, 'O*NET-SOC code looks like 29-2072.00')
      .nullish(),
    description: text(),
    jobZone: z.number().int().min(1).max(5).nullish(),
    iscoCode: z
      .string()
      .regex(/^\d{1,4}$/, 'ISCO-08 code looks like 3252')
      .nullish(),
    iscoTitle: text(300),
    escoUri: z.url().max(500).nullish(),
    escoCode: z
      .string()
      .regex(/^\d{1,4}(\.\d+)*$/, 'ESCO occupation code looks like 3252.1.2')
      .nullish(),
  }),
  alternate_title: z.object({ shortTitle: text(200) }),
  specialization: z.object({ description: text() }),
  task: z.object({ onetTaskId: z.number().int().positive().nullish(), taskType: text(50) }),
  skill: z.object({
    category: z.enum(['skill', 'knowledge', 'ability', 'soft_skill', 'technology', 'esco']).default('skill'),
    elementId: text(50),
    description: text(),
    escoUri: z.url().max(500).nullish(),
    escoType: z.enum(['skill', 'knowledge', 'skill_group']).nullish(),
    reuseLevel: text(50),
  }),
  course: z.object({ description: text() }),
  program: z.object({
    cipCode: z
      .string()
      .regex(/^\d{2}(\.\d{2}(\d{2})?)?$/, 'CIP code looks like 51, 51.07 or 51.0707')
      .nullish(),
    level: text(100),
    durationText: text(200),
    durationMonthsMin: z.number().min(0).max(240).nullish(),
    durationMonthsMax: z.number().min(0).max(240).nullish(),
    supervisedHours: z.number().int().min(0).max(100000).nullish(),
    delivery: text(100),
    admissionRequirements: z.array(z.string().trim().min(1).max(1000)).max(100).nullish(),
    description: text(),
  }),
  credential: z.object({
    credentialType: z.enum([
      'certification',
      'certificate',
      'degree',
      'diploma',
      'license',
      'designation',
      'education_level',
    ]),
    abbreviation: text(50),
    description: text(),
    /** Where a licence is valid (a state), when it is a government licence. */
    jurisdiction: text(100),
  }),
  issuing_body: z.object({ abbreviation: text(50), bodyType: text(100), url: z.url().max(2000).nullish() }),
  employer: z.object({
    employerType: z.enum(['industry_type', 'industry', 'organization']).default('industry_type'),
    naicsCode: text(10),
  }),
} satisfies Record<EntityKind, z.ZodObject>;

export type Details = Record<string, unknown>;

const JSON_COLUMNS = new Set(['admission_requirements']);

/**
 * Each kind's strict schema, whole and partial, made once: a schema made anew compiles its parser anew, which
 * costs more than parsing (an import checks the details of every entity it writes).
 */
const checkers = new Map<string, z.ZodType>();
function checkerOf(kind: EntityKind, partial: boolean): z.ZodType {
  const key = `${kind}:${partial}`;
  let checker = checkers.get(key);
  if (!checker) {
    checker = (partial ? DETAIL_SCHEMAS[kind].partial() : DETAIL_SCHEMAS[kind]).strict();
    checkers.set(key, checker);
  }
  return checker;
}

/**
 * Validates details for a kind. With `partial`, only the given fields are checked (an update);
 * otherwise required fields must be present (a create).
 */
export function parseDetails(kind: EntityKind, input: unknown, partial: boolean): Details {
  assertStorableJson(input, 'details');
  const result = checkerOf(kind, partial).safeParse(input ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    throw badInput(`invalid ${kind} details: ${issue.path.join('.') || 'input'}: ${issue.message}`, {
      field: issue.path.join('.'),
    });
  }
  return result.data as Details;
}

function toColumns(details: Details): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(details)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [snakeCase(k), JSON_COLUMNS.has(snakeCase(k)) && v !== null ? JSON.stringify(v) : v]),
  );
}

/** Columns of a detail row that are not details: the entity, its kind, and the change that made the version. */
const NOT_DETAILS = new Set(['entity_id', 'kind', 'sys_n']);

/** Column names as clients name them, converted once per name. */
const camelNames = new Map<string, string>();

/** A detail table's row as clients name its columns. */
export function detailsFromRow(row: Record<string, unknown>): Details {
  const details: Details = {};
  for (const key in row) {
    if (NOT_DETAILS.has(key)) continue;
    let name = camelNames.get(key);
    if (name === undefined) {
      name = camelCase(key);
      camelNames.set(key, name);
    }
    details[name] = row[key];
  }
  return details;
}

/**
 * The detail row of the entity aliased `alias`, as JSON, whatever its kind (each kind has a table of its name):
 * a query that reads entities can bring their details along, so reading a typed column costs no statement.
 * `kindColumn` and `idColumn` name the entity's kind and id when the alias is not the entity table itself.
 */
export function detailRowOf(
  alias: string,
  kindColumn = 'kind',
  idColumn = 'id',
): RawBuilder<Record<string, unknown> | null> {
  const kind = sql.ref(`${alias}.${kindColumn}`);
  const id = sql.ref(`${alias}.${idColumn}`);
  const cases = ENTITY_KINDS.map(
    (k) => sql`when ${sql.lit(k)} then (select to_jsonb(d) from ${sql.table(k)} d where d.entity_id = ${id})`,
  );
  return sql<Record<string, unknown> | null>`case ${kind} ${sql.join(cases, sql` `)} end`;
}

// Detail tables are named after their kind; Kysely's types cannot follow a table name chosen at run time.
interface LooseQuery {
  where(column: string, op: string, value: unknown): LooseQuery;
  execute(): Promise<Record<string, unknown>[]>;
}
type Loose = {
  insertInto(t: string): { values(row: Record<string, unknown>): { execute(): Promise<unknown> } };
  updateTable(t: string): { set(row: Record<string, unknown>): LooseQuery };
  selectFrom(t: string): { selectAll(): LooseQuery };
};

export async function insertDetails(trx: Executor, kind: EntityKind, entityId: string, details: Details) {
  await (trx as unknown as Loose)
    .insertInto(kind)
    .values({ entity_id: entityId, ...toColumns(details) })
    .execute();
}

export async function updateDetails(trx: Executor, kind: EntityKind, entityId: string, details: Details) {
  const columns = toColumns(details);
  if (Object.keys(columns).length === 0) return;
  await (trx as unknown as Loose).updateTable(kind).set(columns).where('entity_id', '=', entityId).execute();
}

/** Details of many entities of one kind, keyed by entity id. */
export async function loadDetails(reader: Reader, kind: EntityKind, ids: readonly string[]) {
  const map = new Map<string, Details>();
  if (ids.length === 0) return map;
  const query = (dbOf(reader) as unknown as Loose)
    .selectFrom(kind)
    .selectAll()
    .where('entity_id', '=', anyOf(ids, 'uuid'));
  // the detail table is chosen at run time: the query is typed loosely, its rows as plain records
  const rows = await selectRows(reader, query as unknown as Select<Record<string, unknown>>, (row) => row);
  for (const row of rows) map.set(row.entity_id as string, detailsFromRow(row));
  return map;
}
