import { sql } from 'kysely';
import { type Reader, selectRows } from '../batch.ts';
import { isUuid } from '../errors.ts';
import { type EscoSkill, loadEscoSkills } from '../esco/repository.ts';
import { loadSkillGaps, type SkillGapItem } from './paths.ts';

/**
 * What a skill gap rests on: O*NET's skill and knowledge levels of the target, or, where O*NET rates none
 * (29-2072.00 Medical Records Specialists has no ratings), the ESCO essential skills of the target's ESCO
 * matches. Null when the graph has neither.
 */
export type SkillGapBasis = 'onet_ratings' | 'esco_essential';

export interface SkillGapWithBasis {
  basis: SkillGapBasis | null;
  items: SkillGapItem[];
}

/** The basis each target's gap rests on, in one statement. */
export async function skillGapBases(
  reader: Reader,
  toIds: readonly string[],
): Promise<Map<string, SkillGapBasis | null>> {
  const ids = [...new Set(toIds.filter(isUuid))];
  const map = new Map<string, SkillGapBasis | null>();
  if (ids.length === 0) return map;
  type Row = { id: string; rated: boolean; esco: boolean };
  const query = sql<Row>`
    select t.id,
      exists (select 1 from relation r where r.from_id = t.id and r.predicate = 'requires_skill'
        and r.status = 'published' and jsonb_typeof(r.attributes->'level') = 'number') as rated,
      exists (select 1 from relation r
        where r.predicate = 'requires_skill' and r.status = 'published' and r.attributes->>'relationType' = 'essential'
          and (r.from_id = t.id or r.from_id in (select m.from_id from relation m
            where m.to_id = t.id and m.predicate = 'close_match' and m.status = 'published'))) as esco
    from unnest(${ids}::uuid[]) as t(id)`;
  const rows = await selectRows(reader, query, (row) => row as unknown as Row);
  for (const row of rows) map.set(row.id, row.rated ? 'onet_ratings' : row.esco ? 'esco_essential' : null);
  return map;
}

/**
 * Skill gaps for many pairs, each with its basis. On O*NET ratings: the skills whose level rises (see
 * loadSkillGaps). On ESCO: the target's essential skills that none of the start's ESCO skills (essential or
 * optional) covers; ESCO states no levels, so each has toLevel 1 (essential) and fromLevel null.
 */
export async function loadSkillGapsWithBasis(
  db: Reader,
  pairs: ReadonlyArray<{ fromId: string; toId: string }>,
): Promise<SkillGapWithBasis[]> {
  const bases = await skillGapBases(
    db,
    pairs.map((p) => p.toId),
  );
  const onet = pairs.filter((p) => bases.get(p.toId) === 'onet_ratings');
  const esco = pairs.filter((p) => bases.get(p.toId) === 'esco_essential');
  const onetGaps = onet.length ? await loadSkillGaps(db, onet) : [];
  const onetByPair = new Map(onet.map((p, i) => [`${p.fromId}|${p.toId}`, onetGaps[i]]));
  const escoSkills: Map<string, EscoSkill[]> = esco.length
    ? await loadEscoSkills(
        db,
        esco.flatMap((p) => [p.fromId, p.toId]),
      )
    : new Map();
  return pairs.map((p) => {
    const basis = bases.get(p.toId) ?? null;
    if (basis === 'onet_ratings') return { basis, items: onetByPair.get(`${p.fromId}|${p.toId}`) ?? [] };
    if (basis !== 'esco_essential') return { basis, items: [] };
    const held = new Set((escoSkills.get(p.fromId) ?? []).map((s) => s.skill.id));
    const items: SkillGapItem[] = (escoSkills.get(p.toId) ?? [])
      .filter((s) => s.relationType === 'essential' && !held.has(s.skill.id))
      .map((s) => ({
        skillId: s.skill.id,
        skill: s.skill,
        fromLevel: null,
        toLevel: 1,
        importance: null,
      }));
    return { basis, items };
  });
}
