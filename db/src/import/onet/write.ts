import type { Db } from '../../connect.ts';
import type { EntityKind } from '../../model.ts';
import { matchOnKeyColumn } from '../match.ts';
import type { OnetRelease } from '../onet.ts';
import {
  type DesiredEntity,
  type DesiredRelation,
  type ImportContext,
  syncEntities,
  syncLabels,
  syncRelations,
} from '../sync.ts';
import { type OnetLink, titleKey } from './files.ts';

/** Entities of a kind made before the import, matched on their name (ignoring case and spacing). */
function matchByName(kind: EntityKind) {
  return async (db: Db, unmatched: DesiredEntity[]) => {
    const wanted = new Set(unmatched.map((u) => u.key));
    const rows = await db
      .selectFrom('entity')
      .select(['id', 'name'])
      .where('kind', '=', kind)
      .where((eb) =>
        eb.not(
          eb.exists(eb.selectFrom('external_key').select('key').whereRef('external_key.entity_id', '=', 'entity.id')),
        ),
      )
      .execute();
    const map = new Map<string, string>();
    for (const row of rows) if (wanted.has(titleKey(row.name))) map.set(titleKey(row.name), row.id);
    return map;
  };
}

/** Writes a release read by readOnetRelease, step by step (each step idempotent). */
export async function importOnetRelease(ctx: ImportContext, release: OnetRelease) {
  const occupationIds = await syncEntities(ctx, 'onet-soc', release.occupations, {
    match: matchOnKeyColumn('occupation'),
    retireMissing: true,
  });
  const scope = { fromIds: [...new Set(release.occupations.map((o) => occupationIds.get(o.key)!))] };
  const id = (code: string) => occupationIds.get(code)!;
  /** The relations a file's links state, from each occupation to the entity its link names. */
  const relations = (links: OnetLink[], targetIds: Map<string, string>): DesiredRelation[] =>
    links.map((l) => ({ fromId: id(l.code), toId: targetIds.get(l.target)!, attributes: l.attributes, ...l.citing }));
  const relate = (predicate: string, to: EntityKind, desired: DesiredRelation[]) =>
    syncRelations(ctx, predicate, { from: 'occupation', to }, desired, scope);

  const curatedTitles = await officialTitles(ctx, release);
  const titleIds = await syncEntities(ctx, 'onet-title', release.titles, { match: matchByName('alternate_title') });
  await relate('has_title', 'alternate_title', relations(release.titleLinks, titleIds));
  await syncLabels(
    ctx,
    'occupation labels',
    [
      ...curatedTitles,
      ...release.reported.map((r) => ({ entityId: id(r.code), text: r.text, type: 'reported' as const, ...r.citing })),
    ],
    { entityIds: scope.fromIds, types: ['reported', 'alternate'] },
  );

  if (release.files.tasks) {
    const taskIds = await syncEntities(ctx, 'onet-task', release.tasks, { retireMissing: true });
    await relate('performs_task', 'task', relations(release.taskLinks, taskIds));
  }
  if (release.files.skills || release.files.knowledge || release.files.technology) {
    const skills: DesiredRelation[] = [];
    if (release.files.skills || release.files.knowledge) {
      skills.push(...relations(release.ratings, await syncEntities(ctx, 'onet-element', release.elements)));
    }
    if (release.files.technology) {
      skills.push(
        ...relations(release.technologyLinks, await syncEntities(ctx, 'onet-technology', release.technologies)),
      );
    }
    await relate('requires_skill', 'skill', skills);
  }
  if (release.files.education) {
    const levelIds = await syncEntities(ctx, 'onet-education', release.educationLevels);
    await relate('requires_credential', 'credential', educationRelations(release, id, levelIds));
  }
  if (release.files.related) {
    await relate('related_to', 'occupation', relations(release.related, occupationIds));
  }
}

/** A curated occupation keeps its name; the O*NET title joins its labels. */
async function officialTitles(ctx: ImportContext, release: OnetRelease) {
  const curated = await ctx.db
    .selectFrom('external_key')
    .select(['key', 'entity_id'])
    .where('namespace', '=', 'onet-soc')
    .where('managed', '=', false)
    .execute();
  const occupationByCode = new Map(release.occupations.map((o) => [o.key, o]));
  return curated
    .filter((c) => occupationByCode.has(c.key))
    .map((c) => {
      const o = occupationByCode.get(c.key)!;
      return { entityId: c.entity_id, text: o.name, type: 'alternate' as const, locator: o.locator, quote: o.quote };
    });
}

/** Each occupation requires every education level some of its workers reported; the most reported is typical. */
function educationRelations(release: OnetRelease, id: (code: string) => string, levelIds: Map<string, string>) {
  const desired: DesiredRelation[] = [];
  for (const [code, shares] of release.educationShares) {
    const typical = shares.reduce((best, s) => (s.percent > best.percent ? s : best), shares[0]);
    for (const share of shares) {
      if (share.percent <= 0) continue;
      desired.push({
        fromId: id(code),
        toId: levelIds.get(String(share.category))!,
        attributes: {
          source: 'onet-education',
          category: share.category,
          percentOfRespondents: share.percent,
          required: share === typical ? 'typical' : 'reported',
        },
        ...share.citing,
      });
    }
  }
  return desired;
}
