/**
 * The ways Spanish news states agreements, heads, members, parts, creations and dates, each on sentences
 * written for this test (invented institutions and people) in the patterns of real articles.
 */
import {
  AGREEMENT_WITH,
  createAnalyzer,
  type DocumentAnalysis,
  type KnownEntity,
} from '../../src/features/documents/analysis';
import { NodeKind, RelationType } from '../../src/model/graph-model';

const entity = (id: string, kind: NodeKind, name: string, ...aliases: string[]): KnownEntity => ({
  id,
  kind,
  name,
  aliases,
});

const KNOWN: KnownEntity[] = [
  entity('iecm', NodeKind.ORGANIZATION, 'Instituto Electoral de la Ciudad de México', 'IECM'),
  entity('ine', NodeKind.ORGANIZATION, 'Instituto Nacional Electoral', 'INE'),
  entity('consejo-general-iecm', NodeKind.UNIT, 'Consejo General del IECM', 'Consejo General'),
  entity('ciudad-de-mexico', NodeKind.CITY, 'Ciudad de México', 'CDMX'),
];

const analyse = (text: string, publishedAt?: string): DocumentAnalysis =>
  createAnalyzer(KNOWN).analyze(text, publishedAt ? { publishedAt } : undefined);

/** Every relation of the document as [type, source, target], ends by node id or name. */
const relations = (analysis: DocumentAnalysis): [string, string, string][] =>
  analysis.sentences.flatMap((s) =>
    s.relations.map((r): [string, string, string] => [
      r.type,
      r.source.nodeId ?? r.source.name,
      r.target.nodeId ?? r.target.name,
    ]),
  );
const related = (text: string): [string, string, string][] => relations(analyse(text));
const candidates = (analysis: DocumentAnalysis): string[] =>
  analysis.sentences.flatMap((s) => s.candidates.map((c) => c.name));

