/**
 * What the document analysis takes and returns. It mirrors the GraphQL contract of the document workflow:
 * `Mention`, `EntityCandidate`, `RelationCandidate` (with `CandidateRef` ends) and `Quantity`, one list of
 * each per sentence. Offsets are UTF-16 code-unit offsets, as JavaScript strings count them.
 */
import type { NodeKind, RelationType } from '../../../model/graph-model';

/** A node of the graph as the analysis needs it. */
export interface KnownEntity {
  id: string;
  kind: NodeKind;
  name: string;
  aliases: readonly string[];
}

/** Proposal-only relation: committing it creates an Agreement node with both ends as PARTY_TO. */
export const AGREEMENT_WITH = 'AGREEMENT_WITH';
export type ProposedRelationType = RelationType | typeof AGREEMENT_WITH;

/** A known node named in a sentence; `start`/`end` index the sentence text (end exclusive). */
export interface Mention {
  text: string;
  start: number;
  end: number;
  nodeId: string;
  confidence: number;
}

/** An entity named in a sentence that the graph does not have yet. */
export interface EntityCandidate {
  name: string;
  kind: NodeKind;
  aliases: string[];
  start: number;
  end: number;
  confidence: number;
}

/** One end of a proposed relation: a known node, or (nodeId null) a candidate or event named in the document. */
export interface CandidateRef {
  nodeId: string | null;
  name: string;
}

export interface RelationCandidate {
  type: ProposedRelationType;
  source: CandidateRef;
  target: CandidateRef;
  /** The words of the sentence the relation is read from, "…" between words that are not adjacent. */
  cue: string;
  confidence: number;
  /** The day the sentence dates the fact to ("hoy", "este martes"), YYYY-MM-DD, when it does. */
  periodStart?: string;
}

/** A number stated in a sentence, with the noun it counts. */
export interface Quantity {
  value: number;
  text: string;
  start: number;
  end: number;
  about: string | null;
}

export interface SentenceAnalysis {
  index: number;
  text: string;
  /** Offset of the sentence in the analysed document. */
  start: number;
  mentions: Mention[];
  candidates: EntityCandidate[];
  relations: RelationCandidate[];
  quantities: Quantity[];
}

export interface DocumentAnalysis {
  sentences: SentenceAnalysis[];
}

/** What the analysis may know about the document beside its text. */
export interface AnalysisContext {
  /** The document's date (YYYY-MM-DD), for "hoy" and "este martes". */
  publishedAt?: string | null;
}

export interface Analyzer {
  analyze(text: string, context?: AnalysisContext): DocumentAnalysis;
}
