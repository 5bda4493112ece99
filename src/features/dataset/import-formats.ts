/**
 * The formats an import reads, one entry each with its file extensions, media types and one streaming reader
 * (the counterpart of EXPORT_FILES in export.ts: every file an export writes reads back through one of these).
 * Every path that reads dataset files goes through here: the online import and the neo4j-admin fast path
 * (import.ts `checkFiles`, from `npm run import`) and the seed (seed.ts). A file's format is the one its
 * extension names, or the one named explicitly (`--format`). To add a format: docs/import-export.md.
 */
import path from 'node:path';
import { badInput } from '../../shared/errors';
import { messageOf, readCsv, readJson, type ReadSummary, type RecordSink } from './dataset-reader';
import { readGraphXml } from './graph-xml-reader';

export interface ImportFormatEntry {
  /** What the format is, for messages and help. */
  description: string;
  /** File name endings, lower case with the dot; the first is the usual one. */
  extensions: readonly string[];
  /** Media types of the format (those EXPORT_FILES serves it as among them). */
  mediaTypes: readonly string[];
  /** Streams the file's records, with their physical lines, into `sink`; problems of the file itself in the summary. */
  read(file: string, sink: RecordSink): Promise<ReadSummary>;
}

export const IMPORT_FORMAT_NAMES = ['json', 'csv', 'graphml', 'gexf'] as const;
export type ImportFormat = (typeof IMPORT_FORMAT_NAMES)[number];

export const IMPORT_FORMATS: Readonly<Record<ImportFormat, ImportFormatEntry>> = {
  json: {
    description: 'dataset JSON (format iecm-graph/1: sources, nodes, relationships), as graph.json exports it',
    extensions: ['.json'],
    mediaTypes: ['application/json'],
    read: readJson,
  },
  csv: {
    description: 'a CSV nodes file or edges file (which one, its header says), as nodes.csv and edges.csv export',
    extensions: ['.csv'],
    mediaTypes: ['text/csv'],
    read: readCsv,
  },
  graphml: {
    description: 'GraphML, as graph.graphml exports it (documents with their statements, nodes, relationships)',
    extensions: ['.graphml'],
    mediaTypes: ['application/graphml+xml'],
    read: (file, sink) => readGraphXml(file, sink, 'graphml'),
  },
  gexf: {
    description:
      'GEXF 1.2draft or 1.3, as graph.gexf exports it (documents with their statements, nodes, relationships)',
    extensions: ['.gexf'],
    mediaTypes: ['application/gexf+xml'],
    read: (file, sink) => readGraphXml(file, sink, 'gexf'),
  },
};

export const isImportFormat = (name: string): name is ImportFormat =>
  (IMPORT_FORMAT_NAMES as readonly string[]).includes(name);

/** "json (.json), csv (.csv), ...": the formats, for messages. */
export const knownImportFormats = (): string =>
  IMPORT_FORMAT_NAMES.map((name) => `${name} (${IMPORT_FORMATS[name].extensions.join(', ')})`).join(', ');

const unknownFormat = (message: string) =>
  badInput(`${message}; known formats: ${knownImportFormats()}`, { knownFormats: [...IMPORT_FORMAT_NAMES] });

/**
 * The format of `file`: the one named by `format` when given (any case), else the one its extension names.
 * BAD_USER_INPUT, listing the known formats, when neither names one.
 */
export function importFormatOf(file: string, format?: string): ImportFormat {
  if (format !== undefined) {
    const name = format.toLowerCase();
    if (isImportFormat(name)) return name;
    throw unknownFormat(`"${format}" is not an import format`);
  }
  const extension = path.extname(file).toLowerCase();
  const found = IMPORT_FORMAT_NAMES.find((name) => IMPORT_FORMATS[name].extensions.includes(extension));
  if (found) return found;
  throw unknownFormat(
    `${path.basename(file)}: ${extension ? `the extension "${extension}"` : 'a name without an extension'} ` +
      'names no import format (name one with --format)',
  );
}

/** Reads `file` in `format` into `sink`; a file that cannot be read at all is a problem of the summary. */
export async function readImportFile(file: string, format: ImportFormat, sink: RecordSink): Promise<ReadSummary> {
  try {
    return await IMPORT_FORMATS[format].read(file, sink);
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
      return { issues: [{ field: '', message: `cannot be read: ${messageOf(error)}` }], digest: '' };
    }
    throw error;
  }
}
