import { badInput } from '@kg/db/errors';
import type {
  ArgBuilder,
  InputFieldMap,
  InputShapeFromFields,
  InterfaceParam,
  ObjectParam,
  OutputType,
} from '@pothos/core';
import { cursorToOffset, offsetToCursor } from '@pothos/plugin-relay';
import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';
import { builder, type Types } from '../builder.ts';
import type { Context } from '../context.ts';

/**
 * Page sizes, all in one place (docs/operations.md, "Limits"): connections return at most MAX_PAGE_SIZE rows,
 * DEFAULT_PAGE_SIZE when `first` is omitted. The change feed is read by machines that replay it, in larger pages.
 */
export const MAX_PAGE_SIZE = 250;
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_FEED_PAGE_SIZE = 1000;
export const DEFAULT_FEED_PAGE_SIZE = 100;
const MAX_OFFSET = 1_000_000;

type Page = { limit: number; offset: number };

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  offset?: number | null;
}

/**
 * The window a connection reads: `first` (0..MAX_PAGE_SIZE) rows after the `after` cursor, or from `offset` for
 * page-numbered UIs. Cursors are opaque to clients.
 */
export function pageWindow(args: PageArgs) {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 0 and ${MAX_PAGE_SIZE}`, { field: 'first' });
  }
  if (args.offset != null && args.after != null) throw badInput('give after or offset, not both');
  let offset = args.offset ?? 0;
  if (args.after != null) {
    try {
      offset = cursorToOffset(args.after) + 1;
    } catch {
      offset = Number.NaN;
    }
  }
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET) {
    throw badInput(args.after != null ? 'after is not a cursor from this connection' : 'offset is out of range', {
      field: args.after != null ? 'after' : 'offset',
    });
  }
  return { limit: first, offset };
}

export function toConnection<T>(rows: readonly T[], offset: number, totalCount: number) {
  return {
    totalCount,
    edges: rows.map((node, i) => ({ cursor: offsetToCursor(offset + i), node })),
    pageInfo: {
      startCursor: rows.length ? offsetToCursor(offset) : null,
      endCursor: rows.length ? offsetToCursor(offset + rows.length - 1) : null,
      hasPreviousPage: offset > 0,
      hasNextPage: offset + rows.length < totalCount,
    },
  };
}

/** Arguments of a top-level list: cursor paging plus `offset`. */
export const pageArgs = builder.args((t) => ({
  first: t.int({ required: false, description: `At most ${MAX_PAGE_SIZE}; ${DEFAULT_PAGE_SIZE} when omitted.` }),
  after: t.string({ required: false }),
  offset: t.int({ required: false, description: 'Rows to skip, for page-numbered UIs (instead of after).' }),
}));

/** The page of a list that `pageArgs` ask for: `list` reads it (rows and the total), answered as a connection. */
export async function listPage<T>(
  args: PageArgs,
  list: (page: Page) => Promise<{ rows: readonly T[]; totalCount: number }>,
) {
  const page = pageWindow(args);
  const { rows, totalCount } = await list(page);
  return toConnection(rows, page.offset, totalCount);
}

/** A connection with its total: `<name>Connection` of `<name>Edge`s. */
export const countedConnection = <Type extends ObjectParam<Types> | InterfaceParam<Types>>(name: string, type: Type) =>
  builder.connectionObject({ type, name: `${name}Connection`, fields: totalCountField }, { name: `${name}Edge` });

/**
 * A top-level list answered as `connection` (a countedConnection), with its own arguments and then `pageArgs`:
 * `check` refuses arguments before anything is read, `list` reads the page.
 */
export function listQuery<Args extends InputFieldMap, T>(
  field: string,
  options: {
    connection: OutputType<Types>;
    description: string;
    authScopes?: { curator: true } | { authenticated: true };
    args: (arg: ArgBuilder<Types>) => Args;
    check?: (ctx: Context, args: InputShapeFromFields<Args>) => void;
    list: (
      ctx: Context,
      args: InputShapeFromFields<Args>,
      page: Page,
    ) => Promise<{ rows: readonly T[]; totalCount: number }>;
  },
) {
  builder.queryField(field, (t) =>
    t.field({
      type: options.connection,
      description: options.description,
      authScopes: options.authScopes,
      args: { ...options.args(t.arg), ...pageArgs },
      resolve: (_, given, ctx) => {
        // the arguments' type is too deep for TypeScript to follow through the generic fields
        const args = given as unknown as InputShapeFromFields<Args> & PageArgs;
        options.check?.(ctx, args);
        return listPage(args, (page) => options.list(ctx, args, page)) as never;
      },
    }),
  );
}

/** The totalCount field every connection has. */
// biome-ignore lint/suspicious/noExplicitAny: every connection's builder differs in its shape; Pothos cannot name them all
export const totalCountField = (t: PothosSchemaTypes.ObjectFieldBuilder<any, any>) => ({
  totalCount: t.int({ resolve: (c: { totalCount: number }) => c.totalCount }),
});

/**
 * Whether a connection field's selection needs the total (`totalCount`, or `pageInfo`, whose hasNextPage is
 * computed from it), through fragments too; a page that needs neither is read without counting every row.
 */
export function selectsCount(info: GraphQLResolveInfo): boolean {
  const needs = (set: SelectionSetNode | undefined, seen: Set<string>): boolean =>
    (set?.selections ?? []).some((selection) => {
      if (selection.kind === Kind.FIELD) {
        return selection.name.value === 'totalCount' || selection.name.value === 'pageInfo';
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) return needs(selection.selectionSet, seen);
      const name = selection.name.value;
      if (seen.has(name)) return false;
      seen.add(name);
      return needs(info.fragments[name]?.selectionSet, seen);
    });
  return info.fieldNodes.some((node) => needs(node.selectionSet, new Set()));
}
