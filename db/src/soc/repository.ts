import { sql } from 'kysely';
import { dbOf, type Reader, selectRows } from '../batch.ts';
import type { Executor } from '../connect.ts';
import { anyOf } from '../lookup.ts';
import type { CodeSystemName, EntityRow, SocCodeRow, SocLevel } from '../tables.ts';

/** A code of any system the graph knows: a SOC 2010 or 2018 code, or an occupation's O*NET-SOC code. */
export interface SocCodeView {
  system: CodeSystemName | 'onet_soc';
  code: string;
  title: string;
  definition: string | null;
  level: SocLevel | 'onet_soc';
  /** In today's classification (SOC 2018, and O*NET-SOC codes of published occupations). */
  current: boolean;
  /** The next broader code: a SOC group, or the SOC 2018 detailed code of an O*NET-SOC code. */
  broaderCode: string | null;
  sourceId: string | null;
  locator: string | null;
  definitionLocator: string | null;
  /** The occupation an O*NET-SOC code is the code of. */
  occupationId: string | null;
}

export const ONET_SOC_CODE = /^\d{2}-\d{4}\.\d{2}$/;
export const SOC_CODE = /^\d{2}-\d{4}$/;

/** Key of a code in the loaders below: `system|code`. */
export const codeKey = (system: SocCodeView['system'], code: string) => `${system}|${code}`;

const fromRow = (row: SocCodeRow): SocCodeView => ({
  system: row.system,
  code: row.code,
  title: row.title,
  definition: row.definition,
  level: row.level,
  current: row.system === 'soc_2018',
  broaderCode: row.parent_code,
  sourceId: row.source_id,
  locator: row.locator,
  definitionLocator: row.definition_locator,
  occupationId: null,
});

/** An occupation as a code of the ONET_SOC system is made of it. */
interface OnetCodeRow {
  id: string;
  name: string;
  status: string;
  onet_soc_code: string | null;
  description: string | null;
}

const fromOccupation = (row: OnetCodeRow): SocCodeView => ({
  system: 'onet_soc',
  code: row.onet_soc_code!,
  title: row.name,
  definition: row.description,
  level: 'onet_soc',
  current: row.status === 'published',
  broaderCode: row.onet_soc_code!.slice(0, 7),
  sourceId: null,
  locator: null,
  definitionLocator: null,
  occupationId: row.id,
});

/** Occupations with their O*NET-SOC code, as codes of the ONET_SOC system are made of them. */
const onetCodeRows = (db: Executor) =>
  db
    .selectFrom('occupation as o')
    .innerJoin('entity as e', 'e.id', 'o.entity_id')
    .select(['e.id', 'e.name', 'e.status', 'o.onet_soc_code', 'o.description']);

/** Codes by `system|code` keys, in one statement per system asked for. */
export async function loadSocCodes(reader: Reader, keys: readonly string[]): Promise<Map<string, SocCodeView>> {
  const db = dbOf(reader);
  const map = new Map<string, SocCodeView>();
  const split = keys.map((k) => k.split('|') as [SocCodeView['system'], string]);
  const onet = split.filter(([system]) => system === 'onet_soc').map(([, code]) => code);
  const soc = split.filter(([system]) => system !== 'onet_soc');
  // both systems' reads are asked at once, so that a batch sends them together
  const [socRows, onetRows] = await Promise.all([
    soc.length
      ? selectRows(
          reader,
          db
            .selectFrom('soc_code')
            .selectAll()
            .where(sql<boolean>`(system || '|' || code) = any(${soc.map(([s, c]) => codeKey(s, c))}::text[])`),
          (row) => row as unknown as SocCodeRow,
        )
      : [],
    onet.length
      ? selectRows(
          reader,
          onetCodeRows(db).where('o.onet_soc_code', '=', anyOf(onet, 'text')).where('e.status', '<>', 'draft'),
          (row) => row as unknown as OnetCodeRow,
        )
      : [],
  ]);
  for (const row of socRows) map.set(codeKey(row.system, row.code), fromRow(row));
  for (const row of onetRows) map.set(codeKey('onet_soc', row.onet_soc_code!), fromOccupation(row));
  return map;
}

