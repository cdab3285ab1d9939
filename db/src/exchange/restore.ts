import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Transaction } from 'kysely';
import type { Db } from '../connect.ts';
import { migrateToLatest } from '../migrate.ts';
import { analyzeGraph } from '../statistics.ts';
import type { Database } from '../tables.ts';
import {
  EXCHANGE_TABLES,
  type ExchangeTable,
  FORMAT,
  FORMAT_VERSION,
  type Manifest,
  readLines,
  type TableEntry,
  tableChecksum,
} from './format.ts';

/** Why a restore was refused: the file and line at fault when there is one. Nothing was written. */
export class RestoreError extends Error {
  constructor(
    readonly reason: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(`${file ? `${file}${line ? ` line ${line}` : ''}: ` : ''}${reason}`);
    this.name = 'RestoreError';
  }
}

export interface RestoreOptions {
  /** The schema the database handle works in (tests), for the migrator's bookkeeping. */
  schema?: string;
  onProgress?: (table: string, rows: number, total: number) => void;
}

export interface RestoreSummary {
  rows: Record<string, number>;
  seconds: number;
}

const BATCH = 1000;
const DATA_TABLES = EXCHANGE_TABLES.filter((t) => !t.catalogue && !t.derived);

function readManifest(dir: string): Manifest {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) {
    throw new RestoreError('no manifest.json: not a backup folder, or an export that did not finish', 'manifest.json');
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new RestoreError(`not JSON: ${(error as Error).message}`, 'manifest.json');
  }
  if (manifest?.format !== FORMAT)
    throw new RestoreError(`not a backup of this graph (format "${manifest?.format}")`, 'manifest.json');
  if (manifest.formatVersion !== FORMAT_VERSION) {
    throw new RestoreError(
      `format version ${manifest.formatVersion}; this version reads ${FORMAT_VERSION}`,
      'manifest.json',
    );
  }
  for (const table of EXCHANGE_TABLES) {
    const entry = manifest.tables?.[table.name];
    if (!entry) throw new RestoreError(`lists no file for table ${table.name}`, 'manifest.json');
    if (!existsSync(join(dir, entry.file))) throw new RestoreError('missing: the manifest lists it', entry.file);
  }
  return manifest;
}

/** Tables that hold rows, among those a restore fills; none may when a restore starts. */
async function filledTables(db: Db | Transaction<Database>): Promise<string[]> {
  const filled: string[] = [];
  for (const table of DATA_TABLES) {
    const { rows } = await sql<{ found: boolean }>`
      select exists (select 1 from ${sql.table(table.name)}) as found`.execute(db);
    if (rows[0].found) filled.push(table.name);
  }
  return filled;
}

const notEmpty = (tables: string[]) =>
  new RestoreError(
    `the database is not empty (${tables.join(', ')} hold rows): restore into an empty database, for example a new one, before the API first starts on it`,
  );

/**
 * Restores a backup written by exportGraph into an empty database, with the same IDs, versions and timestamps.
 * Every line is checked as it is read, the database checks the rest (keys, kinds, predicates), and the checksums
 * are compared at the end; all in one transaction, so a refused restore leaves the database as it was.
 */
export async function restoreGraph(db: Db, dir: string, options: RestoreOptions = {}): Promise<RestoreSummary> {
  const started = performance.now();
  const manifest = readManifest(dir);
  // refuse a database with data before migrating it
  // the schema the handle writes to (the first on its search path), not another one further down the path
  const { rows: existing } = await sql<{ found: boolean }>`
    select to_regclass(quote_ident(current_schema()) || '.entity') is not null as found`.execute(db);
  if (existing[0].found) {
    const filled = await filledTables(db);
    if (filled.length > 0) throw notEmpty(filled);
  }
  await migrateToLatest(db, { schema: options.schema });
  const { rows: known } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  const unknown = manifest.migrations.filter((m) => !known.some((k) => k.name === m));
  if (unknown.length > 0) {
    throw new RestoreError(`the backup comes from a newer version (migrations ${unknown.join(', ')})`, 'manifest.json');
  }

  const rows: Record<string, number> = {};
  await db.transaction().execute(async (trx) => {
    await sql`set local timezone to 'UTC'`.execute(trx);
    // rows go in with the versions and change ids they had; restoring them is not a change
    await sql`select set_config('kg.versioning', 'off', true)`.execute(trx);
    const filled = await filledTables(trx);
    if (filled.length > 0) throw notEmpty(filled);
    for (const table of EXCHANGE_TABLES) {
      const entry = manifest.tables[table.name];
      rows[table.name] = table.derived
        ? entry.rows
        : await restoreTable(trx, table, join(dir, entry.file), entry, options.onProgress);
      if (!table.catalogue) {
        const actual = await tableChecksum(trx, table.name);
        if (actual.rows !== entry.rows || actual.checksum !== entry.checksum) {
          throw new RestoreError(
            `restored ${actual.rows} rows with checksum ${actual.checksum}; the export had ${entry.rows} with ${entry.checksum}`,
            entry.file,
          );
        }
      }
      if (table.identity) {
        await sql`
          select setval(pg_get_serial_sequence(${table.name}, ${table.identity}), coalesce(max(${sql.ref(table.identity)}), 0) + 1, false)
          from ${sql.table(table.name)}`.execute(trx);
      }
    }
    await sql`select setval('change_seq', ${await lastChangeId(trx)} + 1, false)`.execute(trx);
  });
  // fresh statistics for the planner (title search above all); outside the transaction, and harmless if refused
  await analyzeGraph(db).catch(() => undefined);
  return { rows, seconds: (performance.now() - started) / 1000 };
}

