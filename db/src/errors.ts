/** The error codes a client can act on; the API puts them in `extensions.code`. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'TOO_MANY_REQUESTS';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badInput = (message: string, details?: Record<string, unknown>) =>
  new DomainError('BAD_USER_INPUT', message, details);
export const notFound = (what: string, id: string) => new DomainError('NOT_FOUND', `${what} ${id} not found`, { id });
export const conflict = (what: string, id: string, expectedVersion: number, currentVersion: number) =>
  new DomainError(
    'CONFLICT',
    `${what} ${id} is at version ${currentVersion}, not ${expectedVersion}: it changed since you read it`,
    { id, expectedVersion, currentVersion },
  );

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

/**
 * Postgres refuses what the schema forbids (foreign keys, checks, uniqueness). Those refusals are the
 * caller's fault, so they become BAD_USER_INPUT with a message that names the rule but shows no SQL.
 */
export function fromDatabaseError(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error;
  const e = error as { code?: string; constraint?: string; detail?: string } | undefined;
  switch (e?.code) {
    case '23505':
      return badInput(`duplicate: an equal fact already exists (${e.constraint ?? 'unique rule'})`);
    case '23503':
      return badInput(`refused by the database: it breaks the rule ${e.constraint ?? 'foreign key'}`);
    case '23514':
    case '23502':
      return badInput(`refused by the database: it breaks the rule ${e.constraint ?? 'check'}`);
    // text or JSON holding U+0000 (or another character Postgres cannot store)
    case '22021':
    case '22P05':
      return badInput('a text holds a character that cannot be stored (such as U+0000)');
    case '22001':
      return badInput('a value is longer than the database allows');
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
      return badInput('a value has the wrong format or is out of range');
    default:
      return undefined;
  }
}
