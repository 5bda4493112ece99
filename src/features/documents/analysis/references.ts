/**
 * What a stretch of a sentence refers to: a known node, an entity the document introduces (a candidate),
 * or an event the sentence talks about. Relations are read between these references.
 */
import { KindCategory, kindsIn, NodeKind } from '../../../model/graph-model';
import type { CandidateRef } from './analysis.types';
import type { KnownName } from './known-index';

/** An entity the document names that the graph does not have; shared by all its references in the document. */
export interface DocumentEntity {
  name: string;
  kind: NodeKind;
  aliases: Set<string>;
  confidence: number;
}

export type Referent =
  | { known: KnownName; candidate?: never; event?: never }
  | { candidate: DocumentEntity; known?: never; event?: never }
  | { event: string; known?: never; candidate?: never };

/** How a reference was found; it sets the confidence of mentions. */
export type RefVia = 'name' | 'alias' | 'partial name' | 'document alias' | 'anaphora' | 'new name' | 'event';

export interface Ref {
  /** Token indices, inclusive. */
  first: number;
  last: number;
  referent: Referent;
  via: RefVia;
  confidence: number;
}

export function kindOf(referent: Referent): NodeKind {
  if (referent.known) return referent.known.kind;
  if (referent.candidate) return referent.candidate.kind;
  return NodeKind.EVENT;
}

function nameOf(referent: Referent): string {
  return referent.known?.name ?? referent.candidate?.name ?? referent.event ?? '';
}

export function sameReferent(a: Referent, b: Referent): boolean {
  if (a.known && b.known) return a.known.id === b.known.id;
  if (a.candidate && b.candidate) return a.candidate === b.candidate;
  return a.event !== undefined && a.event === b.event;
}

/** Identity of a referent within one document. */
export function referentKey(referent: Referent): string {
  if (referent.known) return `node:${referent.known.id}`;
  if (referent.candidate) return `new:${referent.candidate.name}`;
  return `event:${referent.event ?? ''}`;
}

export function toCandidateRef(referent: Referent): CandidateRef {
  return { nodeId: referent.known?.id ?? null, name: nameOf(referent) };
}

export const PLACE_KINDS: ReadonlySet<NodeKind> = new Set(kindsIn(KindCategory.PLACE));
/** Bodies that can sign, host, oversee or be part of something: the model's institutions and groups. */
export const BODY_KINDS: ReadonlySet<NodeKind> = new Set(kindsIn(KindCategory.INSTITUTION, KindCategory.GROUP));
