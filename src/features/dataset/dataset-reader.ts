/**
 * Streams the records of dataset files (JSON in the import format, CSV nodes and edges files; the formats an
 * import reads are listed in import-formats.ts, GraphML and GEXF in graph-xml-reader.ts) with their
 * PHYSICAL line, so that a file of any size is read in bounded memory and every problem points at a line of
 * the file as an editor shows it. JSON goes through @streamparser/json (values of the top-level lists are
 * emitted one by one and dropped); CSV through csv-parse's stream. A UTF-8 byte order mark is skipped. The
 * bytes are hashed on the way, so a run can recognise the same files again (import resume).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { TokenParser, Tokenizer, TokenType } from '@streamparser/json';
import { parse } from 'csv-parse';
import { csvKindOf, csvRecord, EDGE_COLUMNS, NODE_COLUMNS, type CsvKind } from './csv-format';
import { DATASET_FORMAT, type Section } from './dataset-format';

export interface FileRecord {
  section: Section;
  raw: unknown;
  /** Physical line (1-based) where the record starts. */
  line: number;
}

/** A problem with the file itself (not one record): syntax, header, format. */
export interface FileIssue {
  line?: number;
  column?: number;
  field: string;
  message: string;
}

export interface ReadSummary {
  issues: FileIssue[];
  /** sha256 of the file's bytes. */
  digest: string;
  /** CSV only: the columns of the header, to name the column of a problem. */
  columns?: string[];
}

/** Receives the records of one chunk of the file; awaited before the next chunk is read (back-pressure). */
export type RecordSink = (records: FileRecord[]) => Promise<void>;

const BOM = [0xef, 0xbb, 0xbf];
const NEWLINE = 0x0a;
const SECTIONS: readonly string[] = ['sources', 'nodes', 'relationships'];
const isSection = (key: unknown): key is Section => typeof key === 'string' && SECTIONS.includes(key);

/** Line and column of byte offsets, counted as the chunks pass by (offsets only ever grow). */
class LineCounter {
  private line = 1;
  private lineStart = 0;
  private scanned = 0;
  private chunk: Buffer = Buffer.alloc(0);
  private chunkStart = 0;

  next(chunk: Buffer): void {
    this.advance(this.chunkStart + this.chunk.length);
    this.chunkStart += this.chunk.length;
    this.chunk = chunk;
  }

  /** Position of `offset`, which lies in the current chunk. */
  at(offset: number): { line: number; column: number } {
    this.advance(offset);
    return { line: this.line, column: offset - this.lineStart + 1 };
  }

  private advance(offset: number): void {
    for (let i = Math.max(this.scanned, this.chunkStart); i < offset; i += 1) {
      if (this.chunk[i - this.chunkStart] === NEWLINE) {
        this.line += 1;
        this.lineStart = i + 1;
      }
    }
    this.scanned = Math.max(this.scanned, offset);
  }
}

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The tokenizer names the absolute byte of a syntax error in its message; the token parser does not. */
const ABSOLUTE_POSITION = /absolute position "(\d+)"/;

