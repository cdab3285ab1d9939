import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type DatabaseHandle, openDatabase } from '@kg/db/connect';
import { DataDirInUseError } from '@kg/db/data-dir-lock';
import { importOnet } from '@kg/db/import/datasets';
import { migrateToLatest } from '@kg/db/migrate';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { hasReferenceData, onetSlice } from './support/reference-data.ts';

/**
 * The embedded database on disk, as an operator meets it: one process per data directory, and a process
 * killed at any moment (SIGKILL: no chance to close anything) leaves a directory the next start opens
 * quickly, with every write it acknowledged.
 */

const ROOT = new URL('..', import.meta.url).pathname;
const CODES = ['29-2072.00', '29-1141.00', '31-9092.00', '43-6013.00', '11-9111.00'];

function start(args: string[], env: Record<string, string> = {}) {
  // the embedded database: a DATABASE_URL in the suite's environment (the server the other files use) must not leak in
  const { DATABASE_URL: _server, ...inherited } = process.env;
  return spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { ...inherited, KG_LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });

/** Opens the data directory the way a start does, recording what it logs and how long it takes to answer. */
async function reopen(dataDir: string) {
  const lines: string[] = [];
  const logger = { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m) };
  const started = performance.now();
  const handle = await openDatabase({ dataDir, logger });
  await handle.ping();
  return { handle, lines, seconds: (performance.now() - started) / 1000 };
}

describe('the embedded database on disk [pglite]', () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'kg-embedded-')), 'pglite');
  const children: ChildProcess[] = [];
  const handles: DatabaseHandle[] = [];

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    for (const handle of handles) await handle.close().catch(() => undefined);
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  });

  it('refuses a second process on the same data directory; after the holder is killed, the next start has every acknowledged write', async () => {
    const holder = start(['tests/support/hold-embedded-database.ts', dataDir]);
    children.push(holder);
    const acknowledged: number[] = [];
    const opened = new Promise<void>((resolve, reject) => {
      holder.once('exit', (code) => reject(new Error(`the holder exited with ${code}`)));
      createInterface({ input: holder.stdout! }).on('line', (line) => {
        if (line === 'open') resolve();
        const ack = /^ack (\d+)$/.exec(line);
        if (ack) acknowledged.push(Number(ack[1]));
      });
    });
    await opened;

    // a second process (this one) is refused while the holder runs, and says who holds the directory
    const refused = await openDatabase({ dataDir }).then(
      (handle) => {
        handles.push(handle);
        return null;
      },
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(DataDirInUseError);
    expect(String(refused)).toContain(`in use by process ${holder.pid}`);
    expect(JSON.parse(readFileSync(join(dataDir, 'kg.lock'), 'utf8')).pid).toBe(holder.pid);

    // kill it in the middle of its writes, as the OOM killer or a power cut would
    while (acknowledged.length < 40) await new Promise((resolve) => setTimeout(resolve, 50));
    holder.kill('SIGKILL');
    expect((await exited(holder)).signal).toBe('SIGKILL');
    const lastAcknowledged = Math.max(...acknowledged);

    const { handle, lines, seconds } = await reopen(dataDir);
    handles.push(handle);
    console.info(`reopened after SIGKILL of a writer in ${seconds.toFixed(1)} s`);
    expect(lines.join('\n')).toContain(`process ${holder.pid} stopped without closing it): recovering`);
    expect(lines.join('\n')).toMatch(/recovered in \d+\.\d s/);
    expect(seconds).toBeLessThan(30);
    const { rows } = await sql<{ n: number }>`select n from acknowledged order by n`.execute(handle.db);
    const stored = new Set(rows.map((r) => r.n));
    expect(acknowledged.filter((n) => !stored.has(n))).toEqual([]);
    // nothing half-written: the rows are exactly 1..k, k at least the last acknowledged one
    expect(rows.map((r) => r.n)).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
    expect(rows.length).toBeGreaterThanOrEqual(lastAcknowledged);
    await handles.pop()?.close();
  });

  it.skipIf(!hasReferenceData())('an import killed halfway restarts quickly and finishes when run again', async () => {
    for (const handle of handles.splice(0)) await handle.close();
    const release = onetSlice('onet', CODES);
    const importer = start(['db/src/import/cli.ts', 'onet', release], { KG_DATA_DIR: join(dataDir, '..') });
    children.push(importer);
    // kill it once it has written some batches (its import run is recorded and progress is shown)
    let output = '';
    await new Promise<void>((resolve, reject) => {
      importer.once('exit', (code) => reject(new Error(`the import ended (${code}) before it was killed: ${output}`)));
      const watch = (chunk: Buffer) => {
        output += chunk;
        if (/onet-title entities/.test(output)) resolve();
      };
      importer.stdout!.on('data', watch);
      importer.stderr!.on('data', watch);
    });
    importer.kill('SIGKILL');
    await exited(importer);

    const { handle, lines, seconds } = await reopen(dataDir);
    handles.push(handle);
    console.info(`reopened after SIGKILL during an import in ${seconds.toFixed(1)} s`);
    expect(lines.join('\n')).toMatch(/recovering/);
    expect(seconds).toBeLessThan(30);
    await migrateToLatest(handle.db);
    const summary = await importOnet(handle.db, release);
    expect(summary.source).toBe('onet:29.3');
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from occupation o join entity e on e.id = o.entity_id
      where o.onet_soc_code = any(${CODES})`.execute(handle.db);
    expect(rows[0].n).toBe(CODES.length);
    const runs = await handle.db.selectFrom('import_run').select('status').execute();
    expect(runs.map((r) => r.status)).toContain('finished');
    await handles.pop()?.close();
  });
});
