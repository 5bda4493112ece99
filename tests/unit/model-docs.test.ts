/** The docs' data-model tables are the graph model's (npm run docs:model writes them). */
import { readFileSync } from 'node:fs';
import {
  endMarker,
  kindsTable,
  MODEL_DOC_FILES,
  relationsTable,
  staleModelDocs,
  startMarker,
  withModelTables,
} from '../../src/cli/docs-model';

describe('the data-model tables of the docs', () => {
  it('are up to date in README.md and docs/data-model.md (run `npm run docs:model` after changing the model)', () => {
    for (const file of MODEL_DOC_FILES) {
      const text = readFileSync(file, 'utf8');
      expect(text).toContain(startMarker('kinds'));
      expect(text).toContain(startMarker('relations'));
    }
    expect(staleModelDocs()).toEqual([]);
  });

  it('replaces only what lies between the markers, in any file, and is stable', () => {
    const text = `# Title\n\nbefore\n\n${startMarker('kinds')}\nold table\n${endMarker('kinds')}\n\nafter\n`;
    const once = withModelTables(text);
    expect(once.startsWith('# Title\n\nbefore\n\n')).toBe(true);
    expect(once.endsWith(`${endMarker('kinds')}\n\nafter\n`)).toBe(true);
    expect(once).not.toContain('old table');
    expect(once).toContain(kindsTable());
    expect(once).not.toContain(relationsTable());
    expect(withModelTables(once)).toBe(once);
  });

  it('lists every kind and relationship type with its ends', () => {
    expect(kindsTable()).toMatch(/\| `UNIVERSITY` +\| `University` +\| institution +\| University +\| Universidad /);
    expect(relationsTable()).toMatch(/\| `CHAIRS` +\| `PERSON` +\| `COMMISSION`, `GROUP`, `UNIT` +\| chair → body /);
  });
});
