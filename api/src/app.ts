import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { watchChanges } from './change-watch.ts';
import { DEFAULT_CONFIG } from './config.ts';
import { runDirectQuery, takesDirectPath } from './direct-queries.ts';
import type { ApiErrorCode } from './error-codes.ts';
import { createLogger, requestIds } from './logging.ts';
import { createMetrics } from './metrics.ts';
import { ResponseCache } from './response-cache.ts';
import { loadTrustedDocuments } from './trusted-documents.ts';
import { CSRF_HEADER, createGraphQLServer, passesCsrfCheck, type YogaOptions } from './yoga.ts';

const ADMIN_DIST = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../admin/dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Serves the built admin console; unknown paths under /admin get its index (client-side routes). */
function serveAdmin(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const relative = normalize(decodeURIComponent(url.pathname.replace(/^\/admin\/?/, ''))).replace(/^(\.\.[/\\])+/, '');
  let file = join(ADMIN_DIST, relative);
  if (!file.startsWith(ADMIN_DIST) || !existsSync(file) || statSync(file).isDirectory()) {
    file = join(ADMIN_DIST, 'index.html');
  }
  if (!existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain' }).end('The admin console is not built: run pnpm start.');
    return;
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': file.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  res.end(readFileSync(file));
}

/** A request listener for node:http, with what a graceful stop needs. */
export interface App {
  (req: IncomingMessage, res: ServerResponse): void;
  /** Requests being served right now. */
  readonly inFlight: number;
  /** From now on /ready answers 503, so that load balancers stop sending requests. */
  stopAccepting(): void;
  /** Resolves when no request is in flight. */
  drained(): Promise<void>;
  /** Stops the background work (the change watch); the server calls it when it stops. */
  close(): void;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host', 'upgrade']);

const REQUEST_ID = /^[\w.:-]{1,100}$/;

/** The CORS headers GraphQL put on a response (api/src/yoga.ts corsOptions), to send on, or again from the cache. */
function corsHeadersOf(response: Response): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of response.headers) {
    if (name.startsWith('access-control-') || name === 'vary') kept[name] = value;
  }
  return kept;
}

interface GraphQLAnswer {
  status: number;
  contentType: string;
  /** CORS headers to send on. */
  headers: Record<string, string>;
  text: string;
}

const DIRECT_CONTENT_TYPE = 'application/json; charset=utf-8';

