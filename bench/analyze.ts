import type { Executor } from '../db/src/connect.ts';
import { analyzeGraph } from '../db/src/statistics.ts';

/** Table statistics, as a database in service has them; a fresh import may not have them yet. */
export async function analyzeDatabase(db: Executor): Promise<void> {
  await analyzeGraph(db);
}
