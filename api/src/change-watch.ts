import type { Executor } from '@kg/db/connect';
import { latestChangeId } from '@kg/db/history/repository';

/**
 * Watches the change feed for writes made anywhere (another replica, an importer, a script through the
 * repositories) and calls `onChange` when the newest change differs from the last one seen. Polling the feed
 * needs no dedicated connection, so it works behind PgBouncer in transaction mode (where LISTEN does not), and
 * it sees every write that is logged, which is every write the product makes.
 *
 * A failed poll counts as a change, and so does the first poll after it: while the feed cannot be read, nothing
 * cached may be trusted.
 */
export function watchChanges(db: Executor, onChange: () => void, intervalMs: number): { stop(): void } {
  let last: string | null | undefined;
  let failed = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const poll = async () => {
    try {
      const latest = await latestChangeId(db);
      // after a failed poll, writes may have landed unseen: start afresh
      if (failed || (last !== undefined && latest !== last)) onChange();
      last = latest;
      failed = false;
    } catch {
      failed = true;
      onChange();
    }
    if (!stopped) timer = setTimeout(poll, intervalMs).unref();
  };
  void poll();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
