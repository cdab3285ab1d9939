import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The directory of this machine's initdb and pg_ctl: pg_config's answer, else the newest Debian-style install. */
export function postgresBinDir(): string {
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(join(dir, 'initdb'))) return dir;
  } catch {}
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin/initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) throw new Error('initdb not found: install the Postgres server binaries');
  return join(root, versions[0], 'bin');
}

/** A port on 127.0.0.1 that nothing listens on at the moment. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ThrowawayPostgres {
  /** postgres://postgres@127.0.0.1:PORT/DATABASE */
  url(database?: string): string;
  start(): void;
  /** `immediate` is a crash (no checkpoint, clients cut off); `fast` a clean shutdown. */
  stop(mode?: 'immediate' | 'fast'): void;
  /** Stops the server and removes its folder. */
  destroy(): void;
  /** A hot standby of this cluster, streaming its changes (pg_basebackup), on a port of its own. */
  startReplica(): Promise<ThrowawayPostgres>;
}

/**
 * A Postgres cluster of its own in a temporary folder, on a free port, for tests that stop and start the
 * server. initdb refuses to run as root, so as root the cluster belongs to the `postgres` system user.
 */
export async function startThrowawayPostgres(primary?: { port: number }): Promise<ThrowawayPostgres> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'kg-pg-'));
  const data = join(dir, 'data');
  const port = await freePort();
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    chmodSync(dir, 0o777);
    execFileSync('chown', ['postgres', dir]);
  }
  const run = (program: string, args: string[]) =>
    execFileSync(
      asRoot ? 'runuser' : join(bin, program),
      asRoot ? ['-u', 'postgres', '--', join(bin, program), ...args] : args,
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
  if (primary) {
    // -R writes standby.signal and the connection back to the primary: the copy starts as a hot standby.
    // A fast checkpoint: by default the copy waits for a spread one, minutes on an idle cluster.
    const from = ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres'];
    run('pg_basebackup', [...from, '-D', data, '-R', '--checkpoint=fast']);
  } else {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  }
  // fsync off: the faults these tests cause are process crashes, which the OS page cache survives
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const start = () => run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '30', 'start']);
  const stop = (mode: 'immediate' | 'fast' = 'fast') => run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
  start();
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  if (!primary) {
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    await client.query('create database kg');
    await client.end();
  }
  return {
    url: (database = 'kg') => url(database),
    start,
    stop,
    startReplica: () => startThrowawayPostgres({ port }),
    destroy() {
      try {
        stop('immediate');
      } catch {}
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
