import { type Kysely, sql } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import type { Db } from './connect.ts';
import * as core from './migrations/0001_core.ts';
import * as imports from './migrations/0002_import.ts';
import * as esco from './migrations/0004_esco.ts';
import * as search from './migrations/0005_search.ts';
import * as ladders from './migrations/0006_ladders.ts';
import * as curation from './migrations/0007_curation.ts';
import * as hardening from './migrations/0008_hardening.ts';
import * as onetSocCheck from './migrations/0009_onet_soc_check.ts';
import * as socCip from './migrations/0011_soc_cip.ts';
import * as outlook from './migrations/0012_outlook.ts';
import * as escoSkills from './migrations/0013_esco_skills.ts';
import * as systemVersioning from './migrations/0014_system_versioning.ts';
import * as titleVocabulary from './migrations/0015_title_vocabulary.ts';
import * as relationPageOrder from './migrations/0018_relation_page_order.ts';
import * as titleUpkeep from './migrations/0019_title_upkeep.ts';
import * as titleInlining from './migrations/0020_title_inlining.ts';
import * as changeSetEnd from './migrations/0021_change_set_end.ts';
import * as titleTokensAscii from './migrations/0029_title_tokens_ascii.ts';
import * as titleVocabularyEvidence from './migrations/0030_title_vocabulary_evidence.ts';
import * as titleSearchBatch from './migrations/0031_title_search_batch.ts';
import * as titleVocabularyChange from './migrations/0032_title_vocabulary_change.ts';
import * as titleCodingFrame from './migrations/0033_title_coding_frame.ts';
import * as titleFrameGate from './migrations/0034_title_frame_gate.ts';
import * as titleCopyChange from './migrations/0035_title_copy_change.ts';
import { ENTITY_KINDS, METRICS, PREDICATES } from './model.ts';

// Listed here rather than read from the folder so that migrations work wherever the code is bundled.
// There is no 0003: the title index was first numbered 0003 and renamed 0005 when 0004_esco, already applied to
// some databases, came before it; Kysely runs migrations in name order and refuses one named before the last it
// ran, so the number stays free rather than reused (docs/decisions.md, "Migrations"). For the same reason 0022 to
// 0028 stay free: 0029 was applied to databases before any of them was written, so the next migration is 0030.
const migrations: Record<string, Migration> = {
  '0001_core': core,
  '0002_import': imports,
  '0004_esco': esco,
  '0005_search': search,
  '0006_ladders': ladders,
  '0007_curation': curation,
  '0008_hardening': hardening,
  '0009_onet_soc_check': onetSocCheck,
  '0011_soc_cip': socCip,
  '0012_outlook': outlook,
  '0013_esco_skills': escoSkills,
  '0014_system_versioning': systemVersioning,
  '0015_title_vocabulary': titleVocabulary,
  '0018_relation_page_order': relationPageOrder,
  '0019_title_upkeep': titleUpkeep,
  '0020_title_inlining': titleInlining,
  '0021_change_set_end': changeSetEnd,
  '0029_title_tokens_ascii': titleTokensAscii,
  '0030_title_vocabulary_evidence': titleVocabularyEvidence,
  '0031_title_search_batch': titleSearchBatch,
  '0032_title_vocabulary_change': titleVocabularyChange,
  '0033_title_coding_frame': titleCodingFrame,
  '0034_title_frame_gate': titleFrameGate,
  '0035_title_copy_change': titleCopyChange,
};

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations() {
    return migrations;
  }
}

/** Brings the schema up to date, then makes the catalogues (kinds, predicates, metrics) match the model. */
export function migrateToLatest(db: Db, options: { schema?: string } = {}): Promise<void> {
  return migrateUpTo(db, null, options);
}

/** Runs the migrations up to and including `last` (all of them for null): a database as that version left it. */
export async function migrateUpTo(db: Db, last: string | null, options: { schema?: string } = {}): Promise<void> {
  // Naming the schema keeps the migrator from mistaking another schema's bookkeeping tables for its own.
  const migrator = new Migrator({
    db: db as Kysely<unknown>,
    provider: new StaticMigrationProvider(),
    migrationTableSchema: options.schema,
  });
  // Kysely's migrator looks at every schema of the database to find its own table; a schema that another
  // client drops during that look fails it (3F000) with nothing done, so the look is simply taken again.
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await (last === null ? migrator.migrateToLatest() : migrator.migrateTo(last));
    const failed = results?.find((r) => r.status === 'Error');
    if (!error && !failed) break;
    const dropped = (error as { code?: string } | undefined)?.code === '3F000' && !results?.length;
    if (dropped && attempt < 5) continue;
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
  }
  await syncCatalogues(db);
}

async function syncCatalogues(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('entity_kind')
      .values(ENTITY_KINDS.map((kind) => ({ kind })))
      .onConflict((oc) => oc.doNothing())
      .execute();
    await trx
      .insertInto('predicate')
      .values(PREDICATES.map((p) => ({ name: p.name, description: p.description, inverse_name: p.inverseName })))
      .onConflict((oc) =>
        oc.column('name').doUpdateSet({
          description: (eb) => eb.ref('excluded.description'),
          inverse_name: (eb) => eb.ref('excluded.inverse_name'),
        }),
      )
      .execute();
    const rules = PREDICATES.flatMap((p) =>
      p.rules.map(([from, to]) => ({ predicate: p.name, from_kind: from, to_kind: to })),
    );
    await trx
      .insertInto('predicate_rule')
      .values(rules)
      .onConflict((oc) => oc.doNothing())
      .execute();
    // A rule dropped from the model goes too; the foreign key from relation refuses this while edges use it.
    await sql`
      delete from predicate_rule r
      where not exists (
        select 1 from jsonb_to_recordset(${JSON.stringify(rules)}::jsonb)
          as m(predicate text, from_kind text, to_kind text)
        where m.predicate = r.predicate and m.from_kind = r.from_kind and m.to_kind = r.to_kind
      )`.execute(trx);
    await trx
      .insertInto('metric')
      .values(METRICS.map((m) => ({ name: m.name, unit: m.unit, description: m.description })))
      .onConflict((oc) => oc.column('name').doUpdateSet({ description: (eb) => eb.ref('excluded.description') }))
      .execute();
  });
}
