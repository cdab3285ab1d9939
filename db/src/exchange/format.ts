import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { createGunzip, createGzip, type Gzip } from 'node:zlib';
import { type RawBuilder, sql } from 'kysely';
import type { Db, Executor } from '../connect.ts';
import { ENTITY_KINDS } from '../model.ts';

/** Name and version of the backup format, written to and checked from manifest.json. */
export const FORMAT = 'occupational-knowledge-graph/backup';
/** 2: history as versioned tables (`change_set`, `<table>_history`); `change_log` is derived from them. */
export const FORMAT_VERSION = 2;

export interface ExchangeTable {
  name: string;
  /** Primary key columns: export pages by them, restore requires them. */
  key: string[];
  /** Rows the migrations write from the model (kinds, predicates, metrics): restored only where missing. */
  catalogue?: boolean;
  /** An identity column whose sequence must be moved past the restored ids. */
  identity?: string;
  /** A view rebuilt from the tables before it: exported for readers, compared after a restore, never inserted. */
  derived?: boolean;
}

/** Past versions of the versioned tables, keyed by the fact and the change that ended the version. */
const HISTORY_TABLES: readonly ExchangeTable[] = [
  ...['source', 'entity'].map((name) => ({ name: `${name}_history`, key: ['id', 'sys_end'] })),
  ...ENTITY_KINDS.map((kind) => ({ name: `${kind}_history`, key: ['entity_id', 'sys_end'] })),
  ...['label', 'relation', 'observation', 'citation'].map((name) => ({
    name: `${name}_history`,
    key: ['id', 'sys_end'],
  })),
];

/**
 * Every table a restore needs, in an order that satisfies the foreign keys when rows are inserted table by table.
 * (Derived tables, title_form and title_word, are rebuilt by their triggers as labels go in.)
 */
export const EXCHANGE_TABLES: readonly ExchangeTable[] = [
  { name: 'entity_kind', key: ['kind'], catalogue: true },
  { name: 'predicate', key: ['name'], catalogue: true },
  { name: 'predicate_rule', key: ['predicate', 'from_kind', 'to_kind'], catalogue: true },
  { name: 'metric', key: ['name'], catalogue: true },
  { name: 'source', key: ['id'] },
  { name: 'soc_code', key: ['system', 'code'] },
  { name: 'soc_crosswalk', key: ['from_system', 'from_code', 'to_system', 'to_code'] },
  { name: 'entity', key: ['id'] },
  ...ENTITY_KINDS.map((kind) => ({ name: kind, key: ['entity_id'] })),
  { name: 'external_key', key: ['namespace', 'key'] },
  { name: 'label', key: ['id'] },
  { name: 'relation', key: ['id'] },
  { name: 'observation', key: ['id'] },
  { name: 'citation', key: ['id'] },
  { name: 'change_set', key: ['first_n'] },
  ...HISTORY_TABLES,
  { name: 'change_log', key: ['id'], derived: true },
  { name: 'import_run', key: ['id'], identity: 'id' },
  // who may curate (argon2 hashes, never passwords) and the review queue; the token signing key and the login
  // throttle stay behind: a restored server signs with a key of its own
  { name: 'account', key: ['id'] },
  { name: 'draft', key: ['id'] },
];

export interface TableEntry {
  /** Path of the JSON Lines file, relative to the backup folder. */
  file: string;
  rows: number;
  /** SHA-256 of the uncompressed file. */
  sha256: string;
  /** Order-free checksum of the rows as the database renders them (see tableChecksum). */
  checksum: string;
}

export interface Manifest {
  format: typeof FORMAT;
  formatVersion: number;
  exportedAt: string;
  /** Migrations the exported database had run; a restore refuses a backup with migrations it does not know. */
  migrations: string[];
  tables: Record<string, TableEntry>;
  /** The publication formats written beside the backup (not read by a restore). */
  extras: Record<string, { file: string; rows: number }>;
}

/** A line-oriented file writer: optional gzip, waits for the disk (back-pressure), hashes what it writes. */
export class LineWriter {
  readonly #out: Writable;
  readonly #file: WriteStream;
  readonly #hash: Hash = createHash('sha256');
  lines = 0;

  constructor(path: string, gzip: boolean) {
    this.#file = createWriteStream(path);
    if (gzip) {
      const zip: Gzip = createGzip();
      zip.pipe(this.#file);
      this.#out = zip;
    } else {
      this.#out = this.#file;
    }
  }

  async write(line: string): Promise<void> {
    const chunk = `${line}\n`;
    this.#hash.update(chunk);
    this.lines++;
    if (!this.#out.write(chunk)) await once(this.#out, 'drain');
  }

  /** Writes raw text (not counted as a line). */
  async writeRaw(text: string): Promise<void> {
    this.#hash.update(text);
    if (!this.#out.write(text)) await once(this.#out, 'drain');
  }

  async close(): Promise<string> {
    const closed = once(this.#file, 'close');
    this.#out.end();
    await closed;
    return this.#hash.digest('hex');
  }
}

/** Reads a (possibly gzipped) text file line by line. */
export function readLines(path: string): AsyncIterable<string> {
  let input: Readable = createReadStream(path);
  if (path.endsWith('.gz')) input = input.pipe(createGunzip());
  return createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
}

/**
 * Count and order-free checksum of a table: the sum of a hash of each row's JSON, as the export writes it.
 * Equal on two databases when they hold the same rows, whatever the physical order. Run in UTC (the JSON of a
 * timestamp carries the session's offset).
 */
export async function tableChecksum(db: Executor, table: string): Promise<{ rows: number; checksum: string }> {
  const { rows } = await sql<{ n: number; h: string }>`
    select count(*)::int as n, coalesce(sum(hashtextextended(to_jsonb(t)::text, 0)), 0)::text as h
    from ${sql.table(table)} t`.execute(db);
  return { rows: rows[0].n, checksum: rows[0].h };
}

/**
 * A table's rows as JSON text (Postgres renders them: microsecond timestamps, exact numbers), in key order, a page
 * at a time, so that no table is ever held in memory whole.
 */
export async function* tablePages(db: Executor, table: ExchangeTable, pageSize = 2000): AsyncGenerator<string[]> {
  const keys = sql.join(table.key.map((k) => sql.ref(`t.${k}`)));
  const keyText = sql.join(table.key.map((k, i) => sql`${sql.ref(`t.${k}`)}::text as ${sql.ref(`k${i}`)}`));
  let after: string[] | null = null;
  for (;;) {
    const where: RawBuilder<unknown> = after ? sql`where (${keys}) > (${sql.join(after)})` : sql``;
    const { rows }: { rows: Record<string, string>[] } = await sql<Record<string, string>>`
      select to_jsonb(t)::text as json, ${keyText}
      from ${sql.table(table.name)} t ${where}
      order by ${keys}
      limit ${pageSize}`.execute(db);
    if (rows.length === 0) return;
    yield rows.map((r) => r.json);
    const last = rows[rows.length - 1];
    after = table.key.map((_, i) => last[`k${i}`]);
    if (rows.length < pageSize) return;
  }
}

/** tableChecksum of every exchanged table, in UTC, as `rows:checksum`. */
export async function graphChecksums(db: Db): Promise<Record<string, string>> {
  return db.transaction().execute(async (trx) => {
    await sql`set local timezone to 'UTC'`.execute(trx);
    const result: Record<string, string> = {};
    for (const table of EXCHANGE_TABLES) {
      const { rows, checksum } = await tableChecksum(trx, table.name);
      result[table.name] = `${rows}:${checksum}`;
    }
    return result;
  });
}
