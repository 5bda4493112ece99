/**
 * neo4j-admin on the local server's jars: a bulk import of CSV files, then a dump and a load, each checked by
 * starting the server of that home and reading the data back. Uses its own home and port, not the suite's Neo4j.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import neo4j, { type EagerResult, type Integer } from 'neo4j-driver';
import { dumpDatabase, importDatabase, loadDatabase, runAdmin } from '../../tools/neo4j/neo4j-admin';
import { freePort, LocalNeo4jError, QUICK_STOP_SETTINGS, start, stop } from '../../tools/neo4j/local-neo4j';

interface GraphSummary {
  nodes: number;
  relationships: number;
  aliases: string[];
  partOf: string | null;
}

// Each step starts or stops a JVM and runs the admin tool: minutes on a loaded 2-core machine.
jest.setTimeout(240_000);

describe('neo4j-admin on the local Neo4j', () => {
  let work: string;
  let home: string;

  beforeAll(() => {
    work = mkdtempSync(path.join(os.tmpdir(), 'iecm-graph-admin-test-'));
    home = path.join(work, 'home');
    mkdirSync(path.join(work, 'csv'));
    writeFileSync(
      path.join(work, 'csv', 'nodes.csv'),
      [
        'id:ID,:LABEL,kind,name,aliases:string[]',
        'unam,Entity;Identity;University,UNIVERSITY,Universidad Nacional Autónoma de México,UNAM;Universidad Nacional',
        'fes-aragon,Entity;Identity;Faculty,FACULTY,"Facultad de Estudios Superiores Aragón, UNAM",FES Aragón',
        'mexico,Entity;Identity;Country,COUNTRY,México,MX',
      ].join('\n'),
    );
    writeFileSync(
      path.join(work, 'csv', 'relationships.csv'),
      [
        ':START_ID,:END_ID,:TYPE,id,sourceRefs:string[]',
        'fes-aragon,unam,PART_OF,fes-aragon:PART_OF:unam,nota#5',
        'unam,mexico,LOCATED_IN,unam:LOCATED_IN:mexico,nota#8',
      ].join('\n'),
    );
  });

  afterAll(async () => {
    await stop(home);
    rmSync(work, { recursive: true, force: true });
  });

  /** Starts the home's server, reads what the checks need (and runs `whileUp`), and stops it again. */
  async function readBack(whileUp?: () => Promise<void>): Promise<GraphSummary> {
    const instance = await start({
      home,
      boltPort: await freePort(),
      heap: '256m',
      pageCache: '32m',
      settings: QUICK_STOP_SETTINGS,
    });
    const driver = neo4j.driver(instance.uri);
    try {
      await whileUp?.();
      const { records } = await driver.executeQuery<
        EagerResult<{ nodes: Integer; relationships: Integer; aliases: string[] | null; partOf: string | null }>
      >(
        `CALL { MATCH (n:Entity) RETURN count(n) AS nodes }
         CALL { MATCH ()-[r]->() RETURN count(r) AS relationships }
         OPTIONAL MATCH (u:University:Identity {id: 'unam'})
         OPTIONAL MATCH (:Faculty {id: 'fes-aragon'})-[p:PART_OF]->(u)
         RETURN nodes, relationships, u.aliases AS aliases, p.id AS partOf`,
        {},
        { database: 'neo4j' },
      );
      const record = records[0];
      if (!record) throw new Error('the count query returned no row');
      return {
        nodes: neo4j.integer.toNumber(record.get('nodes')),
        relationships: neo4j.integer.toNumber(record.get('relationships')),
        aliases: record.get('aliases') ?? [],
        partOf: record.get('partOf'),
      };
    } finally {
      await driver.close();
      await stop(home);
    }
  }

  const imported: GraphSummary = {
    nodes: 3,
    relationships: 2,
    aliases: ['UNAM', 'Universidad Nacional'],
    partOf: 'fes-aragon:PART_OF:unam',
  };

  it('imports CSV files (labels, typed arrays, relationships) and refuses to touch a running database', async () => {
    const output = await importDatabase(home, {
      nodes: [path.join(work, 'csv', 'nodes.csv')],
      relationships: [path.join(work, 'csv', 'relationships.csv')],
    });
    expect(output).toMatch(/IMPORT DONE/);
    const refusal = readBack(() =>
      expect(dumpDatabase(home, path.join(work, 'dumps'))).rejects.toThrow(/is running \(pid \d+\); stop it/),
    );
    expect(await refusal).toEqual(imported);
  });

  it('dumps the database and loads the dump back over a changed one', async () => {
    const dump = await dumpDatabase(home, path.join(work, 'dumps'));
    expect(path.basename(dump)).toBe('neo4j.dump');

    // Replace the store with a smaller graph, so the load has something to undo.
    writeFileSync(path.join(work, 'csv', 'other.csv'), 'id:ID,:LABEL,kind,name\nsolo,Entity;City,CITY,Solo\n');
    await importDatabase(home, { nodes: [path.join(work, 'csv', 'other.csv')], relationships: [] });
    expect(await readBack()).toEqual({ nodes: 1, relationships: 0, aliases: [], partOf: null });

    await loadDatabase(home, path.join(work, 'dumps'));
    expect(await readBack()).toEqual(imported);
  });

  it('quotes the tool when a command fails', async () => {
    const error = await runAdmin(home, [
      'database',
      'load',
      'neo4j',
      `--from-path=${path.join(work, 'nowhere')}`,
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocalNeo4jError);
    expect((error as Error).message).toMatch(/neo4j-admin database load neo4j .* failed with exit code [1-9]/);
  });
});
