import { DomainError, fromDatabaseError } from '@kg/db/errors';
import { GraphQLError } from 'graphql';
import { ZodError } from 'zod';
import { wrongTypeOfId } from './ids.ts';

// Postgres is down, restarting or unreachable: SQLSTATE classes 08 (connection) and 57P (operator
// intervention: shutdown, crash recovery, cannot connect now), or the driver's own socket and pool errors.
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connect ECONNREFUSED|ECONNRESET|timeout exceeded when trying to connect|Client has encountered a connection error|is not queryable|Connection closed|the database system is (starting up|shutting down|in recovery mode)|terminating connection/i;

/** True when an error says the database cannot be reached (as opposed to refusing this request). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | undefined;
  if (!e || typeof e !== 'object') return false;
  const code = typeof e.code === 'string' ? e.code : '';
  if (code.startsWith('08') || code.startsWith('57P') || code === 'ECONNREFUSED' || code === 'ECONNRESET') return true;
  return typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message);
}

/**
 * What clients see of an error: ours keep their message and code; database refusals become BAD_USER_INPUT
 * without SQL; anything else is INTERNAL with no detail (the server log has it).
 */
export function maskError(error: unknown, _message: string, isDev?: boolean): GraphQLError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const path = error instanceof GraphQLError ? error.path : undefined;
  if (isDatabaseUnavailable(original)) {
    // nothing was committed that the client was not told about: a transaction cut off mid-way rolls back
    return new GraphQLError('The database is unavailable; try again shortly', {
      path,
      extensions: { code: 'DATABASE_UNAVAILABLE', retryable: true },
    });
  }
  // 57014: statement_timeout cancelled the statement
  if ((original as { code?: unknown } | null)?.code === '57014') {
    return new GraphQLError('The request took too long and was cancelled', {
      path,
      extensions: { code: 'TIMEOUT' },
    });
  }
  const domain = original instanceof DomainError ? original : (wrongTypeOfId(original) ?? fromDatabaseError(original));
  if (domain) {
    return new GraphQLError(domain.message, { path, extensions: { code: domain.code, ...domain.details } });
  }
  if (original instanceof ZodError) {
    const issue = original.issues[0];
    return new GraphQLError(`${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'invalid'}`, {
      path,
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  // Errors graphql-js raised itself (validation, variable coercion) have no original error and are safe.
  if (error instanceof GraphQLError && !error.originalError) {
    // the server's own refusals carry an HTTP status: 403 is the CSRF check
    const status = (error.extensions?.http as { status?: number } | undefined)?.status;
    const code = (error.extensions?.code as string | undefined) ?? (status === 403 ? 'FORBIDDEN' : 'BAD_USER_INPUT');
    return new GraphQLError(error.message, { nodes: error.nodes, path, extensions: { ...error.extensions, code } });
  }
  // graphql-js and the plugins raise GraphQLErrors for requests they refuse (an unknown enum value, say)
  if (original instanceof GraphQLError) {
    const code = (original.extensions?.code as string | undefined) ?? 'BAD_USER_INPUT';
    return new GraphQLError(original.message, { path, extensions: { ...original.extensions, code } });
  }
  if (isDev) console.error(original);
  return new GraphQLError('Internal error', { path, extensions: { code: 'INTERNAL' } });
}
