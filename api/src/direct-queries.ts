import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ExecutionResult, getOperationAST } from 'graphql';
import { processRegularResult, type YogaServerInstance } from 'graphql-yoga';

/**
 * Queries sent as plain JSON POSTs, run on Yoga's own envelop (the same parse and validation caches, plugins,
 * context, compiled executor and error masking) without its Fetch API adapter: no Request, Headers, body
 * stream or Response object per request, which is a tenth of a small query's CPU time. What this path does not
 * answer itself goes to Yoga whole, so that Yoga stays the one place that shapes refusals and errors: another
 * content or accept type, an Origin (CORS), parameters it does not know, a document that does not parse or
 * validate, an operation other than a query, a context that cannot be built (a bad token) and an execution that
 * throws. An answer with errors (already masked by the envelop) gets its status and body from Yoga's own result
 * processor.
 */

interface Params {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
  extensions?: Record<string, unknown> | null;
}

const PARAM_NAMES = new Set(['query', 'variables', 'operationName', 'extensions']);

/** The headers that let a request take this path: JSON in, JSON out, no CORS. */
export function takesDirectPath(req: IncomingMessage): boolean {
  const { headers } = req;
  if (headers.origin !== undefined) return false;
  if (!headers['content-type']?.toLowerCase().startsWith('application/json')) return false;
  const accept = headers.accept;
  return accept === undefined || accept === '*/*' || accept.toLowerCase().startsWith('application/json');
}

/** The GraphQL parameters of a body, or undefined when it is anything but one well-formed request. */
function paramsOf(body: string): Params | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const params = value as Record<string, unknown>;
  for (const key in params) if (!PARAM_NAMES.has(key)) return undefined;
  const { query, variables, operationName, extensions } = params;
  if (typeof query !== 'string') return undefined;
  const isObject = (v: unknown) => v == null || (typeof v === 'object' && !Array.isArray(v));
  if (!isObject(variables) || !isObject(extensions)) return undefined;
  if (operationName != null && typeof operationName !== 'string') return undefined;
  return params as unknown as Params;
}

/** What context building reads of a request: its headers; queries never stop early, so one signal serves all. */
const NEVER_ABORTED = new AbortController().signal;
function requestOf(req: IncomingMessage) {
  return {
    method: 'POST',
    url: `http://localhost${req.url}`,
    signal: NEVER_ABORTED,
    headers: {
      get(name: string) {
        const value = req.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
      has: (name: string) => req.headers[name.toLowerCase()] !== undefined,
    },
  };
}

export interface DirectAnswer {
  status: number;
  text: string;
}

/**
 * Runs `body` as a query on `yoga`'s envelop; resolves to the answer, or to undefined when the request is Yoga's
 * to answer (see above). `onErrors` sees an answer's errors (the metrics count them, as Yoga's hook does).
 */
export async function runDirectQuery(
  // biome-ignore lint/suspicious/noExplicitAny: the server's context type is Yoga's to declare
  yoga: YogaServerInstance<any, any>,
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
  onErrors?: (result: ExecutionResult) => void,
): Promise<DirectAnswer | undefined> {
  const params = paramsOf(body);
  if (!params) return undefined;
  const request = requestOf(req);
  const enveloped = yoga.getEnveloped({ request, params, req, res });
  let document: ReturnType<typeof enveloped.parse>;
  try {
    document = enveloped.parse(params.query);
  } catch {
    return undefined;
  }
  if (enveloped.validate(enveloped.schema, document).length > 0) return undefined;
  if (getOperationAST(document, params.operationName)?.operation !== 'query') return undefined;
  let contextValue: unknown;
  try {
    contextValue = await enveloped.contextFactory();
  } catch {
    return undefined;
  }
  let result: ExecutionResult & { stringify?: (result: ExecutionResult) => string };
  try {
    result = await enveloped.execute({
      schema: enveloped.schema,
      document,
      contextValue,
      variableValues: params.variables,
      operationName: params.operationName,
    });
  } catch {
    // an execution that throws instead of answering (no connection to be had, an asOf transaction that could
    // not begin): Yoga runs it again and shapes, logs and counts what it throws
    return undefined;
  }
  if (result.errors?.length || result.extensions?.http) {
    onErrors?.(result);
    const response = await processRegularResult(result, yoga.fetchAPI, 'application/json');
    return { status: response.status, text: await response.text() };
  }
  return { status: 200, text: (result.stringify ?? JSON.stringify)(result) };
}
