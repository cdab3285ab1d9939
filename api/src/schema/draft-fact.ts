import type { CitationInput } from '@kg/db/citation/repository';
import type { DraftRow } from '@kg/db/tables';
import { resolveNodes } from '@pothos/plugin-relay';
import { builder } from '../builder.ts';
import { DraftRef } from './draft.ts';
import { KIND_TYPES } from './kinds.ts';
import { SourceRef } from './source.ts';

/** What a reviewer reads about a draft beside its diff: the fact it changes and the sources it cites. */

type DraftCitation = Pick<CitationInput, 'sourceId' | 'quote' | 'locator'>;

const DraftCitationRef = builder.objectRef<DraftCitation>('DraftCitation').implement({
  description: 'A citation a draft brings: published with the change.',
  fields: (t) => ({
    source: t.field({ type: SourceRef, resolve: (c) => c.sourceId }),
    quote: t.string({ nullable: true, description: 'Verbatim from the source.', resolve: (c) => c.quote ?? null }),
    locator: t.string({ nullable: true, description: 'Where in the source.', resolve: (c) => c.locator ?? null }),
  }),
});

const FACT_TYPENAMES = {
  label: 'Label',
  relation: 'Relation',
  observation: 'Observation',
  citation: 'Citation',
  source: 'Source',
};

/** The citations a draft brings: those given with the change and those in a new fact's own input. */
function draftCitations(draft: DraftRow): DraftCitation[] {
  const input = draft.input as { citations?: DraftCitation[]; citation?: DraftCitation } | null;
  const own = Array.isArray(input?.citations) ? input.citations : [];
  return [...(draft.citations as DraftCitation[]), ...own].filter((c) => c && typeof c.sourceId === 'string');
}

builder.objectFields(DraftRef, (t) => ({
  evidence: t.field({
    type: [DraftCitationRef],
    description: 'The citations the change brings, each with its source.',
    resolve: (d) => draftCitations(d),
  }),
  fact: t.field({
    type: builder.nodeInterfaceRef(),
    nullable: true,
    description:
      'The fact the draft changes, as it stands now (for a published creation: the fact it created); null for a ' +
      'creation still pending or a fact deleted since.',
    resolve: async (d, _, ctx, info) => {
      const id = d.fact_id ?? d.result_fact_id;
      if (!id) return null;
      let typename: string;
      if (d.fact_type === 'entity') {
        const entity = await ctx.loaders.entity.load(id).catch(() => null);
        if (!entity) return null;
        typename = KIND_TYPES[entity.kind].typename;
      } else {
        typename = FACT_TYPENAMES[d.fact_type];
      }
      // a fact deleted since answers null, not an error
      const [node] = await resolveNodes(builder, ctx, info, [{ typename, id }]).catch(() => [null]);
      return node instanceof Error ? null : (node ?? null);
    },
  }),
}));
