import {
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { DEFAULT_PAGE_SIZE } from './schema/paging.ts';

/**
 * What a query costs before it runs (the Pothos complexity plugin adds it up; the limit is KG_MAX_COMPLEXITY). A field
 * costs 1, times what its selection costs, times how many objects it returns: `first` (or its default) for a page,
 * the typical size of the list in the full graph (O*NET 29.3 with OEWS) for a list field, 10 for other lists.
 * The counts below were read from the O*NET 29.3 files: an occupation has 56 alternate titles on average, 20
 * related occupations, 20 tasks, about 68 rated skills and knowledge areas plus 35 technology skills (rounded up to
 * 120 with ESCO's), and some 15 wage figures; one of the 35 O*NET skills is rated for 879 occupations.
 */
const TYPICAL_LIST_SIZES: Record<string, number> = {
  'Occupation.alternateTitles': 60,
  'Occupation.relatedOccupations': 20,
  'Occupation.skills': 120,
  'Occupation.tasks': 25,
  'Occupation.wages': 15,
  'Occupation.specializations': 5,
  'Occupation.courses': 5,
  'Occupation.credentials': 3,
  'Occupation.credentialRequirements': 3,
  'Occupation.employers': 5,
  'Occupation.programs': 5,
  'Credential.issuers': 2,
  'Credential.accreditors': 2,
  'Credential.prerequisites': 2,
  'Occupation.advancesTo': 5,
  'Skill.occupations': 900,
  'Skill.courses': 10,
  'Task.occupations': 2,
  'AlternateTitle.occupations': 2,
  'IssuingBody.credentials': 10,
  'Entity.labels': 30,
  'Entity.observations': 15,
  'Entity.citations': 3,
  'Label.citations': 2,
  'Relation.citations': 2,
  'Observation.citations': 2,
  'ChangeEvent.diff': 5,
  'Draft.diff': 5,
};
const DEFAULT_LIST_SIZE = 10;

/** How many rows a page field returns when `first` is omitted (its resolver's default). */
const DEFAULT_FIRST: Record<string, number> = { 'Query.changes': 100 };

const isList = (type: GraphQLOutputType): boolean => (isNonNullType(type) ? isList(type.ofType) : isListType(type));

const isConnection = (type: GraphQLOutputType) => {
  const named = getNamedType(type);
  return isObjectType(named) && 'edges' in named.getFields() && 'pageInfo' in named.getFields();
};

type Complexity = number | { field: number; multiplier: number } | ((args: Record<string, unknown>) => unknown);

function setComplexity(field: GraphQLField<unknown, unknown>, complexity: Complexity) {
  // the complexity plugin reads field.extensions.complexity when it validates a request (it puts its defaults,
  // 1 and lists times 10, there; nothing in the schema sets its own)
  Object.assign(field, { extensions: { ...field.extensions, complexity } });
}

/** Puts the cost model on every field of the schema that returns many objects. */
export function applyCostModel(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    const connection = isObjectType(type) && 'edges' in type.getFields() && 'pageInfo' in type.getFields();
    for (const field of Object.values(type.getFields())) {
      const key = `${type.name}.${field.name}`;
      const first = field.args.find((a) => a.name === 'first');
      if (field.args.some((a) => a.name === 'ids') && isList(field.type)) {
        // nodes(ids:): as many objects as IDs
        setComplexity(field, (args) => ({ field: 1, multiplier: Array.isArray(args.ids) ? args.ids.length : 1 }));
      } else if (first && (isConnection(field.type) || isList(field.type))) {
        const fallback = DEFAULT_FIRST[key] ?? (typeof first.defaultValue === 'number' ? first.defaultValue : null);
        setComplexity(field, (args) => {
          const asked = typeof args.first === 'number' ? args.first : (fallback ?? DEFAULT_PAGE_SIZE);
          return { field: 1, multiplier: Math.max(asked, 1) };
        });
      } else if (connection && field.name === 'edges') {
        // the page's size is counted once, on the connection field
        setComplexity(field, { field: 1, multiplier: 1 });
      } else if (isList(field.type)) {
        const typical = TYPICAL_LIST_SIZES[key] ?? interfaceSize(schema, type.name, field.name) ?? DEFAULT_LIST_SIZE;
        setComplexity(field, { field: 1, multiplier: typical });
      }
    }
  }
  return schema;
}

/** An object type's list field inherits the typical size given for the interface it implements. */
function interfaceSize(schema: GraphQLSchema, typeName: string, fieldName: string) {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) return undefined;
  for (const iface of type.getInterfaces()) {
    const size = TYPICAL_LIST_SIZES[`${iface.name}.${fieldName}`];
    if (size !== undefined) return size;
  }
  return undefined;
}
