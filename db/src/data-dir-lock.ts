import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Who holds a data directory: enough to tell a live holder from a crashed one, even after pid reuse. */
interface LockHolder {
  pid: number;
  /** The holder's start time as the kernel counts it (Linux /proc), so that a reused pid is not mistaken for it. */
  processStart: string | null;
  host: string;
  since: string;
}

export class DataDirInUseError extends Error {
  constructor(dataDir: string, holder: LockHolder) {
    super(
      `the embedded database in ${dataDir} is in use by process ${holder.pid} on ${holder.host} (since ${holder.since}): ` +
        'stop that process, or give this one another KG_DATA_DIR (PGlite is one process; for several use DATABASE_URL)',
    );
    this.name = 'DataDirInUseError';
  }
}

function processStart(pid: number): string | null {
  try {
    // field 22 of /proc/<pid>/stat, counted after the command name (which may hold spaces) closes with ")"
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true; // another machine's process cannot be checked: assume it runs
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const start = processStart(holder.pid);
  return start === null || holder.processStart === null || start === holder.processStart;
}

export interface DataDirLock {
  /** The holder that had stopped without releasing the lock (a crash), if any. */
  crashed: LockHolder | null;
  release(): void;
}

/**
 * Takes the data directory for this process: a lock file naming it, created exclusively. A lock left by a
 * process that is gone (killed, crashed) is taken over and reported, so that the caller can say it recovers.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const path = join(dataDir, 'kg.lock');
  const me: LockHolder = {
    pid: process.pid,
    processStart: processStart(process.pid),
    host: hostname(),
    since: new Date().toISOString(),
  };
  let crashed: LockHolder | null = null;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 3) throw error;
    }
    let holder: LockHolder;
    try {
      holder = JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
    } catch {
      // a holder killed between creating and writing the file, or one that is writing it right now
      holder = { pid: 0, processStart: null, host: me.host, since: 'unknown' };
      if (attempt === 0) continue;
    }
    if (holder.pid !== 0 && isAlive(holder)) throw new DataDirInUseError(dataDir, holder);
    crashed = holder;
    try {
      unlinkSync(path);
    } catch {
      // another starting process took it over first: the next attempt sees its lock
    }
  }
  const release = () => {
    process.off('exit', release);
    try {
      if ((JSON.parse(readFileSync(path, 'utf8')) as LockHolder).pid === process.pid) unlinkSync(path);
    } catch {
      // already gone
    }
  };
  process.on('exit', release);
  return { crashed, release };
}
