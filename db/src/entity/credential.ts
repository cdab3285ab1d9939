import { dbOf, type Reader, reviveTimestamps, selectRows } from '../batch.ts';
import { isUuid } from '../errors.ts';
import type { EntityRow } from '../tables.ts';

/**
 * Accreditors of credentials: bodies that accredit the credential itself, and bodies that accredit the
 * programs awarding it or preparing for it (CAHIIM accredits the programs whose graduates may sit for RHIT).
 * Published facts only, for every reader, as for every typed relation field.
 */
export async function loadCredentialAccreditors(reader: Reader, credentialIds: readonly string[]) {
  const db = dbOf(reader);
  const map = new Map<string, EntityRow[]>();
  const ids = credentialIds.filter(isUuid);
  if (ids.length === 0) return map;
  const direct = db
    .selectFrom('relation as a')
    .select(['a.from_id as credential_id', 'a.to_id as body_id'])
    .where('a.predicate', '=', 'accredited_by')
    .where('a.status', '=', 'published')
    .where('a.from_id', 'in', ids);
  const viaPrograms = db
    .selectFrom('relation as p')
    .innerJoin('relation as a', (join) =>
      join.onRef('a.from_id', '=', 'p.from_id').on('a.predicate', '=', 'accredited_by'),
    )
    .innerJoin('entity as program', 'program.id', 'p.from_id')
    .select(['p.to_id as credential_id', 'a.to_id as body_id'])
    .where('p.predicate', 'in', ['awards_credential', 'prepares_for'])
    .where('p.status', '=', 'published')
    .where('a.status', '=', 'published')
    .where('program.status', '=', 'published')
    .where('p.to_id', 'in', ids);
  const query = db
    .selectFrom(direct.union(viaPrograms).as('x'))
    .innerJoin('entity as e', 'e.id', 'x.body_id')
    .selectAll('e')
    .select('x.credential_id')
    .where('e.status', '=', 'published')
    .orderBy('e.name');
  const rows = await selectRows(
    reader,
    query,
    reviveTimestamps<EntityRow & { credential_id: string }>('created_at', 'updated_at'),
  );
  for (const { credential_id, ...entity } of rows) {
    const list = map.get(credential_id) ?? [];
    if (!list.some((e) => e.id === entity.id)) list.push(entity);
    map.set(credential_id, list);
  }
  return map;
}
