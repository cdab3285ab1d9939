import { databaseOptionsFromEnv, dataDirFromEnv, envNumber } from '@kg/db/config';
import type { DatabaseOptions } from '@kg/db/connect';

/** How login tokens are signed and how long they last. */
export interface AuthConfig {
  /** The signing key; unset means a random key created once and kept in the database. */
  secret?: string;
  /** A token's lifetime (`8h`, `30m`, or seconds since the epoch for a fixed expiry). */
  tokenTtl: string | number;
}

/** What an operator can tune in the API, with the defaults a single server runs well with (docs/operations.md). */
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
  /** How long a stopping server waits for requests in flight before closing their connections (ms). */
  shutdownGraceMs: number;
  /** How often the change feed is read to empty the response cache after writes elsewhere (ms; 0 = never). */
  changePollMs: number;
  /** max-age of anonymous answers to trusted documents asked for by GET (seconds; CDNs keep them this long). */
  httpCacheMaxAgeS: number;
  /** Take the client's address from the last X-Forwarded-For hop (behind one trusted proxy or load balancer). */
  trustProxy: boolean;
  /** Origins whose browser apps may send credentials (Authorization) cross-origin; public reads are open to all. */
  corsOrigins: readonly string[];
  /** Open subscription streams one client (IP address) may hold at once. */
  maxStreamsPerClient: number;
  /** A query document runs compiled (api/src/compiled-queries.ts) from its Nth run on; 0 never compiles. */
  compileQueriesAfter: number;
  auth: AuthConfig;
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
  // a server reads the feed every 250 ms (loadConfig); an API built in-process, as tests do, only on request
  changePollMs: 0,
  httpCacheMaxAgeS: 30,
  trustProxy: false,
  corsOrigins: [],
  maxStreamsPerClient: 5,
  compileQueriesAfter: 2,
  auth: { tokenTtl: '8h' },
};

/** Everything a running service is configured with; built once, from the environment, by `loadConfig`. */
export interface Config {
  port: number;
  database: DatabaseOptions;
  /** A streaming replica of `database` that anonymous queries read (KG_READ_DATABASE_URL), if any. */
  readDatabase: DatabaseOptions | null;
  /** Where the embedded database lives (also when a server is configured, for the message at start). */
  dataDir: string;
  log: {
    level: string;
    /** `pretty`: readable lines and a progress bar (a terminal); `json`: pino's JSON lines (a collector). */
    format: 'pretty' | 'json';
  };
  /** The first admin account, created at start when no account has that e-mail. */
  admin: { email: string; password: string } | null;
  /** Whether a start imports the reference data shipped in db/data (in the background, after listening). */
  importReferenceData: boolean;
  api: ApiConfig;
}

const isOff = (value: string) => ['0', 'false', 'off', 'no'].includes(value.toLowerCase());

function deepFreeze<T extends object>(value: T): Readonly<T> {
  for (const child of Object.values(value)) {
    if (child && typeof child === 'object') deepFreeze(child);
  }
  return Object.freeze(value);
}

/**
 * The configuration from the environment: the only place that reads it. Introspection defaults to on except
 * when NODE_ENV=production; logs are readable lines on a terminal and JSON otherwise (KG_LOG_FORMAT overrides).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, isTTY = Boolean(process.stdout.isTTY)): Config {
  const number = (name: string, fallback: number) => envNumber(env[name], fallback, name);
  const introspection = env.KG_INTROSPECTION ?? (env.NODE_ENV === 'production' ? 'false' : 'true');
  const format = env.KG_LOG_FORMAT ?? (isTTY ? 'pretty' : 'json');
  if (format !== 'pretty' && format !== 'json') {
    throw new Error(`KG_LOG_FORMAT: expected "pretty" or "json", got "${format}"`);
  }
  const database = databaseOptionsFromEnv(env);
  return deepFreeze({
    port: number('PORT', 4000),
    database,
    readDatabase: env.KG_READ_DATABASE_URL
      ? { ...databaseOptionsFromEnv({ ...env, DATABASE_URL: env.KG_READ_DATABASE_URL }) }
      : null,
    dataDir: dataDirFromEnv(env),
    log: { level: env.LOG_LEVEL ?? 'info', format },
    admin:
      env.KG_ADMIN_EMAIL && env.KG_ADMIN_PASSWORD
        ? { email: env.KG_ADMIN_EMAIL, password: env.KG_ADMIN_PASSWORD }
        : null,
    importReferenceData: !isOff(env.KG_IMPORT_REFERENCE_DATA ?? '1'),
    api: {
      introspection: !isOff(introspection),
      responseCacheTtlMs: number('KG_RESPONSE_CACHE_TTL_MS', 30_000),
      requestTimeoutMs: number('KG_REQUEST_TIMEOUT_MS', DEFAULT_CONFIG.requestTimeoutMs),
      statementTimeoutMs: database.statementTimeoutMs ?? DEFAULT_CONFIG.statementTimeoutMs,
      maxBodyBytes: number('KG_MAX_BODY_BYTES', DEFAULT_CONFIG.maxBodyBytes),
      maxComplexity: number('KG_MAX_COMPLEXITY', DEFAULT_CONFIG.maxComplexity),
      maxTokens: number('KG_MAX_TOKENS', DEFAULT_CONFIG.maxTokens),
      maxAliases: number('KG_MAX_ALIASES', DEFAULT_CONFIG.maxAliases),
      maxDirectives: number('KG_MAX_DIRECTIVES', DEFAULT_CONFIG.maxDirectives),
      shutdownGraceMs: number('KG_SHUTDOWN_GRACE_MS', DEFAULT_CONFIG.shutdownGraceMs),
      changePollMs: number('KG_CHANGE_POLL_MS', 250),
      httpCacheMaxAgeS: number('KG_HTTP_CACHE_MAX_AGE_S', DEFAULT_CONFIG.httpCacheMaxAgeS),
      trustProxy: !isOff(env.KG_TRUST_PROXY ?? '0'),
      corsOrigins: (env.KG_CORS_ORIGINS ?? '')
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
      maxStreamsPerClient: number('KG_MAX_STREAMS_PER_CLIENT', DEFAULT_CONFIG.maxStreamsPerClient),
      compileQueriesAfter: DEFAULT_CONFIG.compileQueriesAfter,
      auth: { secret: env.KG_AUTH_SECRET || undefined, tokenTtl: env.KG_TOKEN_TTL ?? DEFAULT_CONFIG.auth.tokenTtl },
    },
  });
}
