import { readFileSync } from 'node:fs';

/**
 * The Node flags the API runs with (api/node-flags.json; `pnpm start`, the Dockerfile and the benchmarks pass
 * them): `--max-semi-space-size=32` lets the young generation grow to 32 MB per semi-space (V8 picks at most
 * 16 MB), so that a request's short-lived objects (rows, resolver results, the response) die
 * before a scavenge has to copy them; scavenges were 12-22% of the CPU time of a request under load.
 */
export const API_NODE_FLAGS: string[] = JSON.parse(
  readFileSync(new URL('../node-flags.json', import.meta.url), 'utf8'),
) as string[];
