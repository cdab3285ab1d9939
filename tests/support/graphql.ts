import type { ApiConfig } from '@kg/api/config';
import { createGraphQLServer } from '@kg/api/yoga';
import type { DatabaseHandle } from '@kg/db/connect';
import { type TestAccount, tokenFor } from './accounts.ts';

export interface GraphQLResult<T = any> {
  data?: T;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
  /** SQL statements the request issued. */
  statements: number;
}

/**
 * A GraphQL client for one database that calls the Yoga server in process (no port), as one of the test
 * accounts (an admin unless told otherwise) or anonymously. `config` changes limits, the response cache or
 * introspection for this client's server.
 */
export function graphqlClient(
  handle: DatabaseHandle,
  options: { as?: TestAccount | 'anonymous'; config?: Partial<ApiConfig> } = {},
) {
  const yoga = createGraphQLServer({ database: handle, graphiql: false, config: options.config });
  const as = options.as ?? 'admin';
  return async function graphql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<GraphQLResult<T>> {
    const authorization = as === 'anonymous' ? {} : { authorization: `Bearer ${await tokenFor(handle, as)}` };
    const before = handle.statements.total;
    const response = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-graphql-csrf': '1', ...authorization, ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GraphQLResult<T>, 'statements'>;
    return { ...body, statements: handle.statements.total - before };
  };
}

/** The error codes of a result, in order. */
export const errorCodes = (result: GraphQLResult) => (result.errors ?? []).map((e) => e.extensions?.code);

/** Reads an event stream until its text includes `wanted`, it ends, or `ms` have passed; returns what was read. */
export async function readStreamUntil(reader: ReadableStreamDefaultReader<Uint8Array>, wanted: string, ms: number) {
  let text = '';
  const deadline = Date.now() + ms;
  while (!text.includes(wanted) && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  return text;
}
