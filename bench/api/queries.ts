import { createRequire } from 'node:module';

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
}

export function benchQueries(codes: string[]): BenchQuery[] {
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
    },
  ];
}