/** Streams the records of a dataset JSON file (format iecm-graph/1). */
export async function readJson(file: string, sink: RecordSink): Promise<ReadSummary> {
  const hash = createHash('sha256');
  const issues: FileIssue[] = [];
  const lines = new LineCounter();
  const tokenizer = new Tokenizer();
  const tokenParser = new TokenParser({ paths: ['$.*', '$.*.*'], keepStack: false });
  let pending: FileRecord[] = [];
  let failure: { offset: number; message: string } | undefined;
  let recordLine = 0;
  let depth = 0;
  let lastOffset = 0;
  let bytes = 0;
  let format: unknown;

  tokenizer.onToken = (token) => {
    lastOffset = token.offset;
    // Where each record starts: the token that opens depth 3 (object > list > record).
    if (token.token === TokenType.LEFT_BRACE || token.token === TokenType.LEFT_BRACKET) {
      depth += 1;
      if (depth === 3) recordLine = lines.at(token.offset).line;
    } else if (token.token === TokenType.RIGHT_BRACE || token.token === TokenType.RIGHT_BRACKET) {
      depth -= 1;
    } else if (depth === 2 && token.token !== TokenType.COMMA) {
      recordLine = lines.at(token.offset).line; // a scalar in a list: a bad record, reported by its line
    }
    tokenParser.write(token);
  };
  tokenParser.onValue = ({ value, key, stack }) => {
    const section = stack[1]?.key;
    if (stack.length === 2 && typeof key === 'number' && isSection(section)) {
      pending.push({ section, raw: value, line: recordLine });
    } else if (stack.length === 1 && key === 'format') {
      format = value;
    } else if (stack.length === 1 && isSection(key) && !Array.isArray(value)) {
      issues.push({ field: key, message: 'must be a list' });
    }
  };
  tokenParser.onError = (error) => tokenizer.error(error);
  tokenizer.onError = (error) => {
    const absolute = ABSOLUTE_POSITION.exec(error.message)?.[1];
    failure ??= { offset: absolute === undefined ? lastOffset : Number(absolute), message: error.message };
  };

  for await (const data of createReadStream(file)) {
    if (!Buffer.isBuffer(data)) continue;
    hash.update(data);
    let chunk = data;
    if (bytes === 0) {
      if (BOM.every((byte, i) => chunk[i] === byte)) chunk = chunk.subarray(BOM.length);
      if (!chunk.toString('utf8', 0, 64).trimStart().startsWith('{')) {
        return {
          issues: [{ line: 1, column: 1, field: '', message: 'is not valid JSON: must be a JSON object' }],
          digest: '',
        };
      }
    }
    lines.next(chunk);
    tokenizer.write(chunk);
    bytes += chunk.length;
    if (failure !== undefined) break;
    const records = pending;
    pending = [];
    if (records.length > 0) await sink(records);
  }
  if (failure === undefined) {
    if (bytes === 0) failure = { offset: 0, message: 'the file is empty' };
    else if (!tokenizer.isEnded) tokenizer.end();
    if (failure === undefined && depth !== 0) failure = { offset: bytes, message: 'the file ends inside a value' };
  }
  if (failure !== undefined) {
    const position = lines.at(Math.min(failure.offset, bytes));
    // The line and column say where; the tokenizer's byte positions would only confuse.
    const message = failure.message.replace(/ at chunk position "\d+" \(absolute position "\d+"\)/, '');
    return { issues: [{ ...position, field: '', message: `is not valid JSON: ${message}` }], digest: '' };
  }
  if (format !== DATASET_FORMAT) issues.unshift({ field: 'format', message: `must be "${DATASET_FORMAT}"` });
  return { issues, digest: hash.digest('hex') };
}

/** The line a CSV record starts on: csv-parse counts to its last line; `raw` tells how many lines it spans. */
function startLine(endLine: number, raw: string): number {
  const record = raw.replace(/^[\r\n]+/, '').replace(/\r?\n$/, '');
  let newlines = 0;
  for (let i = record.indexOf('\n'); i !== -1; i = record.indexOf('\n', i + 1)) newlines += 1;
  return endLine - newlines;
}

/**
 * Checks that a stream of bytes is UTF-8 (a CSV saved as Latin-1 or Windows-1252 is not): `push` each chunk, and
 * it answers the 1-based line of the first invalid byte, or undefined while all is well; `end` checks that the
 * last character is complete.
 */
