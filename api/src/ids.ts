import { DomainError } from '@kg/db/errors';
import { PothosValidationError } from '@pothos/core';
import { decodeGlobalID } from '@pothos/plugin-relay';

/**
 * Reads a global ID given as input. Any ID that names nothing we hold, malformed or not, is NOT_FOUND:
 * the client asked for something that is not there.
 */
export function parseGlobalId(
  id: string,
  allowedTypes: readonly string[],
  what: string,
): { typename: string; id: string } {
  const decoded = decodeIssuedId(id, what);
  if (!allowedTypes.includes(decoded.typename)) {
    throw new DomainError('NOT_FOUND', `${what} ${id} not found: it is a ${decoded.typename}`, { id });
  }
  return decoded;
}

/** Decodes a global ID; one this API cannot have issued is NOT_FOUND. Also the relay plugin's decoder. */
export function decodeIssuedId(id: string, what = 'ID'): { typename: string; id: string } {
  try {
    return decodeGlobalID(id);
  } catch {
    throw new DomainError('NOT_FOUND', `${what} ${id} not found: not an ID this API issued`, { id });
  }
}

/**
 * The relay plugin's refusal of an ID of another type (`t.globalID({ for })`), which reads as NOT_FOUND like
 * every ID that names nothing of the type asked for.
 */
export function wrongTypeOfId(error: unknown): DomainError | undefined {
  const match = error instanceof PothosValidationError && /^ID: (.+) is not of type: (.+)$/.exec(error.message);
  if (!match) return undefined;
  return new DomainError('NOT_FOUND', `${match[1]} not found: it is not a ${match[2]}`, { id: match[1] });
}
