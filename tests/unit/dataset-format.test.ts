import { DatasetValidator, packWhere, validateDataset } from '../../src/features/dataset/dataset-format';
import { readDatasetFile, seedFiles } from '../../src/features/dataset/seed';

const validFile = () => ({
  format: 'iecm-graph/1',
  sources: [
    {
      id: 'doc',
      title: 'Title',
      url: 'https://example.org/doc',
      publishedOn: '2024-09-25',
      statements: [
        { n: 0, text: 'Title' },
        { n: 1, text: 'A signed with B.' },
      ],
    },
  ],
  nodes: [
    { id: 'a', kind: 'ORGANIZATION', name: 'A', sources: ['doc#1'] },
    { id: 'b', kind: 'UNIVERSITY', name: 'B', aliases: ['Bee'], sources: ['doc#1'], properties: { founded: 1910 } },
  ],
  relationships: [
    { from: 'a', type: 'PART_OF', to: 'b', sources: ['doc#1'], periodStart: '2023-09', periodEnd: '2024' },
  ],
});

describe('validateDataset', () => {
  it('accepts a well-formed file', () => {
    expect(validateDataset(validFile()).problems).toEqual([]);
  });

  it('refuses a relationship joining kinds its type does not, naming the kinds it joins', () => {
    const file = validFile();
    file.nodes.push({ id: 'mexico', kind: 'CITY', name: 'México', sources: ['doc#1'] });
    file.relationships.push({ from: 'mexico', type: 'CHAIRS', to: 'a', sources: ['doc#1'] } as never);
    expect(validateDataset(file).problems).toEqual([
      {
        path: 'relationships[1].type',
        message: 'CHAIRS joins PERSON → COMMISSION, GROUP, UNIT; got CITY → ORGANIZATION',
      },
    ]);
    // An end the file does not define is checked with the kind the graph gives it.
    file.relationships[1] = { from: 'a', type: 'PARTY_TO', to: 'elsewhere', sources: ['doc#1'] } as never;
    const known = { nodeIds: new Set(['elsewhere']), nodeKinds: new Map([['elsewhere', 'PERSON' as never]]) };
    expect(validateDataset(file, known).problems.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/^PARTY_TO joins .* → AGREEMENT; got ORGANIZATION → PERSON$/),
    ]);
  });

  it('accepts the seed files', () => {
    expect(seedFiles().length).toBeGreaterThan(0);
    for (const file of seedFiles()) expect(() => readDatasetFile(file)).not.toThrow();
  });

  it('reports every bad record by position and field', () => {
    const file = validFile();
    file.sources[0]!.url = 'ftp://example.org';
    file.nodes.push(
      { id: 'Bad Id', kind: 'PLANET', name: '', sources: [] },
      {
        id: 'a',
        kind: 'CITY',
        name: 'Duplicate',
        sources: ['doc#9'],
      },
    );
    file.relationships.push(
      {
        from: 'a',
        type: 'LIKES',
        to: 'nowhere',
        sources: ['doc#1'],
        periodStart: '2024-13',
        periodEnd: '2024',
      },
      { from: 'a', type: 'PART_OF', to: 'b', sources: ['doc#1'], periodStart: '2024-09', periodEnd: '2023' },
    );
    const { dataset, problems } = validateDataset(file);
    expect(dataset).toBeUndefined();
    const paths = problems.map((problem) => problem.path);
    expect(paths).toEqual([
      'sources[0].url',
      'nodes[2].id',
      'nodes[2].kind',
      'nodes[2].name',
      'nodes[2].sources',
      'nodes[3].id',
      'nodes[3].sources[0]',
      'relationships[1].type',
      'relationships[1].periodStart',
      // References are settled once every record is read, so they come after the record's other problems.
      'relationships[1].to',
      'relationships[2].periodEnd',
    ]);
    expect(problems[4]!.message).toMatch(/no unsourced facts/);
    expect(problems[6]!.message).toMatch(/"doc#9" is not a statement/);
  });

  it('lets references point at ids the graph already holds', () => {
    const file = validFile();
    file.relationships.push({ from: 'a', type: 'PART_OF', to: 'unam', sources: ['older#3'] } as never);
    expect(validateDataset(file).problems).toHaveLength(2);
    const known = { nodeIds: new Set(['unam']), statementIds: new Set(['older#3']) };
    expect(validateDataset(file, known).problems).toEqual([]);
  });

  it('refuses properties the loader manages', () => {
    const file = validFile();
    file.nodes[0]!.properties = { sourceRefs: ['x'], 'bad key': 1, nested: { a: 1 } } as never;
    expect(validateDataset(file).problems.map((problem) => problem.path)).toEqual([
      'nodes[0].properties.sourceRefs',
      'nodes[0].properties.bad key',
      'nodes[0].properties.nested',
    ]);
  });
});

describe('DatasetValidator', () => {
  it('settles references to records that come later, from any file, and keeps what is still missing', () => {
    const validator = new DatasetValidator((where) => String(where));
    const { nodes, relationships, sources } = validFile();
    validator.relationship({ ...relationships[0], to: 'elsewhere' }, packWhere(0, 2));
    for (const [i, node] of nodes.entries()) validator.node(node, packWhere(1, i + 2));
    validator.source(sources[0], packWhere(1, 9));
    const summary = validator.finish();
    expect(validator.problems).toEqual([]);
    expect([...summary.missingNodes.keys()]).toEqual(['elsewhere']);
    expect(summary.missingStatements.size).toBe(0);
    expect(summary.defined.get('doc')).toEqual({ kind: 'SOURCE_DOCUMENT', where: packWhere(1, 9) });
  });

  it('lists at most maxProblems problems and counts the rest', () => {
    const validator = new DatasetValidator(String, {}, 3);
    for (let i = 0; i < 10; i += 1) validator.node({ id: 'Bad Id', kind: 'PLANET' }, packWhere(0, i));
    expect(validator.problems).toHaveLength(3);
    expect(validator.problemCount).toBeGreaterThanOrEqual(40);
  });
});
