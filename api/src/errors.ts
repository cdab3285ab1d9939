import { DomainError, fromDatabaseError } from '@kg/db/errors';
import { GraphQLError } from 'graphql';
import { ZodError } from 'zod';

/**
 * What clients see of an error: ours keep their message and code; database refusals become BAD_USER_INPUT
 * without SQL; anything else is INTERNAL with no detail (the server log has it).
 */
export function maskError(error: unknown, _message: string, isDev?: boolean): GraphQLError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const path = error instanceof GraphQLError ? error.path : undefined;
  const domain = original instanceof DomainError ? original : fromDatabaseError(original);
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
    const code = (error.extensions?.code as string | undefined) ?? 'BAD_USER_INPUT';
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
