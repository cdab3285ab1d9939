import { loadConfig } from '@kg/api/config';
import { describe, expect, it } from 'vitest';

describe('configuration from the environment', () => {
  it('has the documented defaults, and is frozen all the way down', () => {
    const config = loadConfig({ INIT_CWD: '/srv/kg' }, false);
    expect(config).toMatchObject({
      port: 4000,
      dataDir: '/srv/kg/.data',
      database: { dataDir: '/srv/kg/.data/pglite' },
      log: { level: 'info', format: 'json' },
      admin: null,
      importReferenceData: true,
      api: { introspection: true, responseCacheTtlMs: 30_000, requestTimeoutMs: 15_000, auth: { tokenTtl: '8h' } },
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.api.auth)).toBe(true);
    expect(() => {
      (config.api as { maxTokens: number }).maxTokens = 1;
    }).toThrow(TypeError);
  });

  it('reads every setting from its variable', () => {
    const config = loadConfig(
      {
        PORT: '4321',
        DATABASE_URL: 'postgres://kg@db/kg',
        KG_POOL_SIZE: '4',
        KG_STATEMENT_TIMEOUT_MS: '2500',
        KG_PREPARED_STATEMENTS: '0',
        KG_PLAN_MODES: '0',
        KG_ADMIN_EMAIL: 'a@example.org',
        KG_ADMIN_PASSWORD: 'long enough secret',
        KG_IMPORT_REFERENCE_DATA: '0',
        KG_AUTH_SECRET: 's3cret',
        KG_TOKEN_TTL: '30m',
        NODE_ENV: 'production',
        KG_LOG_FORMAT: 'pretty',
        LOG_LEVEL: 'debug',
      },
      false,
    );
    expect(config).toMatchObject({
      port: 4321,
      database: {
        url: 'postgres://kg@db/kg',
        poolSize: 4,
        statementTimeoutMs: 2500,
        preparedStatements: false,
        planModes: false,
      },
      admin: { email: 'a@example.org', password: 'long enough secret' },
      importReferenceData: false,
      log: { level: 'debug', format: 'pretty' },
      api: { introspection: false, statementTimeoutMs: 2500, auth: { secret: 's3cret', tokenTtl: '30m' } },
    });
    // a terminal gets readable lines unless told otherwise
    expect(loadConfig({}, true).log.format).toBe('pretty');
  });

  it('refuses values it cannot use, naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' }, false)).toThrow(/PORT/);
    expect(() => loadConfig({ KG_REQUEST_TIMEOUT_MS: '-1' }, false)).toThrow(/KG_REQUEST_TIMEOUT_MS/);
    expect(() => loadConfig({ KG_LOG_FORMAT: 'xml' }, false)).toThrow(/KG_LOG_FORMAT/);
  });
});
