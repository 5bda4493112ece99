/**
 * A kind and a relationship type added in one place each (the graph model's two tables) reach everything built on
 * the model: the GraphQL schema (enums, an object type with its category's relationship fields), the checks of
 * writes (checkEnds), the explorer's and the workbench's page configs, the import validation and the generated
 * docs. The entries are added before any module that reads the model is loaded (this file has its own module
 * registry, so no other test sees them).
 */
import {
  KindCategory,
  NODE_KINDS,
  NodeKind,
  RELATION_TYPES,
  RelationType,
  type KindMeta,
  type RelationMeta,
} from '../../src/model/graph-model';

const LIBRARY = 'LIBRARY' as NodeKind;
const LENDS_TO = 'LENDS_TO' as RelationType;

const library: KindMeta = {
  typeName: 'Library',
  category: KindCategory.INSTITUTION,
  label: 'Library',
  labelEs: 'Biblioteca',
  description: 'A public or university library.',
  color: '#117733',
  shape: 'hexagon',
};
const lendsTo: RelationMeta = {
  label: 'lends to',
  labelEs: 'presta a',
  description: 'A library lends its collection to a person or body.',
  fromRole: 'lender',
  toRole: 'borrower',
  from: [LIBRARY],
  to: [NodeKind.PERSON, KindCategory.INSTITUTION],
  partnership: false,
  color: '#44AA99',
};

// The one place: an enum member and its entry, for each.
(NodeKind as Record<string, string>)[LIBRARY] = LIBRARY;
NODE_KINDS[LIBRARY] = library;
(RelationType as Record<string, string>)[LENDS_TO] = LENDS_TO;
RELATION_TYPES[LENDS_TO] = lendsTo;

describe('a kind and a relationship type added to the model alone', () => {
  it('are in the GraphQL schema: enum values with descriptions, and an object type with its fields', async () => {
    await import('reflect-metadata');
    const { createSchema } = await import('../../src/schema');
    const { isEnumType, isObjectType, printSchema } = await import('graphql');
    const schema = await createSchema();
    const kinds = schema.getType('NodeKind');
    const types = schema.getType('RelationType');
    if (!isEnumType(kinds) || !isEnumType(types)) throw new Error('NodeKind and RelationType are enums');
    expect(kinds.getValue('LIBRARY')?.description).toBe(library.description);
    expect(types.getValue('LENDS_TO')?.description).toBe(lendsTo.description);
    const type = schema.getType('Library');
    if (!isObjectType(type)) throw new Error('Library is an object type');
    expect(type.description).toBe(library.description);
    expect(type.getInterfaces().map((i) => i.name)).toEqual(['Node']);
    // An institution's relationship fields, described with the kind's label.
    expect(type.getFields().agreements?.description).toBe('Agreements this library is party to.');
    expect(printSchema(schema)).toContain('type Library implements Node');
  });

  it('are checked on writes: the new type joins its ends, and the new kind joins its category’s types', async () => {
    const { checkEnds } = await import('../../src/model/graph-model');
    expect(checkEnds(LENDS_TO, LIBRARY, NodeKind.PERSON)).toBeNull();
    expect(checkEnds(LENDS_TO, LIBRARY, NodeKind.UNIVERSITY)).toBeNull();
    expect(checkEnds(LENDS_TO, NodeKind.CITY, NodeKind.PERSON)).toBe(
      'LENDS_TO joins LIBRARY → ORGANIZATION, UNIVERSITY, FACULTY, COMMISSION, PERSON, UNIT, LIBRARY; got CITY → PERSON',
    );
    expect(checkEnds(RelationType.PARTY_TO, LIBRARY, NodeKind.AGREEMENT)).toBeNull();
    expect(checkEnds(RelationType.CHAIRS, NodeKind.PERSON, LIBRARY)).toMatch(/^CHAIRS joins/);
  });

  it('are accepted by the import format', async () => {
    const { validateDataset } = await import('../../src/features/dataset/dataset-format');
    const file = {
      format: 'iecm-graph/1',
      sources: [{ id: 'doc', title: 'T', url: 'https://example.org/', statements: [{ n: 0, text: 'T' }] }],
      nodes: [
        { id: 'biblioteca', kind: 'LIBRARY', name: 'Biblioteca', sources: ['doc#0'] },
        { id: 'ana', kind: 'PERSON', name: 'Ana', sources: ['doc#0'] },
      ],
      relationships: [{ from: 'biblioteca', type: 'LENDS_TO', to: 'ana', sources: ['doc#0'] }],
    };
    expect(validateDataset(file).problems).toEqual([]);
  });

  it('are in the explorer’s and the workbench’s page configs', async () => {
    const { explorerConfig } = await import('../../src/explorer/page-config');
    const { curateConfig } = await import('../../src/curate/page-config');
    const explorer = explorerConfig('/graphql');
    expect(explorer.nodeKinds).toContain('LIBRARY');
    expect((explorer.kindStyles as Record<string, unknown>).LIBRARY).toEqual({
      label: 'Library',
      color: '#117733',
      shape: 'hexagon',
    });
    expect(explorer.relationTypes).toContain('LENDS_TO');
    expect((explorer.relationColors as Record<string, unknown>).LENDS_TO).toBe('#44AA99');
    expect((explorer.relationInfo as Record<string, { label: string }>).LENDS_TO?.label).toBe('lends to');
    const workbench = curateConfig();
    expect(workbench.nodeKinds).toContainEqual({ kind: 'LIBRARY', label: 'Library', labelEs: 'Biblioteca' });
    expect(workbench.relationTypes).toContainEqual(
      expect.objectContaining({ type: 'LENDS_TO', label: 'lends to', from: ['LIBRARY'] }),
    );
  });

  it('are in the generated docs', async () => {
    const { kindsTable, relationsTable } = await import('../../src/cli/docs-model');
    expect(kindsTable()).toMatch(/\| `LIBRARY` +\| `Library` +\| institution +\| Library +\| Biblioteca /);
    expect(relationsTable()).toMatch(/\| `LENDS_TO` +\| `LIBRARY` +\| .*`PERSON`.* \| lender → borrower /);
  });
});
