import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../connect.ts';
import { writeCsv } from './csv.ts';
import {
  EXCHANGE_TABLES,
  FORMAT,
  FORMAT_VERSION,
  LineWriter,
  type Manifest,
  type TableEntry,
  tableChecksum,
  tablePages,
} from './format.ts';
import { writeJsonLd } from './jsonld.ts';

export interface ExportOptions {
  /** Compress every file with gzip (`.gz` appended to its name). */
  gzip?: boolean;
  onProgress?: (step: string, rows: number) => void;
}

/**
 * Writes the whole graph to `dir`: one JSON Lines file per table (what a restore reads), the published graph as
 * JSON-LD (schema.org and CTDL terms) and one CSV per entity kind, then manifest.json with the row counts and
 * checksums. Everything is read in one repeatable-read transaction, so the files agree with each other even while
 * the API keeps writing; rows are streamed page by page.
 */
export async function exportGraph(db: Db, dir: string, options: ExportOptions = {}): Promise<Manifest> {
  const gz = options.gzip ? '.gz' : '';
  mkdirSync(join(dir, 'tables'), { recursive: true });
  mkdirSync(join(dir, 'csv'), { recursive: true });
  const manifest = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      // timestamps render with the session's offset: UTC keeps the files (and checksums) the same everywhere
      await sql`set local timezone to 'UTC'`.execute(trx);
      const { rows: migrations } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
        trx,
      );
      const tables: Record<string, TableEntry> = {};
      for (const table of EXCHANGE_TABLES) {
        const file = `tables/${table.name}.jsonl${gz}`;
        const writer = new LineWriter(join(dir, file), !!options.gzip);
        for await (const page of tablePages(trx, table)) {
          for (const line of page) await writer.write(line);
          options.onProgress?.(table.name, writer.lines);
        }
        const sha256 = await writer.close();
        const { rows, checksum } = await tableChecksum(trx, table.name);
        if (rows !== writer.lines) throw new Error(`${table.name}: wrote ${writer.lines} rows of ${rows}`);
        tables[table.name] = { file, rows, sha256, checksum };
      }
      const extras = {
        ...(await writeJsonLd(trx, join(dir, `graph.jsonld${gz}`), !!options.gzip, `graph.jsonld${gz}`)),
        ...(await writeCsv(trx, dir, gz)),
      };
      return {
        format: FORMAT,
        formatVersion: FORMAT_VERSION,
        exportedAt: new Date().toISOString(),
        migrations: migrations.map((m) => m.name),
        tables,
        extras,
      } satisfies Manifest;
    });
  // written last: a folder without a manifest is an export that did not finish, and a restore refuses it
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
