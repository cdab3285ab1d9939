import { useGraphQlJit } from '@envelop/graphql-jit';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  getNamedType,
  getOperationAST,
  isAbstractType,
  isCompositeType,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * graphql-jit compiles a field of an interface type once for each type that implements it, and the field's
 * selection within each of those: a query's compiled size is the number of its fields, each times the number of
 * types of every interface field above it. `Entity` has ten types, so a walk `relations.edges.node.other` two
 * hops deep (query c of bench/api) compiles about 300 fields in some 50 ms, and each further hop ten times more.
 * Beyond this size a document runs interpreted, so that no legal query makes the server compile for seconds.
 */
export const MAX_COMPILED_FIELDS = 1000;

/** The compiled size of a document's operation, as above (fragments counted where they are spread). */
export function compiledSize(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null): number {
  const operation = getOperationAST(document, operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return Number.POSITIVE_INFINITY;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  let size = 0;
  const walk = (set: SelectionSetNode, parent: GraphQLCompositeType, fanOut: number, spread: ReadonlySet<string>) => {
    for (const selection of set.selections) {
      if (size > MAX_COMPILED_FIELDS) return;
      if (selection.kind === Kind.FIELD) {
        size += fanOut;
        const field = 'getFields' in parent ? parent.getFields()[selection.name.value] : undefined;
        const type = field && getNamedType(field.type);
        if (selection.selectionSet && type && isCompositeType(type)) {
          const types = isAbstractType(type) ? schema.getPossibleTypes(type).length : 1;
          walk(selection.selectionSet, type, fanOut * Math.max(types, 1), spread);
        }
        continue;
      }
      const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
      if (!fragment || (selection.kind === Kind.FRAGMENT_SPREAD && spread.has(selection.name.value))) continue;
      const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parent;
      const next = condition && isCompositeType(condition) ? condition : parent;
      const names = selection.kind === Kind.FRAGMENT_SPREAD ? new Set([...spread, selection.name.value]) : spread;
      walk(fragment.selectionSet, next, fanOut, names);
    }
  };
  walk(operation.selectionSet, root, 1, new Set());
  return size;
}

/**
 * Queries run compiled (graphql-jit through envelop): a document is compiled into one function the `after`th
 * time it runs (by default the second; Yoga's parse cache hands the same document to every request with
 * the same text, and the compiled function is kept with it). That saves the interpreting executor's per-field
 * work on the documents clients send again and again; a document seen fewer times, one too large to compile
 * (above), a mutation or a subscription runs on the reference executor. Resolvers, scope auth, the complexity check
 * (in the root fields' resolvers) and error masking are the same either way.
 */
export function compiledQueries(after: number): Plugin {
  const runs = new WeakMap<DocumentNode, number>();
  const sizes = new WeakMap<DocumentNode, number>();
  return useGraphQlJit(
    {},
    {
      enableIf: ({ schema, document, operationName }) => {
        if (after < 1 || getOperationAST(document, operationName)?.operation !== 'query') return false;
        const seen = (runs.get(document) ?? 0) + 1;
        runs.set(document, seen);
        if (seen < after) return false;
        let size = sizes.get(document);
        if (size === undefined) {
          size = compiledSize(schema, document, operationName);
          sizes.set(document, size);
        }
        return size <= MAX_COMPILED_FIELDS;
      },
    },
  ) as Plugin;
}
