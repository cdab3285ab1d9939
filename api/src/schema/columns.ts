import type { Types } from '../builder.ts';

type FieldsOf<Row> = PothosSchemaTypes.ObjectFieldBuilder<Types, Row>;

/** Text columns exposed under their own names. */
export const exposeStrings = <Row>(t: FieldsOf<Row>, ...names: (keyof Row & string)[]) =>
  Object.fromEntries(names.map((name) => [name, t.exposeString(name as never, {} as never)]));

/** Columns of one type that may be empty, each exposed under its own name with what it holds. */
export const nullableColumns = <Row>(
  t: FieldsOf<Row>,
  type: 'String' | 'Float' | 'Int',
  columns: Partial<Record<keyof Row & string, string>>,
) =>
  Object.fromEntries(
    Object.entries<string | undefined>(columns).map(([name, description]) => [
      name,
      t.expose(name as never, { type, nullable: true, description } as never),
    ]),
  );
