import { buildReview, commitInput, parseArticle, ReviewError, type AnalyzedSentence } from '../../src/cli/review-files';

const article = parseArticle(
  'url: https://diario.example.org/a\ndate: 2026-03\n\nTítulo de prueba\n\nEl IECM y la UNAM firmaron un convenio. Lo firmó Ana Ruiz Gil.',
);

const sentence = (index: number, text: string, parts: Partial<AnalyzedSentence> = {}): AnalyzedSentence => ({
  index,
  text,
  mentions: [],
  candidates: [],
  relations: [],
  quantities: [],
  ...parts,
});

const analysed: AnalyzedSentence[] = [
  sentence(0, 'Título de prueba'),
  sentence(1, 'El IECM y la UNAM firmaron un convenio.', {
    mentions: [
      { text: 'IECM', confidence: 1, node: { id: 'iecm', kind: 'ORGANIZATION', name: 'IECM' } },
      { text: 'UNAM', confidence: 1, node: { id: 'unam', kind: 'UNIVERSITY', name: 'UNAM' } },
    ],
    relations: [
      {
        type: 'AGREEMENT_WITH',
        source: { nodeId: 'iecm', name: 'IECM' },
        target: { nodeId: 'unam', name: 'UNAM' },
        cue: 'firmaron un convenio',
        confidence: 0.9,
      },
    ],
  }),
  sentence(2, 'Lo firmó Ana Ruiz Gil.', {
    candidates: [{ name: 'Ana Ruiz Gil', kind: 'PERSON', aliases: [], confidence: 0.5 }],
    relations: [
      {
        type: 'PARTY_TO',
        source: { nodeId: null, name: 'Ana Ruiz Gil' },
        target: { nodeId: 'iecm', name: 'IECM' },
        cue: 'firmó',
        confidence: 0.4,
      },
    ],
  }),
];

describe('buildReview', () => {
  const review = buildReview('dir/nota-uno.txt', article, analysed);

  it('names the document after its file and keeps its header', () => {
    expect(review.document).toMatchObject({
      id: 'nota-uno',
      title: 'Título de prueba',
      url: 'https://diario.example.org/a',
      publishedAt: '2026-03',
    });
    expect(review.reviewed).toBe(false);
  });

  it('turns an agreement between two ends into an agreement node both are party to', () => {
    expect(review.nodes).toContainEqual(
      expect.objectContaining({ id: 'convenio-entre-iecm-y-unam', kind: 'AGREEMENT', accepted: true }),
    );
    expect(review.relationships.filter((r) => r.to === 'convenio-entre-iecm-y-unam').map((r) => r.from)).toEqual([
      'iecm',
      'unam',
    ]);
  });

  it('accepts by confidence', () => {
    expect(review.nodes.find((n) => n.id === 'ana-ruiz-gil')?.accepted).toBe(false);
    expect(review.relationships.find((r) => r.from === 'ana-ruiz-gil')?.accepted).toBe(false);
    expect(review.citations.map((c) => [c.nodeId, c.accepted])).toEqual([
      ['iecm', true],
      ['unam', true],
    ]);
  });
});

describe('commitInput', () => {
  it('sends the accepted items only', () => {
    const input = commitInput(buildReview('nota.txt', article, analysed));
    expect(input).toMatchObject({ id: 'nota', url: 'https://diario.example.org/a', publishedAt: '2026-03' });
    expect((input.nodes as { id: string }[]).map((n) => n.id)).toEqual(['convenio-entre-iecm-y-unam']);
    expect((input.relationships as { from: string }[]).map((r) => r.from)).toEqual(['iecm', 'unam']);
  });

  it('refuses an accepted relationship to a rejected node, naming it, instead of leaving it out', () => {
    const review = buildReview('nota.txt', article, analysed);
    const link = review.relationships.find((r) => r.from === 'ana-ruiz-gil');
    if (!link) throw new Error('no relationship from Ana Ruiz Gil');
    link.accepted = true;
    expect(() => commitInput(review)).toThrow(ReviewError);
    expect(() => commitInput(review)).toThrow(
      'relationship ana-ruiz-gil PARTY_TO iecm: "ana-ruiz-gil" is a rejected node',
    );
  });

  it('links a proposal to an existing node with sameAs, and its relationships go there', () => {
    const review = buildReview('nota.txt', article, analysed);
    const ana = review.nodes.find((n) => n.id === 'ana-ruiz-gil');
    const link = review.relationships.find((r) => r.from === 'ana-ruiz-gil');
    if (!ana || !link) throw new Error('no proposal for Ana Ruiz Gil');
    Object.assign(ana, { accepted: true, sameAs: 'ana-ruiz' });
    link.accepted = true;
    const input = commitInput(review);
    expect(input.nodes).toContainEqual(expect.objectContaining({ id: 'ana-ruiz-gil', sameAs: 'ana-ruiz' }));
    expect(input.relationships).toContainEqual(expect.objectContaining({ from: 'ana-ruiz', to: 'iecm' }));
  });

  it('needs a url', () => {
    const review = buildReview('nota.txt', parseArticle('Título\n\nCuerpo.'), analysed);
    expect(() => commitInput(review)).toThrow(/no url/);
  });
});