/** The codes one level below each given SOC code; below a detailed SOC 2018 code, its O*NET-SOC codes. */
export async function loadNarrowerCodes(db: Executor, keys: readonly string[]): Promise<Map<string, SocCodeView[]>> {
  const map = new Map<string, SocCodeView[]>();
  const push = (key: string, view: SocCodeView) => map.set(key, [...(map.get(key) ?? []), view]);
  const soc = keys.map((k) => k.split('|') as [SocCodeView['system'], string]).filter(([s]) => s !== 'onet_soc');
  if (soc.length === 0) return map;
  const groups = await db
    .selectFrom('soc_code')
    .selectAll()
    .where(sql<boolean>`(system || '|' || parent_code) = any(${soc.map(([s, c]) => codeKey(s, c))}::text[])`)
    .orderBy('code')
    .execute();
  for (const row of groups) push(codeKey(row.system, row.parent_code!), fromRow(row));
  const detailed = soc.filter(([system]) => system === 'soc_2018').map(([, code]) => code);
  if (detailed.length) {
    const rows = await onetCodeRows(db)
      .where('o.soc_code', 'in', detailed)
      .where('o.onet_soc_code', 'is not', null)
      .where('e.status', '=', 'published')
      .orderBy('o.onet_soc_code')
      .execute();
    for (const row of rows) push(codeKey('soc_2018', row.onet_soc_code!.slice(0, 7)), fromOccupation(row));
  }
  return map;
}

/**
 * Crosswalk partners of each code: `forward` gives the SOC 2018 codes a SOC 2010 code became, `backward` the
 * SOC 2010 codes a SOC 2018 code replaces; one statement for all of them.
 */
export async function loadCrosswalkPartners(
  db: Executor,
  keys: readonly string[],
  direction: 'forward' | 'backward',
): Promise<Map<string, SocCodeView[]>> {
  const map = new Map<string, SocCodeView[]>();
  if (keys.length === 0) return map;
  const [near, far] = direction === 'forward' ? (['from', 'to'] as const) : (['to', 'from'] as const);
  const { rows } = await sql<SocCodeRow & { near_key: string }>`
    select c.*, x.${sql.ref(`${near}_system`)} || '|' || x.${sql.ref(`${near}_code`)} as near_key
    from soc_crosswalk x
    join soc_code c on c.system = x.${sql.ref(`${far}_system`)} and c.code = x.${sql.ref(`${far}_code`)}
    where x.${sql.ref(`${near}_system`)} || '|' || x.${sql.ref(`${near}_code`)} = any(${[...keys]}::text[])
    order by c.code`.execute(db);
  for (const row of rows) map.set(row.near_key, [...(map.get(row.near_key) ?? []), fromRow(row)]);
  return map;
}

/** The first digits that every code below a SOC group shares: 11-0000 -> 11-, 15-1200 -> 15-12, 15-1250 -> 15-125. */
function prefixOf(view: SocCodeView) {
  const digits = { major: 0, minor: 2, broad: 3, detailed: 4, onet_soc: 4 }[view.level];
  return view.code.slice(0, 3 + digits);
}

/**
 * Published occupations coded under each code: below a SOC 2018 group or detailed code, every occupation whose
 * SOC code starts like it; for an O*NET-SOC code its occupation; for a retired SOC 2010 code, the occupations of
 * the SOC 2018 codes that replaced it. One statement for all the codes.
 */
export async function loadOccupationsOfCodes(
  db: Executor,
  views: readonly SocCodeView[],
): Promise<Map<string, EntityRow[]>> {
  const map = new Map<string, EntityRow[]>();
  if (views.length === 0) return map;
  const successors = await loadCrosswalkPartners(
    db,
    views.filter((v) => v.system === 'soc_2010').map((v) => codeKey(v.system, v.code)),
    'forward',
  );
  // each asked-for code looks for occupations whose SOC code starts with one of its patterns
  const patterns: Array<{ key: string; prefix: string }> = [];
  for (const view of views) {
    const key = codeKey(view.system, view.code);
    if (view.system === 'soc_2010') {
      for (const next of successors.get(key) ?? []) patterns.push({ key, prefix: next.code });
    } else if (view.system === 'soc_2018') patterns.push({ key, prefix: prefixOf(view) });
  }
  const onetIds = views.filter((v) => v.occupationId).map((v) => v.occupationId!);
  const { rows } = await sql<EntityRow & { key: string }>`
    select e.*, p.key from entity e
    join occupation o on o.entity_id = e.id
    join unnest(${patterns.map((p) => p.key)}::text[], ${patterns.map((p) => p.prefix)}::text[]) as p(key, prefix)
      on o.soc_code like p.prefix || '%'
    where e.status = 'published'
    union all
    select e.*, 'onet_soc|' || o.onet_soc_code as key from entity e
    join occupation o on o.entity_id = e.id
    where e.id = any(${onetIds}::uuid[]) and e.status = 'published'
    order by name, id`.execute(db);
  for (const row of rows) {
    const { key, ...entity } = row;
    const list = map.get(key) ?? [];
    if (!list.some((e) => e.id === entity.id)) list.push(entity);
    map.set(key, list);
  }
  return map;
}
