/** The local Neo4j tool's refusals: each one must say what is wrong and what to do. */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import {
  checkJava,
  freePort,
  LocalNeo4jError,
  parsePlugins,
  QUICK_STOP_SETTINGS,
  start,
  status,
  stop,
} from '../../tools/neo4j/local-neo4j';

describe('local Neo4j tool', () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(path.join(os.tmpdir(), 'iecm-graph-tool-test-'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('refuses a Bolt port that another process holds', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      await expect(start({ home, boltPort: port })).rejects.toThrow(new RegExp(`Port ${port} is already in use`));
    } finally {
      blocker.close();
    }
  });

  it('refuses a Java older than 17', async () => {
    const fakeJdk = path.join(home, 'jdk');
    mkdirSync(path.join(fakeJdk, 'bin'), { recursive: true });
    const java = path.join(fakeJdk, 'bin', 'java');
    writeFileSync(java, '#!/bin/sh\necho \'openjdk version "11.0.2" 2019-01-15\' >&2\n');
    chmodSync(java, 0o755);
    const saved = process.env.JAVA_HOME;
    process.env.JAVA_HOME = fakeJdk;
    try {
      await expect(checkJava()).rejects.toThrow(/Java 17 or newer is needed.*11\.0\.2/);
    } finally {
      if (saved === undefined) delete process.env.JAVA_HOME;
      else process.env.JAVA_HOME = saved;
    }
  });

  it('reports a missing Java', async () => {
    const saved = process.env.JAVA_HOME;
    process.env.JAVA_HOME = path.join(home, 'no-such-jdk');
    try {
      await expect(checkJava()).rejects.toThrow(/Java was not found/);
    } finally {
      if (saved === undefined) delete process.env.JAVA_HOME;
      else process.env.JAVA_HOME = saved;
    }
  });

  it('gives up after the start-up timeout, quotes the log and leaves no process behind', async () => {
    const error = await start({ home, boltPort: await freePort(), startTimeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocalNeo4jError);
    expect((error as Error).message).toMatch(/did not open Bolt port \d+ within 0.3 s/);
    expect((error as Error).message).toMatch(/--- logs\/|Neo4j wrote no log/);
    expect(await status(home)).toBeUndefined();
  });

  it('reads a plugin list and refuses unknown plugins', () => {
    expect(parsePlugins(undefined)).toEqual([]);
    expect(parsePlugins(' APOC, apoc ')).toEqual(['apoc']);
    expect(() => parsePlugins('apoc,gds')).toThrow(/Unknown Neo4j plugin "gds": choose from apoc/);
  });

  it('loads APOC when asked, keeping the built-in procedures', async () => {
    const instance = await start({
      home,
      boltPort: await freePort(),
      heap: '256m',
      pageCache: '32m',
      plugins: ['apoc'],
      settings: QUICK_STOP_SETTINGS,
    });
    const driver = neo4j.driver(instance.uri);
    try {
      // The fulltext analyzer list is a built-in procedure: the allowlist for APOC must not hide it.
      const { records } = await driver.executeQuery(
        `CALL db.index.fulltext.listAvailableAnalyzers() YIELD analyzer WHERE analyzer = 'standard-folding'
         RETURN apoc.version() AS apoc, apoc.text.join(['a', 'b'], '-') AS joined, analyzer`,
      );
      expect(records.map((record) => record.toObject())).toEqual([
        { apoc: expect.stringMatching(/^5\.26\.\d+$/), joined: 'a-b', analyzer: 'standard-folding' },
      ]);
    } finally {
      await driver.close();
      await stop(home);
    }
  });
});