describe('agreements', () => {
  it('pairs the bodies that sign together, and the people who sign for them', () => {
    expect(
      related(
        'La Universidad de Tlacotalpan y el Ayuntamiento de Río Frío firmaron un convenio general de colaboración.',
      ),
    ).toEqual([[AGREEMENT_WITH, 'Universidad de Tlacotalpan', 'Ayuntamiento de Río Frío']]);
    expect(
      related(
        'La Universidad del Golfo (UNIGOL), la Politécnica de la Sierra (UPS) y la Agraria del Valle (UAV) signaron un acuerdo.',
      ),
    ).toEqual([
      [AGREEMENT_WITH, 'Universidad del Golfo', 'Politécnica de la Sierra'],
      [AGREEMENT_WITH, 'Universidad del Golfo', 'Agraria del Valle'],
      [AGREEMENT_WITH, 'Politécnica de la Sierra', 'Agraria del Valle'],
    ]);
    expect(
      related(
        'El rector de la Universidad de Tlacotalpan (UT), Aurelio Banda Ríos y la rectora de la Universidad del Golfo (UNIGOL), Inés Morán Quintero, renovaron un convenio de colaboración.',
      ),
    ).toEqual(
      expect.arrayContaining([
        [AGREEMENT_WITH, 'Universidad de Tlacotalpan', 'Universidad del Golfo'],
        [AGREEMENT_WITH, 'Aurelio Banda Ríos', 'Inés Morán Quintero'],
        [RelationType.CHAIRS, 'Aurelio Banda Ríos', 'Universidad de Tlacotalpan'],
        [RelationType.CHAIRS, 'Inés Morán Quintero', 'Universidad del Golfo'],
      ]),
    );
  });

  it('reads "celebraron un convenio" as signing, not "celebraron una reunión"', () => {
    expect(
      related('La Universidad del Golfo y la Cámara Minera del Norte celebraron un convenio de colaboración.'),
    ).toEqual([[AGREEMENT_WITH, 'Universidad del Golfo', 'Cámara Minera del Norte']]);
    const meeting = related('La Universidad del Golfo y la Cámara Minera del Norte celebraron una reunión de trabajo.');
    expect(meeting.filter(([type]) => type === AGREEMENT_WITH)).toEqual([]);
  });

  it('reads "convenio entre A y B", "fue firmado por" and "también fue firmado por"', () => {
    expect(
      related('Se firmó un convenio de colaboración entre el Instituto Estatal de Aguas y la Cámara Minera del Norte.'),
    ).toEqual([[AGREEMENT_WITH, 'Instituto Estatal de Aguas', 'Cámara Minera del Norte']]);
    const text = [
      'La Universidad de Tlacotalpan y el Colegio de Pilotos del Norte firmaron un convenio.',
      'El convenio también fue firmado por el Ayuntamiento de Río Frío.',
    ].join('\n');
    expect(related(text)).toEqual(
      expect.arrayContaining([
        [AGREEMENT_WITH, 'Ayuntamiento de Río Frío', 'Universidad de Tlacotalpan'],
        [AGREEMENT_WITH, 'Ayuntamiento de Río Frío', 'Colegio de Pilotos del Norte'],
      ]),
    );
  });

  it('pairs the people who sign for each side', () => {
    const found = related(
      'Firmaron el convenio, por la Universidad de Tlacotalpan, el rector Aurelio Banda Ríos y por el Ayuntamiento de Río Frío la alcaldesa Marisol Peña Ugalde.',
    );
    expect(found).toEqual(
      expect.arrayContaining([
        [AGREEMENT_WITH, 'Aurelio Banda Ríos', 'Marisol Peña Ugalde'],
        [RelationType.CHAIRS, 'Aurelio Banda Ríos', 'Universidad de Tlacotalpan'],
        [RelationType.CHAIRS, 'Marisol Peña Ugalde', 'Ayuntamiento de Río Frío'],
      ]),
    );
  });

  it('lets the council that authorizes an agreement stand for its institute', () => {
    const found = related(
      'El Consejo General del Instituto Electoral de Tierra Alta autorizó hoy suscribir convenios de colaboración con el INE y con la Cámara Minera del Norte.',
    );
    expect(found).toEqual(
      expect.arrayContaining([
        [AGREEMENT_WITH, 'Instituto Electoral de Tierra Alta', 'ine'],
        [AGREEMENT_WITH, 'Instituto Electoral de Tierra Alta', 'Cámara Minera del Norte'],
        [
          RelationType.PART_OF,
          'Consejo General del Instituto Electoral de Tierra Alta',
          'Instituto Electoral de Tierra Alta',
        ],
      ]),
    );
  });

  it('does not read an agreement from "vínculos de colaboración"', () => {
    expect(
      related('El Instituto Estatal de Aguas busca estrechar vínculos de colaboración con la Cámara Minera del Norte.'),
    ).toEqual([]);
  });

  it('takes an undefined acronym that abbreviates a body of the document as that body', () => {
    const analysis = analyse(
      ['Firma IEAT convenio con la Cámara Minera del Norte', 'El Instituto Electoral de Alta Tierra informó.'].join(
        '\n',
      ),
    );
    expect(relations(analysis)).toEqual([
      [AGREEMENT_WITH, 'Instituto Electoral de Alta Tierra', 'Cámara Minera del Norte'],
    ]);
    expect(candidates(analysis)).not.toContain('IEAT');
  });
});

