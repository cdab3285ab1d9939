import { sql } from 'kysely';
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { TEST_ACCOUNTS } from './support/accounts.ts';
import { describeEachDatabase } from './support/databases.ts';
import { errorCodes, type GraphQLResult, graphqlClient } from './support/graphql.ts';

describeEachDatabase('writing facts', (use) => {
  let graphql: ReturnType<typeof graphqlClient>;
  let sourceId: string;
  let occupation: { id: string; version: number };

  const changes = async () => {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from change_log`.execute(use().handle.db);
    return rows[0].n;
  };

  /** Runs a write that must fail: checks its code and that no table changed. */
  async function expectRefused(code: string, query: string, variables: Record<string, unknown>) {
    const before = await use().fingerprint();
    const result = await graphql(query, variables);
    expect(errorCodes(result), JSON.stringify(result.errors)).toEqual([code]);
    expect(result.errors?.[0].message).not.toMatch(/select|insert|update |violates|constraint "/i);
    expect(await use().fingerprint()).toEqual(before);
    return result;
  }

  // every write of a fact cites its source, an admin's too
  const cite = () => [{ sourceId, quote: 'As the Employment Information page says.' }];

  beforeAll(() => {
    graphql = graphqlClient(use().handle);
  });

  beforeEach(async () => {
    await use().reset();
    const result = await graphql(`{
      sources(titleContains: "Employment Info") { edges { node { id } } }
      occupation(socCode: "29-2072") { id version }
    }`);
    sourceId = result.data.sources.edges[0].node.id;
    occupation = result.data.occupation;
  });

  const CREATE_ENTITY = `mutation($input: CreateEntityInput!) {
    createEntity(input: $input) { entity { id name version kind status details labels { text type } citations { quote source { title } } } }
  }`;
  const UPDATE_ENTITY = `mutation($input: UpdateEntityInput!) { updateEntity(input: $input) { entity { id name version details } } }`;
  const CREATE_RELATION = `mutation($input: CreateRelationInput!) {
    createRelation(input: $input) { relation { id predicate version other { name } citations { quote } } }
  }`;

  it('creates an entity with details, labels and citations, logging each fact', async () => {
    const before = await changes();
    const result = await graphql(CREATE_ENTITY, {
      input: {
        kind: 'CREDENTIAL',
        name: '  Certified  Coding Specialist ',
        details: { credentialType: 'certification', abbreviation: 'CCS' },
        labels: [{ text: 'CCS', type: 'ALTERNATE' }],
        citations: [{ sourceId, quote: 'Coding specialists may become certified in coding' }],
      },
    });
    expect(result.errors).toBeUndefined();
    const entity = result.data.createEntity.entity;
    expect(entity).toMatchObject({
      name: 'Certified Coding Specialist',
      version: 1,
      kind: 'CREDENTIAL',
      status: 'PUBLISHED',
      details: { credentialType: 'certification', abbreviation: 'CCS' },
    });
    expect(entity.labels).toEqual([
      { text: 'Certified Coding Specialist', type: 'PREFERRED' },
      { text: 'CCS', type: 'ALTERNATE' },
    ]);
    expect(entity.citations[0].source.title).toMatch(/Employment Info/);
    // entity, two labels, one citation
    expect((await changes()) - before).toBe(4);
    const log = await use()
      .handle.db.selectFrom('change_log')
      .selectAll()
      .where('fact_type', '=', 'entity')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(log).toMatchObject({ op: 'create', actor: TEST_ACCOUNTS.admin.email, before: null });
    expect(log.after).toMatchObject({ name: 'Certified Coding Specialist', details: { abbreviation: 'CCS' } });
  });

  it('updates with the version read and logs before and after; a stale version is a CONFLICT that changes nothing', async () => {
    const updated = await graphql(UPDATE_ENTITY, {
      input: {
        id: occupation.id,
        expectedVersion: occupation.version,
        name: 'Medical Records and Health Information Technician',
        details: { jobZone: 3 },
        reason: 'BLS name',
        citations: cite(),
      },
    });
    expect(updated.errors).toBeUndefined();
    expect(updated.data.updateEntity.entity).toMatchObject({
      name: 'Medical Records and Health Information Technician',
      version: occupation.version + 1,
      details: { jobZone: 3, socCode: '29-2072' },
    });
    const log = await use()
      .handle.db.selectFrom('change_log')
      .selectAll()
      .where(
        'fact_id',
        '=',
        (
          await use()
            .handle.db.selectFrom('occupation')
            .select('entity_id')
            .where('soc_code', '=', '29-2072')
            .executeTakeFirstOrThrow()
        ).entity_id,
      )
      .where('op', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(log).toMatchObject({ reason: 'BLS name', version: occupation.version + 1 });
    expect(log.before).toMatchObject({ name: 'Medical Records Technician', details: { jobZone: null } });
    expect(log.after).toMatchObject({
      name: 'Medical Records and Health Information Technician',
      details: { jobZone: 3 },
    });
    // the preferred label follows the name
    const labels = await graphql(`query($id: ID!) { node(id: $id) { ... on Entity { labels { text type } } } }`, {
      id: occupation.id,
    });
    expect(labels.data.node.labels[0]).toEqual({
      text: 'Medical Records and Health Information Technician',
      type: 'PREFERRED',
    });

    const stale = await expectRefused('CONFLICT', UPDATE_ENTITY, {
      input: { id: occupation.id, expectedVersion: occupation.version, name: 'Lost update' },
    });
    expect(stale.errors?.[0].extensions).toMatchObject({ currentVersion: occupation.version + 1 });
  });

  it('refuses unknown IDs with NOT_FOUND, whatever their shape', async () => {
    const missingEntity = Buffer.from('Occupation:00000000-0000-4000-8000-000000000000').toString('base64');
    for (const id of [missingEntity, 'not-an-id', Buffer.from('Label:zzz').toString('base64')]) {
      await expectRefused('NOT_FOUND', UPDATE_ENTITY, { input: { id, expectedVersion: 1, name: 'x' } });
    }
    await expectRefused('NOT_FOUND', CREATE_RELATION, {
      input: { predicate: 'has_title', fromId: occupation.id, toId: missingEntity },
    });
    await expectRefused('NOT_FOUND', 'mutation($input: DeleteInput!) { deleteLabel(input: $input) { deletedId } }', {
      input: { id: missingEntity, expectedVersion: 1 },
    });
    await expectRefused('NOT_FOUND', CREATE_ENTITY, {
      input: { kind: 'SKILL', name: 'Coding', citations: [{ sourceId: missingEntity }] },
    });
  });

  it('refuses empty, blank and oversized names', async () => {
    for (const name of ['', '   ', '\u200b\u200b', 'x'.repeat(501)]) {
      await expectRefused('BAD_USER_INPUT', CREATE_ENTITY, { input: { kind: 'SKILL', name } });
      await expectRefused('BAD_USER_INPUT', UPDATE_ENTITY, {
        input: { id: occupation.id, expectedVersion: occupation.version, name },
      });
    }
    await expectRefused('BAD_USER_INPUT', CREATE_ENTITY, { input: { kind: 'CREDENTIAL', name: 'No type' } });
    await expectRefused('BAD_USER_INPUT', CREATE_ENTITY, {
      input: { kind: 'OCCUPATION', name: 'Coder', details: { socCode: 'twenty-nine' } },
    });
    await expectRefused('BAD_USER_INPUT', CREATE_ENTITY, {
      input: { kind: 'OCCUPATION', name: 'Coder', details: { unknownColumn: 1 } },
    });
  });

  it('refuses unknown kinds', async () => {
    const result = await graphql(CREATE_ENTITY, { input: { kind: 'SPACESHIP', name: 'Enterprise' } });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });

  it('creates relations the catalogue allows and refuses the rest, in the API and in the database', async () => {
    const course = await graphql(
      '{ search(query: "medical terminology", kinds: [COURSE], first: 1) { edges { node { id } } } }',
    );
    const courseId = course.data.search.edges[0].node.id;
    await expectRefused('BAD_USER_INPUT', CREATE_RELATION, {
      input: { predicate: 'issued_by', fromId: occupation.id, toId: courseId },
    });
    await expectRefused('BAD_USER_INPUT', CREATE_RELATION, {
      input: { predicate: 'likes', fromId: occupation.id, toId: courseId },
    });
    await expectRefused('BAD_USER_INPUT', CREATE_RELATION, {
      input: { predicate: 'recommends_course', fromId: occupation.id, toId: courseId },
    });
    const created = await graphql(CREATE_ENTITY, {
      input: {
        kind: 'COURSE',
        name: 'Pharmacology for coders',
        citations: [{ sourceId, quote: 'Medical coding skills' }],
      },
    });
    const relation = await graphql(CREATE_RELATION, {
      input: {
        predicate: 'recommends_course',
        fromId: occupation.id,
        toId: created.data.createEntity.entity.id,
        attributes: { required: 'optional' },
        citations: [{ sourceId, quote: 'Medical coding skills will be especially in demand' }],
      },
    });
    const db = use().handle.db;
    const occupationRow = await db
      .selectFrom('occupation')
      .select('entity_id as id')
      .where('soc_code', '=', '29-2072')
      .executeTakeFirstOrThrow();
    const courseRow = await db
      .selectFrom('entity')
      .select('id')
      .where('name', '=', 'Pharmacology for coders')
      .executeTakeFirstOrThrow();
    // the database itself refuses an edge the catalogue forbids, even written around the API
    await expect(
      db
        .insertInto('relation')
        .values({
          predicate: 'issued_by',
          from_id: occupationRow.id,
          from_kind: 'occupation',
          to_id: courseRow.id,
          to_kind: 'course',
        })
        .execute(),
    ).rejects.toMatchObject({ code: '23503' });
    await expect(
      db
        .insertInto('relation')
        .values({
          // an allowed pair of kinds, but the course is claimed to be an occupation
          predicate: 'related_to',
          from_id: occupationRow.id,
          from_kind: 'occupation',
          to_id: courseRow.id,
          to_kind: 'occupation',
        })
        .execute(),
    ).rejects.toMatchObject({ code: '23503' });

    expect(relation.errors).toBeUndefined();
    expect(relation.data.createRelation.relation).toMatchObject({
      predicate: 'recommends_course',
      version: 1,
      other: { name: 'Pharmacology for coders' },
    });
    const id = relation.data.createRelation.relation.id;
    const UPDATE =
      'mutation($input: UpdateRelationInput!) { updateRelation(input: $input) { relation { version attributes } } }';
    const updated = await graphql(UPDATE, {
      input: { id, expectedVersion: 1, attributes: { required: 'typical' }, citations: cite() },
    });
    expect(updated.data.updateRelation.relation).toEqual({ version: 2, attributes: { required: 'typical' } });
    await expectRefused('CONFLICT', UPDATE, { input: { id, expectedVersion: 1, attributes: {} } });
    await expectRefused('BAD_USER_INPUT', UPDATE, { input: { id, expectedVersion: 2, attributes: [1, 2] } });
    // an entity with relations is not deleted
    await expectRefused(
      'BAD_USER_INPUT',
      'mutation($input: DeleteInput!) { deleteEntity(input: $input) { deletedId } }',
      {
        input: { id: created.data.createEntity.entity.id, expectedVersion: 1 },
      },
    );
    const deleted = await graphql('mutation($input: DeleteInput!) { deleteRelation(input: $input) { deletedId } }', {
      input: { id, expectedVersion: 2 },
    });
    expect(deleted.data.deleteRelation.deletedId).toBe(id);
    const gone = await graphql('mutation($input: DeleteInput!) { deleteEntity(input: $input) { deletedId } }', {
      input: { id: created.data.createEntity.entity.id, expectedVersion: 1 },
    });
    expect(gone.errors).toBeUndefined();
    const logged = await db
      .selectFrom('change_log')
      .select(['fact_type', 'op'])
      .where('op', '=', 'delete')
      .orderBy('id')
      .execute();
    // relation + its two citations (of the create and of the update), then entity + preferred label + citation
    expect(logged.map((l) => `${l.fact_type}:${l.op}`).sort()).toEqual(
      [
        'citation:delete',
        'citation:delete',
        'citation:delete',
        'entity:delete',
        'label:delete',
        'relation:delete',
      ].sort(),
    );
  });

  it('adds, edits and removes labels, observations and citations with versions', async () => {
    const label = await graphql(
      `mutation($input: CreateLabelInput!) { createLabel(input: $input) { label { id text type version citations { quote } } } }`,
      {
        input: {
          entityId: occupation.id,
          text: 'HIM technician',
          type: 'ALTERNATE',
          citations: [{ sourceId, quote: 'health information management (HIM)' }],
        },
      },
    );
    expect(label.errors).toBeUndefined();
    const labelId = label.data.createLabel.label.id;
    const UPDATE_LABEL =
      'mutation($input: UpdateLabelInput!) { updateLabel(input: $input) { label { text version } } }';
    expect(
      (await graphql(UPDATE_LABEL, { input: { id: labelId, expectedVersion: 1, text: 'HIM tech', citations: cite() } }))
        .data,
    ).toEqual({
      updateLabel: { label: { text: 'HIM tech', version: 2 } },
    });
    await expectRefused('CONFLICT', UPDATE_LABEL, { input: { id: labelId, expectedVersion: 1, text: 'HIM' } });
    await expectRefused('BAD_USER_INPUT', UPDATE_LABEL, { input: { id: labelId, expectedVersion: 2, text: '   ' } });
    // a duplicate label of the same entity is refused
    await expectRefused(
      'BAD_USER_INPUT',
      'mutation($input: CreateLabelInput!) { createLabel(input: $input) { label { id } } }',
      {
        input: { entityId: occupation.id, text: 'health information technician', type: 'ALTERNATE' },
      },
    );

    const CREATE_OBS = `mutation($input: CreateObservationInput!) {
      createObservation(input: $input) { observation { id metric value unit period version citations { quote } } }
    }`;
    const observation = await graphql(CREATE_OBS, {
      input: {
        entityId: occupation.id,
        metric: 'median_annual_wage',
        value: 50250,
        period: 'May 2024',
        periodStart: '2024-05-01',
        periodEnd: '2024-05-31',
        geography: 'US',
        citations: [{ sourceId, quote: 'Per BLS figures' }],
      },
    });
    expect(observation.errors).toBeUndefined();
    expect(observation.data.createObservation.observation).toMatchObject({ unit: 'USD/year', version: 1 });
    await expectRefused('BAD_USER_INPUT', CREATE_OBS, {
      input: { entityId: occupation.id, metric: 'happiness', value: 1, period: '2024' },
    });
    await expectRefused('BAD_USER_INPUT', CREATE_OBS, {
      input: { entityId: occupation.id, metric: 'employment', value: 1, unit: 'USD/year', period: '2024' },
    });
    await expectRefused('BAD_USER_INPUT', CREATE_OBS, {
      input: {
        entityId: occupation.id,
        metric: 'employment',
        value: 1,
        period: '2024',
        periodStart: '2024-05-01',
        periodEnd: '2023-01-01',
      },
    });
    const observationId = observation.data.createObservation.observation.id;
    const UPDATE_OBS =
      'mutation($input: UpdateObservationInput!) { updateObservation(input: $input) { observation { value version } } }';
    expect(
      (await graphql(UPDATE_OBS, { input: { id: observationId, expectedVersion: 1, value: 50300, citations: cite() } }))
        .data,
    ).toEqual({
      updateObservation: { observation: { value: 50300, version: 2 } },
    });
    await expectRefused('CONFLICT', UPDATE_OBS, { input: { id: observationId, expectedVersion: 1, value: 1 } });

    const citation = await graphql(
      `mutation($input: CreateCitationInput!) { createCitation(input: $input) { citation { id quote version source { title } } } }`,
      { input: { factId: observationId, sourceId, quote: 'average annual salary', locator: 'Career Outlook' } },
    );
    expect(citation.errors).toBeUndefined();
    const citationId = citation.data.createCitation.citation.id;
    const UPDATE_CITATION =
      'mutation($input: UpdateCitationInput!) { updateCitation(input: $input) { citation { quote version } } }';
    expect(
      (
        await graphql(UPDATE_CITATION, {
          input: { id: citationId, expectedVersion: 1, quote: 'average annual salary for health information' },
        })
      ).data,
    ).toEqual({
      updateCitation: { citation: { quote: 'average annual salary for health information', version: 2 } },
    });
    await expectRefused('CONFLICT', UPDATE_CITATION, { input: { id: citationId, expectedVersion: 1, quote: 'x' } });
    await expectRefused(
      'NOT_FOUND',
      'mutation($input: CreateCitationInput!) { createCitation(input: $input) { citation { id } } }',
      {
        input: { factId: Buffer.from('Observation:00000000-0000-4000-8000-000000000000').toString('base64'), sourceId },
      },
    );

    for (const [mutation, id, version] of [
      ['deleteCitation', citationId, 2],
      ['deleteObservation', observationId, 2],
      ['deleteLabel', labelId, 2],
    ] as const) {
      const stale: GraphQLResult = await graphql(
        `mutation($input: DeleteInput!) { ${mutation}(input: $input) { deletedId } }`,
        {
          input: { id, expectedVersion: version - 1 },
        },
      );
      expect(errorCodes(stale)).toEqual(['CONFLICT']);
      const done = await graphql(`mutation($input: DeleteInput!) { ${mutation}(input: $input) { deletedId } }`, {
        input: { id, expectedVersion: version },
      });
      expect(done.errors).toBeUndefined();
    }
    const remaining = await graphql('query($id: ID!) { node(id: $id) { id } }', { id: observationId });
    expect(remaining.data.node).toBeNull();
  });

  it('keeps draft relations out of published reads until they are published', async () => {
    const course = await graphql(CREATE_ENTITY, {
      input: { kind: 'COURSE', name: 'Coding ethics', citations: cite() },
    });
    const courseId = course.data.createEntity.entity.id;
    const draft = await graphql(CREATE_RELATION, {
      input: {
        predicate: 'recommends_course',
        fromId: occupation.id,
        toId: courseId,
        status: 'DRAFT',
        citations: cite(),
      },
    });
    expect(draft.errors).toBeUndefined();
    const READ = `query($id: ID!) { occupation(id: $id) {
      courses { name }
      published: relations(predicates: ["recommends_course"], first: 100) { edges { node { other { name } } } }
      drafts: relations(predicates: ["recommends_course"], statuses: [DRAFT], first: 100) { edges { node { status other { name } } } }
    } }`;
    const names = (edges: Array<{ node: { other: { name: string } } }>) => edges.map((e) => e.node.other.name);
    const before = (await graphql(READ, { id: occupation.id })).data.occupation;
    expect(before.courses.map((c: { name: string }) => c.name)).not.toContain('Coding ethics');
    expect(names(before.published.edges)).not.toContain('Coding ethics');
    expect(before.drafts.edges).toEqual([{ node: { status: 'DRAFT', other: { name: 'Coding ethics' } } }]);
    await graphql('mutation($input: UpdateRelationInput!) { updateRelation(input: $input) { relation { status } } }', {
      input: { id: draft.data.createRelation.relation.id, expectedVersion: 1, status: 'PUBLISHED', citations: cite() },
    });
    const after = (await graphql(READ, { id: occupation.id })).data.occupation;
    expect(after.courses.map((c: { name: string }) => c.name)).toContain('Coding ethics');
    expect(names(after.published.edges)).toContain('Coding ethics');
  });
});
