import { DomainError } from '@kg/db/errors';
import { decodeGlobalID, resolveNodes } from '@pothos/plugin-relay';
import { type GraphQLResolveInfo, isObjectType } from 'graphql';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';

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

const MAX_NODES = 100;

const notOurs = (id: string, why: string) => new DomainError('NOT_FOUND', `${id} not found: ${why}`, { id });

/**
 * One node by its global ID. Whatever is not there for this caller (an ID we never issued, a type that is not a
 * node, a fact it may not see, a draft or an account that is not its own) is NOT_FOUND.
 */
async function loadNode(ctx: Context, info: GraphQLResolveInfo, globalId: string): Promise<unknown> {
  let id: { typename: string; id: string };
  try {
    id = decodeGlobalID(globalId);
  } catch {
    throw notOurs(globalId, 'not an ID this API issued');
  }
  const type = info.schema.getType(id.typename);
  if (!isObjectType(type) || !type.getInterfaces().some((i) => i.name === 'Node')) {
    throw notOurs(globalId, 'not an ID this API issued');
  }
  const [node] = await resolveNodes(builder, ctx, info, [id]);
  if (node == null) throw notOurs(globalId, `no such ${id.typename}`);
  return node;
}

builder.queryFields((t) => ({
  node: t.field({
    type: builder.nodeInterfaceRef(),
    nullable: true,
    description: 'Anything with an ID: an entity, label, relation, observation, citation, source or draft.',
    args: { id: t.arg.id({ required: true }), ...asOfArg() },
    resolve: async (_, args, ctx, info) => (await loadNode(ctx, info, String(args.id))) as never,
  }),
  nodes: t.field({
    type: [builder.nodeInterfaceRef()],
    nullable: { list: false, items: true },
    description:
      'Many nodes by ID, in the order given. An ID that names nothing this caller may see is null, with a ' +
      'NOT_FOUND error whose path is its index.',
    args: { ids: t.arg.idList({ required: true }), ...asOfArg() },
    resolve: (_, args, ctx, info) => {
      if (args.ids.length > MAX_NODES) {
        throw new DomainError('BAD_USER_INPUT', `nodes takes at most ${MAX_NODES} IDs`, { field: 'ids' });
      }
      // an Error in the list becomes that item's null and error (graphql-js), the others are answered
      return Promise.all(args.ids.map((id) => loadNode(ctx, info, String(id)).catch((error: Error) => error))) as never;
    },
  }),
}));

/** A node type whose rows carry their own id, loaded many at a time (an Error for each one that is not there). */
export const rowNodeRef = <Row extends { id: string }>(
  name: string,
  load: (ids: string[], ctx: Context) => Promise<readonly (Row | Error)[]>,
) => builder.loadableNodeRef(name, { id: { resolve: (row: Row) => row.id }, load });