export function utf8Checker(): { push(chunk: Buffer): number | undefined; end(): number | undefined } {
  let line = 1;
  /** Continuation bytes still expected, and the bounds of the next one (overlongs, surrogates, > U+10FFFF). */
  let need = 0;
  let low = 0x80;
  let high = 0xbf;
  let failed: number | undefined;
  return {
    push(chunk) {
      if (failed !== undefined) return failed;
      for (const byte of chunk) {
        if (need > 0) {
          if (byte < low || byte > high) return (failed = line);
          need -= 1;
          low = 0x80;
          high = 0xbf;
        } else if (byte < 0x80) {
          if (byte === 0x0a) line += 1;
        } else if (byte >= 0xc2 && byte <= 0xdf) need = 1;
        else if (byte >= 0xe0 && byte <= 0xef) {
          need = 2;
          if (byte === 0xe0) low = 0xa0;
          if (byte === 0xed) high = 0x9f;
        } else if (byte >= 0xf0 && byte <= 0xf4) {
          need = 3;
          if (byte === 0xf0) low = 0x90;
          if (byte === 0xf4) high = 0x8f;
        } else return (failed = line);
      }
      return undefined;
    },
    end() {
      return failed ?? (need > 0 ? line : undefined);
    },
  };
}

/** Streams the records of a CSV nodes or edges file (which one, its header says). */
export async function readCsv(file: string, sink: RecordSink): Promise<ReadSummary> {
  const hash = createHash('sha256');
  const input = createReadStream(file);
  const utf8 = utf8Checker();
  let badLine: number | undefined;
  input.on('data', (data) => {
    hash.update(data);
    // Checked before the parser sees the chunk: the loop below stops at the first record after it.
    badLine ??= utf8.push(data as Buffer);
  });
  const notUtf8 = (line: number): ReadSummary => {
    input.destroy();
    return notUtf8Summary(line);
  };
  const notUtf8Summary = (line: number): ReadSummary => ({
    issues: [
      {
        line,
        field: '',
        message: 'is not UTF-8 text: save the CSV as UTF-8 (it may be Latin-1 or Windows-1252)',
      },
    ],
    digest: '',
  });
  let kind: CsvKind | undefined;
  let columns: string[] | undefined;
  const parser = input.pipe(
    parse({
      // The header is read here, so that a header-only file (no records) is still known: an empty import.
      columns: (header: string[]) => {
        columns = header;
        kind = csvKindOf(header);
        return header;
      },
      skip_empty_lines: true,
      trim: true,
      bom: true,
      info: true,
      raw: true,
      relax_column_count: true,
    }),
  );
  const issues: FileIssue[] = [];
  let batch: FileRecord[] = [];
  try {
    for await (const entry of parser as AsyncIterable<{
      record: Record<string, string>;
      raw: string;
      info: { lines: number; columns?: { name: string }[] | boolean; invalid_field_length: number };
    }>) {
      if (badLine !== undefined) break;
      if (!kind || !columns) break;
      const line = startLine(entry.info.lines, entry.raw);
      const cells = Object.keys(entry.record).length;
      if (entry.info.invalid_field_length > 0 && cells !== columns.length) {
        issues.push({ line, field: '', message: `has ${cells} cells; the header has ${columns.length}` });
      }
      batch.push({ section: kind === 'nodes' ? 'nodes' : 'relationships', raw: csvRecord(kind, entry.record), line });
      if (batch.length >= 1_000) {
        await sink(batch);
        batch = [];
      }
    }
  } catch (error) {
    if (badLine !== undefined) return notUtf8(badLine);
    const lines = typeof error === 'object' && error !== null && 'lines' in error ? Number(error.lines) : undefined;
    input.destroy();
    return { issues: [{ line: lines, field: '', message: `is not valid CSV: ${messageOf(error)}` }], digest: '' };
  }
  badLine ??= utf8.end();
  if (badLine !== undefined) return notUtf8(badLine);
  if (batch.length > 0) await sink(batch);
  if (!kind) {
    input.destroy();
    return {
      issues: [
        {
          line: 1,
          field: '',
          message: `needs the columns ${NODE_COLUMNS.join(',')} (nodes) or ${EDGE_COLUMNS.join(',')} (edges)`,
        },
      ],
      digest: '',
    };
  }
  return { issues, digest: hash.digest('hex'), columns };
}
