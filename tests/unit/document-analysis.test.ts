import {
  AGREEMENT_WITH,
  createAnalyzer,
  splitSentences,
  type KnownEntity,
  type SentenceAnalysis,
} from '../../src/features/documents/analysis';
import { NodeKind, RelationType } from '../../src/model/graph-model';
import {
  CATEGORIES,
  DOCUMENT_IDS,
  knownBefore,
  precision,
  readLabelledDocument,
  recall,
  scoreDocument,
  seedSentences,
  type Category,
  type Score,
} from '../support/analysis-evaluation';

const entity = (id: string, kind: NodeKind, name: string, ...aliases: string[]): KnownEntity => ({
  id,
  kind,
  name,
  aliases,
});

const KNOWN: KnownEntity[] = [
  entity('iecm', NodeKind.ORGANIZATION, 'Instituto Electoral de la Ciudad de México', 'IECM'),
  entity('ine', NodeKind.ORGANIZATION, 'Instituto Nacional Electoral', 'INE'),
  entity('ciudad-de-mexico', NodeKind.CITY, 'Ciudad de México', 'CDMX', 'capital'),
  entity('los-angeles', NodeKind.CITY, 'Los Ángeles', 'Los Angeles', 'LA'),
  entity('fgj-cdmx', NodeKind.ORGANIZATION, 'Fiscalía General de Justicia de la Ciudad de México', 'FGJ'),
  entity(
    'comision-vinculacion-organismos-externos',
    NodeKind.COMMISSION,
    'Comisión Provisional de Vinculación con Organismos Externos',
    'Comisión de Vinculación',
  ),
  entity('sonia-perez-perez', NodeKind.PERSON, 'Sonia Pérez Pérez'),
  entity('eventos-institucionales', NodeKind.EVENT, 'Eventos institucionales'),
];

/** Analyses `text` as one document and returns its only (or first) sentence. */
function analyseOne(text: string, known: KnownEntity[] = KNOWN): SentenceAnalysis {
  const [sentence] = createAnalyzer(known).analyze(text).sentences;
  if (!sentence) throw new Error(`no sentence in ${JSON.stringify(text)}`);
  return sentence;
}

const mentioned = (s: SentenceAnalysis): [string, string][] => s.mentions.map((m) => [m.text, m.nodeId]);
const proposed = (s: SentenceAnalysis): [string, NodeKind][] => s.candidates.map((c) => [c.name, c.kind]);
const related = (s: SentenceAnalysis): [string, string, string][] =>
  s.relations.map((r) => [r.type, r.source.nodeId ?? r.source.name, r.target.nodeId ?? r.target.name]);
const counted = (s: SentenceAnalysis): [number, string | null][] => s.quantities.map((q) => [q.value, q.about]);

describe('splitSentences', () => {
  it('keeps abbreviations and initials inside the sentence', () => {
    const text =
      'El Lic. Juan Pérez y la Dra. Ana Ruiz viajaron a Washington D.C. con el Ing. Gil. ' +
      'Luego visitaron EE. UU. y México. J. R. Soto firmó en la C.P. 06700.';
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      'El Lic. Juan Pérez y la Dra. Ana Ruiz viajaron a Washington D.C. con el Ing. Gil.',
      'Luego visitaron EE. UU. y México.',
      'J. R. Soto firmó en la C.P. 06700.',
    ]);
  });

  it('makes each line a sentence, so a headline without a full stop stands alone', () => {
    const text = 'IECM instala comisión\n\nEl IECM instaló una comisión. Fue ayer\nOtra línea.';
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual([
      'IECM instala comisión',
      'El IECM instaló una comisión.',
      'Fue ayer',
      'Otra línea.',
    ]);
    for (const s of sentences) expect(text.slice(s.start, s.start + s.text.length)).toBe(s.text);
  });

  it('ends a sentence at "etc." unless the next word is lower case', () => {
    expect(splitSentences('Firmó convenios, acuerdos, etc. Después habló.').length).toBe(2);
    expect(splitSentences('Firmó convenios, etc. y después habló.').length).toBe(1);
  });

  it('returns nothing for blank text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n\t\n ')).toEqual([]);
  });

  it.each(DOCUMENT_IDS.filter((id) => readLabelledDocument(id).text !== undefined))(
    'splits the body of %s into the labelled sentences',
    (id) => {
      const labelled = readLabelledDocument(id);
      expect(splitSentences(labelled.text ?? '').map((s) => s.text)).toEqual(labelled.sentences.map((s) => s.text));
    },
  );
});

