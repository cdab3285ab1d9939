import { type CitedFact, loadCitationsWithSources } from '@kg/db/citation/repository';
import type { FactStatus } from '@kg/db/model';
import type { Types } from '../builder.ts';
import { CitationRef } from './citation.ts';
import { EntityRef, StatusEnum } from './kinds.ts';
import { listsByKey } from './related.ts';
import { SourceRef } from './source.ts';

/**
 * The citations of many facts of one type, for a loadable field: one statement for a whole query level, which
 * also reads the sources they cite into the source loader (a citation's `source` is then read without one).
 */
export const citationsOf = (type: CitedFact) =>
  listsByKey(async (ids: string[], ctx) => {
    const { byFact, sources } = await loadCitationsWithSources(ctx.loaders.batch, type, ids, ctx.visibility);
    const loader = SourceRef.getDataloader(ctx);
    for (const source of sources) loader.prime(source.id, source);
    return byFact;
  });

type FieldsOf<Row> = PothosSchemaTypes.ObjectFieldBuilder<Types, Row>;

/** What every label, relation and observation shows: its status, the version to send back, its citations. */
export const factFields = <Row extends { id: string; status: FactStatus; version: number }>(
  t: FieldsOf<Row>,
  type: CitedFact,
) => ({
  status: t.field({ type: StatusEnum, resolve: (f) => f.status }),
  version: t.int({ resolve: (f) => f.version }),
  citations: t.loadableList({ type: CitationRef, load: citationsOf(type), resolve: (f) => f.id }),
});

/** The entity a label or observation belongs to, and the source it came from. */
export const entityAndSource = <Row extends { entity_id: string; source_id: string | null }>(t: FieldsOf<Row>) => ({
  entity: t.field({ type: EntityRef, resolve: (f, _, ctx) => ctx.loaders.entity.load(f.entity_id) as never }),
  source: t.field({ type: SourceRef, nullable: true, resolve: (f) => f.source_id }),
});
