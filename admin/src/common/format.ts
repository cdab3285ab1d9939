import { humanize } from '../entities/kinds.ts';

const UNIT_SUFFIX: Record<string, string> = {
  percent: '%',
  jobs: ' jobs',
};

/** A figure with its unit, as a curator reads it: "$42,820 a year", "13%", "186,300 jobs". */
export function formatValue(value: number | null | undefined, unit?: string | null): string {
  if (value === null || value === undefined) return '';
  const number = value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  if (!unit) return number;
  const usd = /^USD(?:\/(.+))?$/.exec(unit);
  if (usd) {
    // hourly figures read in dollars and cents; yearly ones in whole dollars unless the source gave cents
    const cents = usd[1] === 'hour' || !Number.isInteger(value);
    const money = value.toLocaleString('en-US', {
      style: 'currency',
      currency: 'USD',
      minimumFractionDigits: cents ? 2 : 0,
      maximumFractionDigits: cents ? 2 : 0,
    });
    return usd[1] ? `${money} per ${usd[1]}` : money;
  }
  return `${number}${UNIT_SUFFIX[unit] ?? ` ${unit}`}`;
}

/** "median_annual_wage" -> "Median annual wage"; "annual_wage_p10" -> "Annual wage, 10th percentile". */
export function metricLabel(metric: string | null | undefined): string {
  const percentile = /^(.*)_p(\d{1,2})$/.exec(metric ?? '');
  if (percentile) return `${humanize(percentile[1])}, ${percentile[2]}th percentile`;
  return humanize(metric);
}

export function formatDateTime(value: string | null | undefined) {
  if (!value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString();
}

export function compactJson(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && Object.keys(value as object).length === 0) return '';
  if (typeof value !== 'object') return String(value);
  return Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${humanize(k)}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}
