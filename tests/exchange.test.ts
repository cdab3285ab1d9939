import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { type DatabaseHandle, openDatabase } from '@kg/db/connect';
import { exportGraph } from '@kg/db/exchange/export';
import { EXCHANGE_TABLES, type Manifest } from '@kg/db/exchange/format';
import { JSONLD_CONTEXT } from '@kg/db/exchange/jsonld';
import { RestoreError, restoreGraph } from '@kg/db/exchange/restore';
import { importOnet } from '@kg/db/import/datasets';
import { ENTITY_KINDS } from '@kg/db/model';
import { parse } from 'csv-parse/sync';
import jsonld from 'jsonld';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TEST_ACCOUNTS } from './support/accounts.ts';
import { describeEachDatabase, SERVER_URL } from './support/databases.ts';
import { graphqlClient } from './support/graphql.ts';
import { onetSlice } from './support/reference-data.ts';

const DRAFT_SKILL = 'Unreviewed draft skill';
const CODES = ['29-2072.00', '29-9021.00', '31-9094.00', '11-9111.00', '29-1141.00'];

/** Row count and order-free checksum of every table a restore fills, and of the title index it rebuilds. */
async function fingerprint(db: DatabaseHandle['db']) {
  const result: Record<string, string> = {};
  for (const { name } of EXCHANGE_TABLES) {
    const { rows } = await sql<{ n: number; h: string | null }>`
      select count(*)::int as n, sum(hashtextextended(t::text, 0))::text as h from ${sql.table(name)} t`.execute(db);
    result[name] = `${rows[0].n}:${rows[0].h ?? ''}`;
  }
  // derived by triggers as labels go in: equal apart from its own generated ids
  const { rows } = await sql<{ n: number; h: string | null }>`
    select count(*)::int as n, sum(hashtextextended((label_id, part, norm, skey, tokens)::text, 0))::text as h
    from title_form`.execute(db);
  result.title_form = `${rows[0].n}:${rows[0].h ?? ''}`;
  const { rows: words } = await sql<{ n: number; h: string | null }>`
    select count(*)::int as n, sum(hashtextextended(w::text, 0))::text as h from title_word w`.execute(db);
  result.title_word = `${words[0].n}:${words[0].h ?? ''}`;
  return result;
}

