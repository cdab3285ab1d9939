// The embedded database's own thread: it owns the PGlite instance and runs one message at a time, so that a
// long statement (PGlite cannot be interrupted) never blocks the HTTP thread. Plain JavaScript so that Node
// runs it under any loader (tsx, vitest, plain node). Protocol: see db/src/pglite-worker-client.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

const { dataDir, schema, fromDump } = workerData;

/** An error as plain data: structured cloning keeps only message and stack, and callers read code, detail... */
function serializeError(error) {
  const plain = { message: String(error?.message ?? error), name: error?.name ?? 'Error' };
  if (error && typeof error === 'object') {
    for (const [key, value] of Object.entries(error)) {
      if (['string', 'number', 'boolean'].includes(typeof value)) plain[key] = value;
    }
  }
  return plain;
}

let pglite;
try {
  const loadDataDir = fromDump ? new Blob([readFileSync(fromDump)]) : undefined;
  pglite = await PGlite.create({ dataDir, loadDataDir, extensions: { pg_trgm } });
  if (schema) await pglite.exec(`create schema if not exists "${schema}"; set search_path = "${schema}", public`);
  parentPort.postMessage({ type: 'ready' });
} catch (error) {
  parentPort.postMessage({ type: 'failed', error: serializeError(error) });
  process.exit(1);
}

parentPort.on('message', async (message) => {
  const { id, kind } = message;
  try {
    if (kind === 'query') {
      const result = await pglite.query(message.sql, message.params, { rowMode: 'object' });
      parentPort.postMessage({ id, ok: true, rows: result.rows ?? [], affectedRows: result.affectedRows });
    } else if (kind === 'dump') {
      // written out first, so that a copy opens as it was, without replaying the write-ahead log
      await pglite.exec('checkpoint');
      const dump = await pglite.dumpDataDir('none');
      writeFileSync(message.path, Buffer.from(await dump.arrayBuffer()));
      parentPort.postMessage({ id, ok: true, rows: [] });
    } else if (kind === 'ping') {
      parentPort.postMessage({ id, ok: true, rows: [] });
    } else if (kind === 'close') {
      if (!pglite.closed) await pglite.close();
      parentPort.postMessage({ id, ok: true, rows: [] });
      parentPort.close();
    }
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: serializeError(error) });
  }
});
