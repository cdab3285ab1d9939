import type { CareerPath } from './queries.ts';

export const CSV_COLUMNS = [
  'path',
  'path_score',
  'step',
  'from',
  'to',
  'type',
  'wage_change',
  'wage_period',
  'education_needed',
  'credentials_needed',
  'derivation',
  'evidence',
] as const;

/** One CSV field, quoted when it holds a comma, quote or line break (RFC 4180). */
export const csvCell = (value: unknown) => {
  const text = value == null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** One row per step of every path (RFC 4180 quoting), with the evidence's sources and locators. */
export function pathsToCsv(paths: readonly CareerPath[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  paths.forEach((path, p) => {
    path.steps.forEach((step, s) => {
      rows.push(
        [
          p + 1,
          path.score,
          s + 1,
          step.from.name,
          step.to.name,
          step.type,
          step.wageChange,
          step.wagePeriod,
          step.educationNeeded,
          step.credentialsNeeded.map((c) => c.name).join('; '),
          step.derivation ?? 'stated by a source',
          step.evidence.map((e) => `${e.source.title}${e.locator ? ` (${e.locator})` : ''}`).join('; '),
        ]
          .map(csvCell)
          .join(','),
      );
    });
  });
  return `${rows.join('\r\n')}\r\n`;
}

export function downloadCsv(fileName: string, csv: string) {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
