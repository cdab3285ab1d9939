import { basename } from 'node:path';
import type { Db } from '../connect.ts';
import { locate, ONET_SOC, type Row, RowChecker, readDelimited } from './read.ts';
import {
  type Counts,
  type DesiredEntity,
  type DesiredRelation,
  type ImportContext,
  syncEntities,
  syncRelations,
} from './sync.ts';

/**
 * New Jersey's state licences and industry credentials, from the lookup tables of the state's Eligible
 * Training Provider List (NJ Department of Labor and Workforce Development). A licence names the O*NET-SOC
 * occupation it licenses; an industry credential has only an internal code and an issuer id whose names the
 * state does not publish, so industry credentials stand alone.
 */
export const LICENSE_FILE = 'TBLLICENSE_DATA_TABLE.csv';
export const INDUSTRY_CREDENTIAL_FILE = 'TBLINDUSTRYCREDENTIAL_DATA_TABLE.csv';
const JURISDICTION = 'New Jersey';
const LICENSE_COLUMNS = ['ID', 'NAME', 'CODE', 'DATECREATED', 'DATELASTMODIFIED', 'ISDELETED', 'DATEDELETED'];
const CREDENTIAL_COLUMNS = [
  'ID',
  'NAME',
  'CODE',
  'ISSUERID',
  'DATECREATED',
  'DATELASTMODIFIED',
  'ISDELETED',
  'DATEDELETED',
];
/** Oracle's default date format: 27-DEC-06. */
const DATE = /^\d{2}-(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)-\d{2}$/;
const LICENSE_NAMESPACE = 'nj-license';
const INDUSTRY_CREDENTIAL_NAMESPACE = 'nj-industry-credential';

interface Listed {
  id: number;
  name: string;
  code: string;
  line: number;
  quote: string;
}

function readTable(path: string, columns: string[]) {
  const file = basename(path).replace(/\.gz$/, '');
  const check = new RowChecker(file);
  const rows = readDelimited(path, { delimiter: ',', columns, lastLineBreakOptional: true });
  const seen = new Set<number>();
  const active: Listed[] = [];
  let deleted = 0;
  for (const row of rows) {
    const id = check.number(row, 'ID')!;
    if (!Number.isInteger(id)) check.fail(row, `ID "${row.values.ID}" is not a whole number`);
    if (seen.has(id)) check.fail(row, `ID ${id} is listed twice`);
    seen.add(id);
    const name = check.text(row, 'NAME');
    for (const column of ['DATECREATED', 'DATELASTMODIFIED', 'DATEDELETED']) {
      const value = check.text(row, column, { optional: true });
      if (value && !DATE.test(value)) check.fail(row, `${column} "${value}" is not a date like 27-DEC-06`);
    }
    const isDeleted = check.oneOf(row, 'ISDELETED', ['0', '1'] as const);
    if (isDeleted === '1') {
      deleted++;
      continue;
    }
    active.push({ id, name, code: check.text(row, 'CODE', { optional: true }), line: row.line, quote: quoteOf(row) });
  }
  return { file, active, deleted, rows: rows.length };
}

const quoteOf = (row: Row) => Object.values(row.values).join(',');

export function readNjLicenses(dir: string) {
  return {
    licenses: readTable(locate(dir, LICENSE_FILE), LICENSE_COLUMNS),
    credentials: readTable(locate(dir, INDUSTRY_CREDENTIAL_FILE), CREDENTIAL_COLUMNS),
  };
}

/** An O*NET-SOC code as the state wrote it; a dot for the dash (13.2072.00) is read as the code meant. */
function licensedCode(code: string): string | null {
  const repaired = /^\d{2}\.\d{4}\.\d{2}$/.test(code) ? `${code.slice(0, 2)}-${code.slice(3)}` : code;
  return ONET_SOC.test(repaired) ? repaired : null;
}

const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);

/** The state writes licence names in capitals: ACCOUNTANT (CPA) becomes Accountant (CPA). */
function licenseName(name: string): string {
  let inParentheses = false;
  return name
    .replace(/\s+/g, ' ')
    .trim()
    .split(' ')
    .map((word, i) => {
      if (word.startsWith('(')) inParentheses = true;
      const keep = inParentheses || (/\//.test(word) && word.length <= 3);
      if (word.endsWith(')')) inParentheses = false;
      if (keep) return word;
      const lower = word.toLowerCase();
      if (i > 0 && SMALL_WORDS.has(lower)) return lower;
      return lower.replace(/(^|[-(,./])([a-z])/g, (_, p: string, c: string) => p + c.toUpperCase());
    })
    .join(' ');
}

/** Trademark signs and doubled spaces dropped; two listings of one credential share this key. */
const credentialName = (name: string) => name.replace(/[®™©]/g, '').replace(/\s+/g, ' ').replace(/\s+\)/g, ')').trim();

/** A trailing "(RHIT)" or " - RPA" is the credential's abbreviation. */
function abbreviationOf(name: string): string | null {
  const match = /\(([A-Z][A-Z0-9&/.-]{1,11})\)$/.exec(name) ?? /\s-\s([A-Z][A-Z0-9&/.-]{1,11})$/.exec(name);
  return match ? match[1] : null;
}

/**
 * Credentials a curator or the seed made first are joined by name, not duplicated: an exact name, or the
 * name without its abbreviation ("Registered Health Information Technician (RHIT)").
 */
async function matchCredentials(db: Db, unmatched: DesiredEntity[]) {
  const rows = await db
    .selectFrom('entity as e')
    .innerJoin('credential as c', 'c.entity_id', 'e.id')
    .select(['e.id', 'e.name'])
    .where('e.status', '<>', 'retired')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('external_key as k')
            .select('k.entity_id')
            .whereRef('k.entity_id', '=', 'e.id')
            .where('k.namespace', 'in', [LICENSE_NAMESPACE, INDUSTRY_CREDENTIAL_NAMESPACE]),
        ),
      ),
    )
    .execute();
  const byName = new Map(rows.map((r) => [r.name.toLowerCase(), r.id]));
  const matched = new Map<string, string>();
  for (const d of unmatched) {
    const plain = d.name.replace(/\s*\([^)]*\)$/, '').replace(/\s+-\s+[A-Z0-9&/.-]+$/, '');
    const id = byName.get(d.name.toLowerCase()) ?? byName.get(plain.toLowerCase());
    if (id) matched.set(d.key, id);
  }
  return matched;
}

