import { badInput } from './errors.ts';

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
