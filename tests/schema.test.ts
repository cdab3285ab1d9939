import { readFileSync } from 'node:fs';
import { schema } from '@kg/api/schema';
import { printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';

describe('schema/schema.graphql', () => {
  it('is the schema the API serves (run `pnpm schema:print` after changing the API)', () => {
    const committed = readFileSync(new URL('../schema/schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(`${printSchema(schema)}\n`);
  });

  it('keeps the names of the design contract', () => {
    const sdl = printSchema(schema);
    for (const name of [
      'enum EntityKind',
      'interface Node',
      'interface Entity implements Node',
      'type Relation implements Node',
      'type Observation implements Node',
      'type Citation implements Node',
      'type Source implements Node',
      'type TitleMatch',
      'input CreateEntityInput',
      'input UpdateEntityInput',
      'input DeleteInput',
      'type EntityPayload',
      'type DeletePayload',
    ]) {
      expect(sdl).toContain(name);
    }
    const query = schema.getQueryType()!.getFields();
    for (const field of ['node', 'search', 'resolveTitle', 'occupation']) expect(query[field]).toBeDefined();
    const mutation = schema.getMutationType()!.getFields();
    for (const fact of ['Entity', 'Label', 'Relation', 'Observation', 'Citation']) {
      for (const op of ['create', 'update', 'delete']) expect(mutation[`${op}${fact}`]).toBeDefined();
    }
  });
});
