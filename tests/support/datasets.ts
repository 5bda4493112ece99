/** Dataset files the import and export tests share (the seed is loaded first). */

/** A second document adding a node and relationships to the seeded graph. */
export const EXTRA = {
  format: 'iecm-graph/1',
  sources: [
    {
      id: 'nota-ejemplo',
      title: 'Otra nota',
      url: 'https://example.org/otra',
      publishedOn: '2025',
      statements: [
        { n: 0, text: 'Otra nota' },
        { n: 1, text: 'El IECM y el INE realizaron un foro en la UNAM.' },
      ],
    },
  ],
  nodes: [
    {
      id: 'foro-iecm-ine-2025',
      kind: 'EVENT',
      name: 'Foro IECM-INE',
      aliases: ['Foro'],
      sources: ['nota-ejemplo#1'],
      properties: { eventType: 'FORUM', periodStart: '2025' },
    },
  ],
  relationships: [
    {
      from: 'iecm',
      type: 'ORGANIZED',
      to: 'foro-iecm-ine-2025',
      sources: ['nota-ejemplo#1'],
      periodStart: '2025',
      periodEnd: '2025',
    },
    {
      from: 'ine',
      type: 'ORGANIZED',
      to: 'foro-iecm-ine-2025',
      sources: ['nota-ejemplo#1'],
      periodStart: '2025',
      periodEnd: '2025',
    },
    {
      from: 'foro-iecm-ine-2025',
      type: 'HELD_AT',
      to: 'unam',
      sources: ['nota-ejemplo#1'],
      properties: { note: 'auditorio' },
    },
  ],
};

/** Values a spreadsheet would take for formulas, and stated counts the network formats must carry. */
export const TRICKY = {
  format: 'iecm-graph/1',
  sources: EXTRA.sources,
  nodes: [
    {
      id: 'foro-formulas',
      kind: 'EVENT',
      name: '=HYPERLINK("http://evil.example","clic")',
      aliases: ['+52 55', "'=ya escapado"],
      sources: ['nota-ejemplo#1'],
      properties: { eventType: '@SUM(A1)', balance: -5, periodStart: '2025-02' },
    },
  ],
  relationships: [
    {
      from: 'iecm',
      type: 'PARTICIPATED_IN',
      to: 'foro-formulas',
      sources: ['nota-ejemplo#1'],
      periodStart: '2025',
      properties: { participantCount: 120, note: '-dash' },
    },
  ],
};
