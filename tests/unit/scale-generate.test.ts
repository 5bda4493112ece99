/** The scale benchmark's graph generator: deterministic, valid, exactly N relationships, shaped like the domain. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  generateScaleDataset,
  HUB_ID,
  planFor,
  writeScaleDataset,
  type ScaleOptions,
} from '../../bench/scale/generate';
import { validateDataset, type Dataset } from '../../src/features/dataset/dataset-format';
import { NodeKind, RelationType, relationshipId } from '../../src/model/graph-model';

const SMALL: ScaleOptions = { relationships: 20_000, seed: 42 };

describe('scale graph generator', () => {
  let dir: string;
  let dataset: Dataset;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'iecm-graph-scale-test-'));
    dataset = generateScaleDataset(SMALL);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const count = <T>(items: T[], keep: (item: T) => boolean): number => items.filter(keep).length;

  it('writes the same bytes for the same seed, a different graph for another, and the file is the in-memory graph', async () => {
    const first = await writeScaleDataset(path.join(dir, 'a.json'), SMALL);
    await writeScaleDataset(path.join(dir, 'b.json'), SMALL);
    await writeScaleDataset(path.join(dir, 'c.json'), { ...SMALL, seed: 43 });
    const [a, b, c] = ['a', 'b', 'c'].map((name) => readFileSync(path.join(dir, `${name}.json`), 'utf8'));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(first.bytes).toBe(Buffer.byteLength(a ?? ''));
    expect(JSON.parse(a ?? '')).toEqual(dataset);
    // One record per line, so the file can be read section by section without parsing it whole.
    expect((a ?? '').split('\n').length).toBeGreaterThan(dataset.nodes.length + dataset.relationships.length);
    expect(first.relationshipsByType[RelationType.PARTY_TO]).toBe(
      count(dataset.relationships, (r) => r.type === RelationType.PARTY_TO),
    );
  });

  it('is a valid dataset with exactly N distinct relationships, every fact citing a statement', () => {
    expect(validateDataset(dataset).problems).toEqual([]);
    expect(dataset.relationships).toHaveLength(20_000);
    expect(new Set(dataset.relationships.map(relationshipId)).size).toBe(20_000);
    expect(dataset.nodes.every((node) => node.sources.length > 0)).toBe(true);
    expect(dataset.relationships.every((relationship) => relationship.sources.length > 0)).toBe(true);
  });

  it('is shaped like the domain', () => {
    const kinds = new Set(dataset.nodes.map((node) => node.kind));
    expect([...kinds].sort()).toEqual(
      Object.values(NodeKind)
        .filter((kind) => kind !== NodeKind.SOURCE_DOCUMENT)
        .sort(),
    );
    const types = new Set(dataset.relationships.map((relationship) => relationship.type));
    expect(types).toEqual(new Set(Object.values(RelationType)));

    const kindOf = new Map(dataset.nodes.map((node) => [node.id, node.kind]));
    const agreements = dataset.nodes.filter((node) => node.kind === NodeKind.AGREEMENT);
    const parties = new Map<string, number>();
    for (const r of dataset.relationships) {
      if (r.type === RelationType.PARTY_TO) parties.set(r.to, (parties.get(r.to) ?? 0) + 1);
    }
    expect(agreements.every((a) => (parties.get(a.id) ?? 0) >= 2 && (parties.get(a.id) ?? 0) <= 4)).toBe(true);
    const hubAgreements = count(dataset.relationships, (r) => r.from === HUB_ID && r.type === RelationType.PARTY_TO);
    expect(hubAgreements / agreements.length).toBeGreaterThan(0.1);
    expect(hubAgreements / agreements.length).toBeLessThan(0.2);

    const facultyParents = dataset.relationships.filter(
      (r) => r.type === RelationType.PART_OF && kindOf.get(r.from) === NodeKind.FACULTY,
    );
    expect(facultyParents.every((r) => kindOf.get(r.to) === NodeKind.UNIVERSITY)).toBe(true);
    expect(facultyParents).toHaveLength(count(dataset.nodes, (node) => node.kind === NodeKind.FACULTY));
    expect(count(dataset.relationships, (r) => r.periodStart !== undefined)).toBeGreaterThan(1_000);
    // Many names share words: a search for "univ" finds hundreds of nodes.
    expect(count(dataset.nodes, (node) => node.name.includes('Universidad'))).toBeGreaterThan(200);
    // A few long documents that many facts cite.
    expect(Math.max(...dataset.sources.map((source) => source.statements.length))).toBeGreaterThanOrEqual(100);
  });

  it('scales its counts with N: 50,000 institutions and 20,000 agreements at 1,000,000', () => {
    const plan = planFor({ relationships: 1_000_000 });
    expect(plan.organizations + plan.universities + plan.faculties).toBe(50_000);
    expect(plan.agreements).toBe(20_000);
    expect(planFor({ relationships: 100_000 }).agreements).toBe(2_000);
    expect(() => planFor({ relationships: 0 })).toThrow(/positive integer/);
  });
});