/** The greatest change id the restored rows hold (a version's, the end of a past one, or a change set's). */
async function lastChangeId(trx: Transaction<Database>): Promise<number> {
  const ids = [sql`(select max(first_n) from change_set)`];
  for (const table of DATA_TABLES) {
    const columns = await columnsOf(trx, table.name);
    for (const column of ['sys_n', 'sys_end'].filter((c) => columns.has(c))) {
      ids.push(sql`(select max(${sql.ref(column)}) from ${sql.table(table.name)})`);
    }
  }
  const { rows } = await sql<{ n: string | null }>`select greatest(${sql.join(ids)}) as n`.execute(trx);
  return Number(rows[0].n ?? 0);
}

async function columnsOf(trx: Transaction<Database>, table: string): Promise<Set<string>> {
  const { rows } = await sql<{ name: string }>`
    select attname as name from pg_attribute
    where attrelid = to_regclass(${table}) and attnum > 0 and not attisdropped`.execute(trx);
  return new Set(rows.map((r) => r.name));
}

async function restoreTable(
  trx: Transaction<Database>,
  table: ExchangeTable,
  path: string,
  entry: TableEntry,
  onProgress: RestoreOptions['onProgress'],
): Promise<number> {
  const columns = await columnsOf(trx, table.name);
  const hash = createHash('sha256');
  // An entity may point at one restored after it (superseded_by): those links go in once every entity is there.
  const supersededBy: Array<{ id: string; superseded_by: string }> = [];
  let batch: string[] = [];
  let firstLine = 1;
  let line = 0;
  const flush = async () => {
    if (batch.length > 0) await insertBatch(trx, table, batch, entry.file, firstLine);
    firstLine = line + 1;
    batch = [];
    onProgress?.(table.name, line, entry.rows);
  };
  for await (const text of readLines(path)) {
    line++;
    hash.update(`${text}\n`);
    let row: unknown;
    try {
      row = JSON.parse(text);
    } catch (error) {
      throw new RestoreError(`not a JSON object: ${(error as Error).message}`, entry.file, line);
    }
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw new RestoreError('not a JSON object', entry.file, line);
    }
    const record = row as Record<string, unknown>;
    const stray = Object.keys(record).find((k) => !columns.has(k));
    if (stray) throw new RestoreError(`unknown column "${stray}" for table ${table.name}`, entry.file, line);
    const missing = table.key.find((k) => record[k] === null || record[k] === undefined);
    if (missing) throw new RestoreError(`no ${missing}: every ${table.name} row needs its key`, entry.file, line);
    if (table.name === 'entity' && typeof record.superseded_by === 'string') {
      supersededBy.push({ id: String(record.id), superseded_by: record.superseded_by });
      batch.push(JSON.stringify({ ...record, superseded_by: null }));
    } else {
      batch.push(text);
    }
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  if (line !== entry.rows) {
    throw new RestoreError(
      `holds ${line} rows; the manifest says ${entry.rows} (a truncated or edited file)`,
      entry.file,
    );
  }
  if (hash.digest('hex') !== entry.sha256) {
    throw new RestoreError('its SHA-256 differs from the manifest: the file changed after the export', entry.file);
  }
  if (supersededBy.length > 0) {
    await sql`
      update entity e set superseded_by = s.superseded_by
      from jsonb_to_recordset(${JSON.stringify(supersededBy)}::jsonb) as s(id uuid, superseded_by uuid)
      where e.id = s.id`.execute(trx);
  }
  return line;
}

function insertStatement(table: ExchangeTable, json: string) {
  const target = sql.table(table.name);
  const overriding = table.identity ? sql`overriding system value` : sql``;
  const conflict = table.catalogue ? sql`on conflict do nothing` : sql``;
  return sql`
    insert into ${target} ${overriding}
    select * from jsonb_populate_recordset(null::${target}, ${json}::jsonb) ${conflict}`;
}

/**
 * Inserts a batch of rows in one statement. When the database refuses it, the rows are tried one at a time to
 * name the line at fault.
 */
async function insertBatch(
  trx: Transaction<Database>,
  table: ExchangeTable,
  lines: string[],
  file: string,
  first: number,
) {
  await sql`savepoint restore_batch`.execute(trx);
  try {
    await insertStatement(table, `[${lines.join(',')}]`).execute(trx);
    await sql`release savepoint restore_batch`.execute(trx);
    return;
  } catch {
    await sql`rollback to savepoint restore_batch`.execute(trx);
  }
  for (const [i, line] of lines.entries()) {
    try {
      await sql`savepoint restore_row`.execute(trx);
      await insertStatement(table, `[${line}]`).execute(trx);
      await sql`release savepoint restore_row`.execute(trx);
    } catch (error) {
      const e = error as { message?: string; detail?: string };
      throw new RestoreError(
        `refused by the database: ${e.message ?? String(error)}${e.detail ? ` (${e.detail})` : ''}`,
        file,
        first + i,
      );
    }
  }
  throw new RestoreError(`refused by the database as a whole, though each row alone was accepted`, file, first);
}
