import type { Db } from '../connect.ts';

/**
 * How a SOC 2018 code that BLS publishes reaches the graph's O*NET-SOC occupations. O*NET divides some
 * detailed SOC codes further (29-1141 -> 29-1141.01-.04), so a code reaches every occupation under it. BLS
 * also publishes some figures for a broad group where it does not estimate its detailed codes apart (13-1020
 * Buyers and purchasing agents): such a code, ending in 0, reaches every occupation of the broad group that
 * has no figure of its own.
 */
interface SocTargets {
  /** Occupation ids the code reaches, and how: `detailed` (the code itself) or `broad` (its broad group). */
  reach(socCode: string): { ids: string[]; match: 'detailed' | 'broad' };
}

export async function socTargets(db: Db, publishedCodes: Iterable<string>): Promise<SocTargets> {
  const rows = await db
    .selectFrom('occupation as o')
    .innerJoin('entity as e', 'e.id', 'o.entity_id')
    .select(['o.entity_id', 'o.soc_code'])
    .where('o.soc_code', 'is not', null)
    .where('o.onet_soc_code', 'is not', null)
    .where('e.status', '<>', 'retired')
    .execute();
  const published = new Set(publishedCodes);
  const byCode = new Map<string, string[]>();
  const byBroad = new Map<string, string[]>();
  for (const row of rows) {
    const code = row.soc_code!;
    byCode.set(code, [...(byCode.get(code) ?? []), row.entity_id]);
    // only occupations without a figure of their own fall to their broad group's
    if (!published.has(code)) {
      const broad = `${code.slice(0, 6)}0`;
      byBroad.set(broad, [...(byBroad.get(broad) ?? []), row.entity_id]);
    }
  }
  return {
    reach(socCode) {
      const exact = byCode.get(socCode);
      if (exact) return { ids: exact, match: 'detailed' };
      if (socCode.endsWith('0')) return { ids: byBroad.get(socCode) ?? [], match: 'broad' };
      return { ids: [], match: 'detailed' };
    },
  };
}
