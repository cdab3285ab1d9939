import type { DatabaseHandle } from '@kg/db/connect';
import { readAsOf } from '@kg/db/history/repository';
import {
  type DocumentNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  visit,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { type Context, createLoaders } from './context.ts';

const badAsOf = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field: 'asOf' } });

/** Whether each parsed document has an `asOf` argument anywhere (most have none), found once per document. */
const mentionsAsOf = new WeakMap<DocumentNode, boolean>();

function hasAsOfArgument(document: DocumentNode): boolean {
  let found = mentionsAsOf.get(document);
  if (found === undefined) {
    found = false;
    visit(document, {
      Argument(node) {
        if (node.name.value === 'asOf') found = true;
      },
    });
    mentionsAsOf.set(document, found);
  }
  return found;
}

/** The `asOf` a query's top-level fields ask for (null for none); all of them must agree. */
export function requestedAsOf(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): Date | null {
  if (!hasAsOfArgument(document)) return null;
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (operation?.operation !== 'query') return null;
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  const values = new Set<string>();
  const visit = (set: SelectionSetNode, seen: Set<string>) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const arg = selection.arguments?.find((a) => a.name.value === 'asOf');
        if (!arg) continue;
        const value =
          arg.value.kind === Kind.VARIABLE
            ? variables?.[arg.value.name.value]
            : arg.value.kind === Kind.STRING
              ? arg.value.value
              : null;
        if (value === null || value === undefined) continue;
        const at = new Date(value instanceof Date ? value : String(value));
        if (Number.isNaN(at.getTime())) throw badAsOf(`asOf "${String(value)}" is not a date-time`);
        values.add(at.toISOString());
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, seen);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !seen.has(fragment.name.value))
          visit(fragment.selectionSet, new Set([...seen, fragment.name.value]));
      }
    }
  };
  visit(operation.selectionSet, new Set());
  if (values.size > 1) throw badAsOf('one request reads one point in time: give every asOf the same value');
  const [only] = values;
  return only ? new Date(only) : null;
}

/**
 * Runs a query that asks for `asOf` inside one read-only transaction that sees the graph as it was then
 * (db/src/history/repository.ts readAsOf): every resolver and loader of the request reads the past.
 */
export function asOfPlugin(database: DatabaseHandle): Plugin {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      let at: Date | null;
      try {
        at = requestedAsOf(args.document, args.operationName, args.variableValues as Record<string, unknown>);
      } catch (error) {
        setExecuteFn(() => ({ errors: [error as GraphQLError] }));
        return;
      }
      if (!at) return;
      const when = at;
      setExecuteFn((executeArgs) =>
        readAsOf(database.db, when, async (trx) => {
          const context = executeArgs.contextValue as Context;
          context.db = trx;
          context.loaders = createLoaders(trx, context.viewer);
          return executeFn(executeArgs);
        }),
      );
    },
  };
}
