import { existsSync, readFileSync } from 'node:fs';
import { seedGraph } from '@kg/db/seed/graph';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from './support/databases.ts';

// The five source documents live beside the repository (../shared/seeds); KG_SEEDS_DIR overrides.
const SEEDS_DIR = process.env.KG_SEEDS_DIR ?? new URL('../../shared/seeds/', import.meta.url).pathname;
const comparable = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

describe('seed graph data', () => {
  it('quotes every citation verbatim from its document (ignoring case and whitespace)', () => {
    expect(existsSync(SEEDS_DIR), `seed documents not found at ${SEEDS_DIR}`).toBe(true);
    const documents = new Map(
      seedGraph.sources.map((s) => [s.key, comparable(readFileSync(`${SEEDS_DIR}/${s.file}`, 'utf8'))]),
    );
    const citations = [
      ...seedGraph.entities.flatMap((e) => [...e.cite, ...(e.labels ?? []).flatMap((l) => l.cite)]),
      ...seedGraph.relations.flatMap((r) => r.cite),
      ...seedGraph.observations.flatMap((o) => o.cite),
    ];
    expect(citations.length).toBeGreaterThan(300);
    const missing = citations.filter((c) => !documents.get(c.source)?.includes(comparable(c.quote)));
    expect(missing).toEqual([]);
  });

  it('cites every fact and every source', () => {
    const facts = [
      ...seedGraph.entities.map((e) => ({ fact: e.key, cite: e.cite })),
      ...seedGraph.entities.flatMap((e) => (e.labels ?? []).map((l) => ({ fact: `${e.key}/${l.text}`, cite: l.cite }))),
      ...seedGraph.relations.map((r) => ({ fact: `${r.from} ${r.predicate} ${r.to}`, cite: r.cite })),
      ...seedGraph.observations.map((o) => ({ fact: `${o.entity} ${o.metric} ${o.period}`, cite: o.cite })),
    ];
    expect(facts.filter((f) => f.cite.length === 0 || f.cite.some((c) => !c.quote.trim()))).toEqual([]);
    const cited = new Set(facts.flatMap((f) => f.cite.map((c) => c.source)));
    expect(seedGraph.sources.filter((s) => !cited.has(s.key))).toEqual([]);
  });

  it('covers what the documents state', () => {
    const names = (kind: string) => seedGraph.entities.filter((e) => e.kind === kind).map((e) => e.name.toLowerCase());
    expect(names('specialization')).toEqual(expect.arrayContaining(['medical coding', 'cancer registration']));
    const bodies = seedGraph.entities
      .filter((e) => e.kind === 'issuing_body')
      .map((e) => e.details?.issuing_body?.abbreviation ?? e.name);
    expect(bodies).toEqual(
      expect.arrayContaining(['AHIMA', 'CAHIIM', 'AAPC', 'PAHCS', 'Board of Medical Specialty Coding']),
    );
    expect(names('course')).toEqual(expect.arrayContaining(['medical terminology', 'anatomy and physiology']));
    const periods = seedGraph.observations.map((o) => o.period);
    expect(periods).toEqual(expect.arrayContaining(['2012', 'May 2017', '2016-2026', 'May 2008']));
    const occupations = names('occupation');
    expect(occupations).toEqual(
      expect.arrayContaining([
        'medical records technician',
        'medical transcriptionist',
        'medical and health services manager',
      ]),
    );
  });
});

describeEachDatabase('seed graph in the database', (use) => {
  it('loads every fact with at least one citation', async () => {
    const { db } = use().handle;
    const uncited = await sql<{ fact: string; n: number }>`
      select 'entity' as fact, count(*)::int as n from entity f
        where not exists (select 1 from citation c where c.entity_id = f.id)
      union all select 'label', count(*)::int from label f
        where f.type <> 'preferred' and not exists (select 1 from citation c where c.label_id = f.id)
      union all select 'relation', count(*)::int from relation f
        where not exists (select 1 from citation c where c.relation_id = f.id)
      union all select 'observation', count(*)::int from observation f
        where not exists (select 1 from citation c where c.observation_id = f.id)`.execute(db);
    expect(uncited.rows.map((r) => [r.fact, r.n])).toEqual([
      ['entity', 0],
      ['label', 0],
      ['relation', 0],
      ['observation', 0],
    ]);
    const counts = await sql<{ entities: number; relations: number; observations: number }>`
      select (select count(*)::int from entity) as entities, (select count(*)::int from relation) as relations,
             (select count(*)::int from observation) as observations`.execute(db);
    expect(counts.rows[0]).toEqual({
      entities: seedGraph.entities.length,
      relations: seedGraph.relations.length,
      observations: seedGraph.observations.length,
    });
  });

  it('logs every seeded fact in the change log', async () => {
    const { db } = use().handle;
    const { rows } = await sql<{ unlogged: number }>`
      select count(*)::int as unlogged from (
        select id from entity union all select id from label union all select id from relation
        union all select id from observation union all select id from citation union all select id from source
      ) f where not exists (select 1 from change_log l where l.fact_id = f.id and l.op = 'create')`.execute(db);
    expect(rows[0].unlogged).toBe(0);
  });
});