describe('mentions', () => {
  it('ignore accents and case in names, and take the longest name', () => {
    const s = analyseOne(
      'La FISCALIA general de justicia de la ciudad de mexico y el Instituto Electoral de la Ciudad de México.',
    );
    expect(mentioned(s)).toEqual([
      ['FISCALIA general de justicia de la ciudad de mexico', 'fgj-cdmx'],
      ['Instituto Electoral de la Ciudad de México', 'iecm'],
    ]);
  });

  it('match acronyms only as written: "LA" the city, not the article "la"', () => {
    expect(mentioned(analyseOne('La gira llegó a LA y a la CDMX.'))).toEqual([
      ['LA', 'los-angeles'],
      ['CDMX', 'ciudad-de-mexico'],
    ]);
    expect(mentioned(analyseOne('la iecm y la ine no son acrónimos.'))).toEqual([]);
  });

  it('give offsets into the sentence, and the sentence its offset in the document', () => {
    const [, second] = createAnalyzer(KNOWN).analyze('Primero.\nSegundo con el INE.').sentences;
    expect(second?.start).toBe(9);
    expect(second?.mentions.map((m) => [m.start, m.end, second.text.slice(m.start, m.end)])).toEqual([[15, 18, 'INE']]);
  });

  it('take an acronym the document gives a known node as a name of that node', () => {
    const doc = createAnalyzer(KNOWN).analyze(
      'La Fiscalía General de Justicia de la Ciudad de México (FGJCDMX) firmó.\nDespués la FGJCDMX informó.',
    );
    expect(doc.sentences.map(mentioned)).toEqual([
      [
        ['Fiscalía General de Justicia de la Ciudad de México', 'fgj-cdmx'],
        ['FGJCDMX', 'fgj-cdmx'],
      ],
      [['FGJCDMX', 'fgj-cdmx']],
    ]);
  });

  it('find a person by first name and first surname', () => {
    expect(mentioned(analyseOne('La consejera Sonia Pérez presentó el informe.'))).toEqual([
      ['Sonia Pérez', 'sonia-perez-perez'],
    ]);
  });

  it('do not guess between two people who share a first name and surname', () => {
    const known = [...KNOWN, entity('sonia-perez-lopez', NodeKind.PERSON, 'Sonia Pérez López')];
    expect(mentioned(analyseOne('La consejera Sonia Pérez presentó el informe.', known))).toEqual([]);
  });

  it('read "el Instituto" and "la Comisión" as the body named earlier in the document', () => {
    const doc = createAnalyzer(KNOWN).analyze(
      'El IECM instaló la Comisión Provisional de Vinculación con Organismos Externos. El Instituto informó que la Comisión sesionará.',
    );
    expect(doc.sentences[1]?.mentions.map((m) => [m.text, m.nodeId])).toEqual([
      ['Instituto', 'iecm'],
      ['Comisión', 'comision-vinculacion-organismos-externos'],
    ]);
  });

  it('do not take a new commission for the known one whose name it starts with', () => {
    const doc = createAnalyzer(KNOWN).analyze(
      'IECM instala Comisión de Vinculación Institucional\n' +
        'El IECM instaló la Comisión Provisional de Vinculación Institucional (COVIN). La Comisión sesionó.',
    );
    const ids = doc.sentences.flatMap((s) => s.mentions.map((m) => m.nodeId));
    expect(ids).not.toContain('comision-vinculacion-organismos-externos');
    expect(doc.sentences[0]?.candidates.map((c) => [c.name, c.kind, c.aliases])).toEqual([
      [
        'Comisión Provisional de Vinculación Institucional',
        NodeKind.COMMISSION,
        ['Comisión de Vinculación Institucional', 'COVIN'],
      ],
    ]);
  });

  it('match descriptive names (events, groups) only when written as names', () => {
    expect(mentioned(analyseOne('Se realizaron 56 eventos institucionales.'))).toEqual([]);
    expect(mentioned(analyseOne('Eventos institucionales del año.'))).toEqual([
      ['Eventos institucionales', 'eventos-institucionales'],
    ]);
  });
});