const note = (counts: Counts, step: string, n: number) => {
  counts[step] = { created: 0, updated: 0, retired: 0, unchanged: n };
};

export async function importNjLicenses(ctx: ImportContext, data: ReturnType<typeof readNjLicenses>) {
  const { licenses, credentials } = data;
  const licenseIds = await syncEntities(
    ctx,
    LICENSE_NAMESPACE,
    licenses.active.map((l) => {
      const name = licenseName(l.name);
      return {
        key: String(l.id),
        kind: 'credential',
        name,
        details: { credentialType: 'license', jurisdiction: JURISDICTION, abbreviation: abbreviationOf(name) },
        locator: `${licenses.file}, line ${l.line}`,
        quote: l.quote,
      };
    }),
    { match: matchCredentials, retireMissing: true },
  );

  // one credential per name: the state lists some twice, under two issuer ids
  const byName = new Map<string, Listed[]>();
  for (const c of credentials.active) {
    const key = credentialName(c.name).toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), c]);
  }
  await syncEntities(
    ctx,
    INDUSTRY_CREDENTIAL_NAMESPACE,
    [...byName].map(([key, listed]) => {
      const name = credentialName(listed[0].name);
      return {
        key,
        kind: 'credential',
        name,
        details: { credentialType: 'certification', abbreviation: abbreviationOf(name) },
        locator: `${credentials.file}, line${listed.length > 1 ? 's' : ''} ${listed.map((c) => c.line).join(', ')}`,
        quote: listed.map((c) => c.quote).join('\n'),
      };
    }),
    { match: matchCredentials, retireMissing: true },
  );

  const occupations = await ctx.db
    .selectFrom('occupation as o')
    .innerJoin('entity as e', 'e.id', 'o.entity_id')
    .select(['o.entity_id', 'o.onet_soc_code', 'o.soc_code'])
    .where('o.onet_soc_code', 'is not', null)
    .where('e.status', '<>', 'retired')
    .execute();
  const byOnet = new Map(occupations.map((o) => [o.onet_soc_code!, o.entity_id]));
  const bySoc = new Map<string, string[]>();
  for (const o of occupations) if (o.soc_code) bySoc.set(o.soc_code, [...(bySoc.get(o.soc_code) ?? []), o.entity_id]);

  // SOC 2010 codes the state still uses (29-1111, registered nurses) reach today's codes through the
  // SOC 2010 -> 2018 crosswalk, when the SOC release is imported
  const successors = new Map<string, string[]>();
  for (const pair of await ctx.db
    .selectFrom('soc_crosswalk')
    .select(['from_code', 'to_code'])
    .where('from_system', '=', 'soc_2010')
    .where('to_system', '=', 'soc_2018')
    .execute()) {
    successors.set(pair.from_code, [...(successors.get(pair.from_code) ?? []), pair.to_code]);
  }

  const relations: DesiredRelation[] = [];
  const outcome = { onet: 0, soc: 0, soc2010: 0, unknown: 0, unusable: 0 };
  for (const l of licenses.active) {
    const code = licensedCode(l.code);
    if (!code) {
      outcome.unusable++;
      continue;
    }
    // a code O*NET no longer lists (29-2034.03) still names its SOC occupation (29-2034)
    const exact = byOnet.get(code);
    const soc = code.slice(0, 7);
    const match = exact ? 'onet' : bySoc.has(soc) ? 'soc' : successors.has(soc) ? 'soc2010' : null;
    const targets =
      match === 'onet'
        ? [exact!]
        : match === 'soc'
          ? bySoc.get(soc)!
          : (successors.get(soc) ?? []).flatMap((successor) => bySoc.get(successor) ?? []);
    if (!match || targets.length === 0) {
      outcome.unknown++;
      continue;
    }
    outcome[match]++;
    for (const fromId of targets) {
      relations.push({
        fromId,
        toId: licenseIds.get(String(l.id))!,
        attributes: {
          jurisdiction: JURISDICTION,
          onetSocCode: l.code,
          ...(match === 'onet' ? {} : { match: match === 'soc' ? 'soc' : 'soc_2010' }),
        },
        locator: `${licenses.file}, line ${l.line}`,
        quote: l.quote,
      });
    }
  }
  note(ctx.counts, 'licence rows deleted by the state (skipped)', licenses.deleted);
  note(ctx.counts, 'licences linked by their O*NET-SOC code', outcome.onet);
  note(ctx.counts, 'licences linked by the SOC part of a retired code', outcome.soc);
  note(ctx.counts, 'licences linked through the SOC 2010 -> 2018 crosswalk', outcome.soc2010);
  note(ctx.counts, 'licences whose code no occupation has', outcome.unknown);
  note(ctx.counts, 'licences without a usable code', outcome.unusable);
  note(ctx.counts, 'industry credential rows deleted (skipped)', credentials.deleted);
  await syncRelations(ctx, 'requires_credential', { from: 'occupation', to: 'credential' }, relations, {
    fromIds: occupations.map((o) => o.entity_id),
  });
}
