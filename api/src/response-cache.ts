import { getOperationAST, parse } from 'graphql';

interface Entry {
  body: string;
  contentType: string;
  /** Response headers to send again (CORS). */
  headers: Record<string, string>;
  expires: number;
}

/**
 * Whole responses to anonymous reads, keyed by the request body, served before GraphQL parses anything.
 * Any mutation moves the cache to a new generation (at its start and at its end) and empties it; a read
 * stores its response only when no mutation started or ended while it ran, so a read that began before a
 * write never stores what the write replaced. In-process: each API replica has its own (docs/operations.md).
 */
export class ResponseCache {
  #entries = new Map<string, Entry>();
  #generation = 0;

  constructor(
    readonly ttlMs: number,
    readonly maxEntries = 2000,
  ) {}

  get generation() {
    return this.#generation;
  }

  invalidate() {
    this.#generation++;
    this.#entries.clear();
  }

  get(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expires < Date.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Stores a response if it may be reused: a query's, without errors, and no write began since `generation`. */
  set(key: string, generation: number, requestBody: string, entry: Omit<Entry, 'expires'>) {
    if (generation !== this.#generation || !isPlainQuery(requestBody) || entry.body.includes('"errors"')) return;
    if (this.#entries.size >= this.maxEntries) {
      // Map keeps insertion order: drop the oldest
      this.#entries.delete(this.#entries.keys().next().value as string);
    }
    this.#entries.set(key, { ...entry, expires: Date.now() + this.ttlMs });
  }
}

function isPlainQuery(requestBody: string): boolean {
  try {
    const { query, operationName } = JSON.parse(requestBody) as { query?: unknown; operationName?: unknown };
    if (typeof query !== 'string') return false;
    const operation = getOperationAST(parse(query), typeof operationName === 'string' ? operationName : undefined);
    return operation?.operation === 'query';
  } catch {
    return false;
  }
}
