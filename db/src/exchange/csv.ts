import { join } from 'node:path';
import { sql } from 'kysely';
import type { Executor } from '../connect.ts';
import { ENTITY_KINDS } from '../model.ts';
import { PUBLIC_VISIBILITY } from '../visibility.ts';
import { LineWriter } from './format.ts';

const PAGE = 2000;

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; objects as JSON. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvLine = (values: unknown[]) => values.map(csvField).join(',');

/** CSV files are shared beyond the team: they hold what anonymous readers may see, never drafts. */
const PUBLIC = sql.val([...PUBLIC_VISIBILITY]);

async function detailColumns(db: Executor, kind: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select attname as name from pg_attribute
    where attrelid = to_regclass(${kind}) and attnum > 0 and not attisdropped
      and attname not in ('entity_id', 'kind')
    order by attnum`.execute(db);
  return rows.map((r) => r.name);
}

/**
 * For analysts and spreadsheets: `csv/<kind>.csv` (every entity of the kind with its typed columns and its other
 * names), `csv/relations.csv` and `csv/observations.csv`: the public graph (published and retired facts, the
 * status a column); drafts stay in the JSON Lines tables that a restore reads.
 */
export async function writeCsv(db: Executor, dir: string, gz: string) {
  const extras: Record<string, { file: string; rows: number }> = {};
  for (const kind of ENTITY_KINDS) {
    const file = `csv/${kind}.csv${gz}`;
    const columns = await detailColumns(db, kind);
    const writer = new LineWriter(join(dir, file), gz !== '');
    await writer.writeRaw(
      `${csvLine(['id', 'name', 'status', 'version', 'created_at', 'updated_at', ...columns, 'other_names'])}\r\n`,
    );
    let after = '00000000-0000-0000-0000-000000000000';
    let rows = 0;
    for (;;) {
      const { rows: page } = await sql<{
        id: string;
        entity: Record<string, unknown>;
        details: Record<string, unknown>;
        names: string | null;
      }>`
        select e.id, to_jsonb(e) as entity, to_jsonb(d) as details,
          (select string_agg(l.text, ' | ' order by l.type, l.text) from label l
           where l.entity_id = e.id and l.type in ('alternate', 'reported') and l.status = 'published') as names
        from entity e join ${sql.table(kind)} d on d.entity_id = e.id
        where e.id > ${after} and e.status = any(${PUBLIC}::text[])
        order by e.id
        limit ${PAGE}`.execute(db);
      for (const r of page) {
        const e = r.entity;
        await writer.writeRaw(
          `${csvLine([e.id, e.name, e.status, e.version, e.created_at, e.updated_at, ...columns.map((c) => r.details[c]), r.names])}\r\n`,
        );
      }
      rows += page.length;
      if (page.length < PAGE) break;
      after = page[page.length - 1].id;
    }
    await writer.close();
    extras[file] = { file, rows };
  }

  const tables = {
    relations: {
      header: [
        'id',
        'predicate',
        'from_id',
        'from_kind',
        'from_name',
        'to_id',
        'to_kind',
        'to_name',
        'attributes',
        'status',
        'version',
      ],
      query: (after: string) => sql<Record<string, unknown>>`
        select r.id, r.predicate, r.from_id, r.from_kind, f.name as from_name, r.to_id, r.to_kind, t.name as to_name,
          r.attributes::text as attributes, r.status, r.version
        from relation r join entity f on f.id = r.from_id join entity t on t.id = r.to_id
        where r.id > ${after} and r.status = any(${PUBLIC}::text[])
          and f.status = any(${PUBLIC}::text[]) and t.status = any(${PUBLIC}::text[])
        order by r.id limit ${PAGE}`,
    },
    observations: {
      header: [
        'id',
        'entity_id',
        'entity_name',
        'metric',
        'value',
        'unit',
        'period',
        'period_start',
        'period_end',
        'geography',
        'source_id',
        'status',
        'version',
      ],
      query: (after: string) => sql<Record<string, unknown>>`
        select o.id, o.entity_id, e.name as entity_name, o.metric, o.value, o.unit, o.period, o.period_start::text,
          o.period_end::text, o.geography, o.source_id, o.status, o.version
        from observation o join entity e on e.id = o.entity_id
        where o.id > ${after} and o.status = any(${PUBLIC}::text[]) and e.status = any(${PUBLIC}::text[])
        order by o.id limit ${PAGE}`,
    },
  };
  for (const [name, { header, query }] of Object.entries(tables)) {
    const file = `csv/${name}.csv${gz}`;
    const writer = new LineWriter(join(dir, file), gz !== '');
    await writer.writeRaw(`${csvLine(header)}\r\n`);
    let after = '00000000-0000-0000-0000-000000000000';
    let rows = 0;
    for (;;) {
      const { rows: page } = await query(after).execute(db);
      for (const r of page) await writer.writeRaw(`${csvLine(header.map((h) => r[h]))}\r\n`);
      rows += page.length;
      if (page.length < PAGE) break;
      after = page[page.length - 1].id as string;
    }
    await writer.close();
    extras[file] = { file, rows };
  }
  return extras;
}
