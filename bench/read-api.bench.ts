/**
 * npm run bench: each contract question asked through GraphQL over HTTP and as hand-written Cypher through
 * neo4j-driver, on the same seeded graph, interleaved, then p50/p95 of both and their ratio, as a table and
 * as JSON. Uses NEO4J_URI when set (its database is wiped and seeded), else a throwaway local Neo4j.
 *
 * Options: --iterations N (default 300), --warmup N (default 30), --json FILE.
 */
import { adHoc } from '../src/db/cypher';
import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from '../src/app';
import { Database } from '../src/db/database';
import { migrate } from '../src/db/migrations';
import { seed } from '../src/features/dataset/seed';
import { loadConfig } from '../src/shared/config';
import { createLogger } from '../src/shared/logger';
import { freePort, start, stop } from '../tools/neo4j/local-neo4j';

interface Question {
  name: string;
  graphql: { query: string; variables?: Record<string, unknown> };
  cypher: { query: string; params?: Record<string, unknown> };
}

const QUESTIONS: Question[] = [
  {
    name: 'baseline: health (one trivial query)',
    graphql: { query: '{ health { status database { version } } }' },
    cypher: { query: 'CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0], edition LIMIT 1' },
  },
  {
    name: 'node by id with sources',
    graphql: {
      query: '{ node(id: "iecm") { id name kind aliases sources { sentence document { title url } } } }',
    },
    cypher: {
      query: `MATCH (n:Entity {id: $id})
              OPTIONAL MATCH (s:Statement) WHERE s.id IN n.sourceRefs
              OPTIONAL MATCH (d:SourceDocument {id: s.documentId})
              RETURN n.id, n.name, n.kind, n.aliases, collect({sentence: s.text, title: d.title, url: d.url})`,
      params: { id: 'iecm' },
    },
  },
  {
    name: 'search "fisc"',
    graphql: { query: '{ search(query: "fisc") { score node { id name kind } } }' },
    cypher: {
      query: `CALL db.index.fulltext.queryNodes('entity_search', '+(fisc^2 fisc*)', {limit: 200}) YIELD node, score
              RETURN node.id, node.name, node.kind, score ORDER BY score DESC LIMIT 10`,
    },
  },
  {
    name: 'partners of the IECM',
    graphql: {
      query: `{ partners(of: "iecm", first: 50) { totalCount edges { node { partner { id name kind } kinds evidence { id name } } } } }`,
    },
    cypher: {
      query: `MATCH (x:Entity {id: $id})
              OPTIONAL MATCH (u:Entity)-[:PART_OF*1..3]->(x)
              WITH x, collect(DISTINCT u) AS units
              WITH [x] + units AS actors
              CALL (actors) {
                UNWIND actors AS a MATCH (a)-[:PARTY_TO]->(e:Agreement)<-[:PARTY_TO]-(p) RETURN p, e.status AS how, e
                UNION ALL UNWIND actors AS a MATCH (a)-[:FACILITATED]->(e:Agreement)<-[:PARTY_TO]-(p) RETURN p, 'FACILITATED' AS how, e
                UNION ALL UNWIND actors AS a MATCH (a)-[:ORGANIZED]->(e:Event)-[:HELD_AT]->(p) RETURN p, 'VENUE' AS how, e
                UNION ALL UNWIND actors AS a MATCH (a)-[:ORGANIZED]->(e:Event)<-[:PARTICIPATED_IN]-(p) RETURN p, 'PARTICIPANT' AS how, e
              }
              WITH actors, p, how, e WHERE NOT p IN actors
              RETURN p.id, p.name, p.kind, collect(DISTINCT how), collect(DISTINCT {id: e.id, name: e.name})`,
      params: { id: 'iecm' },
    },
  },
  {
    name: 'common partners of INE and World Vision',
    graphql: { query: '{ commonPartners(ids: ["ine", "world-vision-mexico"]) { id name kind } }' },
    cypher: {
      query: `MATCH (a:Entity {id: $a})-[:PARTY_TO]->(:Agreement)<-[:PARTY_TO]-(p:Entity)
              MATCH (b:Entity {id: $b})-[:PARTY_TO]->(:Agreement)<-[:PARTY_TO]-(p)
              RETURN DISTINCT p.id, p.name, p.kind`,
      params: { a: 'ine', b: 'world-vision-mexico' },
    },
  },
  {
    name: 'path IECM to Tec de Monterrey',
    graphql: {
      query:
        '{ path(from: "iecm", to: "tec-de-monterrey") { length nodes { id name kind } edges { id source target type label } } }',
    },
    cypher: {
      query: `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
              MATCH p = shortestPath((a)-[*..6]-(b))
              WHERE none(r IN relationships(p) WHERE type(r) IN ['REPORTED_IN', 'REPORTS_ON'])
              RETURN [n IN nodes(p) | {id: n.id, name: n.name, kind: n.kind}],
                     [r IN relationships(p) | {id: r.id, source: startNode(r).id, target: endNode(r).id, type: type(r)}]`,
      params: { from: 'iecm', to: 'tec-de-monterrey' },
    },
  },
  {
    name: 'neighbourhood of the IECM, depth 2',
    graphql: {
      query:
        '{ neighborhood(id: "iecm", depth: 2) { nodes { id name kind } edges { id source target type label } truncated } }',
    },
    cypher: {
      query: `MATCH (c:Entity {id: $id})
              MATCH (c)-[*1..2]-(m:Entity)
              WITH c, collect(DISTINCT m) AS reached
              WITH [c] + reached AS kept
              UNWIND kept AS a
              OPTIONAL MATCH (a)-[r]->(b) WHERE b IN kept
              RETURN [n IN kept | {id: n.id, name: n.name, kind: n.kind}],
                     collect(DISTINCT {id: r.id, source: a.id, target: b.id, type: type(r)})`,
      params: { id: 'iecm' },
    },
  },
  {
    name: 'organizations page with locations',
    graphql: {
      query: '{ organizations(first: 20) { totalCount edges { cursor node { id name location { id name } } } } }',
    },
    cypher: {
      query: `MATCH (n:Organization)
              OPTIONAL MATCH (n)-[:LOCATED_IN]->(l)
              WITH n, l ORDER BY n.sortKey
              RETURN n.id, n.name, l.id, l.name LIMIT 20`,
    },
  },
  {
    name: 'agreement parties and facilitators',
    graphql: {
      query:
        '{ agreements(first: 20) { totalCount edges { node { id name status parties { id name } facilitators { id name } } } } }',
    },
    cypher: {
      query: `MATCH (a:Agreement)
              WITH a ORDER BY a.sortKey LIMIT 20
              OPTIONAL MATCH (p)-[:PARTY_TO]->(a)
              OPTIONAL MATCH (f)-[:FACILITATED]->(a)
              RETURN a.id, a.name, a.status, collect(DISTINCT {id: p.id, name: p.name}), collect(DISTINCT {id: f.id, name: f.name})`,
    },
  },
  {
    name: 'stats',
    graphql: {
      query: '{ stats { nodes relationships nodesByKind { kind count } relationshipsByType { type count } } }',
    },
    cypher: {
      query: `CALL { MATCH (n:Entity) RETURN n.kind AS kind, count(*) AS count }
              RETURN collect({kind: kind, count: count})`,
    },
  },
];

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const round = (value: number): number => Math.round(value * 100) / 100;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { iterations: { type: 'string' }, warmup: { type: 'string' }, json: { type: 'string' } },
  });
  const iterations = Number(values.iterations ?? 300);
  const warmup = Number(values.warmup ?? 30);

  let home: string | undefined;
  let uri = process.env.NEO4J_URI;
  if (!uri) {
    home = mkdtempSync(path.join(os.tmpdir(), 'iecm-graph-bench-'));
    uri = (await start({ home, boltPort: await freePort(), heap: '512m' })).uri;
  }
  const config = loadConfig({ ...process.env, NEO4J_URI: uri, PORT: '0', NODE_ENV: 'production', LOG_LEVEL: 'silent' });
  const db = Database.create({ ...config.neo4j, uri });
  const server = await startServer({ config, db, logger: createLogger('silent') });
  try {
    await db.write((tx) => tx.query(adHoc('MATCH (n) DETACH DELETE n'), {}));
    await migrate(db);
    await seed(db);

    const askGraphQL = async ({ query, variables }: Question['graphql']): Promise<void> => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
    };
    const askCypher = async ({ query, params }: Question['cypher']): Promise<void> => {
      await db.read((tx) => tx.query(adHoc<Record<string, unknown>, object>(query, 'bench'), params ?? {}));
    };

    const rows = [];
    for (const question of QUESTIONS) {
      for (let i = 0; i < warmup; i += 1) {
        await askGraphQL(question.graphql);
        await askCypher(question.cypher);
      }
      const graphql: number[] = [];
      const cypher: number[] = [];
      for (let i = 0; i < iterations; i += 1) {
        // Interleaved, alternating which goes first, so drift and caches hit both sides alike.
        const order = i % 2 === 0 ? (['graphql', 'cypher'] as const) : (['cypher', 'graphql'] as const);
        for (const side of order) {
          const started = performance.now();
          if (side === 'graphql') await askGraphQL(question.graphql);
          else await askCypher(question.cypher);
          (side === 'graphql' ? graphql : cypher).push(performance.now() - started);
        }
      }
      const row = {
        question: question.name,
        graphqlP50: round(percentile(graphql, 50)),
        graphqlP95: round(percentile(graphql, 95)),
        cypherP50: round(percentile(cypher, 50)),
        cypherP95: round(percentile(cypher, 95)),
        ratioP50: round(percentile(graphql, 50) / percentile(cypher, 50)),
        ratioP95: round(percentile(graphql, 95) / percentile(cypher, 95)),
      };
      rows.push(row);
    }

    const header = [
      'question',
      'GraphQL p50 ms',
      'GraphQL p95 ms',
      'Cypher p50 ms',
      'Cypher p95 ms',
      'ratio p50',
      'ratio p95',
    ];
    const lines = rows.map((row) => [
      row.question,
      row.graphqlP50,
      row.graphqlP95,
      row.cypherP50,
      row.cypherP95,
      row.ratioP50,
      row.ratioP95,
    ]);
    console.log(
      `\n${iterations} interleaved runs per side after ${warmup} warm-up runs; GraphQL over HTTP, Cypher through neo4j-driver\n`,
    );
    console.log(`| ${header.join(' | ')} |`);
    console.log(`| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`);
    for (const line of lines) console.log(`| ${line.join(' | ')} |`);
    const worst = Math.max(...rows.map((row) => row.ratioP50));
    console.log(`\nworst GraphQL/Cypher ratio at p50: ${worst} (target: at most 1.5)\n`);
    const json = JSON.stringify({ iterations, warmup, rows, worstRatioP50: worst }, null, 2);
    console.log(json);
    if (values.json) writeFileSync(values.json, json);
  } finally {
    await server.stop();
    await db.close();
    if (home) {
      await stop(home);
      rmSync(home, { recursive: true, force: true });
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