describe('candidates', () => {
  it('are institution names, with the acronym given in parentheses as an alias', () => {
    const s = analyseOne(
      'La Universidad Autónoma de Querétaro firmó un convenio con la Secretaría de Educación Pública (SEP) y el Colegio de Bachilleres.',
      [],
    );
    expect(s.candidates.map((c) => [c.name, c.kind, c.aliases])).toEqual([
      ['Universidad Autónoma de Querétaro', NodeKind.UNIVERSITY, []],
      ['Secretaría de Educación Pública', NodeKind.ORGANIZATION, ['SEP']],
      ['Colegio de Bachilleres', NodeKind.ORGANIZATION, []],
    ]);
    for (const c of s.candidates) expect(s.text.slice(c.start, c.end)).toBe(c.name);
  });

  it('give units, faculties and commissions their kinds, and stop a name before its owner', () => {
    const s = analyseOne(
      'La Dirección Ejecutiva de Organización Electoral del INE, la Facultad de Derecho de la Universidad Panamericana y la Comisión de Igualdad de Género se reunieron.',
    );
    expect(proposed(s)).toEqual([
      ['Dirección Ejecutiva de Organización Electoral', NodeKind.UNIT],
      ['Facultad de Derecho', NodeKind.FACULTY],
      ['Universidad Panamericana', NodeKind.UNIVERSITY],
      ['Comisión de Igualdad de Género', NodeKind.COMMISSION],
    ]);
    expect(mentioned(s)).toEqual([['INE', 'ine']]);
  });

  it('are people after a title, one by one in a list', () => {
    const s = analyseOne(
      'Asistieron la magistrada Martha Leticia Mercado Ramírez y los consejeros Mario Velázquez Miranda y Ana de la Torre Gil, así como el Dr. Pedro Salazar.',
      [],
    );
    expect(proposed(s)).toEqual([
      ['Martha Leticia Mercado Ramírez', NodeKind.PERSON],
      ['Mario Velázquez Miranda', NodeKind.PERSON],
      ['Ana de la Torre Gil', NodeKind.PERSON],
      ['Pedro Salazar', NodeKind.PERSON],
    ]);
  });

  it('are cities and countries of the gazetteer, and "la ciudad de X"', () => {
    const s = analyseOne('La delegación viajó a Bogotá, Colombia, a Lima y a la ciudad de Tlaquepaque.', []);
    expect(proposed(s)).toEqual([
      ['Bogotá', NodeKind.CITY],
      ['Colombia', NodeKind.COUNTRY],
      ['Lima', NodeKind.CITY],
      ['Tlaquepaque', NodeKind.CITY],
    ]);
  });

  it('do not take a place out of a longer name', () => {
    expect(proposed(analyseOne('El Estado de México y el Instituto Electoral del Estado de México.', []))).toEqual([
      ['Instituto Electoral del Estado de México', NodeKind.ORGANIZATION],
    ]);
  });

  it('are not proposed for known names, nor for a bare head referring back', () => {
    const s = analyseOne('El Instituto Nacional Electoral y la Comisión sesionaron.');
    expect(s.candidates).toEqual([]);
    expect(mentioned(s)).toEqual([['Instituto Nacional Electoral', 'ine']]);
  });

  it('end a name at a place unless another place follows "en", and read "y de" inside a name', () => {
    const doc = createAnalyzer([]).analyze(
      'El Colegio de Notarios de la Ciudad de México para la Jornada Notarial visitó el Consulado de México en Chicago.\n' +
        'Firmó con el Instituto Electoral y de Participación Ciudadana de Jalisco (IEPC Jalisco). El IEPC Jalisco informó.',
    );
    expect(doc.sentences.map((s) => s.candidates.map((c) => [c.name, c.aliases]))).toEqual([
      [
        ['Colegio de Notarios de la Ciudad de México', []],
        ['Consulado de México en Chicago', []],
      ],
      [['Instituto Electoral y de Participación Ciudadana de Jalisco', ['IEPC Jalisco']]],
      [['Instituto Electoral y de Participación Ciudadana de Jalisco', ['IEPC Jalisco']]],
    ]);
  });

  it('take an acronym defined later in the document for the same entity', () => {
    const doc = createAnalyzer([]).analyze(
      'ITAM y SEP firman alianza\nEl Instituto Tecnológico Autónomo de México (ITAM) firmó con la SEP.',
    );
    expect(doc.sentences[0]?.candidates.map((c) => [c.name, c.kind])).toEqual([
      ['Instituto Tecnológico Autónomo de México', NodeKind.UNIVERSITY],
      ['SEP', NodeKind.ORGANIZATION],
    ]);
  });
});

