import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { recordChanges } from '../change-log/repository.ts';
import type { Db } from '../connect.ts';
import { latestChangeActor } from '../history/repository.ts';
import type { EntityKind } from '../model.ts';
import { educationNeeded, LADDER_PREDICATES, type LadderPredicate, loadNodeFacts } from './facts.ts';
import { judgeMove, loadSkillRatings, type Refusal } from './judge.ts';

/** The actor of every change the derivation makes; also how a derived step is told from a curated one. */
export const LADDER_ACTOR = 'derive:ladders';

/** O*NET lists 20 related occupations; the first ten (Primary-Short and Primary-Long tiers) are the close ones. */
const MAX_RELATED_INDEX = 10;
/** Relatedness of an occupation a source names as an alternate career (no O*NET index). */
const SOURCE_RELATEDNESS = 0.9;

interface Evidence {
  sourceId: string;
  quote: string | null;
  locator: string | null;
}

interface Desired {
  predicate: LadderPredicate;
  fromId: string;
  fromKind: EntityKind;
  toId: string;
  toKind: EntityKind;
  attributes: Record<string, unknown>;
  citations: Evidence[];
}

export interface LadderSummary {
  created: number;
  updated: number;
  retired: number;
  unchanged: number;
  /** Candidate pairs left alone because a curator stated a step between them. */
  curated: number;
  /** Related occupations that are not ladder steps, by reason (see `judgeMove`). */
  refused: Record<Refusal, number>;
}

interface CandidateRow {
  id: string;
  predicate: string;
  from_id: string;
  from_kind: EntityKind;
  to_id: string;
  to_kind: EntityKind;
  attributes: Record<string, unknown>;
  citations: Evidence[] | null;
}

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Candidate steps the graph supports: related occupations (O*NET and the sources) and stated specializations. */
async function candidates(db: Db): Promise<CandidateRow[]> {
  const { rows } = await sql<CandidateRow>`
    select r.id, r.predicate, r.from_id, r.from_kind, r.to_id, r.to_kind, r.attributes,
      (select jsonb_agg(jsonb_build_object('sourceId', c.source_id, 'quote', c.quote, 'locator', c.locator)
          order by c.created_at, c.id)
        from citation c where c.relation_id = r.id and c.status = 'published') as citations
    from relation r
    join entity f on f.id = r.from_id and f.status = 'published'
    join entity t on t.id = r.to_id and t.status = 'published'
    where r.status = 'published' and (
      (r.predicate = 'related_to' and coalesce((r.attributes->>'index')::int, 0) <= ${MAX_RELATED_INDEX})
      or r.predicate = 'has_specialization')
    order by r.from_id, r.to_id, r.predicate`.execute(db);
  return rows;
}

/** What the graph supports, as ladder steps with their derivation, evidence and score. */
async function desiredSteps(db: Db, refused: LadderSummary['refused']): Promise<Desired[]> {
  const [rows, facts, ratings] = await Promise.all([candidates(db), loadNodeFacts(db, null), loadSkillRatings(db)]);
  const desired = new Map<string, Desired>();
  for (const row of rows) {
    const citations = row.citations ?? [];
    if (row.predicate === 'has_specialization') {
      desired.set(`${row.from_id}|${row.to_id}`, {
        predicate: 'specializes_to',
        fromId: row.from_id,
        fromKind: row.from_kind,
        toId: row.to_id,
        toKind: row.to_kind,
        attributes: {
          derivation: 'has_specialization',
          evidence: { relationId: row.id },
          score: 0.9,
        },
        citations,
      });
      continue;
    }
    const from = facts.get(row.from_id);
    const to = facts.get(row.to_id);
    if (!from || !to) continue;
    const judgement = judgeMove(from, to, { from: ratings.get(from.id), to: ratings.get(to.id) });
    if ('refusal' in judgement) {
      refused[judgement.refusal]++;
      continue;
    }
    const { predicate, skills } = judgement;
    const index = typeof row.attributes.index === 'number' ? row.attributes.index : null;
    const relatedness = index === null ? SOURCE_RELATEDNESS : (21 - index) / 20;
    const education = educationNeeded(from, to);
    const key = `${row.from_id}|${row.to_id}`;
    const step: Desired = {
      predicate,
      fromId: row.from_id,
      fromKind: row.from_kind,
      toId: row.to_id,
      toKind: row.to_kind,
      attributes: {
        derivation:
          index === null
            ? 'related_to (source) + job zone + wage + education + knowledge'
            : 'onet_related + job zone + wage + education + knowledge',
        evidence: {
          relatedRelationId: row.id,
          tier: row.attributes.tier ?? null,
          index,
          jobZone: { from: from.jobZone, to: to.jobZone },
          medianWage: {
            from: from.wage?.value ?? null,
            to: to.wage?.value ?? null,
            period: to.wage?.period ?? from.wage?.period ?? null,
            observationIds: [from.wage?.observationId, to.wage?.observationId].filter(Boolean),
          },
          education: { from: from.education?.name ?? null, to: to.education?.name ?? null },
          skills,
        },
        credentialGate: education !== null,
        ...(education ? { educationNeeded: education.name, credentialIds: [education.credentialId] } : {}),
        score: round(relatedness * (predicate === 'advances_to' ? 1 : 0.8)),
      },
      citations,
    };
    // O*NET lists a pair once per direction; a source may list it too. The closer relatedness wins.
    const previous = desired.get(key);
    if (!previous || (previous.attributes.score as number) < (step.attributes.score as number)) desired.set(key, step);
  }
  return [...desired.values()];
}

