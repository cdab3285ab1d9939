import type { ErrorCode } from '@kg/db/errors';

/**
 * Every `extensions.code` the API answers, with what it means. `docs/errors.md` lists the same codes (a test
 * compares them) and tests check responses against this list. `request`: the client can fix the request;
 * `server`: the server could not answer it.
 */
export const ERROR_CODES = {
  BAD_USER_INPUT: { side: 'request', meaning: 'The input is invalid; `field` names it where there is one.' },
  NOT_FOUND: { side: 'request', meaning: 'The ID names nothing the caller may see, or is not an ID this API issued.' },
  CONFLICT: {
    side: 'request',
    meaning: 'The fact changed since it was read: `expectedVersion` is stale (`currentVersion` says what it is).',
  },
  UNAUTHENTICATED: { side: 'request', meaning: 'The field needs a signed-in account: send a bearer token.' },
  FORBIDDEN: { side: 'request', meaning: "The account's role may not do this." },
  TOO_MANY_REQUESTS: { side: 'request', meaning: 'Too many logins or open streams from one client; wait.' },
  QUERY_TOO_COMPLEX: { side: 'request', meaning: 'The query is deeper, broader or costlier than the limits.' },
  GRAPHQL_PARSE_FAILED: { side: 'request', meaning: 'The document is not GraphQL.' },
  GRAPHQL_VALIDATION_FAILED: { side: 'request', meaning: 'The document does not fit the schema.' },
  PAYLOAD_TOO_LARGE: { side: 'request', meaning: 'The request body is larger than the limit (HTTP 413).' },
  LENGTH_REQUIRED: { side: 'request', meaning: 'The request has no `Content-Length` (HTTP 411).' },
  TIMEOUT: { side: 'server', meaning: 'The request ran longer than the deadline and was cancelled.' },
  DATABASE_UNAVAILABLE: { side: 'server', meaning: 'The database cannot be reached; `retryable` is true.' },
  INTERNAL: { side: 'server', meaning: 'The server broke; the log has the detail, the response none.' },
  // every code the repositories raise (ErrorCode) is one of them
} as const satisfies Record<ErrorCode, unknown> & Record<string, { side: 'request' | 'server'; meaning: string }>;

export type ApiErrorCode = keyof typeof ERROR_CODES;

/** The codes a client can act on: everything but the server's own failures. */
export const REQUEST_ERROR_CODES = (Object.keys(ERROR_CODES) as ApiErrorCode[]).filter(
  (code) => ERROR_CODES[code].side === 'request',
);
