import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ZodPlugin from '@pothos/plugin-zod';
import { GraphQLError } from 'graphql';
import { DateResolver, DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { hasRole } from './auth.ts';
import type { Context } from './context.ts';
import { decodeIssuedId } from './ids.ts';

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    Date: { Input: Date; Output: Date | string };
    JSON: { Input: unknown; Output: unknown };
  };
  AuthScopes: { authenticated: boolean; curator: boolean; reviewer: boolean; admin: boolean };
}>({
  // Scope auth first so that unauthorized fields never reach the others; complexity last so that it sees
  // the connection fields that relay adds.
  plugins: [ScopeAuthPlugin, RelayPlugin, DataloaderPlugin, ZodPlugin, ComplexityPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (ctx) => ({
      authenticated: ctx.viewer.role !== null,
      curator: hasRole(ctx.viewer, 'curator'),
      reviewer: hasRole(ctx.viewer, 'reviewer'),
      admin: hasRole(ctx.viewer, 'admin'),
    }),
    // no token: log in (UNAUTHENTICATED); a token whose role is too low: FORBIDDEN
    unauthorizedError: (_parent, ctx, info) =>
      ctx.viewer.role === null
        ? new GraphQLError(`log in to use ${info.fieldName}`, { extensions: { code: 'UNAUTHENTICATED' } })
        : new GraphQLError(`the ${ctx.viewer.role} role may not use ${info.fieldName}`, {
            extensions: { code: 'FORBIDDEN' },
          }),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    // `node` and `nodes` are defined in schema/node.ts, to take `asOf` and to answer NOT_FOUND item by item
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    decodeGlobalID: (id) => decodeIssuedId(id),
  },
  zod: {
    validationError: (zodError) => zodError,
  },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    // Pages count `first` objects and list fields their typical size (api/src/cost.ts), so the complexity is about
    // the number of fields a response can hold. Walking the generic interface costs four levels a hop
    // (relations.edges.node.other): 24 allows five hops.
    limit: (ctx) => ({ complexity: ctx.maxComplexity, depth: 24, breadth: 500 }),
    complexityError: (kind, result) => {
      const measured = { depth: result.depth, breadth: result.breadth, complexity: result.complexity };
      const limits = { depth: result.maxDepth, breadth: result.maxBreadth, complexity: result.maxComplexity };
      // the plugin names the kind capitalised (Depth, Breadth, Complexity)
      const key = String(kind).toLowerCase() as keyof typeof measured;
      return new GraphQLError(`Query is too complex: its ${key} is ${measured[key]}, the limit is ${limits[key]}`, {
        extensions: { code: 'QUERY_TOO_COMPLEX', [key]: measured[key], limit: limits[key] },
      });
    },
  },
});

/** The builder's type parameters, for field helpers that take a field builder (`t`). */
export type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('Date', DateResolver);
builder.addScalarType('JSON', JSONResolver);