async function readBody(req: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

const refuse = (res: ServerResponse, status: number, code: ApiErrorCode, message: string) =>
  json(res, status, { errors: [{ message, extensions: { code } }] });

/**
 * The HTTP handler: GraphQL at /graphql, the admin at /admin, liveness at /health, readiness (the database
 * answers) at /ready, Prometheus metrics at /metrics.
 */
export function createApp(options: YogaOptions): App {
  const config = { ...DEFAULT_CONFIG, ...options.config };
  const logger = options.logger ?? createLogger({ level: 'silent' });
  const metrics = options.metrics ?? createMetrics(options.database, options.readDatabase);
  const responseCache = config.responseCacheTtlMs > 0 ? new ResponseCache(config.responseCacheTtlMs) : undefined;
  const yoga = createGraphQLServer({ ...options, config, logger, metrics, responseCache });
  // Writes through other replicas and importers show in the change feed: they empty this replica's cache too.
  // The cache holds what the read database answered, so it is that database's feed that is watched.
  const changeWatch =
    responseCache && config.changePollMs > 0
      ? watchChanges(
          (options.readDatabase ?? options.database).db,
          () => responseCache.invalidate(),
          config.changePollMs,
        )
      : undefined;
  const trustedDocuments = loadTrustedDocuments();

  /**
   * A trusted document asked for by id with GET: run as a POST would be (it is a known query, so no
   * cross-site request can make it write), answered with an ETag, and for anonymous callers with a
   * Cache-Control that lets shared caches (a CDN) keep it; an If-None-Match that still holds gets 304.
   */
  async function trustedDocument(req: IncomingMessage, res: ServerResponse, url: URL) {
    const document = trustedDocuments.get(url.searchParams.get('documentId') ?? '');
    if (!document) {
      return refuse(res, 404, 'NOT_FOUND', 'No trusted document has this documentId (see schema/documents)');
    }
    let variables: unknown;
    try {
      variables = JSON.parse(url.searchParams.get('variables') ?? '{}');
    } catch {
      return refuse(res, 400, 'BAD_USER_INPUT', 'variables must be a JSON object');
    }
    const headers = new Headers({ 'content-type': 'application/json', [CSRF_HEADER]: '1' });
    if (req.headers.authorization) headers.set('authorization', req.headers.authorization);
    if (req.headers.origin) headers.set('origin', req.headers.origin);
    const response = await yoga.fetch(
      'http://localhost/graphql',
      { method: 'POST', headers, body: JSON.stringify({ query: document.text, variables }) },
      { req, res },
    );
    const body = await response.text();
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    const shareable = response.status === 200 && !req.headers.authorization && !body.includes('"errors"');
    const cacheControl = shareable ? `public, max-age=${config.httpCacheMaxAgeS}` : 'private, no-store';
    if (shareable && req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag, 'cache-control': cacheControl }).end();
      return;
    }
    res
      .writeHead(response.status, {
        'content-type': response.headers.get('content-type') ?? 'application/json',
        ...corsHeadersOf(response),
        etag,
        'cache-control': cacheControl,
        vary: req.headers.origin ? 'authorization, origin' : 'authorization',
      })
      .end(body);
  }

  /** A GraphQL POST's answer: by the direct path when it can (direct-queries.ts), else by Yoga. */
  async function answer(req: IncomingMessage, res: ServerResponse, body: string): Promise<GraphQLAnswer> {
    if (req.url === '/graphql' && takesDirectPath(req)) {
      const direct = await runDirectQuery(yoga, req, res, body, metrics.countErrors);
      if (direct) {
        metrics.countDirect();
        return { ...direct, contentType: DIRECT_CONTENT_TYPE, headers: {} };
      }
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name))
        headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await yoga.fetch(`http://localhost${req.url}`, { method: 'POST', headers, body }, { req, res });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? 'application/json',
      headers: corsHeadersOf(response),
      text: await response.text(),
    };
  }

  /** A JSON POST, read whole and answered; the response cache's misses come here too. */
  async function postedGraphQL(req: IncomingMessage, res: ServerResponse, body?: string) {
    const { status, contentType, headers, text } = await answer(req, res, body ?? (await readBody(req)));
    res.writeHead(status, { ...headers, 'content-type': contentType }).end(text);
    return { status, contentType, headers, text };
  }

  /**
   * Anonymous POSTs when the cache is on: a hit is answered without parsing anything; a miss goes to GraphQL
   * with the body already read, and its response is kept if it is a query's without errors.
   */
  async function cachedGraphQL(req: IncomingMessage, res: ServerResponse, cache: ResponseCache) {
    const body = await readBody(req);
    // the cache answers only what every check before it lets through: a request the CSRF check refuses goes on
    // to GraphQL, which refuses it; CORS headers differ by origin, so the origin is part of the key
    const cacheable = passesCsrfCheck(req.headers['content-type'], req.headers[CSRF_HEADER] !== undefined);
    const key = `${req.headers.accept ?? ''}\n${req.headers.origin ?? ''}\n${req.url}\n${body}`;
    const hit = cacheable ? cache.get(key) : undefined;
    if (hit) {
      res.writeHead(200, { ...hit.headers, 'content-type': hit.contentType }).end(hit.body);
      return;
    }
    const generation = cache.generation;
    const { status, contentType, headers, text } = await postedGraphQL(req, res, body);
    if (status === 200 && cacheable) cache.set(key, generation, body, { body: text, contentType, headers });
  }
  let inFlight = 0;
  let accepting = true;
  let idle: Array<() => void> = [];

  async function ready(res: ServerResponse) {
    if (!accepting) return json(res, 503, { status: 'stopping' });
    try {
      await withTimeout(options.database.ping(), 2000);
      json(res, 200, { status: 'ready' });
    } catch (error) {
      logger.warn({ err: error }, 'not ready: the database does not answer');
      json(res, 503, { status: 'unavailable', reason: 'database' });
    }
  }

  function route(req: IncomingMessage, res: ServerResponse, path: string): Promise<unknown> | undefined {
    if (path === '/') {
      res.writeHead(302, { location: '/graphql' }).end();
    } else if (path === '/health') {
      json(res, 200, { status: 'ok' });
    } else if (path === '/ready') {
      return ready(res);
    } else if (path === '/metrics') {
      return metrics.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
        (error) => {
          logger.error({ reqId: requestIds.get(req), err: error }, 'metrics failed');
          res.writeHead(500).end();
        },
      );
    } else if (path === '/admin' || path.startsWith('/admin/')) {
      serveAdmin(req, res);
    } else if (path === '/graphql' && req.method === 'GET' && req.url?.includes('documentId=')) {
      return trustedDocument(req, res, new URL(req.url, 'http://localhost'));
    } else if (req.method === 'POST' && req.headers['content-length'] === undefined) {
      // a body without a declared length could be any size; clients that send JSON always declare it
      refuse(res, 411, 'LENGTH_REQUIRED', 'Send a Content-Length header');
    } else if (Number(req.headers['content-length'] ?? 0) > config.maxBodyBytes) {
      refuse(res, 413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${config.maxBodyBytes} bytes`);
      req.resume();
    } else if (responseCache && req.method === 'POST' && !req.headers.authorization) {
      return cachedGraphQL(req, res, responseCache).catch((error) => {
        logger.error({ reqId: requestIds.get(req), err: error }, 'cached GraphQL request failed');
        if (!res.headersSent) refuse(res, 500, 'INTERNAL', 'Internal error');
        else res.destroy();
      });
    } else if (req.method === 'POST' && takesDirectPath(req)) {
      return postedGraphQL(req, res).catch((error) => {
        logger.error({ reqId: requestIds.get(req), err: error }, 'GraphQL request failed');
        if (!res.headersSent) refuse(res, 500, 'INTERNAL', 'Internal error');
        else res.destroy();
      });
    } else {
      return yoga(req, res) as Promise<unknown>;
    }
  }

  function handle(req: IncomingMessage, res: ServerResponse) {
    const started = performance.now();
    const header = req.headers['x-request-id'];
    const reqId = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
    res.setHeader('x-request-id', reqId);
    requestIds.set(req, reqId);
    const path = (req.url ?? '/').split('?')[0];
    inFlight++;
    const closed = new Promise<void>((done) => res.once('close', done));
    // A request is over when its response is closed and its handler has returned: a client that hangs up
    // does not stop resolvers already running, and a draining server must wait for them.
    const work = route(req, res, path);
    // a client that hung up is not waited for: nothing will read what its resolvers return
    const over = closed.then(() => (res.writableFinished ? work : undefined));
    void Promise.allSettled([over]).then(() => {
      inFlight--;
      const seconds = (performance.now() - started) / 1000;
      const known = ['/graphql', '/health', '/ready', '/metrics'].includes(path);
      metrics.observeHttp(known ? path : path.startsWith('/admin') ? '/admin' : 'other', res.statusCode, seconds);
      logger.debug(
        {
          reqId,
          req: { method: req.method, url: req.url, headers: req.headers },
          status: res.statusCode,
          ms: seconds * 1000,
        },
        'request',
      );
      if (inFlight === 0) {
        for (const resolve of idle) resolve();
        idle = [];
      }
    });
  }
  Object.defineProperty(handle, 'inFlight', { get: () => inFlight });
  return Object.assign(handle as typeof handle & { readonly inFlight: number }, {
    stopAccepting() {
      accepting = false;
    },
    drained: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => idle.push(resolve))),
    close: () => changeWatch?.stop(),
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
