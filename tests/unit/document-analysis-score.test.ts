import {
  parseCorpusFile,
  same,
  scoreArticle,
  type CorpusLabels,
  type ScoredSentence,
} from '../../bench/analysis-score';

describe('corpus scoring (port of the reference scorer)', () => {
  it('matches names folded, contained (5+ characters) or overlapping by 60% of their words', () => {
    expect(same('Comisión Estatal de Aguas', 'comision estatal de aguas')).toBe(true);
    expect(same('Colegio de Pilotos del Norte', 'Colegio de Pilotos')).toBe(true);
    expect(same('Junta de Riego de Tula', 'Junta de Riego Tula Norte')).toBe(true);
    expect(same('Junta de Riego', 'Colegio de Pilotos')).toBe(false);
    expect(same('CEA', 'CEAS')).toBe(false);
  });

  const labels: CorpusLabels = {
    organizations: ['Colegio de Pilotos del Norte', 'Junta de Riego de Tula'],
    acronyms: { CPN: 'Colegio de Pilotos del Norte' },
    people: [{ name: 'Rosa Inés Lugo', role: 'directora', of: 'Colegio de Pilotos del Norte' }],
    places: ['Tula'],
    relations: [
      { type: 'SIGNED_AGREEMENT', a: 'Colegio de Pilotos del Norte', b: 'Junta de Riego de Tula' },
      { type: 'CHAIRS', a: 'Rosa Inés Lugo', b: 'Colegio de Pilotos del Norte' },
    ],
    quantities: [{ value: 12, text: 'doce', what: 'pilotos' }],
  };
  const sentence = (over: Partial<ScoredSentence>): ScoredSentence => ({
    mentions: [],
    candidates: [],
    relations: [],
    quantities: [],
    ...over,
  });

  it('counts entities, typed relations (by acronym and by party pairs) and quantities by value', () => {
    const row = scoreArticle('a.txt', labels, [
      sentence({
        mentions: [{ text: 'CPN', node: { id: 'cpn', name: 'CPN', aliases: [] } }],
        candidates: [{ name: 'Junta de Riego de Tula' }, { name: 'Cámara Minera' }],
        relations: [
          { type: 'PARTY_TO', source: { name: 'CPN' }, target: { name: 'Convenio' } },
          { type: 'PARTY_TO', source: { name: 'Junta de Riego de Tula' }, target: { name: 'Convenio' } },
          { type: 'MEMBER_OF', source: { name: 'Rosa Inés Lugo' }, target: { name: 'CPN' } },
        ],
        quantities: [{ value: 12 }, { value: 3 }],
      }),
    ]);
    expect(row.entities).toMatchObject({ want: 3, found: 2, proposed: 3, right: 2, missing: ['Rosa Inés Lugo'] });
    expect(row.entities.wrong).toEqual(['Cámara Minera']);
    // the agreement through two PARTY_TO of one node; the chair found with the wrong type: untyped only
    expect(row.relations).toMatchObject({ want: 2, typed: 1, untyped: 1, proposed: 3, right: 3 });
    expect(row.relations.missed).toEqual([
      'CHAIRS Rosa Inés Lugo → Colegio de Pilotos del Norte (proposed as MEMBER_OF)',
    ]);
    expect(row.quantities).toMatchObject({ want: 1, found: 1, proposed: 2, right: 1, wrong: [3] });
  });

  it('reads the corpus file format', () => {
    const doc = parseCorpusFile('source: X\nurl: https://x.mx/a\ndate: 2024-02-03\n\nTítulo\n\nUno.\n\nDos.\n');
    expect(doc).toEqual({
      title: 'Título',
      url: 'https://x.mx/a',
      publisher: 'X',
      publishedAt: '2024-02-03',
      text: 'Uno.\n\nDos.',
    });
    expect(parseCorpusFile('source: X\nurl: u\ndate: unknown\n\nT\n\nB').publishedAt).toBeNull();
  });
});