describe('relations', () => {
  it('propose an agreement with each party listed after "convenio con"', () => {
    const s = analyseOne(
      'El Tribunal Electoral de Puebla firmó un convenio con la Universidad de las Américas Puebla y el Instituto Nacional Electoral (INE), que entrará en vigor en enero.',
    );
    expect(related(s)).toEqual([
      [AGREEMENT_WITH, 'Tribunal Electoral de Puebla', 'Universidad de las Américas Puebla'],
      [AGREEMENT_WITH, 'Tribunal Electoral de Puebla', 'ine'],
    ]);
    expect(s.relations[0]?.cue).toBe('convenio con');
  });

  it('take the document’s organization as the party when the sentence has none', () => {
    const doc = createAnalyzer(KNOWN).analyze(
      'El IECM informó de sus alianzas.\nTambién se suscribieron acuerdos con la Secretaría de Cultura.',
    );
    expect(doc.sentences[1]?.relations.map((r) => [r.type, r.source.nodeId, r.target.name])).toEqual([
      [AGREEMENT_WITH, 'iecm', 'Secretaría de Cultura'],
    ]);
  });

  it('propose agreements between the parties that sign together', () => {
    expect(
      related(analyseOne('El INE y la Universidad de Guadalajara (UdeG) signaron un convenio de colaboración.')),
    ).toEqual([[AGREEMENT_WITH, 'ine', 'Universidad de Guadalajara']]);
    expect(related(analyseOne('La FGJ y el INE firmaron un acuerdo con el Colegio de Bachilleres.'))).toEqual([
      [AGREEMENT_WITH, 'fgj-cdmx', 'Colegio de Bachilleres'],
      [AGREEMENT_WITH, 'ine', 'Colegio de Bachilleres'],
    ]);
  });

  it('read who took part in an event', () => {
    expect(
      related(
        analyseOne(
          'La Universidad Iberoamericana y el Colegio de México participaron en el Foro Internacional de Democracia.',
          [],
        ),
      ),
    ).toEqual([
      [RelationType.PARTICIPATED_IN, 'Universidad Iberoamericana', 'Foro Internacional de Democracia'],
      [RelationType.PARTICIPATED_IN, 'Colegio de México', 'Foro Internacional de Democracia'],
    ]);
  });

  it('read creation, parts and chairs of commissions', () => {
    expect(
      related(analyseOne('El Consejo General del INE aprobó la creación de la Comisión Temporal de Debates.')),
    ).toEqual([
      [RelationType.PART_OF, 'Consejo General', 'ine'],
      [RelationType.CREATED, 'Consejo General', 'Comisión Temporal de Debates'],
    ]);
    expect(
      related(
        analyseOne('La Comisión de Educación Cívica, presidida por la consejera María Pérez López, sesionó.', []),
      ),
    ).toEqual([[RelationType.CHAIRS, 'María Pérez López', 'Comisión de Educación Cívica']]);
  });

  it('read members listed after "integrada por"', () => {
    expect(
      related(
        analyseOne(
          'La Comisión de Fiscalización quedó integrada por los consejeros Juan Ruiz Soto y Pedro Gil Paz.',
          [],
        ),
      ),
    ).toEqual([
      [RelationType.MEMBER_OF, 'Juan Ruiz Soto', 'Comisión de Fiscalización'],
      [RelationType.MEMBER_OF, 'Pedro Gil Paz', 'Comisión de Fiscalización'],
    ]);
  });

  it('read installation and oversight', () => {
    expect(related(analyseOne('El INE instaló el Comité Técnico de Conteo Rápido.'))).toEqual([
      [RelationType.INSTALLED, 'ine', 'Comité Técnico de Conteo Rápido'],
    ]);
    expect(
      related(
        analyseOne('La Comisión de Archivos dará seguimiento a los trabajos de la Unidad Técnica de Archivo.', []),
      ),
    ).toEqual([[RelationType.OVERSEES, 'Comisión de Archivos', 'Unidad Técnica de Archivo']]);
  });

  it('read who organized an event and where it was held', () => {
    expect(related(analyseOne('La Secretaría de Cultura organizó un foro en la Universidad Veracruzana.', []))).toEqual(
      [
        [RelationType.ORGANIZED, 'Secretaría de Cultura', 'foro'],
        [RelationType.HELD_AT, 'foro', 'Universidad Veracruzana'],
      ],
    );
  });

  it('propose nothing without a cue', () => {
    expect(related(analyseOne('El INE y la Secretaría de Cultura publicaron sus informes.'))).toEqual([]);
  });
});

