import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/** What a selection may hold: `true` for anything, otherwise the fields it may select, each with its own shape. */
export type Shape = true | { readonly [field: string]: Shape };

/** The fields a selection set holds, through inline fragments and named fragments (each named one once). */
function fieldsOf(info: GraphQLResolveInfo, set: SelectionSetNode | undefined, seen = new Set<string>()): FieldNode[] {
  return (set?.selections ?? []).flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsOf(info, selection.selectionSet, seen);
    const name = selection.name.value;
    if (seen.has(name)) return [];
    seen.add(name);
    return fieldsOf(info, info.fragments[name]?.selectionSet, seen);
  });
}

/**
 * Whether everything the resolving field selects is within `shape` (`__typename` always is): a loader can then
 * read only the columns that shape needs.
 */
export function selectionWithin(info: GraphQLResolveInfo, shape: Shape): boolean {
  const within = (set: SelectionSetNode | undefined, allowed: Shape): boolean =>
    allowed === true ||
    fieldsOf(info, set).every((field) => {
      const name = field.name.value;
      if (name === '__typename') return true;
      const inner = allowed[name];
      return inner !== undefined && within(field.selectionSet, inner);
    });
  return info.fieldNodes.every((node) => within(node.selectionSet, shape));
}

/** Whether the resolving field selects, at the end of the path `via` (`['edges', 'node']`), a field in `names`. */
export function selectsAny(info: GraphQLResolveInfo, via: readonly string[], names: ReadonlySet<string>): boolean {
  const selects = (set: SelectionSetNode | undefined, depth: number): boolean =>
    fieldsOf(info, set).some((field) =>
      depth === via.length
        ? names.has(field.name.value)
        : field.name.value === via[depth] && selects(field.selectionSet, depth + 1),
    );
  return info.fieldNodes.some((node) => selects(node.selectionSet, 0));
}

/** Whether the resolving field selects the field at `path` (`['edges', 'node', 'attributes']`). */
export const selectsPath = (info: GraphQLResolveInfo, path: readonly string[]): boolean =>
  selectsAny(info, path.slice(0, -1), new Set(path.slice(-1)));
