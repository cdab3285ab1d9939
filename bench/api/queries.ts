import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { WAGE_METRICS } from '../../db/src/model.ts';

/**
 * The three benchmark queries, written once for our API and once for PostGraphile's schema over the same
 * tables. Both ask for the same facts: the same occupations, the same edges, the same names.
 */
const { offsetToCursor } = createRequire(new URL('../../api/package.json', import.meta.url))(
  '@pothos/plugin-relay',
) as { offsetToCursor(offset: number): string };

export interface BenchQuery {
  name: string;
  ours: string;
  postgraphile: string;
  /** Variables for request i (rotated through real codes, so that it is not one row read over and over). */
  variables(i: number, target: 'ours' | 'postgraphile'): Record<string, unknown>;
  /**
   * The facts an answer states, written the same way for both servers (names and codes, sorted), so that the
   * benchmark can check that both return the same facts. Absent where the two cannot agree (a ranked search).
   */
  facts?(data: Json, target: 'ours' | 'postgraphile'): string[];
}

// The answers are GraphQL JSON; their shapes differ by server and are walked by hand below.
// biome-ignore lint/suspicious/noExplicitAny: walking JSON answers
type Json = any;
const names = (list: Json[] | undefined, prefix: string) => (list ?? []).map((e: Json) => `${prefix}:${e.name}`);
const sorted = (facts: string[]) => [...facts].sort();

/** The occupation page through PostGraphile's generated relations: one alias per typed field. */
const PGL_RELATED = (alias: string, predicate: string, fields = 'id name') =>
  `${alias}: relationsByFromIdAndFromKind(condition: { predicate: "${predicate}", status: "published" }) {
     nodes { attributes entityByToIdAndToKind { ${fields} } } }`;

