import { sql } from 'kysely';
import { type Reader, reviveTimestamps, selectRows } from '../batch.ts';
import { isUuid } from '../errors.ts';
import type { EntityRow } from '../tables.ts';

export type EscoRelationType = 'essential' | 'optional';

export interface EscoSkill {
  skill: EntityRow;
  /** Essential when any of the ESCO occupations counts it essential. */
  relationType: EscoRelationType;
  /** The ESCO occupations that list it (the occupation itself, or those matched to it). */
  escoOccupationIds: string[];
  /** The requires_skill relations that say so, for their citations. */
  relationIds: string[];
}

type Row = Omit<EntityRow, 'id'> & {
  occupation_id: string;
  skill_id: string;
  esco_id: string;
  relation_id: string;
  relation_type: EscoRelationType;
};

/**
 * ESCO's essential and optional skills of many occupations in one statement. An ESCO occupation has its own;
 * an O*NET occupation has those of the ESCO occupations published as close matches of it. A skill several
 * of them list appears once, essential if any says so. Only published facts count.
 */
export async function loadEscoSkills(
  reader: Reader,
  occupationIds: readonly string[],
  relationTypes: readonly EscoRelationType[] = ['essential', 'optional'],
): Promise<Map<string, EscoSkill[]>> {
  const map = new Map<string, EscoSkill[]>();
  const ids = [...new Set(occupationIds.filter(isUuid))];
  if (ids.length === 0 || relationTypes.length === 0) return map;
  const query = sql<Row>`
    with esco as (
      select m.to_id as occupation_id, m.from_id as esco_id
      from relation m join entity e on e.id = m.from_id and e.status = 'published'
      where m.to_id = any(${ids}::uuid[]) and m.predicate = 'close_match' and m.status = 'published'
      union
      select o.entity_id, o.entity_id from occupation o where o.entity_id = any(${ids}::uuid[]) and o.esco_uri is not null
    )
    select esco.occupation_id, esco.esco_id, r.id as relation_id, r.to_id as skill_id,
      r.attributes->>'relationType' as relation_type,
      s.kind, s.name, s.status, s.version, s.created_at, s.updated_at, s.superseded_by
    from esco
    join relation r on r.from_id = esco.esco_id and r.predicate = 'requires_skill' and r.status = 'published'
    join entity s on s.id = r.to_id and s.status = 'published'
    where r.attributes->>'relationType' = any(${[...relationTypes]}::text[])
    order by s.name, s.id, r.id`;
  const rows = await selectRows(reader, query, reviveTimestamps<Row>('created_at', 'updated_at'));
  const bySkill = new Map<string, Map<string, EscoSkill>>();
  for (const row of rows) {
    const skills = bySkill.get(row.occupation_id) ?? new Map<string, EscoSkill>();
    bySkill.set(row.occupation_id, skills);
    const { occupation_id, skill_id, esco_id, relation_id, relation_type, ...entity } = row;
    const item = skills.get(skill_id) ?? {
      skill: { ...entity, id: skill_id },
      relationType: relation_type,
      escoOccupationIds: [],
      relationIds: [],
    };
    if (relation_type === 'essential') item.relationType = 'essential';
    if (!item.escoOccupationIds.includes(esco_id)) item.escoOccupationIds.push(esco_id);
    item.relationIds.push(relation_id);
    skills.set(skill_id, item);
  }
  for (const [id, skills] of bySkill) map.set(id, [...skills.values()]);
  return map;
}
