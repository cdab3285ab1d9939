import {
  type DocumentNode,
  GraphQLError,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  TypeInfo,
  valueFromAST,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * The longest text each argument and input field takes, checked on the whole request before anything runs
 * (docs/operations.md, "Limits"). A coordinate (`Query.search(query)`, `CreateEntityInput.name`) is looked up
 * first, then the argument's or field's name, then its type. Writes check their own, tighter, domain limits
 * (names 300 characters, ...) with messages of their own; these bound what any request can make the server do.
 */
export const TEXT_LIMITS = {
  /** Search terms: trigram and full-text matching costs grow with the length of the term. */
  coordinates: {
    'Query.search(query)': 200,
    'Query.resolveTitle(title)': 200,
    'Query.resolveTitle(industry)': 200,
    'TitleInput.title': 200,
    'TitleInput.industry': 200,
    'TitleInput.id': 200,
    'Query.entities(nameContains)': 200,
    'Query.sources(titleContains)': 200,
    'Query.drafts(author)': 320,
  } as Record<string, number>,
  /** Cursors, codes and keys are short by nature; a password is hashed (argon2), whose cost grows with it. */
  names: {
    after: 200,
    socCode: 50,
    metric: 200,
    metrics: 200,
    predicate: 200,
    predicates: 200,
    unit: 100,
    period: 100,
    geography: 200,
    language: 35,
    kind: 100,
    key: 200,
    email: 320,
    password: 1_000,
  } as Record<string, number>,
  /** IDs are global IDs (about 60 characters); JSON values count as their JSON text. */
  types: { ID: 200, JSON: 20_000, String: 10_000 } as Record<string, number>,
};

function limitOf(coordinate: string, name: string, type: string): number | undefined {
  return TEXT_LIMITS.coordinates[coordinate] ?? TEXT_LIMITS.names[name] ?? TEXT_LIMITS.types[type];
}

function tooLong(coordinate: string, max: number, length: number) {
  return new GraphQLError(`${coordinate} is longer than ${max} characters (${length})`, {
    extensions: { code: 'BAD_USER_INPUT', argument: coordinate, maxLength: max },
  });
}

/** The first value in `value` (of `type`) that is longer than its limit, as an error. */
function check(value: unknown, type: GraphQLInputType, coordinate: string, name: string): GraphQLError | undefined {
  if (value === null || value === undefined) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return check(value, nullable.ofType, coordinate, name);
    for (const item of value) {
      const error = check(item, nullable.ofType, coordinate, name);
      if (error) return error;
    }
    return;
  }
  if (isInputObjectType(nullable)) {
    if (typeof value !== 'object') return;
    for (const field of Object.values(nullable.getFields())) {
      const fieldValue = (value as Record<string, unknown>)[field.name];
      const error = check(fieldValue, field.type, `${nullable.name}.${field.name}`, field.name);
      if (error) return error;
    }
    return;
  }
  const typeName = getNamedType(nullable).name;
  const max = limitOf(coordinate, name, typeName);
  if (max === undefined) return;
  const text = typeof value === 'string' ? value : typeName === 'JSON' ? JSON.stringify(value) : undefined;
  if (text !== undefined && text.length > max) return tooLong(coordinate, max, text.length);
}

/** The first argument of the document, with the variables given, whose text is longer than its limit. */
export function findOverlongText(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
): GraphQLError | undefined {
  const typeInfo = new TypeInfo(schema);
  let found: GraphQLError | undefined;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const argument = typeInfo.getArgument();
        const field = typeInfo.getFieldDef();
        const parent = typeInfo.getParentType();
        if (found || !argument || !field || !parent) return;
        const value = valueFromAST(node.value, argument.type, variables ?? undefined);
        found = check(value, argument.type, `${parent.name}.${field.name}(${argument.name})`, argument.name);
      },
    }),
  );
  return found;
}

/** Refuses a request with an over-long text argument before it runs (BAD_USER_INPUT, no SQL). */
export function textLimitsPlugin(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = findOverlongText(args.schema, args.document, args.variableValues as Record<string, unknown>);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const error = findOverlongText(args.schema, args.document, args.variableValues as Record<string, unknown>);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}
