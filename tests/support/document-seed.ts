/**
 * The seed file of the documents added through the workflow (cypher/seed/iecm-documents-2025.json): what the
 * commits of the reviewed documents in cypher/documents/ wrote, cut out of an export of the graph so that it
 * stands on its own. Loaded after the first seed file, its nodes and relationships add their sources to the
 * ones already there (the loader unions sources), so a fresh seed is the graph the workflow produced.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { COUNT_PROPERTIES, COUNT_SOURCES_PROPERTY } from '../../src/model/stated-counts';
import type { Dataset, PropertyValue } from '../../src/features/dataset/dataset-format';
import type { CommitDocumentInput } from '../../src/features/documents/documents.inputs';

const ROOT = path.join(__dirname, '..', '..');
export const DOCUMENTS_SEED_FILE = path.join(ROOT, 'cypher', 'seed', 'iecm-documents-2025.json');
/** The reviewed documents, in the order they were committed. */
export const REVIEWED_DOCUMENTS = ['cronica-2025-iecm-125-convenios', 'cronica-2025-12-09-iecm-instala-covin'];

export function readReviewed(documentId: string): CommitDocumentInput {
  const parsed: CommitDocumentInput = JSON.parse(
    readFileSync(path.join(ROOT, 'cypher', 'documents', `${documentId}.json`), 'utf8'),
  );
  return parsed;
}

const COUNTS = new Set<string>(COUNT_PROPERTIES);

/** The part of `graph` that cites `documentIds`, citing them only. */
export function documentsDataset(graph: Dataset, documentIds: readonly string[]): Dataset {
  const ours = (ref: string): boolean => documentIds.some((id) => ref.startsWith(`${id}#`));
  const nodes = graph.nodes.flatMap((node) => {
    const sources = node.sources.filter(ours);
    if (sources.length === 0) return [];
    const created = sources.length === node.sources.length;
    const entries = node.properties?.[COUNT_SOURCES_PROPERTY] ?? [];
    const countSources = (Array.isArray(entries) ? entries : []).filter(
      (entry): entry is string => typeof entry === 'string' && ours(entry.slice(entry.indexOf(':') + 1)),
    );
    const properties: Record<string, PropertyValue> = {};
    for (const [key, value] of Object.entries(node.properties ?? {})) {
      const statedHere = countSources.some((entry) => entry.startsWith(`${key}:`));
      if (key === COUNT_SOURCES_PROPERTY) continue;
      // Other properties are kept as they are: the loader sets a node's period dates from the row it loads.
      if (!COUNTS.has(key) || statedHere || created) properties[key] = value;
    }
    if (countSources.length > 0) properties[COUNT_SOURCES_PROPERTY] = countSources;
    return [{ ...node, sources, properties }];
  });
  const relationships = graph.relationships.flatMap((rel) => {
    const sources = rel.sources.filter(ours);
    return sources.length === 0 ? [] : [{ ...rel, sources }];
  });
  return {
    format: graph.format,
    sources: graph.sources.filter((source) => documentIds.includes(source.id)),
    nodes,
    relationships,
  };
}
