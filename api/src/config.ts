/** What an operator can tune, with the defaults a single server runs well with (see docs/operations.md). */
export interface ApiConfig {
  /** Whether the schema can be introspected (and GraphiQL served). */
  introspection: boolean;
  /** How long an anonymous read's response is reused (ms); 0 turns the cache off. */
  responseCacheTtlMs: number;
  /** A query still running after this long is answered with TIMEOUT (ms; 0 = none). */
  requestTimeoutMs: number;
  /** Postgres cancels a statement running longer than this (ms; 0 = none). */
  statementTimeoutMs: number;
  /** Largest request body accepted (bytes). */
  maxBodyBytes: number;
  /** The largest query cost (fields a response may hold, by api/src/cost.ts) accepted. */
  maxComplexity: number;
  maxTokens: number;
  maxAliases: number;
  maxDirectives: number;
  /** Take the client's address from the last X-Forwarded-For hop (behind one trusted proxy or load balancer). */
  trustProxy: boolean;
  /** Origins whose browser apps may send credentials (Authorization) cross-origin; public reads are open to all. */
  corsOrigins: string[];
  /** Open subscription streams one client (IP address) may hold at once. */
  maxStreamsPerClient: number;
  /** How long a stopping server waits for requests in flight before closing their connections (ms). */
  shutdownGraceMs: number;
}

export const DEFAULT_CONFIG: ApiConfig = {
  introspection: true,
  responseCacheTtlMs: 0,
  requestTimeoutMs: 15_000,
  statementTimeoutMs: 10_000,
  maxBodyBytes: 100_000,
  maxComplexity: 100_000,
  maxTokens: 2_000,
  maxAliases: 30,
  maxDirectives: 20,
  shutdownGraceMs: 10_000,
  trustProxy: false,
  corsOrigins: [],
  maxStreamsPerClient: 5,
};

const flag = (value: string | undefined, fallback: boolean) =>
  value === undefined || value === '' ? fallback : !['0', 'false', 'off', 'no'].includes(value.toLowerCase());

const number = (value: string | undefined, fallback: number) => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`expected a non-negative number, got "${value}"`);
  return n;
};

/** The configuration from KG_* variables; introspection defaults to on except when NODE_ENV=production. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const introspection = env.KG_INTROSPECTION ?? (env.NODE_ENV === 'production' ? 'false' : 'true');
  return {
    introspection: !['0', 'false', 'off', 'no'].includes(introspection.toLowerCase()),
    responseCacheTtlMs: number(env.KG_RESPONSE_CACHE_TTL_MS, 30_000),
    requestTimeoutMs: number(env.KG_REQUEST_TIMEOUT_MS, DEFAULT_CONFIG.requestTimeoutMs),
    statementTimeoutMs: number(env.KG_STATEMENT_TIMEOUT_MS, DEFAULT_CONFIG.statementTimeoutMs),
    maxBodyBytes: number(env.KG_MAX_BODY_BYTES, DEFAULT_CONFIG.maxBodyBytes),
    maxComplexity: number(env.KG_MAX_COMPLEXITY, DEFAULT_CONFIG.maxComplexity),
    maxTokens: number(env.KG_MAX_TOKENS, DEFAULT_CONFIG.maxTokens),
    maxAliases: number(env.KG_MAX_ALIASES, DEFAULT_CONFIG.maxAliases),
    maxDirectives: number(env.KG_MAX_DIRECTIVES, DEFAULT_CONFIG.maxDirectives),
    shutdownGraceMs: number(env.KG_SHUTDOWN_GRACE_MS, DEFAULT_CONFIG.shutdownGraceMs),
    trustProxy: flag(env.KG_TRUST_PROXY, DEFAULT_CONFIG.trustProxy),
    corsOrigins: (env.KG_CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    maxStreamsPerClient: number(env.KG_MAX_STREAMS_PER_CLIENT, DEFAULT_CONFIG.maxStreamsPerClient),
  };
}
