/** The messages between the analysis pool and its worker threads. */
import type { AnalysisContext, DocumentAnalysis, KnownEntity } from './analysis';

export interface WorkerRequest {
  id: number;
  /** The graph version the analysis must use (see graphVersion). */
  version: string;
  /** The known entities of that version, sent when the worker does not have them yet. */
  known?: KnownEntity[];
  text: string;
  /** What the analysis reads dates against ("hoy", "este martes"). */
  context?: AnalysisContext;
}

export type WorkerReply =
  { id: number; version: string; analysis: DocumentAnalysis } | { id: number; version: string | null; error: string };
