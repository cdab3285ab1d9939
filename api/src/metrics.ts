import type { DatabaseHandle } from '@kg/db/connect';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface ApiMetrics {
  registry: Registry;
  /** Counts GraphQL results by outcome and error code. */
  plugin: Plugin;
  /** Counts a result's errors by code (the plugin does it for what Yoga answers; the direct path calls it). */
  countErrors(result: unknown): void;
  /** Counts a query answered on the direct path (api/src/direct-queries.ts). */
  countDirect(): void;
  /** Records one HTTP request (any path) once its response is sent. */
  observeHttp(route: string, status: number, seconds: number): void;
}

/** Prometheus metrics of one server: its own registry, so that several servers in one process do not clash. */
export function createMetrics(database: DatabaseHandle, readDatabase?: DatabaseHandle): ApiMetrics {
  const registry = new Registry();
  const httpDuration = new Histogram({
    name: 'kg_http_request_duration_seconds',
    help: 'HTTP requests by route and status, with their duration',
    labelNames: ['route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const operations = new Counter({
    name: 'kg_graphql_operations_total',
    help: 'GraphQL operations by type and outcome (ok, error)',
    labelNames: ['type', 'outcome'],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'kg_graphql_errors_total',
    help: 'GraphQL errors by extensions.code',
    labelNames: ['code'],
    registers: [registry],
  });
  new Counter({
    name: 'kg_sql_statements_total',
    help: 'SQL statements sent to the database',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(database.statements.total);
    },
  });
  if (readDatabase) {
    new Counter({
      name: 'kg_sql_replica_statements_total',
      help: 'SQL statements sent to the read replica (KG_READ_DATABASE_URL)',
      registers: [registry],
      collect() {
        this.reset();
        this.inc(readDatabase.statements.total);
      },
    });
  }
  const pool = (name: string, help: string, pick: (s: ReturnType<DatabaseHandle['poolStats']>) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(pick(database.poolStats()));
      },
    });
  pool('kg_db_pool_connections', 'Open database connections', (s) => s.total);
  pool('kg_db_pool_idle', 'Idle database connections', (s) => s.idle);
  pool('kg_db_pool_waiting', 'Requests waiting for a database connection', (s) => s.waiting);

  const direct = new Counter({
    name: 'kg_graphql_direct_answers_total',
    help: "Queries answered on the direct path (plain JSON POSTs, without Yoga's Fetch adapter)",
    registers: [registry],
  });
  const countErrors = (result: unknown) => {
    for (const error of (result as { errors?: Array<{ extensions?: { code?: unknown } }> }).errors ?? []) {
      errors.inc({ code: String(error.extensions?.code ?? 'UNKNOWN') });
    }
  };
  const plugin: Plugin = {
    onExecute({ args }) {
      const type = getOperationAST(args.document, args.operationName)?.operation ?? 'unknown';
      return {
        onExecuteDone({ result }) {
          const failed = 'errors' in result && (result.errors?.length ?? 0) > 0;
          operations.inc({ type, outcome: failed ? 'error' : 'ok' });
        },
      };
    },
    onResultProcess({ result }) {
      for (const single of Array.isArray(result) ? result : [result]) countErrors(single);
    },
  };
  return {
    registry,
    plugin,
    countErrors,
    countDirect: () => direct.inc(),
    observeHttp: (route, status, seconds) => httpDuration.observe({ route, status: String(status) }, seconds),
  };
}
