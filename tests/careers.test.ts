import { join } from 'node:path';
import { importOewsFile, importOnet } from '@kg/db/import/datasets';
import { deriveLadders, LADDER_ACTOR } from '@kg/db/ladders/derive';
import type { SkillEvidence } from '@kg/db/ladders/judge';
import { findCareerPaths } from '@kg/db/ladders/paths';
import { beforeAll, expect, it } from 'vitest';
import { baselineCareerPaths } from '../bench/ladders/baseline.ts';
import { describeEachDatabase } from './support/databases.ts';
import { errorCodes, graphqlClient } from './support/graphql.ts';
import { onetSlice, REFERENCE_DATA } from './support/reference-data.ts';

// Medical records (seed + O*NET), a registrar, an informatics specialist, patient representatives, medical
// secretaries and the managers: O*NET relates them to each other.
const CODES = ['29-2072.00', '29-9021.00', '15-1211.01', '29-2099.08', '43-6013.00', '11-9111.00'];

const STEP = `
  from { name onetSocCode } to { kind name } type derivation score credentialGate attributes
  educationNeeded credentialsNeeded { name } wageChange wagePeriod
  skillGap { skill { name } fromLevel toLevel importance }
  evidence { quote locator source { title } }`;
const PATHS = `
  query($from: ID!, $to: ID, $maxSteps: Int, $first: Int, $maxEducation: EducationLevel, $minWageGain: Float,
        $avoidCredentials: Boolean) {
    careerPaths(from: $from, to: $to, maxSteps: $maxSteps, first: $first, maxEducation: $maxEducation,
                minWageGain: $minWageGain, avoidCredentials: $avoidCredentials) {
      score wageChange steps { ${STEP} }
    }
  }`;