export function benchQueries(codes: string[], titles: string[] = []): BenchQuery[] {
  const byCode = (i: number) => ({ code: codes[i % codes.length] });
  return [
    {
      name: 'a) one occupation by code',
      ours: `query One($code: String!) {
        occupation(socCode: $code) { id name socCode onetSocCode description jobZone }
      }`,
      postgraphile: `query One($code: String!) {
        occupationByOnetSocCode(onetSocCode: $code) {
          socCode onetSocCode description jobZone
          entityByEntityIdAndKind { id name }
        }
      }`,
      variables: byCode,
      facts: (data, target) =>
        target === 'ours'
          ? [data.occupation.name, data.occupation.onetSocCode, data.occupation.description ?? '']
          : [
              data.occupationByOnetSocCode.entityByEntityIdAndKind.name,
              data.occupationByOnetSocCode.onetSocCode,
              data.occupationByOnetSocCode.description ?? '',
            ],
    },
    {
      name: 'b) 20 occupations -> first 10 alternate titles each',
      ours: `query Titles($after: String) {
        occupations(first: 20, after: $after) {
          edges { node { id name socCode
            relations(predicates: ["has_title"], direction: OUT, first: 10) {
              totalCount edges { node { other { id name } } }
            }
          } }
        }
      }`,
      postgraphile: `query Titles($offset: Int!) {
        allEntities(first: 20, offset: $offset, condition: { kind: "occupation" }, orderBy: [NAME_ASC, PRIMARY_KEY_ASC]) {
          nodes { id name
            occupationByEntityIdAndKind { socCode }
            relationsByFromIdAndFromKind(first: 10, condition: { predicate: "has_title" }) {
              totalCount nodes { entityByToIdAndToKind { id name } }
            }
          }
        }
      }`,
      // our connection pages by cursor; `after` names the row before the page (the offset's cursor)
      variables: (i, target) => {
        const offset = (i * 20) % 1000;
        if (target === 'postgraphile') return { offset };
        return { after: offset === 0 ? null : offsetToCursor(offset - 1) };
      },
      // the same occupations in the same order, each with as many titles
      facts: (data, target) =>
        target === 'ours'
          ? data.occupations.edges.map((e: Json) => `${e.node.name}: ${e.node.relations.totalCount}`)
          : data.allEntities.nodes.map((n: Json) => `${n.name}: ${n.relationsByFromIdAndFromKind.totalCount}`),
    },
    {
      name: 'c) occupation -> 10 skills -> 10 other occupations each',
      ours: `query Skills($code: String!) {
        occupation(socCode: $code) { id name
          relations(predicates: ["requires_skill"], direction: OUT, first: 10) {
            edges { node { attributes other { id name
              relations(predicates: ["requires_skill"], direction: IN, first: 10) {
                edges { node { other { id name } } }
              }
            } } }
          }
        }
      }`,
      postgraphile: `query Skills($code: String!) {
        occupationByOnetSocCode(onetSocCode: $code) {
          entityByEntityIdAndKind { id name
            relationsByFromIdAndFromKind(first: 10, condition: { predicate: "requires_skill" }) {
              nodes { attributes entityByToIdAndToKind { id name
                relationsByToIdAndToKind(first: 10, condition: { predicate: "requires_skill" }) {
                  nodes { entityByFromIdAndFromKind { id name } }
                }
              } }
            }
          }
        }
      }`,
      variables: byCode,
      // the same occupation with the same first ten skills, each with the same first ten occupations (both page
      // by the relation's key)
      facts: (data, target) => {
        if (target === 'ours') {
          const o = data.occupation;
          return [
            o.name,
            ...o.relations.edges.flatMap((e: Json) => [
              `skill:${e.node.other.name}`,
              ...e.node.other.relations.edges.map((n: Json) => `${e.node.other.name}>${n.node.other.name}`),
            ]),
          ];
        }
        const e = data.occupationByOnetSocCode.entityByEntityIdAndKind;
        return [
          e.name,
          ...e.relationsByFromIdAndFromKind.nodes.flatMap((n: Json) => [
            `skill:${n.entityByToIdAndToKind.name}`,
            ...n.entityByToIdAndToKind.relationsByToIdAndToKind.nodes.map(
              (m: Json) => `${n.entityByToIdAndToKind.name}>${m.entityByFromIdAndFromKind.name}`,
            ),
          ]),
        ];
      },
    },
    {
      name: 'd) the occupation page (titles, skills, credentials, issuers, wages, citations)',
      ours: readFileSync(new URL('../../schema/documents/occupation-page.graphql', import.meta.url), 'utf8'),
      postgraphile: `query Page($code: String!) {
        occupationByOnetSocCode(onetSocCode: $code) {
          socCode onetSocCode description jobZone
          entityByEntityIdAndKind { id name
            ${PGL_RELATED('titles', 'has_title')}
            ${PGL_RELATED('specializations', 'has_specialization')}
            ${PGL_RELATED('skills', 'requires_skill')}
            ${PGL_RELATED('courses', 'recommends_course')}
            ${PGL_RELATED(
              'credentials',
              'requires_credential',
              `id name credentialByEntityIdAndKind { abbreviation }
               ${PGL_RELATED('issuers', 'issued_by', 'id name issuingBodyByEntityIdAndKind { abbreviation }')}`,
            )}
            ${PGL_RELATED('employers', 'employed_by')}
            ${PGL_RELATED('related', 'related_to', 'id name occupationByEntityIdAndKind { socCode }')}
            observationsByEntityId(condition: { status: "published" }) {
              nodes { metric value unit period
                citationsByObservationId { nodes { quote locator sourceBySourceId { title publishedAt } } } }
            }
          }
        }
      }`,
      variables: (i, target) =>
        target === 'ours' ? { socCode: codes[i % codes.length] } : { code: codes[i % codes.length] },
      facts: (data, target) => {
        if (target === 'ours') {
          const o = data.occupation;
          return sorted([
            ...names(o.alternateTitles, 'title'),
            ...names(o.specializations, 'specialization'),
            ...o.skills.map((s: Json) => `skill:${s.skill.name}`),
            ...names(o.courses, 'course'),
            ...o.credentials.flatMap((c: Json) => [
              `credential:${c.name}`,
              ...c.issuers.map((b: Json) => `issuer:${c.name}>${b.name}`),
            ]),
            ...names(o.employers, 'employer'),
            ...names(o.relatedOccupations, 'related'),
            ...o.wages.map((w: Json) => `wage:${w.metric}=${w.value}@${w.period}:${w.citations.length}`),
          ]);
        }
        const e = data.occupationByOnetSocCode.entityByEntityIdAndKind;
        const others = (alias: string) => e[alias].nodes.map((n: Json) => n.entityByToIdAndToKind);
        return sorted([
          ...names(others('titles'), 'title'),
          ...names(others('specializations'), 'specialization'),
          ...names(others('skills'), 'skill'),
          ...names(others('courses'), 'course'),
          ...others('credentials').flatMap((c: Json) => [
            `credential:${c.name}`,
            ...c.issuers.nodes.map((n: Json) => `issuer:${c.name}>${n.entityByToIdAndToKind.name}`),
          ]),
          ...names(others('employers'), 'employer'),
          ...names(others('related'), 'related'),
          ...e.observationsByEntityId.nodes
            .filter((w: Json) => WAGE_METRICS.has(w.metric))
            .map((w: Json) => `wage:${w.metric}=${w.value}@${w.period}:${w.citationsByObservationId.nodes.length}`),
        ]);
      },
    },
    {
      name: 'e) search and resolveTitle, a distinct title each request',
      ours: `query Find($q: String!) {
        search(query: $q, first: 10) { edges { node { id name } } }
        resolveTitle(title: $q, first: 5) { occupation { id name } score }
      }`,
      // PostGraphile has no title resolution: its nearest equivalent is a trigram match over the same labels
      // (bench_search_entities, created by bench/api.ts), all kinds and occupations only
      postgraphile: `query Find($q: String!) {
        search: benchSearchEntities(q: $q, first: 10) { nodes { id name } }
        titles: benchSearchEntities(q: $q, kinds: ["occupation", "alternate_title"], first: 5) { nodes { id name } }
      }`,
      variables: (i) => ({ q: titles[i % titles.length] ?? 'medical records technician' }),
    },
  ];
}
