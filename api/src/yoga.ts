import type { IncomingMessage } from 'node:http';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { DatabaseHandle } from '@kg/db/connect';
import { type ExecutionResult, GraphQLError, getOperationAST, NoSchemaIntrospectionCustomRule } from 'graphql';
import { createYoga, type Plugin, type YogaInitialContext } from 'graphql-yoga';
import type { Logger } from 'pino';
import { asOfPlugin } from './as-of.ts';
import { viewerFromRequest } from './auth.ts';
import { compiledQueries } from './compiled-queries.ts';
import { type ApiConfig, DEFAULT_CONFIG } from './config.ts';
import { type Context, createContext, createLoaders } from './context.ts';
import { maskError } from './errors.ts';
import { ImportProgress } from './import-status.ts';
import { textLimitsPlugin } from './input-limits.ts';
import { requestIds } from './logging.ts';
import type { ApiMetrics } from './metrics.ts';
import type { ResponseCache } from './response-cache.ts';
import { schema } from './schema.ts';
import { StreamLimiter } from './streams.ts';

export interface YogaOptions {
  database: DatabaseHandle;
  /** A streaming replica of `database`: anonymous queries read it (see readReplica below). */
  readDatabase?: DatabaseHandle;
  graphiql?: boolean;
  logErrors?: boolean;
  /** Limits, cache and introspection; tests pass their own, the server reads them from the environment. */
  config?: Partial<ApiConfig>;
  logger?: Logger;
  metrics?: ApiMetrics;
  /** The HTTP layer's cache of anonymous reads, which mutations must empty. */
  responseCache?: ResponseCache;
  /** The background import's progress, for `importStatus`; absent means nothing is imported. */
  importStatus?: ImportProgress;
}

/** The header browsers cannot send cross-site without a preflight; the admin console sends it. */
export const CSRF_HEADER = 'x-graphql-csrf';

const PREFLIGHT_FREE_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * What the CSRF check lets through: a body type that browsers send cross-site only after a preflight (JSON), or
 * the CSRF header. The response cache asks this before it answers, so that it never serves what the check refuses.
 */
export function passesCsrfCheck(contentType: string | null | undefined, hasCsrfHeader: boolean) {
  if (hasCsrfHeader) return true;
  return !!contentType && !PREFLIGHT_FREE_TYPES.some((type) => contentType.toLowerCase().startsWith(type));
}

const CSRF_MESSAGE =
  `Send the header ${CSRF_HEADER} (any value) or a JSON body (Content-Type: application/json): ` +
  'requests that browsers send cross-site without asking first are refused';

/** "Did you mean ...?" gives away field, argument, type and enum names: gone when introspection is off. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;
const withoutSuggestions = <E extends Error>(error: E): E | GraphQLError =>
  error instanceof GraphQLError && error.message.includes('Did you mean')
    ? new GraphQLError(error.message.replace(SUGGESTION, ''), {
        nodes: error.nodes,
        path: error.path,
        originalError: error.originalError ?? undefined,
        extensions: error.extensions,
      })
    : error;

/**
 * Cross-origin reads: any origin may read public data (no credentials); the origins in KG_CORS_ORIGINS may also
 * send an Authorization header with credentials.
 */
export function corsOptions(origin: string | null, trusted: readonly string[]) {
  const methods = ['GET', 'POST', 'OPTIONS'];
  const publicHeaders = ['content-type', 'accept', CSRF_HEADER, 'x-request-id'];
  if (origin && trusted.includes(origin)) {
    return { origin: [origin], credentials: true, methods, allowedHeaders: [...publicHeaders, 'authorization'] };
  }
  return { origin: '*', credentials: false, methods, allowedHeaders: publicHeaders };
}

/** The client's address: the socket's peer, or behind a trusted proxy the last X-Forwarded-For hop. */
export function clientAddress(request: Request, socketAddress: string | undefined, trustProxy: boolean) {
  if (trustProxy) {
    const hops = (request.headers.get('x-forwarded-for') ?? '').split(',').map((h) => h.trim());
    const last = hops.filter(Boolean).at(-1);
    if (last) return last;
  }
  return socketAddress ?? 'unknown';
}

/** Armor rejections are requests we refuse as too big, like depth and complexity. */
const tooComplex = [
  (_: unknown, error: GraphQLError) => Object.assign(error.extensions as object, { code: 'QUERY_TOO_COMPLEX' }),
];