describe('quantities', () => {
  it.each<[string, [number, string | null][]]>([
    [
      'Se firmaron veintiún convenios y ciento veinticinco acuerdos con treinta y dos instituciones.',
      [
        [21, 'convenios'],
        [125, 'acuerdos'],
        [32, 'instituciones'],
      ],
    ],
    ['Asistieron dos mil personas el 5 de mayo de 2024 durante 3 días.', [[2000, 'personas']]],
    [
      'En 2025 se realizaron 1,500 capacitaciones y dieciséis mesas de trabajo.',
      [
        [1500, 'capacitaciones'],
        [16, 'mesas de trabajo'],
      ],
    ],
    [
      'El 45% de las casillas y 3 millones de pesos.',
      [
        [45, 'por ciento'],
        [3_000_000, 'pesos'],
      ],
    ],
    ['Uno de los foros, la Sexta Edición, el artículo 41 y el periodo 2023-2024 en los últimos 12 meses.', []],
    [
      'Los convenios suman 40: 25 con universidades y 15 internacionales.',
      [
        [40, 'convenios'],
        [25, 'convenios'],
        [15, 'convenios'],
      ],
    ],
    [
      'Se sumaron 12 y luego 3.',
      [
        [12, null],
        [3, null],
      ],
    ],
    [
      'Son 2 mil millones de pesos, 3 mil millones de pesos, 3.5 millones de pesos y un millón de votos.',
      [
        [2_000_000_000, 'pesos'],
        [1_000_000, 'votos'],
      ],
    ],
    [
      'Estos acuerdos incluyen 7 con alcaldías y 3 con universidades.',
      [
        [7, 'acuerdos'],
        [3, 'acuerdos'],
      ],
    ],
  ])('%s', (text, expected) => {
    expect(counted(analyseOne(text, []))).toEqual(expected);
  });

  it('give offsets into the sentence', () => {
    const s = analyseOne('Hubo siete giras.', []);
    expect(s.quantities.map((q) => [q.text, s.text.slice(q.start, q.end)])).toEqual([['siete', 'siete']]);
  });
});

