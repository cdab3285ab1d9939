import type { Executor } from '../connect.ts';
import { createEntity } from '../entity/repository.ts';
import { createLabel } from '../label/repository.ts';
import { createObservation } from '../observation/repository.ts';
import { createRelation } from '../relation/repository.ts';
import { createSource, getSourceByKey } from '../source/repository.ts';
import { inTransaction } from '../transaction.ts';
import type { SeedCitation, SeedGraph } from './types.ts';

export const SEED_ACTOR = 'seed';
export const seedSourceKey = (file: string) => `seed:${file.replace(/\.txt$/, '')}`;

export interface SeedSummary {
  loaded: boolean;
  sources: number;
  entities: number;
  relations: number;
  observations: number;
}

/**
 * Loads the seed graph in one transaction. It is skipped when its sources are already present, so every
 * start can call it; a failure leaves nothing behind.
 */
export async function loadSeedGraph(db: Executor, graph: SeedGraph): Promise<SeedSummary> {
  const summary = { loaded: false, sources: 0, entities: 0, relations: 0, observations: 0 };
  if (await getSourceByKey(db, seedSourceKey(graph.sources[0].file))) return summary;
  const context = { actor: SEED_ACTOR, reason: 'seed graph' };
  return inTransaction(db, async (trx) => {
    const sourceIds = new Map<string, string>();
    for (const source of graph.sources) {
      const row = await createSource(trx, context, {
        key: seedSourceKey(source.file),
        title: source.title,
        url: source.url ?? null,
        publisher: source.publisher ?? null,
        publishedAt: source.publishedAt ?? null,
        kind: source.kind,
      });
      sourceIds.set(source.key, row.id);
    }
    const cite = (citations: SeedCitation[]) =>
      citations.map((c) => {
        const sourceId = sourceIds.get(c.source);
        if (!sourceId) throw new Error(`seed cites unknown source "${c.source}"`);
        return { sourceId, quote: c.quote, locator: c.locator ?? null, curator: SEED_ACTOR };
      });

    const entityIds = new Map<string, string>();
    for (const entity of graph.entities) {
      const row = await createEntity(trx, context, {
        kind: entity.kind,
        name: entity.name,
        details: entity.details?.[entity.kind] as Record<string, unknown> | undefined,
        citations: cite(entity.cite),
      });
      entityIds.set(entity.key, row.id);
      for (const label of entity.labels ?? []) {
        await createLabel(trx, context, {
          entityId: row.id,
          text: label.text,
          type: label.type,
          citations: cite(label.cite),
        });
      }
    }
    const idOf = (key: string) => {
      const id = entityIds.get(key);
      if (!id) throw new Error(`seed refers to unknown entity "${key}"`);
      return id;
    };
    for (const relation of graph.relations) {
      await createRelation(trx, context, {
        predicate: relation.predicate,
        fromId: idOf(relation.from),
        toId: idOf(relation.to),
        attributes: relation.attributes ?? null,
        citations: cite(relation.cite),
      });
    }
    for (const observation of graph.observations) {
      await createObservation(trx, context, {
        entityId: idOf(observation.entity),
        metric: observation.metric,
        value: observation.value,
        unit: observation.unit,
        period: observation.period,
        periodStart: observation.periodStart ?? null,
        periodEnd: observation.periodEnd ?? null,
        geography: observation.geography ?? null,
        sourceId: sourceIds.get(observation.cite[0]?.source) ?? null,
        attributes: observation.attributes ?? null,
        citations: cite(observation.cite),
      });
    }
    return {
      loaded: true,
      sources: graph.sources.length,
      entities: graph.entities.length,
      relations: graph.relations.length,
      observations: graph.observations.length,
    };
  });
}
