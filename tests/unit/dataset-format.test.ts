import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GraphQLError } from 'graphql';
import { DatasetValidator, packWhere, validateDataset } from '../../src/features/dataset/dataset-format';
import type { FileRecord } from '../../src/features/dataset/dataset-reader';
import { EXPORT_FILES, GEXF_1_3_FILE } from '../../src/features/dataset/export';
import {
  IMPORT_FORMAT_NAMES,
  IMPORT_FORMATS,
  importFormatOf,
  readImportFile,
  type ImportFormat,
} from '../../src/features/dataset/import-formats';
import { readSeedFile, seedFiles } from '../../src/features/dataset/seed';

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

  it('accepts the seed files', async () => {
    expect(seedFiles().length).toBeGreaterThan(0);
    for (const file of seedFiles()) await expect(readSeedFile(file)).resolves.toMatchObject({ format: 'iecm-graph/1' });
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

describe('text checks of imported records (issue 20: the same as the GraphQL inputs)', () => {
  const HOSTILE: Record<string, string> = {
    NUL: 'Alpha\u0000Beta',
    escape: 'Alpha\u001bBeta',
    'C1 control': 'Alpha\u0085',
    'right-to-left override': 'Alpha\u202eateB',
    isolate: 'Alpha\u2066Beta\u2069',
    'zero-width only': '\u200b\u200c\u200d',
    blank: '   \t ',
    'lone high surrogate': 'Alpha\ud800',
    'lone low surrogate': '\udc00Beta',
  };

  it.each(Object.entries(HOSTILE))('refuses a name with %s, naming the record and field', (_, name) => {
    const file = validFile();
    file.nodes[1]!.name = name;
    const { dataset, problems } = validateDataset(file);
    expect(dataset).toBeUndefined();
    expect(problems).toEqual([{ path: 'nodes[1].name', message: expect.stringMatching(/^(holds|is blank|must be)/) }]);
  });

  it('checks every text field: titles, aliases, statements, document fields, URLs and string properties', () => {
    const file = validFile();
    const source = file.sources[0] as Record<string, unknown> & { statements: { n: number; text: string }[] };
    source.title = 'T\u202eitle';
    source.author = '\u200b';
    source.url = 'https://example.org/\u0000';
    source.statements[1]!.text = 'A signed\u0007 with B.';
    file.nodes[1]!.aliases = ['Bee', 'B\udfffee'];
    file.nodes[0]!.properties = { note: 'ok\u202d', tags: ['fine', 'x\u0000'], count: 3 } as never;
    Object.assign(file.relationships[0]!, { properties: { remark: '\u2067' } });
    const { problems } = validateDataset(file);
    expect(problems.map((problem) => problem.path)).toEqual([
      'sources[0].title',
      'sources[0].url',
      'sources[0].author',
      'sources[0].statements[1].text',
      'nodes[0].properties.note',
      'nodes[0].properties.tags[1]',
      'nodes[1].aliases[1]',
      'relationships[0].properties.remark',
    ]);
    expect(problems[0]!.message).toBe('holds a bidirectional control character (U+202E)');
    expect(problems[2]!.message).toBe('is blank (empty, spaces or zero-width characters only)');
    expect(problems[6]!.message).toMatch(/lone surrogate/);
  });

  it('stores text in NFC, names trimmed, as the GraphQL inputs do', () => {
    const file = validFile();
    const decomposed = 'Fiscali\u0301a Cafe\u0301';
    file.sources[0]!.title = ` ${decomposed} `;
    file.sources[0]!.statements[1]!.text = `${decomposed} firmó.`;
    file.nodes[1]!.name = `  ${decomposed}`;
    file.nodes[1]!.aliases = [`${decomposed} `];
    file.nodes[1]!.properties = { founded: 1910, motto: decomposed } as never;
    const { dataset, problems } = validateDataset(file);
    expect(problems).toEqual([]);
    const nfc = decomposed.normalize('NFC');
    expect(nfc).not.toBe(decomposed);
    expect(dataset?.sources[0]?.title).toBe(nfc);
    expect(dataset?.sources[0]?.statements[1]?.text).toBe(`${nfc} firmó.`);
    expect(dataset?.nodes[1]).toMatchObject({ name: nfc, aliases: [nfc], properties: { founded: 1910, motto: nfc } });
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

describe('the import formats (IMPORT_FORMATS)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'iecm-formats-'));
  const write = (name: string, content: string): string => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  };
  const read = async (file: string, format: ImportFormat) => {
    const records: FileRecord[] = [];
    const summary = await readImportFile(file, format, async (batch) => {
      records.push(...batch);
    });
    return { records, issues: summary.issues };
  };

  it('names the format of a file by its extension, in any case, or by the format given', () => {
    expect(importFormatOf('/data/graph.json')).toBe('json');
    expect(importFormatOf('NODES.CSV')).toBe('csv');
    expect(importFormatOf('graph.GraphML')).toBe('graphml');
    expect(importFormatOf('graph-1.3.gexf')).toBe('gexf');
    expect(importFormatOf('export.xml', 'GEXF')).toBe('gexf');
    expect(importFormatOf('graph.json', 'csv')).toBe('csv');
  });

  it('refuses an unknown extension or format with BAD_USER_INPUT, listing the known formats', () => {
    for (const [file, format] of [
      ['graph.xml', undefined],
      ['notes', undefined],
      ['graph.json', 'yaml'],
    ] as const) {
      let thrown: unknown;
      try {
        importFormatOf(file, format);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(GraphQLError);
      const error = thrown as GraphQLError;
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', knownFormats: [...IMPORT_FORMAT_NAMES] });
      expect(error.message).toContain('known formats: json (.json), csv (.csv), graphml (.graphml), gexf (.gexf)');
    }
    expect(() => importFormatOf('graph.xml')).toThrow(/graph\.xml: the extension "\.xml" names no import format/);
    expect(() => importFormatOf('notes')).toThrow(/a name without an extension/);
    expect(() => importFormatOf('x.json', 'yaml')).toThrow(/"yaml" is not an import format/);
  });

  it('reads back every file an export writes, by its name, as the media type the export serves', () => {
    const exported = [...EXPORT_FILES.entries(), [GEXF_1_3_FILE, { contentType: 'application/gexf+xml' }] as const];
    for (const [name, file] of exported) {
      expect(IMPORT_FORMATS[importFormatOf(name)].mediaTypes).toContain(file.contentType);
    }
    const extensions = IMPORT_FORMAT_NAMES.flatMap((name) => IMPORT_FORMATS[name].extensions);
    expect(new Set(extensions).size).toBe(extensions.length);
  });

  it('reads GraphML into dataset records: documents with statements, typed properties, lists, lines', async () => {
    const file = write(
      'small.graphml',
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
        '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
        '  <key id="kind" for="node" attr.name="kind" attr.type="string"/>',
        '  <key id="sources" for="node" attr.name="sources" attr.type="string"/>',
        '  <key id="url" for="node" attr.name="url" attr.type="string"/>',
        '  <key id="statements" for="node" attr.name="statements" attr.type="string"/>',
        '  <key id="n_founded" for="node" attr.name="founded" attr.type="long"/>',
        '  <key id="n_countSources" for="node" attr.name="countSources" attr.type="string"/>',
        '  <key id="etype" for="edge" attr.name="type" attr.type="string"/>',
        '  <key id="esources" for="edge" attr.name="sources" attr.type="string"/>',
        '  <key id="e_type" for="edge" attr.name="type" attr.type="boolean"/>',
        '  <graph edgedefault="directed">',
        '    <node id="doc"><data key="label">Title</data><data key="kind">SOURCE_DOCUMENT</data>' +
          '<data key="url">https://example.org/doc</data>' +
          '<data key="statements">[{"n":0,"text":"A &amp; B"}]</data></node>',
        '    <node id="a"><data key="label">A</data><data key="kind">ORGANIZATION</data>' +
          '<data key="sources">doc#0</data><data key="url">not a document field here</data>' +
          '<data key="n_founded">1910</data><data key="n_countSources">doc#0 | doc#1</data></node>',
        '    <edge source="a" target="a"><data key="etype">LOCATED_IN</data><data key="esources">doc#0</data>' +
          '<data key="e_type">true</data></edge>',
        '  </graph>',
        '</graphml>',
      ].join('\n'),
    );
    const { records, issues } = await read(file, 'graphml');
    expect(issues).toEqual([]);
    expect(records).toEqual([
      {
        section: 'sources',
        line: 14,
        raw: { id: 'doc', title: 'Title', url: 'https://example.org/doc', statements: [{ n: 0, text: 'A & B' }] },
      },
      {
        section: 'nodes',
        line: 15,
        raw: {
          id: 'a',
          kind: 'ORGANIZATION',
          name: 'A',
          aliases: [],
          sources: ['doc#0'],
          properties: { url: 'not a document field here', founded: 1910, countSources: ['doc#0', 'doc#1'] },
        },
      },
      {
        section: 'relationships',
        line: 16,
        raw: {
          from: 'a',
          type: 'LOCATED_IN',
          to: 'a',
          periodStart: undefined,
          periodEnd: undefined,
          sources: ['doc#0'],
          properties: { type: true },
        },
      },
    ]);
  });

  it('reads GEXF saved again by another tool (attribute ids of its own, titles kept)', async () => {
    const file = write(
      'resaved.gexf',
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph defaultedgetype="directed">',
        '<attributes class="node"><attribute id="0" title="kind" type="string"/>',
        '<attribute id="1" title="sources" type="string"/><attribute id="2" title="eventCount" type="integer"/>',
        '</attributes><attributes class="edge"><attribute id="0" title="type" type="string"/>',
        '<attribute id="1" title="sources" type="string"/><attribute id="2" title="weight" type="double"/></attributes>',
        '<nodes><node id="a" label="A"><attvalues><attvalue for="0" value="EVENT"/><attvalue for="1" value="d#1 d#2"/>',
        '<attvalue for="2" value="3"/></attvalues></node></nodes>',
        '<edges><edge id="0" source="a" target="a" label="ignored"><attvalues><attvalue for="0" value="ORGANIZED"/>',
        '<attvalue for="1" value="d#1"/><attvalue for="2" value="0.5"/></attvalues></edge></edges>',
        '</graph></gexf>',
      ].join('\n'),
    );
    const { records, issues } = await read(file, 'gexf');
    expect(issues).toEqual([]);
    expect(records.map((record) => record.raw)).toEqual([
      { id: 'a', kind: 'EVENT', name: 'A', aliases: [], sources: ['d#1', 'd#2'], properties: { eventCount: 3 } },
      {
        from: 'a',
        type: 'ORGANIZED',
        to: 'a',
        periodStart: undefined,
        periodEnd: undefined,
        sources: ['d#1'],
        properties: { weight: 0.5 },
      },
    ]);
  });

  it('reports malformed XML and a document of the other format by line', async () => {
    const broken = await read(write('broken.gexf', '<?xml version="1.0"?>\n<gexf>\n  <nodes>\n</gexf>\n'), 'gexf');
    expect(broken.issues).toEqual([
      expect.objectContaining({ line: 4, message: expect.stringMatching(/^is not valid GEXF: /) }),
    ]);
    const other = await read(write('other.gexf', '<?xml version="1.0"?>\n<graphml/>\n'), 'gexf');
    expect(other.issues).toEqual([
      { line: 2, field: '', message: 'is not valid GEXF: the root element is <graphml>, not <gexf>' },
    ]);
    const missing = await read(path.join(dir, 'missing.gexf'), 'gexf');
    expect(missing.issues[0]?.message).toMatch(/^cannot be read: .*ENOENT/);
  });
});