describe('any input', () => {
  /** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
  function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
  }
  const PIECES = [
    'Instituto',
    'Comisión',
    'de la',
    'del',
    ' ',
    ' ',
    '\n',
    '\n\n',
    '.',
    ',',
    '(',
    ')',
    'IECM',
    'LA',
    'la',
    'con',
    'convenio',
    'firmó',
    '12',
    '2,000',
    'dos mil',
    'y',
    'Dr.',
    'D.C.',
    'EE. UU.',
    '%',
    ':',
    ';',
    'á',
    '\u0301',
    '\ud83d\ude00',
    '\ud800',
    '\u0000',
    'ﬁ',
    'İ',
    'presidida por',
    'integrada por',
    'consejera',
    'a través de',
    'Sonia Pérez',
    'ciudades de Estados Unidos:',
    'Chicago',
    'UNAM',
    'Facultad',
    '-',
    '/',
    'º',
    'veintiún',
    'un',
  ];

  it('never throws, and its offsets always point into the text', () => {
    const next = random(12);
    const analyzer = createAnalyzer(KNOWN);
    for (let run = 0; run < 300; run++) {
      const length = Math.floor(next() * 60);
      const text = Array.from({ length }, () =>
        next() < 0.8
          ? (PIECES[Math.floor(next() * PIECES.length)] ?? '')
          : String.fromCharCode(Math.floor(next() * 0xffff)),
      ).join(next() < 0.5 ? ' ' : '');
      const { sentences } = analyzer.analyze(text);
      for (const s of sentences) {
        expect(text.slice(s.start, s.start + s.text.length)).toBe(s.text);
        for (const m of s.mentions) expect(s.text.slice(m.start, m.end)).toBe(m.text);
        for (const q of s.quantities) expect(s.text.slice(q.start, q.end)).toBe(q.text);
        for (const c of s.candidates) expect(c.end).toBeLessThanOrEqual(s.text.length);
        for (const r of [...s.mentions, ...s.candidates, ...s.relations]) {
          expect(r.confidence).toBeGreaterThan(0);
          expect(r.confidence).toBeLessThanOrEqual(1);
        }
      }
    }
  });
});

/** Where the evaluation reads a document's sentences; to be pointed at the seed's statements once committed. */
/** A document's sentences come from the seed, where they are stored as statements. */
const documentSentences = seedSentences;

describe('evaluation on the labelled articles', () => {
  const GOALS: Partial<Record<Category, { precision?: number; recall: number }>> = {
    mentions: { recall: 0.95 },
    candidates: { recall: 0.9, precision: 0.8 },
    relations: { recall: 0.6 },
    quantities: { recall: 0.9, precision: 0.8 },
  };

  it('meets the precision and recall goals, each document analysed against the graph before it', () => {
    const zero = (): Score => ({ expected: 0, proposed: 0, matched: 0 });
    const totals: Record<Category, Score> = {
      mentions: zero(),
      candidates: zero(),
      relations: zero(),
      quantities: zero(),
    };
    const rows: string[] = [];
    const misses: string[] = [];
    const row = (label: string, category: Category, score: Score): string =>
      [
        label.padEnd(40),
        category.padEnd(10),
        ...[score.expected, score.proposed, score.matched].map((n) => String(n).padStart(8)),
        precision(score).toFixed(3).padStart(9),
        recall(score).toFixed(3).padStart(7),
      ].join(' ');
    for (const documentId of DOCUMENT_IDS) {
      const known = knownBefore(documentId);
      const sentences = documentSentences(documentId);
      const analysis = createAnalyzer(known).analyze(sentences.join('\n'));
      expect(analysis.sentences.map((s) => s.text)).toEqual(sentences);
      const scores = scoreDocument(readLabelledDocument(documentId), analysis, new Set(known.map((n) => n.id)), misses);
      for (const category of CATEGORIES) {
        rows.push(row(documentId, category, scores[category]));
        totals[category].expected += scores[category].expected;
        totals[category].proposed += scores[category].proposed;
        totals[category].matched += scores[category].matched;
      }
    }
    rows.push(...CATEGORIES.map((category) => row('all three', category, totals[category])));
    const header = `${'document'.padEnd(40)} ${'category'.padEnd(10)} expected proposed  matched precision  recall`;
    console.log([header, ...rows, '', `unpaired: ${misses.length === 0 ? 'none' : ''}`, ...misses].join('\n'));
    const shortfalls = CATEGORIES.flatMap((category) => {
      const score = totals[category];
      const goal = GOALS[category];
      if (!goal) return [];
      return [
        ...(recall(score) < goal.recall ? [`${category} recall ${recall(score).toFixed(3)} < ${goal.recall}`] : []),
        ...(goal.precision !== undefined && precision(score) < goal.precision
          ? [`${category} precision ${precision(score).toFixed(3)} < ${goal.precision}`]
          : []),
      ];
    });
    expect(shortfalls).toEqual([]);
  });
});
