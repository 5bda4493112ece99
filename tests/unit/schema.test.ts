import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { printedSchema, SCHEMA_FILE } from '../../src/cli/print-schema';

describe('schema/schema.graphql', () => {
  it('is the schema the code builds (run `npm run schema:print` after changing types)', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await printedSchema());
  });
});

describe('the schema', () => {
  it('describes every type, field, argument and enum value', async () => {
    const { createSchema } = await import('../../src/schema');
    const { isEnumType, isInputObjectType, isInterfaceType, isObjectType } = await import('graphql');
    const schema = await createSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (['Query', 'Mutation'].includes(type.name) === false && !type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields()))
          if (!field.description) missing.push(`${type.name}.${field.name}`);
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('the node projection', () => {
  it('returns every stored field of every node type (the others are resolved from relationships)', async () => {
    const { createSchema } = await import('../../src/schema');
    const { NODE_PROPERTIES } = await import('../../src/features/nodes/node.mapper');
    const { RELATION_FIELDS } = await import('../../src/features/nodes/relation-fields');
    const schema = await createSchema();
    const node = schema.getType('Node');
    const stored = new Set<string>(NODE_PROPERTIES);
    // Fields computed from stored properties of another name, or by field resolvers from relationships.
    const derived = new Set(['period', 'sources', 'partners', 'relationships', 'counts']);
    const missing: string[] = [];
    for (const type of schema.getPossibleTypes(node as never)) {
      const resolved = new Set(Object.values(RELATION_FIELDS).flatMap((fields) => Object.keys(fields)));
      for (const field of Object.values(type.getFields())) {
        if (!stored.has(field.name) && !derived.has(field.name) && !resolved.has(field.name)) {
          missing.push(`${type.name}.${field.name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('the example queries of the README and docs/', () => {
  const root = join(dirname(SCHEMA_FILE), '..');
  const examplesOf = (file: string): string[] =>
    [...readFileSync(join(root, file), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');

  it('are valid against the schema', async () => {
    const { parse, validate, buildSchema } = await import('graphql');
    const schema = buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));
    const files = [
      'README.md',
      ...readdirSync(join(root, 'docs')).flatMap((name) => (name.endsWith('.md') ? [`docs/${name}`] : [])),
    ];
    expect(examplesOf('README.md').length).toBeGreaterThanOrEqual(3);
    const problems = files.flatMap((file) =>
      examplesOf(file).flatMap((example, index) =>
        validate(schema, parse(example)).map((error) => `${file} example ${index + 1}: ${error.message}`),
      ),
    );
    expect(problems).toEqual([]);
  });
});
