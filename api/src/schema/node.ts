import { DomainError } from '@kg/db/errors';
import { decodeGlobalID, resolveNodes } from '@pothos/plugin-relay';
import { builder } from '../builder.ts';

/** The `asOf` argument of node, occupation and search; yoga.ts runs the whole request at that time. */
export const asOfArg = () =>
  builder.args((t) => ({
    asOf: t.field({
      type: 'DateTime',
      required: false,
      description:
        'Read the graph as it was at this time (from the change log). One request reads one point in time: ' +
        'every asOf in it must be equal.',
    }),
  }));

builder.queryField('node', (t) =>
  t.field({
    type: builder.nodeInterfaceRef(),
    nullable: true,
    description: 'Anything with an ID: an entity, label, relation, observation, citation, source or draft.',
    args: { id: t.arg.id({ required: true }), ...asOfArg() },
    resolve: async (_, args, ctx, info) => {
      let id: { typename: string; id: string };
      try {
        id = decodeGlobalID(String(args.id));
      } catch {
        throw new DomainError('NOT_FOUND', `${args.id} not found: not an ID this API issued`, { id: args.id });
      }
      const [node] = await resolveNodes(builder, ctx, info, [id]);
      return (node ?? null) as never;
    },
  }),
);
