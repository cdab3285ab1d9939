/**
 * The console's GraphQL client: typed documents (gql.tada, checked against schema/schema.graphql by
 * `pnpm typecheck`) POSTed to /graphql, GraphQL errors turned into thrown Errors react-admin can show.
 */
import { print } from '@0no-co/graphql.web';

export { print };

import { initGraphQLTada, type TadaDocumentNode } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';

/** Writes a GraphQL document whose result and variables types follow from the schema. */
export const gql = initGraphQLTada<{
  introspection: introspection;
  disableMasking: true;
  scalars: { JSON: unknown; Date: string; DateTime: string };
}>();

export const GRAPHQL_URL = '/graphql';

const TOKEN_KEY = 'kg.token';

/** The signed-in account's token, kept across reloads; every request sends it as a Bearer token. */
export const session = {
  token: () => localStorage.getItem(TOKEN_KEY),
  set: (token: string) => localStorage.setItem(TOKEN_KEY, token),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

export interface GraphQLErrorBody {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; [key: string]: unknown };
}

/** An error the API reported; `code` is its extensions.code (BAD_USER_INPUT, NOT_FOUND, CONFLICT...). */
export class ApiError extends Error {
  readonly code: string;
  /** Like react-admin's HttpError, so its notifications and redirections treat these the same way. */
  readonly status: number;
  readonly body: unknown;

  constructor(message: string, code: string, body?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = STATUS_BY_CODE[code] ?? 500;
    this.body = body;
  }
}

const STATUS_BY_CODE: Record<string, number> = {
  BAD_USER_INPUT: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INTERNAL: 500,
};

export const CONFLICT_MESSAGE =
  'Someone changed this record since you read it, so your change was not saved. Reload to see the latest version, then make your change again.';

/** What a curator should read for an API error. */
export function describeError(error: GraphQLErrorBody): string {
  const code = error.extensions?.code;
  if (code === 'CONFLICT') return CONFLICT_MESSAGE;
  if (code === 'FORBIDDEN') return `Your role does not allow this: ${error.message}.`;
  if (code === 'INTERNAL') return 'The server failed to do this; try again, and tell an engineer if it keeps failing.';
  // Curators act on the record in front of them; internal IDs in messages only get in the way.
  return error.message
    .replace(
      /\b(entity|label|relation|observation|citation|source|fact) [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
      (_, what: string) => `this ${what.toLowerCase()}`,
    )
    .replace(/^this/, 'This');
}

export const isConflict = (error: unknown) => (error as ApiError | undefined)?.code === 'CONFLICT';

const printed = new WeakMap<object, string>();

/** Sends a typed document; its variables and result are checked against the schema at build time. */
export async function request<Result, Variables>(
  document: TadaDocumentNode<Result, Variables>,
  variables: Variables,
  signal?: AbortSignal,
): Promise<Result> {
  let query = printed.get(document);
  if (!query) {
    query = print(document);
    printed.set(document, query);
  }
  return post<Result>(query, variables as Record<string, unknown>, signal);
}

/**
 * Sends a query text as it is. Only for documents built at run time from typed fragments (one alias per fact of
 * a history); everything else goes through `request`.
 */
export async function post<T>(query: string, variables: Record<string, unknown>, signal?: AbortSignal): Promise<T> {
  let response: Response;
  const token = session.token();
  try {
    response = await fetch(GRAPHQL_URL, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        // the API refuses requests without it (CSRF prevention): a cross-site form cannot add a header
        'x-graphql-csrf': '1',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError('Cannot reach the API: check your connection and that the server is running.', 'NETWORK');
  }
  let body: { data?: T | null; errors?: GraphQLErrorBody[] };
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The API answered ${response.status} ${response.statusText} without a readable body.`, 'HTTP');
  }
  const first = body.errors?.[0];
  if (first) {
    throw new ApiError(describeError(first), first.extensions?.code ?? 'UNKNOWN', body);
  }
  if (!body.data) throw new ApiError(`The API answered ${response.status} with no data.`, 'HTTP', body);
  return body.data;
}
