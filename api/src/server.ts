import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DatabaseHandle } from '@kg/db/connect';
import type { Logger } from 'pino';
import { createApp } from './app.ts';
import { type ApiConfig, DEFAULT_CONFIG } from './config.ts';
import type { ImportProgress } from './import-status.ts';

export interface RunningServer {
  server: Server;
  /** http://127.0.0.1:PORT */
  url: string;
  /**
   * Stops gracefully: /ready turns 503, no new connections are accepted, idle keep-alive connections close,
   * requests in flight finish (up to shutdownGraceMs, then their connections are cut), then the pool closes.
   */
  shutdown(): Promise<void>;
}

export async function startServer(options: {
  database: DatabaseHandle;
  /** A streaming replica that anonymous queries read (KG_READ_DATABASE_URL). */
  readDatabase?: DatabaseHandle;
  config?: Partial<ApiConfig>;
  logger?: Logger;
  port?: number;
  host?: string;
  importStatus?: ImportProgress;
}): Promise<RunningServer> {
  const config = { ...DEFAULT_CONFIG, ...options.config };
  const app = createApp({
    database: options.database,
    readDatabase: options.readDatabase,
    config,
    logger: options.logger,
    logErrors: true,
    importStatus: options.importStatus,
  });
  const server = createServer(app);
  // a client that trickles its request in ties up a socket; cut it off
  server.requestTimeout = Math.max(config.requestTimeoutMs, 1000) * 2;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host, resolve));
  const { port } = server.address() as AddressInfo;

  let stopping: Promise<void> | undefined;
  async function shutdown() {
    app.stopAccepting();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), config.shutdownGraceMs);
    });
    if ((await Promise.race([app.drained(), grace])) === 'timeout') {
      options.logger?.warn({ inFlight: app.inFlight }, 'shutdown grace period over: closing connections');
    }
    clearTimeout(timer);
    server.closeAllConnections();
    await closed;
    app.close();
    await options.database.close();
    await options.readDatabase?.close();
  }
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    shutdown: () => {
      stopping ??= shutdown();
      return stopping;
    },
  };
}

/** SIGTERM (orchestrators) and SIGINT (Ctrl-C): finish what is in flight, then exit; a second signal exits at once. */
export function stopOnSignals(running: RunningServer, logger: Logger) {
  let signals = 0;
  const stop = async (signal: string) => {
    if (++signals > 1) process.exit(1);
    logger.info({ signal }, 'stopping: draining requests in flight');
    await running.shutdown();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