describe('heads and members', () => {
  it('reads the head of a body named before or after the office', () => {
    expect(related('Leonel Cuevas Pardo, titular de la Secretaría de Obras del Estado, inauguró el curso.')).toEqual([
      [RelationType.CHAIRS, 'Leonel Cuevas Pardo', 'Secretaría de Obras del Estado'],
    ]);
    expect(
      related('La presidenta de la Comisión Estatal de Aguas (CEA), Rosa Inés Lugo, dijo que el acuerdo es útil.'),
    ).toEqual([[RelationType.CHAIRS, 'Rosa Inés Lugo', 'Comisión Estatal de Aguas']]);
  });

  it('reads "del organismo" and "el Consejero Presidente" as the institute the text is about', () => {
    const text = [
      'El Instituto Electoral de Tierra Alta firmó un convenio con la Cámara Minera del Norte.',
      'Lo firmó la licenciada Paula Ríos Vela, Consejera Presidenta del organismo.',
    ].join('\n');
    expect(related(text)).toContainEqual([
      RelationType.CHAIRS,
      'Paula Ríos Vela',
      'Instituto Electoral de Tierra Alta',
    ]);
  });

  it('reads members named in a list, known or not, and magistrates of a chamber', () => {
    expect(related('La Comisión de Cultura Cívica quedó integrada por Maira Luz Tello y Ramón Ibáñez Soto.')).toEqual([
      [RelationType.MEMBER_OF, 'Maira Luz Tello', 'Comisión de Cultura Cívica'],
      [RelationType.MEMBER_OF, 'Ramón Ibáñez Soto', 'Comisión de Cultura Cívica'],
    ]);
    expect(
      related(
        'Se aprobó la integración de la Comisión de Fiscalización así: Nora Elsa Gil Ochoa, como su presidenta; Blas Ruiz Dorado, integrante.',
      ),
    ).toEqual([
      [RelationType.CHAIRS, 'Nora Elsa Gil Ochoa', 'Comisión de Fiscalización'],
      [RelationType.MEMBER_OF, 'Blas Ruiz Dorado', 'Comisión de Fiscalización'],
    ]);
    expect(
      related('El magistrado de la Sala Regional del Tribunal Agrario (TA), Felipe de la Rosa Llano, habló.'),
    ).toEqual(
      expect.arrayContaining([
        [RelationType.MEMBER_OF, 'Felipe de la Rosa Llano', 'Sala Regional'],
        [RelationType.PART_OF, 'Sala Regional', 'Tribunal Agrario'],
      ]),
    );
  });

  it('reads a chair given after "presidida por la diputada del partido, X"', () => {
    expect(
      related(
        'La reunión será organizada por la Comisión de Hacienda, presidida por la diputada del Partido Azul, Dora Lira Chávez.',
      ),
    ).toEqual(
      expect.arrayContaining([
        [RelationType.CHAIRS, 'Dora Lira Chávez', 'Comisión de Hacienda'],
        [RelationType.ORGANIZED, 'Comisión de Hacienda', 'reunión'],
      ]),
    );
  });
});

describe('events, groups and places', () => {
  it('names an event by its quoted title and reads who launched it and the parts of the institute', () => {
    const text = [
      'El Instituto Electoral de Tierra Alta puso en marcha un ciclo de foros titulado “Votar también es cuidar”, para la ciudadanía.',
      'La iniciativa, organizada a través de las 12 Direcciones Regionales del organismo, durará un mes.',
    ].join('\n');
    expect(related(text)).toEqual([
      [RelationType.ORGANIZED, 'Instituto Electoral de Tierra Alta', 'Votar también es cuidar'],
      [RelationType.PART_OF, 'Direcciones Regionales', 'Instituto Electoral de Tierra Alta'],
    ]);
  });

  it('reads a co-organizer "en coordinación con" and the board a congress acts through', () => {
    expect(
      related('En el foro, realizado en coordinación con el Colegio de Pilotos del Norte, hubo 40 asistentes.'),
    ).toEqual([[RelationType.ORGANIZED, 'Colegio de Pilotos del Norte', 'foro']]);
    expect(related('El Congreso de Tierra Alta, a través de su Mesa Directiva, recibió la iniciativa.')).toEqual([
      [RelationType.PART_OF, 'Mesa Directiva', 'Congreso de Tierra Alta'],
    ]);
  });

  it('reads the municipalities of the state as one party, and a municipal president of a town', () => {
    expect(related('La Universidad del Golfo y 30 ayuntamientos del estado firmaron un convenio.')).toEqual([
      [AGREEMENT_WITH, 'Universidad del Golfo', 'ayuntamientos del estado'],
    ]);
    expect(related('El presidente municipal de Tlaxcoapan, Raúl Ortega Mejía, firmó.')).toEqual([
      [RelationType.CHAIRS, 'Raúl Ortega Mejía', 'Tlaxcoapan'],
    ]);
  });

  it('keeps the acronym that gives a headless name away, and proposes no body from "un Comité Técnico"', () => {
    const analysis = analyse(
      'La Politécnica de la Sierra (Upsi) firmó. El rector de la Upsi, Hugo Sanz Lara, habló de un Comité Técnico.',
    );
    expect(relations(analysis)).toContainEqual([RelationType.CHAIRS, 'Hugo Sanz Lara', 'Politécnica de la Sierra']);
    expect(candidates(analysis)).not.toContain('Comité Técnico');
  });
});

