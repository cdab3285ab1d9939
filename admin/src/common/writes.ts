import type { RaRecord } from 'react-admin';
import { ApiError } from '../graphql.ts';

/** What the forms send: react-admin form values, read field by field with the helpers below. */
export type FormValues = { readonly [field: string]: unknown };

/** The citation a create or edit form collects (source, quote, where in the source). */
export interface CitationForm {
  sourceId?: string | null;
  quote?: string | null;
  locator?: string | null;
}

/** A curator's write the API kept for review: the fact itself is unchanged. */
export interface PendingDraft {
  id: string;
}

export const blankToNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);

/** A form string, trimmed; blank or missing as undefined (so the API applies its default). */
export function text(value: unknown): string | undefined {
  const trimmed = typeof value === 'string' ? value.trim() : value == null ? '' : String(value).trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A form string for an update: blank as null (clears the field). */
export const textOrNull = (value: unknown): string | null => text(value) ?? null;

/** The citation of a form, as the mutations take it (none without a source). */
export function citationsOf(data: FormValues) {
  const citation = data.citation as CitationForm | undefined;
  if (!citation?.sourceId) return undefined;
  return [{ sourceId: citation.sourceId, quote: textOrNull(citation.quote), locator: textOrNull(citation.locator) }];
}

/** Whether a form changed a field from the value read. */
export const changed = (key: string, data: FormValues, previous: FormValues) =>
  key in data && JSON.stringify(blankToNull(data[key]) ?? null) !== JSON.stringify(blankToNull(previous[key]) ?? null);

export function expectedVersionOf(previous: FormValues | undefined): number {
  const version = previous?.version;
  if (typeof version !== 'number') {
    throw new ApiError('The version you read is unknown, so the change cannot be checked: reload and retry.', 'CLIENT');
  }
  return version;
}

/** JSON attributes arrive from a text area as a string; send them as an object. */
export function parseJson(value: unknown, what: string): unknown {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value !== 'string') return value;
  if (value.trim() === '') return null;
  try {
    return JSON.parse(value);
  } catch {
    throw new ApiError(`${what} is not valid JSON.`, 'BAD_USER_INPUT');
  }
}

/**
 * What react-admin keeps after a write. When the write became a draft it keeps the record as it was read,
 * marked with `pendingDraft`, so forms and caches go on showing the published value; a new fact that awaits
 * review is represented by its draft.
 */
export function settle(
  fact: RaRecord | null | undefined,
  draft: PendingDraft | null | undefined,
  sent: FormValues,
  previous?: RaRecord,
): RaRecord {
  if (draft) return previous ? { ...previous, pendingDraft: draft } : { ...sent, id: draft.id, pendingDraft: draft };
  if (!fact) throw new ApiError('The API answered without the saved record.', 'HTTP');
  return fact;
}
