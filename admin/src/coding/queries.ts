import { gql, type ResultOf, request } from '../graphql.ts';

/** Most titles a request codes (resolveTitles' limit); a longer file goes in several requests. */
export const BATCH = 1000;

const ResolveTitles = gql(`
  query CodeTitles($inputs: [TitleInput!]!) {
    resolveTitles(inputs: $inputs, first: 3) {
      id
      title
      needsReview
      industry { naicsCode name }
      matches {
        occupation { id name onetSocCode }
        matchedTitle
        confidence
        needsReview
        runnerUpGap
        reason
      }
    }
  }
`);

export type TitleResolution = ResultOf<typeof ResolveTitles>['resolveTitles'][number];
export type TitleMatch = TitleResolution['matches'][number];

export interface TitleRow {
  id: string;
  title: string;
  industry: string | null;
}

/** Codes the rows, BATCH at a time, in order. */
export async function codeRows(rows: readonly TitleRow[], signal?: AbortSignal): Promise<TitleResolution[]> {
  const out: TitleResolution[] = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    const inputs = rows.slice(i, i + BATCH).map((r) => ({ id: r.id, title: r.title, industry: r.industry }));
    out.push(...(await request(ResolveTitles, { inputs }, signal)).resolveTitles);
  }
  return out;
}

const Sources = gql(`
  query CodingSources {
    sources(first: 100) { edges { node { id title } } }
  }
`);

export async function fetchSources() {
  return (await request(Sources, {})).sources.edges.map((e) => e.node);
}

const ReportTitle = gql(`
  mutation ReportTitle($input: CreateLabelInput!) {
    createLabel(input: $input) { label { id status } draft { id } }
  }
`);

/**
 * A coder's correction: the title becomes a reported title of the chosen occupation, cited to the source the
 * coder names, through the normal write path (a curator's write is a draft a reviewer publishes).
 */
export async function reportTitle(args: { occupationId: string; title: string; sourceId: string; locator: string }) {
  const result = await request(ReportTitle, {
    input: {
      entityId: args.occupationId,
      text: args.title,
      type: 'REPORTED',
      citations: [{ sourceId: args.sourceId, quote: args.title, locator: args.locator }],
    },
  });
  return { draftId: result.createLabel.draft?.id ?? null, published: result.createLabel.label?.status === 'PUBLISHED' };
}