describe('witnesses and parties', () => {
  it('reads the witnesses of a signing and the party of a legislator', () => {
    expect(
      related(
        'La firma del convenio de colaboración fue realizada por el rector de la Universidad del Golfo, Dr. Aurelio Banda Ríos, y la alcaldesa de Río Frío, Marisol Peña Ugalde; fungiendo como testigos de honor el gobernador Tomás Lara Soto y la diputada del Azul, Dora Lira Chávez.',
      ),
    ).toEqual(
      expect.arrayContaining([
        [AGREEMENT_WITH, 'Aurelio Banda Ríos', 'Marisol Peña Ugalde'],
        [RelationType.PARTICIPATED_IN, 'Tomás Lara Soto', 'firma del convenio de colaboración'],
        [RelationType.PARTICIPATED_IN, 'Dora Lira Chávez', 'firma del convenio de colaboración'],
        [RelationType.MEMBER_OF, 'Dora Lira Chávez', 'Azul'],
      ]),
    );
  });
});

describe('the council of another institute', () => {
  it('is not the known Consejo General', () => {
    const [sentence] = analyse('El Consejo General del INE sesionó.').sentences;
    expect(sentence?.mentions.map((m) => m.nodeId)).toEqual(['ine']);
    expect(sentence?.candidates.map((c) => c.name)).toEqual(['Consejo General del INE']);
  });
});

describe('dates', () => {
  it('dates "hoy" and "este martes" from the dateline, else from the document', () => {
    const dated = analyse(
      [
        'Mérida, 9 de junio de 2023.- La Universidad del Golfo y la Cámara Minera del Norte firmaron hoy un convenio.',
        'Este martes la Universidad del Golfo y el INE firmaron otro convenio.',
      ].join('\n'),
      '2023-06-10',
    );
    expect(dated.sentences.map((s) => s.relations.map((r) => r.periodStart))).toEqual([['2023-06-09'], ['2023-06-06']]);
    const undated = analyse('La Universidad del Golfo y el INE firmaron hoy un convenio.', '2024-02-01');
    expect(undated.sentences[0]?.relations[0]?.periodStart).toBe('2024-02-01');
    expect(
      analyse('La Universidad del Golfo y el INE firmaron un convenio.').sentences[0]?.relations[0],
    ).not.toHaveProperty('periodStart');
  });
});

describe('quantities', () => {
  it('does not count ordinals, identifiers or list markers', () => {
    const counted = (text: string): number[] =>
      analyse(text).sentences.flatMap((s) => s.quantities.map((q) => q.value));
    expect(counted('Firmaron una segunda adenda, por 1ra vez, en la sesión No. 12.')).toEqual([]);
    expect(counted('1.\nSe capacitará a 40 personas en treinta días naturales.')).toEqual([40, 30]);
  });
});