export function createGraphQLServer({
  database,
  readDatabase,
  graphiql = true,
  logErrors = false,
  config: overrides,
  logger,
  metrics,
  responseCache,
  importStatus = new ImportProgress(),
}: YogaOptions) {
  const config = { ...DEFAULT_CONFIG, ...overrides };
  const streams = new StreamLimiter(config.maxStreamsPerClient);
  let graphiqlPage: string | undefined;
  const plugins: Plugin[] = [
    // first, so that the plugins below (asOf, the deadline) wrap the compiled executor
    compiledQueries(config.compileQueriesAfter),
    useCSRFPrevention({ requestHeaders: [CSRF_HEADER] }),
    maxTokensPlugin({ n: config.maxTokens, onReject: tooComplex }),
    maxAliasesPlugin({ n: config.maxAliases, onReject: tooComplex }),
    maxDirectivesPlugin({ n: config.maxDirectives, onReject: tooComplex }),
    textLimitsPlugin(),
    asOfPlugin(database),
    // after asOf, so that the deadline also covers an asOf read's wait for its transaction
    queryDeadline(config.requestTimeoutMs),
  ];
  if (readDatabase) plugins.push(readReplica(readDatabase));
  if (!config.introspection) {
    plugins.push({
      onValidate: ({ addValidationRule }) => {
        addValidationRule(NoSchemaIntrospectionCustomRule);
        return ({ valid, result, setResult }) => {
          if (!valid) setResult(result.map(withoutSuggestions));
        };
      },
    });
  }
  if (responseCache) plugins.push(invalidateOnMutation(responseCache));
  if (metrics) plugins.push(metrics.plugin);
  if (logErrors) plugins.push(tagErrorsWithRequest);

  return createYoga({
    schema,
    graphqlEndpoint: '/graphql',
    // GraphiQL from our own bundle (no CDN: it works offline), opening with the example as its first tab
    graphiql: graphiql &&
      config.introspection && {
        title: 'Occupational knowledge graph',
        defaultQuery: EXAMPLE_QUERY,
        defaultTabs: [{ query: EXAMPLE_QUERY }],
      },
    // the page (the whole GraphiQL bundle, 9 MB) is the same for every request: build it once
    renderGraphiQL: (options) => (graphiqlPage ??= renderGraphiQL(options)),
    landingPage: false,
    // The HTTP layer (app.ts) refuses bodies over maxBodyBytes and bodies without a Content-Length before
    // Yoga reads them; Yoga's own limit would pipe every body through a stream that costs each request an
    // AbortController and a DOMException.
    maxRequestBodySize: false,
    // unexpected errors are logged by maskError below; expected ones (bad input) are not worth a log line
    logging: false,
    plugins,
    cors: (request) => corsOptions(request.headers.get('origin'), config.corsOrigins),
    maskedErrors: {
      maskError: (error, message) => {
        let masked = maskError(error, message, false);
        if (logErrors && masked.extensions.code === 'INTERNAL') {
          if (logger) logger.error({ reqId: erroredRequests.get(error as object), err: error }, 'internal error');
          else console.error(error);
        }
        if ((masked.extensions.http as { status?: number } | undefined)?.status === 403) {
          masked = new GraphQLError(CSRF_MESSAGE, { extensions: { ...masked.extensions, header: CSRF_HEADER } });
        }
        return config.introspection ? masked : withoutSuggestions(masked);
      },
    },
    context: async (initial) => {
      // node:http passes its request as server context; in-process callers (tests) have none
      const { request, req } = initial as YogaInitialContext & { req?: IncomingMessage };
      return createContext(database, await viewerFromRequest(database.db, request, config.auth), {
        reqId: req ? requestIds.get(req) : undefined,
        auth: config.auth,
        importStatus,
        client: clientAddress(request, req?.socket?.remoteAddress, config.trustProxy),
        signal: request.signal,
        streams,
        maxComplexity: config.maxComplexity,
      });
    },
  });
}

/** The request each execution error came from, for the log line of an internal one (maskError). */
const erroredRequests = new WeakMap<object, string>();

/**
 * Notes which request a result's errors belong to before they are masked (Yoga masks after the plugins given
 * here), so that an internal error's log line carries the request's id.
 */
const tagErrorsWithRequest: Plugin = {
  onExecute: () => ({
    onExecuteDone({ args, result }) {
      const reqId = (args.contextValue as unknown as Context).reqId;
      if (!reqId || !('errors' in result)) return;
      for (const error of result.errors ?? []) erroredRequests.set(error, reqId);
    },
  }),
};

/**
 * A query that runs past the deadline is answered with TIMEOUT. On a server, statement_timeout cancels the SQL
 * itself; PGlite cannot be interrupted, so there the deadline is what bounds a client's wait. Mutations are not
 * cut short here: their transaction either commits or statement_timeout rolls it back, so a client never gets a
 * TIMEOUT for a write that then lands.
 */
function queryDeadline(timeoutMs: number): Plugin {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      if (!timeoutMs) return;
      const operation = getOperationAST(args.document, args.operationName);
      if (operation?.operation !== 'query') return;
      setExecuteFn(async (executeArgs) => {
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<ExecutionResult>((resolve) => {
          timer = setTimeout(
            () =>
              resolve({
                errors: [
                  new GraphQLError(`The request took longer than ${timeoutMs} ms and was abandoned`, {
                    extensions: { code: 'TIMEOUT' },
                  }),
                ],
              }),
            timeoutMs,
          );
        });
        try {
          return (await Promise.race([executeFn(executeArgs) as Promise<ExecutionResult>, deadline])) as never;
        } finally {
          clearTimeout(timer);
        }
      });
    },
  };
}

/**
 * Anonymous queries read the replica. Signed-in callers always read the primary: they are the ones who write,
 * and what they read next must show their own write, which a replica may not have replayed yet. `asOf` reads
 * open their own transaction on the primary (as-of.ts), whatever this picks.
 */
function readReplica(replica: DatabaseHandle): Plugin {
  return {
    onExecute({ args }) {
      const context = args.contextValue as unknown as Context;
      if (context.viewer.role !== null) return;
      if (getOperationAST(args.document, args.operationName)?.operation !== 'query') return;
      context.db = replica.db;
      context.loaders = createLoaders(replica.db, context.viewer);
    },
  };
}

/** Every mutation empties the response cache, when it starts and when it ends. */
function invalidateOnMutation(cache: ResponseCache): Plugin {
  return {
    onExecute({ args }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== 'mutation') return;
      cache.invalidate();
      return {
        onExecuteDone() {
          cache.invalidate();
        },
      };
    },
  };
}

export const EXAMPLE_QUERY = `# One occupation with its titles, specializations, courses, credentials and their issuers,
# employers and wages, each fact with its citations.
query MedicalRecordsTechnician {
  occupation(socCode: "29-2072") {
    name socCode onetSocCode
    labels { text type }
    alternateTitles { name citations { quote source { title } } }
    specializations { name }
    courses { name }
    credentials { name abbreviation issuers { name abbreviation } }
    employers { name }
    wages { metric value unit period citations { quote source { title } } }
  }
}
`;
