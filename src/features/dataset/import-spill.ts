/**
 * The rows of a checked import, spilled to disk as JSON lines between checking and writing, so that neither
 * pass holds a large file in memory. Rows are dataset-rows.ts rows; the online loader reads them back in
 * batches, the neo4j-admin fast path turns them into CSV.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { NodeRow, RelationshipRow, StatementRow } from './dataset-rows';
import type { RowBatch } from './dataset.repository';

/** Statements, nodes (documents included), relationships: the order they must be written in. */
export type SpillPart = 0 | 1 | 2;

/** Lines of one spill file, parsed. Our own serialisation of dataset rows, read back as written. */
export async function* spilledRows<Row>(file: string): AsyncGenerator<Row> {
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (line !== '') yield JSON.parse(line) as Row;
  }
}

export class Spill {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'iecm-import-'));
  readonly files = ['statements', 'nodes', 'relationships'].map((name) => path.join(this.dir, `${name}.jsonl`));
  private readonly streams: WriteStream[] = this.files.map((file) => createWriteStream(file));
  private lines: string[][] = [[], [], []];

  add(part: SpillPart, row: StatementRow | NodeRow | RelationshipRow): void {
    this.lines[part]!.push(JSON.stringify(row));
  }

  /** Writes what was added, waiting while a file's buffer is full. */
  async flush(): Promise<void> {
    const lines = this.lines;
    this.lines = [[], [], []];
    for (const [part, stream] of this.streams.entries()) {
      const text = lines[part]!;
      if (text.length > 0 && !stream.write(`${text.join('\n')}\n`)) await once(stream, 'drain');
    }
  }

  async close(): Promise<void> {
    await this.flush();
    await Promise.all(this.streams.map((stream) => new Promise((resolve) => stream.end(resolve))));
  }

  remove(): void {
    // A stream still opening when the folder goes would report ENOENT afterwards, to no one: nothing is lost.
    for (const stream of this.streams) stream.on('error', () => undefined).destroy();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /**
   * The spilled rows in batches of `size`, statements first, then nodes, then relationships; the first `skip`
   * batches are passed over without parsing (a resumed run).
   */
  async *batches(size: number, skip: number): AsyncGenerator<RowBatch> {
    let batch: RowBatch = { statements: [], nodes: [], relationships: [] };
    let inBatch = 0;
    let index = 0;
    const add = (fill: () => void): RowBatch | undefined => {
      if (index >= skip) fill();
      inBatch += 1;
      if (inBatch < size) return undefined;
      const full = index >= skip ? batch : undefined;
      batch = { statements: [], nodes: [], relationships: [] };
      inBatch = 0;
      index += 1;
      return full;
    };
    const [statements = '', nodes = '', relationships = ''] = this.files;
    for await (const row of spilledRows<StatementRow>(statements)) {
      const full = add(() => batch.statements.push(row));
      if (full) yield full;
    }
    for await (const row of spilledRows<NodeRow>(nodes)) {
      const full = add(() => batch.nodes.push(row));
      if (full) yield full;
    }
    for await (const row of spilledRows<RelationshipRow>(relationships)) {
      const full = add(() => batch.relationships.push(row));
      if (full) yield full;
    }
    if (inBatch > 0 && index >= skip) yield batch;
  }
}