describeEachDatabase('export and restore', (use) => {
  let dir: string;
  let manifest: Manifest;
  let source: Record<string, string>;
  const opened: Array<() => Promise<void>> = [];
  const folders: string[] = [];
  const tempFolder = (prefix: string) => {
    const folder = mkdtempSync(join(tmpdir(), prefix));
    folders.push(folder);
    return folder;
  };

  /** A new, empty database of the same engine: an in-memory PGlite, or a new schema on the server. */
  async function emptyDatabase() {
    if (use().name === 'pglite') {
      const handle = await openDatabase();
      opened.push(() => handle.close());
      return { handle, schema: undefined };
    }
    const schema = `r_${randomBytes(6).toString('hex')}`;
    const handle = await openDatabase({ url: SERVER_URL, schema, poolSize: 4 });
    opened.push(async () => {
      await sql.raw(`drop schema if exists "${schema}", "${schema}_asof" cascade`).execute(handle.db);
      await handle.close();
    });
    return { handle, schema };
  }

  beforeAll(async () => {
    await use().reset();
    await importOnet(use().handle.db, onetSlice('onet', CODES, tempFolder('kg-onet-slice-')));
    // a draft, which the backup keeps and the shared CSV files leave out
    const admin = graphqlClient(use().handle);
    const cited = (await admin('{ sources(first: 1) { edges { node { id } } } }')).data.sources.edges[0].node.id;
    const draft = await admin(
      `mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { id } } }`,
      {
        input: {
          kind: 'SKILL',
          name: DRAFT_SKILL,
          status: 'DRAFT',
          details: { category: 'soft_skill' },
          citations: [{ sourceId: cited, quote: DRAFT_SKILL }],
        },
      },
    );
    expect(draft.errors).toBeUndefined();
    dir = tempFolder('kg-export-');
    manifest = await exportGraph(use().handle.db, dir);
    source = await fingerprint(use().handle.db);
  });

  afterAll(async () => {
    for (const close of opened) await close();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it('writes one JSON Lines record per row of every table, with counts and checksums in the manifest', async () => {
    const { db } = use().handle;
    for (const table of EXCHANGE_TABLES) {
      const lines = readFileSync(join(dir, manifest.tables[table.name].file), 'utf8').split('\n').filter(Boolean);
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table.name)}`.execute(db);
      expect(lines.length, table.name).toBe(rows[0].n);
      expect(manifest.tables[table.name].rows).toBe(rows[0].n);
      for (const line of lines.slice(0, 5))
        expect(Object.keys(JSON.parse(line))).toEqual(expect.arrayContaining(table.key));
    }
    // the seed and the O*NET slice are both there
    expect(manifest.tables.entity.rows).toBeGreaterThan(500);
    expect(manifest.tables.change_log.rows).toBeGreaterThan(manifest.tables.entity.rows);
    expect(manifest.tables.import_run.rows).toBe(1);
    expect(manifest.migrations).toContain('0001_core');
  });

  it('restores into an empty database with the same counts, checksums, IDs and versions, and a working API', async () => {
    const { handle, schema } = await emptyDatabase();
    const summary = await restoreGraph(handle.db, dir, { schema });
    expect(summary.rows.entity).toBe(manifest.tables.entity.rows);
    expect(await fingerprint(handle.db)).toEqual(source);

    // the restored graph answers like the original, and takes new writes (its sequences moved on)
    const original = graphqlClient(use().handle);
    const restored = graphqlClient(handle);
    const query = `{
      occupation(socCode: "29-2072.00") { id name version alternateTitles { name } credentials { name issuers { name } } }
      resolveTitle(title: "medical records tech", first: 3) { occupation { id } matchedTitle }
    }`;
    const [a, b] = [await original(query), await restored(query)];
    expect(b.errors).toBeUndefined();
    expect(b.data.occupation).toEqual(a.data.occupation);
    // (only the best match: the order of near ties depends on the query plan, which fresh statistics change)
    expect(b.data.resolveTitle[0]).toEqual(a.data.resolveTitle[0]);
    expect(b.data.resolveTitle[0].occupation.id).toBe(a.data.occupation.id);
    const cited = (await restored('{ sources(first: 1) { edges { node { id } } } }')).data.sources.edges[0].node.id;
    const { rows: last } = await sql<{ id: string }>`select max(id)::text as id from change_log`.execute(handle.db);
    const lastChangeBefore = last[0].id;
    const created = await restored(
      `mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { id version } } }`,
      {
        input: {
          kind: 'SKILL',
          name: 'Release management',
          details: { category: 'soft_skill' },
          citations: [{ sourceId: cited, quote: 'Release management' }],
        },
      },
    );
    expect(created.errors).toBeUndefined();
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from change_log
      where id > ${lastChangeBefore} and actor = ${TEST_ACCOUNTS.admin.email}`.execute(handle.db);
    // the entity, its name and its citation
    expect(rows[0].n).toBe(3);
  });

  it('restores a gzip-compressed export just the same', async () => {
    const gzDir = tempFolder('kg-export-gz-');
    const gz = await exportGraph(use().handle.db, gzDir, { gzip: true });
    expect(gz.tables.label.file).toBe('tables/label.jsonl.gz');
    const lines = gunzipSync(readFileSync(join(gzDir, gz.tables.label.file)))
      .toString('utf8')
      .split('\n')
      .filter(Boolean);
    expect(lines.length).toBe(gz.tables.label.rows);
    const { handle, schema } = await emptyDatabase();
    await restoreGraph(handle.db, gzDir, { schema });
    expect(await fingerprint(handle.db)).toEqual(source);
  });

  it('describes the published graph in JSON-LD with schema.org and CTDL terms', async () => {
    const { db } = use().handle;
    const document = JSON.parse(readFileSync(join(dir, 'graph.jsonld'), 'utf8'));
    expect(document['@context']).toEqual(JSONLD_CONTEXT);
    expect(document['@context'].schema).toBe('https://schema.org/');
    expect(document['@context'].ceterms).toBe('https://purl.org/ctdl/terms/');
    const nodes: Array<Record<string, any>> = document['@graph'];
    const { rows: counts } = await sql<{ n: number }>`
      select (select count(*)::int from entity where status = 'published') + (select count(*)::int from source) as n`.execute(
      db,
    );
    expect(nodes.length).toBe(counts[0].n);
    expect(manifest.extras['graph.jsonld'].rows).toBe(nodes.length);

    // every node has an IRI and types from the context's vocabularies; every urn:uuid reference is a node
    const prefixes = Object.keys(JSONLD_CONTEXT);
    const byId = new Map(nodes.map((n) => [n['@id'], n]));
    expect(byId.size).toBe(nodes.length);
    const references: string[] = [];
    const collect = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') {
        const id = (value as Record<string, unknown>)['@id'];
        if (typeof id === 'string' && id.startsWith('urn:uuid:')) references.push(id);
        for (const [k, v] of Object.entries(value)) if (k !== '@id') collect(v);
      }
    };
    for (const node of nodes) {
      expect(node['@id']).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
      expect(node['@type'].length).toBeGreaterThan(0);
      for (const type of node['@type']) expect(prefixes).toContain(type.split(':')[0]);
      for (const key of Object.keys(node)) if (!key.startsWith('@')) expect(prefixes).toContain(key.split(':')[0]);
      for (const [k, v] of Object.entries(node)) if (k !== '@id') collect(v);
    }
    expect(references.length).toBeGreaterThan(1000);
    expect(references.filter((r) => !byId.has(r))).toEqual([]);

    // a JSON-LD processor reads it (offline: the context is inline) and drops no property, so every term maps to an IRI
    const expanded = await jsonld.expand(document, {
      documentLoader: async (url: string) => {
        throw new Error(`the document should load nothing, not ${url}`);
      },
    });
    expect(expanded.length).toBe(nodes.length);
    const properties = (node: object) => Object.keys(node).filter((k) => !k.startsWith('@')).length;
    for (const [i, node] of expanded.entries())
      expect(properties(node), String(node['@id'])).toBe(properties(nodes[i]));
    const expandedMrt = expanded.find(
      (n) => n['@id'] === nodes.find((m) => m['schema:name'] === 'Medical Records Technician')?.['@id'],
    );
    expect(expandedMrt?.['@type']).toContain('https://schema.org/Occupation');
    expect(expandedMrt?.['https://schema.org/occupationalCategory']).toBeDefined();

    // the seed's occupation: schema:Occupation with its O*NET-SOC code, its other names, skills, wages
    const node = (test: (n: Record<string, any>) => boolean) => {
      const found = nodes.find(test);
      if (!found) throw new Error('node not in the JSON-LD');
      return found;
    };
    const mrt = node((n) => n['schema:name'] === 'Medical Records Technician');
    expect(mrt['@type']).toEqual(expect.arrayContaining(['schema:Occupation', 'ceterms:Occupation']));
    const codes = mrt['schema:occupationalCategory'].map((c: any) => c['schema:codeValue']);
    expect(codes).toEqual(expect.arrayContaining(['29-2072.00', '29-2072']));
    const { rows: titles } = await sql<{ text: string }>`
      select t.name as text from relation r join entity t on t.id = r.to_id join occupation o on o.entity_id = r.from_id
      where o.onet_soc_code = '29-2072.00' and r.predicate = 'has_title' and r.status = 'published'
      union select l.text from label l join occupation o on o.entity_id = l.entity_id
      where o.onet_soc_code = '29-2072.00' and l.type = 'alternate'`.execute(db);
    expect(titles.length).toBeGreaterThan(5);
    expect([...mrt['schema:alternateName']].sort()).toEqual([...new Set(titles.map((t) => t.text))].sort());
    expect(mrt['schema:alternateName']).toContain('Health Information Technician');
    expect(mrt['schema:skills'].length).toBeGreaterThan(10);
    const salaries = mrt['schema:estimatedSalary'];
    const median = salaries.find((s: any) => s['schema:median'] !== undefined && s['schema:duration'] === 'P1Y');
    expect(median).toMatchObject({ '@type': 'schema:MonetaryAmountDistribution', 'schema:currency': 'USD' });
    expect(median['schema:median']).toBeGreaterThan(20_000);
    expect(median['kg:source']['@id']).toMatch(/^urn:uuid:/);
    const range = salaries.find((s: any) => s['@type'] === 'schema:MonetaryAmount');
    expect(range['schema:minValue']).toBeLessThan(range['schema:maxValue']);
    expect(mrt['schema:qualifications'].map((q: any) => q['schema:name'])).toContain(
      'Registered Health Information Technician',
    );

    // RHIT: a CTDL credential owned and offered by AHIMA, a CTDL credential organization
    const rhit = node((n) => n['schema:name'] === 'Registered Health Information Technician');
    const ahima = node((n) => n['schema:alternateName']?.includes('AHIMA'));
    expect(rhit['@type']).toEqual(
      expect.arrayContaining(['schema:EducationalOccupationalCredential', 'ceterms:Certification']),
    );
    expect(rhit['ceterms:ctid']).toBe(`ce-${rhit['@id'].slice('urn:uuid:'.length)}`);
    expect(ahima['@type']).toContain('ceterms:CredentialOrganization');
    expect(rhit['ceterms:ownedBy']).toContainEqual({ '@id': ahima['@id'] });
    expect(rhit['ceterms:offeredBy']).toContainEqual({ '@id': ahima['@id'] });
    expect(ahima['ceterms:owns']).toContainEqual({ '@id': rhit['@id'] });
  });

  it('writes one CSV per kind with a header and a row per public entity, drafts left out', async () => {
    const { db } = use().handle;
    for (const kind of ENTITY_KINDS) {
      const records: string[][] = parse(readFileSync(join(dir, `csv/${kind}.csv`), 'utf8'));
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from entity where kind = ${kind} and status <> 'draft'`.execute(db);
      expect(records[0].slice(0, 4), kind).toEqual(['id', 'name', 'status', 'version']);
      expect(records.length - 1, kind).toBe(rows[0].n);
      expect(new Set(records.slice(1).map((r) => r[0])).size).toBe(rows[0].n);
    }
    const occupations: Array<Record<string, string>> = parse(readFileSync(join(dir, 'csv/occupation.csv'), 'utf8'), {
      columns: true,
    });
    expect(occupations.find((o) => o.onet_soc_code === '29-2072.00')).toMatchObject({
      name: 'Medical Records Technician',
      soc_code: '29-2072',
      status: 'published',
    });
    const skills = readFileSync(join(dir, 'csv/skill.csv'), 'utf8');
    expect(skills).not.toContain(DRAFT_SKILL);
    expect(readFileSync(join(dir, manifest.tables.entity.file), 'utf8')).toContain(DRAFT_SKILL);
    const publicCount = async (table: 'relation' | 'observation', ends: string) => {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from ${sql.table(table)} f where f.status <> 'draft'
          and not exists (select from entity e where e.id in (${sql.raw(ends)}) and e.status = 'draft')`.execute(db);
      return rows[0].n;
    };
    const relations = parse(readFileSync(join(dir, 'csv/relations.csv'), 'utf8'));
    expect(relations.length - 1).toBe(await publicCount('relation', 'f.from_id, f.to_id'));
    const observations = parse(readFileSync(join(dir, 'csv/observations.csv'), 'utf8'));
    expect(observations.length - 1).toBe(await publicCount('observation', 'f.entity_id'));
  });

  /**
   * The database the refused restores go to: each refusal must leave it empty, so one serves them all (the first
   * finds it without a schema, the others migrated and empty, as a refusal leaves it).
   */
  let refusing: Awaited<ReturnType<typeof emptyDatabase>> | undefined;

  /** Copies the export, lets `edit` damage it, and expects the restore to be refused with nothing written. */
  async function expectRefusedCopy(edit: (copy: string) => void, expected: Partial<RestoreError>) {
    const copy = tempFolder('kg-export-bad-');
    cpSync(dir, copy, { recursive: true });
    edit(copy);
    refusing ??= await emptyDatabase();
    const { handle, schema } = refusing;
    const error = await restoreGraph(handle.db, copy, { schema }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreError);
    expect(error).toMatchObject(expected);
    const after = await fingerprint(handle.db);
    for (const table of EXCHANGE_TABLES.filter((t) => !t.catalogue)) expect(after[table.name], table.name).toBe('0:');
    return error as RestoreError;
  }

  const rewriteLine = (path: string, line: number, change: (text: string) => string) => {
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[line - 1] = change(lines[line - 1]);
    writeFileSync(path, lines.join('\n'));
  };

  it('refuses a corrupt line, naming the file and line, and writes nothing', async () => {
    const error = await expectRefusedCopy(
      (copy) => rewriteLine(join(copy, 'tables/label.jsonl'), 7, (text) => text.slice(0, 40)),
      { file: 'tables/label.jsonl', line: 7 },
    );
    expect(error.message).toMatch(/^tables\/label\.jsonl line 7: not a JSON object/);
    await expectRefusedCopy(
      (copy) => rewriteLine(join(copy, 'tables/entity.jsonl'), 3, (text) => text.replace('"name"', '"nom"')),
      { file: 'tables/entity.jsonl', line: 3, reason: 'unknown column "nom" for table entity' },
    );
  });

  it('refuses a row the database rejects (a relation to a missing entity), after earlier tables went in', async () => {
    const error = await expectRefusedCopy(
      (copy) =>
        rewriteLine(join(copy, 'tables/relation.jsonl'), 12, (text) =>
          JSON.stringify({ ...JSON.parse(text), to_id: '00000000-0000-4000-8000-000000000000' }),
        ),
      { file: 'tables/relation.jsonl', line: 12 },
    );
    expect(error.reason).toMatch(/refused by the database: .*foreign key/);
  });

  it('refuses a truncated file and an edited one by their counts and checksums', async () => {
    await expectRefusedCopy(
      (copy) => {
        const path = join(copy, 'tables/observation.jsonl');
        const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
        writeFileSync(path, `${lines.slice(0, -1).join('\n')}\n`);
      },
      { file: 'tables/observation.jsonl' },
    );
    const edited = await expectRefusedCopy(
      (copy) =>
        rewriteLine(join(copy, 'tables/source.jsonl'), 1, (text) =>
          JSON.stringify({ ...JSON.parse(text), title: 'Edited title' }),
        ),
      { file: 'tables/source.jsonl' },
    );
    expect(edited.reason).toMatch(/SHA-256/);
  });

  it('refuses a database that already holds data, and changes nothing in it', async () => {
    const before = await use().fingerprint();
    const error = await restoreGraph(use().handle.db, dir, { schema: use().handle.schema }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreError);
    expect((error as Error).message).toMatch(/not empty \(source, entity/);
    expect(await use().fingerprint()).toEqual(before);
  });
});
