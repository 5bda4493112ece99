/**
 * The GEXF export read by the readers people use: graphology (JavaScript) and NetworkX — Debian's python3-networkx
 * (2.8.8 on bookworm), which knows GEXF 1.1draft and 1.2draft only. CI installs it (.ci/run); without it this test
 * fails and says how to install it.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { readGraphCounts } from '../../src/features/dataset/dataset.repository';
import { exportText } from '../../src/features/dataset/export';
import { resetAndSeed } from '../support/graph';
import { startTestServer, type TestServer } from '../support/test-server';

const run = promisify(execFile);
/** Debian's interpreter (with python3-networkx) where it exists, else the first python3 on the PATH. */
const PYTHON = process.env.TEST_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
const READ_GEXF = path.join(__dirname, '..', 'support', 'read_gexf.py');

interface NetworkxView {
  networkx: string;
  nodes: number;
  edges: number;
  iecm: { label: string; kind: string };
  edgeTypes: Record<string, number>;
}

let api: TestServer;
let dir: string;
beforeAll(async () => {
  api = await startTestServer();
  await resetAndSeed(api.db);
  dir = mkdtempSync(path.join(os.tmpdir(), 'iecm-gexf-'));
});
afterAll(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

async function networkx(file: string): Promise<NetworkxView> {
  try {
    await run(PYTHON, ['-c', 'import networkx']);
  } catch (error) {
    throw new Error(
      `${PYTHON} cannot import networkx: install Debian's python3-networkx (apt-get install -y python3-networkx; ` +
        `.ci/run does) or set TEST_PYTHON to an interpreter that has it.\n${String(error)}`,
    );
  }
  const { stdout } = await run(PYTHON, [READ_GEXF, file]);
  return JSON.parse(stdout) as NetworkxView;
}

const major = (version: string): [number, number] => {
  const [a = 0, b = 0] = version.split('.').map(Number);
  return [a, b];
};

describe('the GEXF export', () => {
  it('is GEXF 1.2draft by default, and graphology and NetworkX read the same graph from it', async () => {
    const gexf = await exportText(api.db, 'graph.gexf');
    expect(gexf).toContain('xmlns="http://www.gexf.net/1.2draft"');
    expect(gexf).toContain('version="1.2"');
    const counts = await readGraphCounts(api.db);

    const graph = parseGexf(Graph, gexf);
    expect(graph.order).toBe(counts.nodes);
    expect(graph.size).toBe(counts.relationships);

    const file = path.join(dir, 'graph.gexf');
    writeFileSync(file, gexf);
    const view = await networkx(file);
    expect(view).toMatchObject({
      nodes: counts.nodes,
      edges: counts.relationships,
      iecm: { label: 'Instituto Electoral de la Ciudad de México', kind: 'ORGANIZATION' },
      edgeTypes: counts.relationshipsByType,
    });
  });

  it('is GEXF 1.3 on request (?version=1.3), which graphology reads and NetworkX reads from 3.6 on', async () => {
    const response = await fetch(`${api.url}/export/graph.gexf?version=1.3`);
    expect(response.status).toBe(200);
    const gexf = await response.text();
    expect(gexf).toContain('xmlns="http://gexf.net/1.3"');
    const counts = await readGraphCounts(api.db);
    expect(parseGexf(Graph, gexf).size).toBe(counts.relationships);
    // The default stays 1.2draft over HTTP too (a separate cache entry), and a version nobody writes is refused.
    expect(await (await fetch(`${api.url}/export/graph.gexf`)).text()).toContain('version="1.2"');
    expect((await fetch(`${api.url}/export/graph.gexf?version=2.0`)).status).toBe(400);

    const file = path.join(dir, 'graph-1.3.gexf');
    writeFileSync(file, gexf);
    const version = (await run(PYTHON, ['-c', 'import networkx; print(networkx.__version__)'])).stdout.trim();
    const [a, b] = major(version);
    if (a > 3 || (a === 3 && b >= 6)) {
      expect((await networkx(file)).edges).toBe(counts.relationships);
    } else {
      // Why the default is 1.2draft: this NetworkX (Debian's is 2.8.8) looks for the 1.2draft namespace only.
      await expect(networkx(file)).rejects.toThrow(/No <graph> element in GEXF file|Unknown GEXF version/);
    }
  });
});
