import { badInput } from './errors.ts';
import { FACT_STATUSES, type FactStatus } from './model.ts';

// Control characters, zero-width and bidi marks, and the byte-order mark: invisible, so never intended.
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/** Unicode NFC, invisible characters removed, whitespace collapsed; refuses empty or oversized text. */
export function normalizeText(value: string, field: string, maxLength = 300): string {
  const text = value
    .normalize('NFC')
    .replace(/[\t\n\r]/g, ' ')
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length === 0) throw badInput(`${field} must not be empty`, { field });
  if (text.length > maxLength) throw badInput(`${field} is longer than ${maxLength} characters`, { field, maxLength });
  return text;
}

export function normalizeOptionalText(value: string | null | undefined, field: string, maxLength = 5000) {
  if (value === undefined || value === null) return value;
  const text = value
    .normalize('NFC')
    .replace(INVISIBLE, (c) => (c === '\n' ? c : ''))
    .trim();
  if (text.length > maxLength) throw badInput(`${field} is longer than ${maxLength} characters`, { field, maxLength });
  return text.length === 0 ? null : text;
}

/** Refuses JSON (attributes, details) holding U+0000 in a key or a string: Postgres cannot store it. */
export function assertStorableJson(value: unknown, field: string): void {
  const check = (v: unknown): boolean =>
    typeof v === 'string'
      ? v.includes('\u0000')
      : Array.isArray(v)
        ? v.some(check)
        : v !== null && typeof v === 'object'
          ? Object.entries(v).some(([k, x]) => k.includes('\u0000') || check(x))
          : false;
  if (check(value)) throw badInput(`${field} must not contain the character U+0000`, { field });
}

/** A fact's status as given (a curator's input is checked even where the schema types it). */
export function parseStatus(status: string | undefined): FactStatus | undefined {
  if (status !== undefined && !(FACT_STATUSES as readonly string[]).includes(status)) {
    throw badInput(`unknown status "${status}"`, { field: 'status' });
  }
  return status as FactStatus | undefined;
}
