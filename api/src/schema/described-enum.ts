import { builder } from '../builder.ts';

/**
 * An enum whose names are its values in capitals (`pending` is PENDING), each value with what it means:
 * `describedEnum('ImportState', 'Where the import stands.', { pending: 'Waiting to start.' })`.
 */
export function describedEnum<const V extends string>(
  name: string,
  description: string | undefined,
  values: Record<V, string>,
) {
  return builder.enumType(name, {
    description,
    values: Object.fromEntries(
      Object.entries<string>(values).map(([value, meaning]) => [value.toUpperCase(), { value, description: meaning }]),
    ) as Record<Uppercase<V>, { value: V; description: string }>,
  });
}