const sortKeys = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(sortKeys)
    : value && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => [k, sortKeys(v)]),
        )
      : value;
const same = (a: unknown, b: unknown) => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));

/**
 * Derives career-ladder steps from what the graph holds and makes the stored derived steps match: new ones
 * are created (cited with the evidence they rest on), changed ones updated, ones the data no longer supports
 * retired. Steps a curator stated, or derived steps a curator has since edited, are never touched, and no
 * step is derived between two entities a curated step already joins. Every change is logged as
 * `derive:ladders`; a second run changes nothing.
 */
export async function deriveLadders(db: Db, options: { batchSize?: number } = {}): Promise<LadderSummary> {
  const summary: LadderSummary = {
    created: 0,
    updated: 0,
    retired: 0,
    unchanged: 0,
    curated: 0,
    refused: { missing_evidence: 0, downward: 0, zone_leap: 0, degree_leap: 0, new_field: 0 },
  };
  const desired = await desiredSteps(db, summary.refused);
  const existing = await db
    .selectFrom('relation')
    .select(['id', 'predicate', 'from_id', 'to_id', 'attributes', 'status', 'version'])
    .where('predicate', 'in', [...LADDER_PREDICATES])
    .execute();
  // A step is the derivation's while it says how it was derived and the derivation made its last change.
  const lastActor = new Map<string, string>();
  const derivedIds = existing.filter((r) => r.attributes.derivation !== undefined).map((r) => r.id);
  for (let i = 0; i < derivedIds.length; i += 5000) {
    const { rows } = await sql<{ fact_id: string; actor: string }>`
      select r.id as fact_id, s.actor from relation r
      cross join lateral (select actor from change_set s where s.first_n <= r.sys_n order by s.first_n desc limit 1) s
      where r.id = any(${derivedIds.slice(i, i + 5000)}::uuid[])`.execute(db);
    for (const row of rows) lastActor.set(row.fact_id, row.actor);
  }
  const owned = existing.filter((r) => lastActor.get(r.id) === LADDER_ACTOR);
  const ownedIds = new Set(owned.map((r) => r.id));
  const curatedPairs = new Set(existing.filter((r) => !ownedIds.has(r.id)).map((r) => `${r.from_id}|${r.to_id}`));
  const ownedByKey = new Map(owned.map((r) => [`${r.predicate}|${r.from_id}|${r.to_id}`, r]));

  const creates: Desired[] = [];
  const updates: Array<{ row: (typeof owned)[number]; step: Desired }> = [];
  const keep = new Set<string>();
  for (const step of desired) {
    if (curatedPairs.has(`${step.fromId}|${step.toId}`)) {
      summary.curated++;
      continue;
    }
    const row = ownedByKey.get(`${step.predicate}|${step.fromId}|${step.toId}`);
    if (!row) {
      creates.push(step);
      continue;
    }
    keep.add(row.id);
    if (row.status !== 'published' || !same(row.attributes, step.attributes)) updates.push({ row, step });
    else summary.unchanged++;
  }
  const retire = owned.filter((r) => !keep.has(r.id) && r.status !== 'retired');

  const size = options.batchSize ?? 1000;
  const context = { actor: LADDER_ACTOR, reason: 'derive career ladders' };
  for (let i = 0; i < creates.length; i += size) {
    const batch = creates.slice(i, i + size);
    await db.transaction().execute(async (trx) => {
      const relations = batch.map((s) => ({
        id: randomUUID(),
        predicate: s.predicate,
        from_id: s.fromId,
        from_kind: s.fromKind,
        to_id: s.toId,
        to_kind: s.toKind,
        attributes: JSON.stringify(s.attributes),
        status: 'published' as const,
      }));
      await trx.insertInto('relation').values(relations).execute();
      const citations = batch.flatMap((s, j) =>
        s.citations.map((c) => ({
          id: randomUUID(),
          source_id: c.sourceId,
          relation_id: relations[j].id,
          quote: c.quote,
          locator: c.locator,
          curator: LADDER_ACTOR,
          review_status: 'accepted',
        })),
      );
      for (let k = 0; k < citations.length; k += 2000) {
        await trx
          .insertInto('citation')
          .values(citations.slice(k, k + 2000))
          .execute();
      }
      await recordChanges(trx, context);
    });
    summary.created += batch.length;
  }

  const changes = [
    ...updates.map(({ row, step }) => ({ row, attributes: step.attributes, status: 'published' as const })),
    ...retire.map((row) => ({ row, attributes: row.attributes, status: 'retired' as const })),
  ];
  for (let i = 0; i < changes.length; i += size) {
    const batch = changes.slice(i, i + size);
    await db.transaction().execute(async (trx) => {
      for (const { row, attributes, status } of batch) {
        const version = row.version + 1;
        await trx
          .updateTable('relation')
          .set({ attributes: JSON.stringify(attributes), status, version, updated_at: new Date() })
          .where('id', '=', row.id)
          .execute();
      }
      await recordChanges(trx, context);
    });
  }
  summary.updated += updates.length;
  summary.retired += retire.length;
  return summary;
}

/**
 * Derives the ladders unless the derivation made the last logged change (nothing has changed since), so that
 * every start can call it cheaply. Returns null when it had nothing to do.
 */
export async function ensureLadders(db: Db): Promise<LadderSummary | null> {
  if ((await latestChangeActor(db)) === LADDER_ACTOR) return null;
  return deriveLadders(db);
}
