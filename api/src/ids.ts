import { DomainError } from '@kg/db/errors';
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
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(id);
  } catch {
    throw new DomainError('NOT_FOUND', `${what} ${id} not found: not an ID this API issued`, { id });
  }
  if (!allowedTypes.includes(decoded.typename)) {
    throw new DomainError('NOT_FOUND', `${what} ${id} not found: it is a ${decoded.typename}`, { id });
  }
  return decoded;
}