describeEachDatabase('career ladders', (use) => {
  let graphql: ReturnType<typeof graphqlClient>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const { db } = use().handle;
    await importOnet(db, onetSlice('onet', CODES));
    await importOewsFile(db, join(REFERENCE_DATA, 'bls_oews', 'national_M2024_dl.csv'));
    await deriveLadders(db);
    // analysts read anonymously; the one write below goes as an admin
    graphql = graphqlClient(use().handle, { as: 'anonymous' });
    for (const code of CODES) {
      const { data } = await graphql('query($c: String) { occupation(socCode: $c) { id } }', { c: code });
      ids[code] = data.occupation.id;
    }
    const { data } = await graphql(
      '{ search(query: "coding", kinds: [SPECIALIZATION], first: 1) { edges { node { id } } } }',
    );
    ids.coding = data.search.edges[0].node.id;
  }, 120_000);

  it('derives typed steps from related occupations, cited and logged, next to the curated ones', async () => {
    const { db } = use().handle;
    const steps = await db
      .selectFrom('relation as r')
      .innerJoin('entity as f', 'f.id', 'r.from_id')
      .innerJoin('entity as t', 't.id', 'r.to_id')
      .select(['r.id', 'r.predicate', 'f.name as from', 't.name as to', 'r.attributes', 'r.version'])
      .where('r.predicate', 'in', ['advances_to', 'lateral_to', 'specializes_to'])
      .execute();
    const derived = steps.filter((s) => s.attributes.derivation);
    expect(derived.length).toBeGreaterThan(3);
    for (const step of derived) {
      expect(step.attributes).toMatchObject({ evidence: expect.any(Object), score: expect.any(Number) });
    }
    // the seed's steps stay as stated: derivation adds none for the same pair
    const curated = steps.filter((s) => !s.attributes.derivation);
    expect(curated.map((s) => `${s.predicate} ${s.to}`).sort()).toEqual([
      'advances_to Medical and Health Services Manager',
      'specializes_to Cancer Registration',
      'specializes_to Medical Coding',
    ]);
    expect(curated.every((s) => s.version === 1)).toBe(true);
    const pairs = steps.map((s) => `${s.from}|${s.to}`);
    expect(new Set(pairs).size).toBe(pairs.length);

    const citations = await db
      .selectFrom('citation as c')
      .innerJoin('source as s', 's.id', 'c.source_id')
      .select(['c.locator', 's.key'])
      .where(
        'c.relation_id',
        'in',
        derived.map((d) => d.id),
      )
      .execute();
    expect(citations.length).toBeGreaterThanOrEqual(derived.length);
    expect(
      citations.every((c) => c.key === 'onet:29.3' && /^Related Occupations\.txt, line \d+$/.test(c.locator!)),
    ).toBe(true);
    const logged = await db
      .selectFrom('change_log')
      .select('fact_id')
      .where('actor', '=', LADDER_ACTOR)
      .where('fact_type', '=', 'relation')
      .execute();
    expect(logged.map((l) => l.fact_id).sort()).toEqual(derived.map((d) => d.id).sort());
  });

  it('changes nothing when derived again', async () => {
    const before = await use().fingerprint();
    const summary = await deriveLadders(use().handle.db);
    expect(summary).toMatchObject({ created: 0, updated: 0, retired: 0 });
    expect(await use().fingerprint()).toEqual(before);
  });

  it('finds Medical and Health Services Managers from Medical Records Technician within 3 steps, with evidence and pay', async () => {
    const result = await graphql(PATHS, { from: ids['29-2072.00'], to: ids['11-9111.00'], maxSteps: 3 });
    expect(result.errors).toBeUndefined();
    const paths = result.data.careerPaths;
    expect(paths.length).toBeGreaterThanOrEqual(2);
    for (const path of paths) {
      expect(path.steps.length).toBeLessThanOrEqual(3);
      expect(path.steps.at(-1).to.name).toBe('Medical and Health Services Manager');
      const visited = [path.steps[0].from.name, ...path.steps.map((s: { to: { name: string } }) => s.to.name)];
      expect(new Set(visited).size).toBe(visited.length);
      for (const step of path.steps) expect(step.evidence.length).toBeGreaterThan(0);
    }
    // the sources' own step ranks first; it needs a bachelor's degree
    const [stated] = paths;
    expect(stated.steps).toHaveLength(1);
    expect(stated.steps[0]).toMatchObject({ type: 'ADVANCE', derivation: null, credentialGate: true });
    expect(stated.steps[0].credentialsNeeded.map((c: { name: string }) => c.name).join()).toMatch(/bachelor/i);
    expect(stated.steps[0].evidence.map((e: { quote: string }) => e.quote).join(' ')).toMatch(/further education/);
    // a path derived from O*NET, each step with its wage change over the same OEWS period
    const derived = paths.find((p: { steps: unknown[] }) => p.steps.length > 1);
    for (const step of derived.steps) {
      expect(step.derivation).toMatch(/onet_related/);
      expect(step.wageChange).toEqual(expect.any(Number));
      expect(step.wagePeriod).toBe('May 2024');
      expect(step.evidence[0]).toMatchObject({ source: { title: 'O*NET 29.3 Database' } });
      // what the derivation rests on, in figures an analyst can check
      expect(step.attributes).toMatchObject({
        derivation: step.derivation,
        score: step.score,
        evidence: {
          tier: expect.stringMatching(/^Primary-/),
          index: expect.any(Number),
          jobZone: { from: expect.any(Number), to: expect.any(Number) },
          medianWage: { period: 'May 2024' },
        },
      });
      const { medianWage } = step.attributes.evidence;
      expect(medianWage.to - medianWage.from).toBe(step.wageChange);
    }
    expect(derived.wageChange).toBeCloseTo(
      derived.steps.reduce((sum: number, s: { wageChange: number }) => sum + s.wageChange, 0),
      2,
    );
    // the ends, the usable edges, their facts, then one statement per kind of detail (skills, citations, names)
    expect(result.statements).toBeLessThanOrEqual(10);
    // the same question gets the same answer, in the same order
    const again = await graphql(PATHS, { from: ids['29-2072.00'], to: ids['11-9111.00'], maxSteps: 3 });
    expect(again.data).toEqual(result.data);
  });

  it('lists where the ladder leads without a goal, specializations included', async () => {
    const result = await graphql(PATHS, { from: ids['29-2072.00'], maxSteps: 3, first: 20 });
    expect(result.errors).toBeUndefined();
    const ends = result.data.careerPaths.map(
      (p: { steps: Array<{ to: { name: string } }> }) => p.steps.at(-1)!.to.name,
    );
    expect(ends).toEqual(expect.arrayContaining(['Medical Coding', 'Cancer Registration']));
    expect(new Set(ends).size).toBe(ends.length);
    const coding = result.data.careerPaths.find(
      (p: { steps: Array<{ to: { name: string } }> }) => p.steps[0].to.name === 'Medical Coding',
    );
    expect(coding.steps[0]).toMatchObject({ type: 'SPECIALIZE', to: { kind: 'SPECIALIZATION' } });
    expect(coding.steps[0].evidence.length).toBeGreaterThan(0);
    // twenty paths cost what two do
    expect(result.statements).toBeLessThanOrEqual(10);
    const scores = result.data.careerPaths.map((p: { score: number }) => p.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);

    const toCoding = await graphql(PATHS, { from: ids['29-2072.00'], to: ids.coding, maxSteps: 2 });
    expect(toCoding.data.careerPaths[0].steps).toHaveLength(1);
  });

  it('filters by education, wage gain and credential gates', async () => {
    const all = (await graphql(PATHS, { from: ids['29-2072.00'], maxSteps: 3, first: 50 })).data.careerPaths;
    type Path = {
      wageChange: number | null;
      steps: Array<{ credentialGate: boolean; educationNeeded: string | null }>;
    };
    expect(all.some((p: Path) => p.steps.some((s) => s.credentialGate))).toBe(true);

    const open = (await graphql(PATHS, { from: ids['29-2072.00'], maxSteps: 3, first: 50, avoidCredentials: true }))
      .data.careerPaths;
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((p: Path) => p.steps.every((s) => !s.credentialGate))).toBe(true);

    const paid = (await graphql(PATHS, { from: ids['29-2072.00'], maxSteps: 3, first: 50, minWageGain: 20000 })).data
      .careerPaths;
    expect(paid.length).toBeGreaterThan(0);
    expect(paid.every((p: Path) => p.wageChange !== null && p.wageChange >= 20000)).toBe(true);
    expect(paid.length).toBeLessThan(all.length);

    const school = (
      await graphql(PATHS, { from: ids['29-2072.00'], maxSteps: 3, first: 50, maxEducation: 'ASSOCIATES' })
    ).data.careerPaths;
    expect(
      school.every((p: Path) => p.steps.every((s) => !/Bachelor|Master|Doctor/i.test(s.educationNeeded ?? ''))),
    ).toBe(true);
    expect(school.length).toBeLessThan(all.length);
  });

  it('gives the same answer as a plain breadth-first search, whatever the start, length and filters', async () => {
    const { db } = use().handle;
    const entityIds = await db
      .selectFrom('occupation')
      .select('entity_id')
      .where('onet_soc_code', 'in', CODES)
      .orderBy('onet_soc_code')
      .execute();
    const relationIds = (paths: Awaited<ReturnType<typeof findCareerPaths>>) =>
      paths.map((p) => p.steps.map((s) => s.relationId));
    let compared = 0;
    for (const { entity_id: fromId } of entityIds) {
      for (const maxSteps of [1, 3, 4]) {
        for (const extra of [{}, { avoidCredentials: true }, { first: 2 }]) {
          const query = { fromId, maxSteps, first: 10, ...extra };
          const ours = await findCareerPaths(db, query);
          expect(relationIds(ours)).toEqual(relationIds(await baselineCareerPaths(db, query)));
          compared += ours.length;
        }
      }
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('answers skillGap on its own: skills whose level rises, with both levels', async () => {
    const result = await graphql(
      `query($from: ID!, $to: ID!) { skillGap(from: $from, to: $to) {
        from { name } to { name } items { skill { name } fromLevel toLevel importance } } }`,
      { from: ids['29-2072.00'], to: ids['11-9111.00'] },
    );
    expect(result.errors).toBeUndefined();
    const { items } = result.data.skillGap;
    expect(items.length).toBeGreaterThan(5);
    for (const item of items) {
      expect(item.toLevel).toBeGreaterThan(item.fromLevel ?? -1);
    }
    expect(items.map((i: { skill: { name: string } }) => i.skill.name)).toContain('Administration and Management');
    expect(result.statements).toBeLessThanOrEqual(4);
  });

  it('refuses bad input with a code and without running the search', async () => {
    const from = ids['29-2072.00'];
    const cases: Array<[Record<string, unknown>, string, number]> = [
      [{ from, maxSteps: 0 }, 'BAD_USER_INPUT', 0],
      [{ from, maxSteps: 7 }, 'BAD_USER_INPUT', 0],
      [{ from, first: 0 }, 'BAD_USER_INPUT', 0],
      [{ from, to: from }, 'BAD_USER_INPUT', 0],
      [{ from: 'nonsense' }, 'NOT_FOUND', 0],
      [{ from: btoa('Occupation:00000000-0000-4000-8000-000000000000') }, 'NOT_FOUND', 1],
      [{ from, to: btoa('Occupation:00000000-0000-4000-8000-000000000000') }, 'NOT_FOUND', 1],
      [{ from: ids.coding }, 'NOT_FOUND', 0],
    ];
    for (const [variables, code, statements] of cases) {
      const result = await graphql(PATHS, variables);
      expect(errorCodes(result), JSON.stringify(variables)).toEqual([code]);
      expect(result.statements, JSON.stringify(variables)).toBeLessThanOrEqual(statements);
    }
    const same = await graphql('query($a: ID!) { skillGap(from: $a, to: $a) { items { toLevel } } }', { a: from });
    expect(errorCodes(same)).toEqual(['BAD_USER_INPUT']);
    expect(same.statements).toBe(0);
  });

  it('leaves a step a curator edited alone on the next derivation', async () => {
    const { db } = use().handle;
    const step = await db
      .selectFrom('relation')
      .selectAll()
      .where('predicate', 'in', ['advances_to', 'lateral_to'])
      .where('attributes', '@>', JSON.stringify({ evidence: { tier: 'Primary-Short' } }) as never)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const source = await db.selectFrom('source').select('id').orderBy('id').executeTakeFirstOrThrow();
    const edited = await graphqlClient(use().handle)(
      `mutation($id: ID!, $v: Int!, $a: JSON, $c: [CitationInput!]) {
        updateRelation(input: { id: $id, expectedVersion: $v, attributes: $a, citations: $c }) { relation { version } } }`,
      {
        id: btoa(`Relation:${step.id}`),
        v: step.version,
        a: { ...step.attributes, note: 'reviewed by an analyst' },
        c: [{ sourceId: btoa(`Source:${source.id}`), quote: 'reviewed by an analyst' }],
      },
    );
    expect(edited.errors).toBeUndefined();
    const summary = await deriveLadders(db);
    expect(summary.created + summary.updated + summary.retired).toBe(0);
    const after = await db.selectFrom('relation').selectAll().where('id', '=', step.id).executeTakeFirstOrThrow();
    expect(after.attributes.note).toBe('reviewed by an analyst');
    expect(after.version).toBe(step.version + 1);
  });
});

// Managers, nurses, physicians and the records technician: O*NET relates them all, but only some moves are steps.
const JUDGED = ['11-9111.00', '29-1214.00', '29-1229.05', '29-1141.00', '29-1071.00', '29-1171.00', '29-2072.00'];

describeEachDatabase('career ladders: which related occupations are steps', (use) => {
  let summary: Awaited<ReturnType<typeof deriveLadders>>;

  beforeAll(async () => {
    const { db } = use().handle;
    await importOnet(db, onetSlice('onet', [...JUDGED, '15-1211.01']));
    await importOewsFile(db, join(REFERENCE_DATA, 'bls_oews', 'national_M2024_dl.csv'));
    summary = await deriveLadders(db);
  }, 120_000);

  /** The related_to candidates and the ladder steps between occupations, by their O*NET-SOC codes. */
  async function moves() {
    const { db } = use().handle;
    const rows = await db
      .selectFrom('relation as r')
      .innerJoin('occupation as f', 'f.entity_id', 'r.from_id')
      .innerJoin('occupation as t', 't.entity_id', 'r.to_id')
      .select(['r.predicate', 'r.status', 'r.attributes', 'f.onet_soc_code as from', 't.onet_soc_code as to'])
      .where('r.predicate', 'in', ['related_to', 'advances_to', 'lateral_to'])
      .where('r.status', '=', 'published')
      .execute();
    const related = new Set(rows.filter((r) => r.predicate === 'related_to').map((r) => `${r.from} ${r.to}`));
    const steps = new Map(rows.filter((r) => r.predicate !== 'related_to').map((r) => [`${r.from} ${r.to}`, r]));
    return { related, steps };
  }

  it('derives no step into medicine from management, or past two job zones, or into a new field of knowledge', async () => {
    const { related, steps } = await moves();
    const refused = {
      // O*NET relates the managers to physicians, who have no OEWS median wage (it is above the top of its scale)
      'manager to emergency physician': '11-9111.00 29-1214.00',
      'manager to preventive medicine physician': '11-9111.00 29-1229.05',
      // job zone 3 to 5, a master's degree
      'records technician to informatics specialist': '29-2072.00 15-1211.01',
      // a physician assistant's biology lies three levels and more beyond a nurse's
      'nurse to physician assistant': '29-1141.00 29-1071.00',
    };
    for (const [move, pair] of Object.entries(refused)) {
      expect(related.has(pair), `O*NET relates ${move}`).toBe(true);
      expect(steps.has(pair), move).toBe(false);
    }
    for (const reason of ['missing_evidence', 'zone_leap', 'new_field'] as const) {
      expect(summary.refused[reason], reason).toBeGreaterThan(0);
    }
  });

  it('keeps the steps a person can take, each with the level, pay, education and knowledge it rests on', async () => {
    const { steps } = await moves();
    // a nurse becomes a nurse practitioner with a master's degree
    const practitioner = steps.get('29-1141.00 29-1171.00');
    expect(practitioner).toMatchObject({
      predicate: 'advances_to',
      attributes: {
        educationNeeded: "Master's Degree",
        evidence: {
          jobZone: { from: 4, to: 5 },
          skills: { rated: true, widest: { name: expect.any(String), from: expect.any(Number) } },
        },
      },
    });
    const derived = [...steps.values()].filter((s) => s.attributes.derivation);
    expect(derived.length).toBeGreaterThan(2);
    for (const step of derived) {
      const { jobZone, medianWage, skills } = step.attributes.evidence as {
        jobZone: { from: number; to: number };
        medianWage: { from: number | null; to: number | null };
        skills: SkillEvidence;
      };
      expect(jobZone.to - jobZone.from).toBeLessThanOrEqual(1);
      expect(medianWage.from).toEqual(expect.any(Number));
      expect(medianWage.to).toEqual(expect.any(Number));
      expect(step.attributes.derivation).toBe('onet_related + job zone + wage + education + knowledge');
      // the records technician has no O*NET ratings: its steps say so rather than count every skill as new
      if (step.from === '29-2072.00') expect(skills).toMatchObject({ rated: false, rising: 0 });
      if (skills.widest) expect(skills.widest.to - skills.widest.from).toBeLessThanOrEqual(3);
    }
  });
});