describe('an article about the commissions an institute creates', () => {
  const ARTICLE = [
    'El Consejo General del IECM crea tres comisiones',
    'El Consejo General del Instituto Electoral de la Ciudad de México (IECM) aprobó este jueves la creación de las comisiones de Educación Cívica, de Igualdad de Género y de Archivo Histórico.',
    'La Comisión de Educación Cívica será presidida por la consejera Marta Elena Soler Quiroga e integrada por Rubén Darío Olmos Vega y Lidia Paz Arriaga.',
    'La consejera Irene Campos Ledesma, presidenta de la Comisión de Igualdad de Género, dijo que el Instituto Electoral trabajará con otras instituciones.',
    'La Comisión de Archivo Histórico quedó integrada por Tomás Ibarra Lugo, Nadia Ferrer Salas y Julio César Medina Rey.',
    'El organismo buscará fortalecer los vínculos de colaboración con universidades y organizaciones civiles.',
    'El Consejo General sesionará de nuevo la próxima semana.',
  ].join('\n');

  it('reads the creation, the chairs and the members, with the existing nodes as mentions', () => {
    const analysis = analyse(ARTICLE, '2026-03-05');
    const found = relations(analysis);
    for (const commission of [
      'Comisión de Educación Cívica',
      'Comisión de Igualdad de Género',
      'Comisión de Archivo Histórico',
    ])
      expect(found).toContainEqual([RelationType.CREATED, 'consejo-general-iecm', commission]);
    expect(found).toEqual(
      expect.arrayContaining([
        [RelationType.CHAIRS, 'Marta Elena Soler Quiroga', 'Comisión de Educación Cívica'],
        [RelationType.MEMBER_OF, 'Rubén Darío Olmos Vega', 'Comisión de Educación Cívica'],
        [RelationType.MEMBER_OF, 'Lidia Paz Arriaga', 'Comisión de Educación Cívica'],
        [RelationType.CHAIRS, 'Irene Campos Ledesma', 'Comisión de Igualdad de Género'],
        [RelationType.MEMBER_OF, 'Tomás Ibarra Lugo', 'Comisión de Archivo Histórico'],
        [RelationType.MEMBER_OF, 'Nadia Ferrer Salas', 'Comisión de Archivo Histórico'],
        [RelationType.MEMBER_OF, 'Julio César Medina Rey', 'Comisión de Archivo Histórico'],
      ]),
    );
    expect(found.filter(([type]) => type === AGREEMENT_WITH)).toEqual([]);
    // Existing nodes are mentions, never new candidates.
    const names = candidates(analysis);
    expect(names.filter((name) => /Consejo General|Instituto Electoral/.test(name))).toEqual([]);
    const mentioned = analysis.sentences.flatMap((s) => s.mentions.map((m) => m.nodeId));
    expect(new Set(mentioned)).toEqual(new Set(['consejo-general-iecm', 'iecm']));
    expect(analysis.sentences[3]?.mentions.map((m) => [m.text, m.nodeId])).toEqual([['Instituto Electoral', 'iecm']]);
  });
});

describe('events named once and referred back to', () => {
  const text = [
    'La Universidad de Tlacotalpan llevó a cabo el Encuentro Estatal de Jóvenes Electores, en coordinación con el Ayuntamiento de Río Frío.',
    'El encuentro contó con la participación de la Red de Observadores del Golfo y del Colegio de Abogados de Tlacotalpan.',
  ].join('\n\n');
  it('reads "llevó a cabo" as organizing, and "el encuentro" as the event named before', () => {
    const found = related(text);
    expect(found).toEqual(
      expect.arrayContaining([
        [RelationType.ORGANIZED, 'Universidad de Tlacotalpan', 'Encuentro Estatal de Jóvenes Electores'],
        [RelationType.ORGANIZED, 'Ayuntamiento de Río Frío', 'Encuentro Estatal de Jóvenes Electores'],
        [RelationType.PARTICIPATED_IN, 'Red de Observadores del Golfo', 'Encuentro Estatal de Jóvenes Electores'],
        [RelationType.PARTICIPATED_IN, 'Colegio de Abogados de Tlacotalpan', 'Encuentro Estatal de Jóvenes Electores'],
      ]),
    );
    expect(found.filter(([, , target]) => target === 'encuentro')).toEqual([]);
  });
});

describe('members of an unnamed body', () => {
  it('does not seat the members of "una comisión especial" on the body named before it', () => {
    const found = related(
      'La Mesa Directiva del Congreso de Tlacotalpan anunció que el proyecto será revisado por una comisión especial integrada por las diputadas Irma Zavala Ponce y Rosa Lemus Tirado.',
    );
    expect(found.filter(([type]) => type === String(RelationType.MEMBER_OF))).toEqual([]);
  });
});

describe('mayors', () => {
  it('reads "la alcaldesa de P, X" as X heading the municipality', () => {
    expect(related('La alcaldesa de Puebla, Laura Benítez Ochoa, inauguró la feria.')).toEqual(
      expect.arrayContaining([[RelationType.CHAIRS, 'Laura Benítez Ochoa', 'Puebla']]),
    );
  });
});
