import { Typography } from '@mui/material';
import { humanize } from '../entities/kinds.ts';
import { RawDetails } from './citation-text.tsx';

/**
 * A relation's or observation's attributes as a phrase people read ("importance 4.1 of 5 · level 3.4 of 7"),
 * leaving out internal references (IDs of other rows) and what other columns already show; the raw JSON stays
 * behind a "details" toggle.
 */

const number = (value: unknown) =>
  typeof value === 'number' ? value.toLocaleString('en-US', { maximumFractionDigits: 2 }) : String(value);

const PHRASES: { [key: string]: (value: unknown) => string | null } = {
  importance: (v) => `importance ${number(v)} of 5`,
  level: (v) => `level ${number(v)} of 7`,
  tier: (v) => `O*NET relatedness ${humanize(String(v)).toLowerCase()}`,
  index: (v) => `rank ${number(v)} among related occupations`,
  score: (v) => `score ${number(v)}`,
  required: (v) => (v ? `${humanize(String(v)).toLowerCase()}` : null),
  category: (v) => humanize(String(v)),
  estimate: (v) => String(v),
  reportedBy: (v) => `reported by ${v}`,
  educationNeeded: (v) => `needs ${String(v).toLowerCase()}`,
  derivation: () => null,
  evidence: () => null,
  socCode: () => null,
  socTitle: () => null,
  onetSocCode: () => null,
};

/** Keys that point at other rows, or hold sub-records: shown in words elsewhere, or only in the raw view. */
const isInternal = (key: string, value: unknown) => /Ids?$/.test(key) || (value !== null && typeof value === 'object');

export function describeAttributes(attributes: unknown): string {
  if (!attributes || typeof attributes !== 'object') return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(attributes as { [key: string]: unknown })) {
    if (value === null || value === undefined || value === '') continue;
    const phrase = PHRASES[key];
    if (phrase) {
      const text = phrase(value);
      if (text) parts.push(text);
    } else if (!isInternal(key, value)) {
      parts.push(
        typeof value === 'boolean'
          ? `${humanize(key).toLowerCase()}: ${value ? 'yes' : 'no'}`
          : `${humanize(key).toLowerCase()}: ${value}`,
      );
    }
  }
  return parts.join(' · ');
}

export function AttributesText({ attributes }: { attributes: unknown }) {
  if (!attributes || typeof attributes !== 'object' || Object.keys(attributes).length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        —
      </Typography>
    );
  }
  const text = describeAttributes(attributes);
  return (
    <Typography variant="body2" component="div">
      {text || <span style={{ color: 'rgba(0,0,0,0.6)' }}>no attributes to show</span>}{' '}
      <RawDetails>{JSON.stringify(attributes, null, 2)}</RawDetails>
    </Typography>
  );
}
