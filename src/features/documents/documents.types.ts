/**
 * GraphQL types of the document workflow: what `analyzeDocument` proposes for each sentence (its contract is fixed
 * by issue 12) and what `commitDocument` answers.
 */
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import { listOf } from '../../graphql/complexity';
import { NodeKind } from '../../graphql/enums';
import { Node, Relationship, Source, SourceDocument } from '../nodes/node.types';

/**
 * An analysis is as long as its text, not a page: its lists are priced by typical sizes (a long article has about
 * 50 sentences, a sentence a handful of each proposal), so that asking for the nodes' relationships of every mention
 * still meets the complexity limit.
 */
const SENTENCES: ComplexityEstimator = listOf(50);
const PER_SENTENCE: ComplexityEstimator = listOf(5);

@ObjectType({ description: 'A node of the graph that a sentence names.' })
export class Mention {
  @Field({ description: 'The words of the sentence that name it.' })
  text!: string;

  @Field(() => Int, { description: 'Offset of the first character in the sentence text.' })
  start!: number;

  @Field(() => Int, { description: 'Offset after the last character in the sentence text.' })
  end!: number;

  @Field(() => Node, { description: 'The node named.' })
  node!: Node;

  /** Resolved into `node` by the field resolver (batched). */
  nodeId!: string;

  @Field(() => Float, {
    description: 'How sure the match is, from 0 to 1 (a name over an alias over a reference back).',
  })
  confidence!: number;
}

@ObjectType({ description: 'Words that look like an entity the graph does not have yet.' })
export class EntityCandidate {
  @Field({ description: 'The fullest name the document gives it.' })
  name!: string;

  @Field(() => NodeKind, { description: 'What it looks like.' })
  kind!: NodeKind;

  @Field(() => [String], { description: 'Other names the document gives it (an acronym in parentheses...).' })
  aliases!: string[];

  @Field(() => Int, { description: 'Offset of the first character in the sentence text.' })
  start!: number;

  @Field(() => Int, { description: 'Offset after the last character in the sentence text.' })
  end!: number;

  @Field(() => Float, { description: 'How sure the proposal is, from 0 to 1.' })
  confidence!: number;

  @Field(() => String, {
    nullable: true,
    description: 'The day the sentence dates the fact to ("hoy", "este martes"), from the dateline or publishedAt.',
  })
  periodStart?: string | null;
}

@ObjectType({ description: 'One end of a proposed relationship.' })
export class CandidateRef {
  @Field(() => ID, { nullable: true, description: 'The node id when the end is a mention; null for a candidate.' })
  nodeId!: string | null;

  @Field({ description: 'The name of the node, candidate or event.' })
  name!: string;
}

@ObjectType({ description: 'A typed relationship the sentence seems to state.' })
export class RelationCandidate {
  @Field({
    description:
      'A RelationType, or AGREEMENT_WITH: an agreement between the two ends (committed as an Agreement node ' +
      'with both ends PARTY_TO it).',
  })
  type!: string;

  @Field(() => CandidateRef, { description: 'Where it starts.' })
  source!: CandidateRef;

  @Field(() => CandidateRef, { description: 'Where it points.' })
  target!: CandidateRef;

  @Field({ description: 'The words of the sentence it is read from ("…" between words that are not adjacent).' })
  cue!: string;

  @Field(() => Float, { description: 'How sure the proposal is, from 0 to 1.' })
  confidence!: number;
}

@ObjectType({ description: 'A number the sentence states, in digits or in words.' })
export class Quantity {
  @Field(() => Int, { description: 'The number.' })
  value!: number;

  @Field({ description: 'The words that state it ("125", "siete").' })
  text!: string;

  @Field(() => Int, { description: 'Offset of the first character in the sentence text.' })
  start!: number;

  @Field(() => Int, { description: 'Offset after the last character in the sentence text.' })
  end!: number;

  @Field(() => String, {
    nullable: true,
    description: 'What it counts ("convenios"); null when the text leaves it out.',
  })
  about!: string | null;
}

@ObjectType({ description: 'One sentence of the document with what the analysis proposes for it.' })
export class AnalyzedSentence {
  @Field(() => Int, { description: 'Position of the sentence; 0 is the title (headline).' })
  index!: number;

  @Field({ description: 'The sentence; offsets index this text.' })
  text!: string;

  @Field(() => [Source], {
    complexity: PER_SENTENCE,
    description: 'The same sentence as already stated by another document (corroboration).',
  })
  knownStatements!: Source[];

  @Field(() => [Mention], { complexity: PER_SENTENCE, description: 'Nodes already in the graph that it names.' })
  mentions!: Mention[];

  @Field(() => [EntityCandidate], {
    complexity: PER_SENTENCE,
    description: 'Names that look like entities but match no node.',
  })
  candidates!: EntityCandidate[];

  @Field(() => [RelationCandidate], {
    complexity: PER_SENTENCE,
    description: 'Relationships between its mentions and candidates, each read from a cue.',
  })
  relations!: RelationCandidate[];

  @Field(() => [Quantity], { complexity: PER_SENTENCE, description: 'Numbers it states.' })
  quantities!: Quantity[];
}

@ObjectType({ description: 'What a document says, sentence by sentence, against the graph; nothing is written.' })
export class DocumentAnalysis {
  @Field(() => [AnalyzedSentence], { complexity: SENTENCES, description: 'The sentences, the title first.' })
  sentences!: AnalyzedSentence[];
}

@ObjectType({ description: 'A proposal committed as a node the graph already had (`sameAs`).' })
export class SameAsLink {
  @Field(() => ID, { description: "The proposal's id in the commit input." })
  proposal!: string;

  @Field(() => ID, { description: 'The existing node it was linked to.' })
  nodeId!: string;

  @Field(() => [String], { description: "The proposal's names that the node gained as aliases (new ones only)." })
  addedAliases!: string[];
}

@ObjectType({
  description:
    'What a commit wrote (or, as a dry run, would write): new nodes and relationships, and the facts that gain ' +
    "this document's sentences as further sources.",
})
export class CommitSummary {
  @Field(() => [ID], { description: 'Nodes created.' })
  newNodes!: string[];

  @Field(() => [SameAsLink], { description: 'Proposals linked to existing nodes.' })
  linkedNodes!: SameAsLink[];

  @Field(() => [ID], { description: 'Existing nodes that gain a source (cited, linked, counted or an end).' })
  corroboratedNodes!: string[];

  @Field(() => [ID], { description: 'Relationships created.' })
  newRelationships!: string[];

  @Field(() => [ID], {
    description:
      'Relationships the graph already had (same ends, type and period start) that gain a source: never a second edge.',
  })
  corroboratedRelationships!: string[];
}

@ObjectType({ description: 'A committed document and the facts this commit cites it for.' })
export class DocumentCommit {
  @Field(() => SourceDocument, { description: 'The source document.' })
  document!: SourceDocument;

  @Field({
    description:
      'True when this URL had been committed with the same content: nothing was written, the answer is the first one.',
  })
  alreadyCommitted!: boolean;

  @Field(() => Int, { description: 'Sentences stored as the statements of the document.' })
  statements!: number;

  @Field(() => [Node], {
    complexity: listOf(50),
    description: 'The nodes the commit names: created, mentioned, counted or at an end of a relationship.',
  })
  nodes!: Node[];

  @Field(() => [Relationship], { complexity: listOf(50), description: 'The relationships the commit cites.' })
  relationships!: Relationship[];

  @Field(() => [Source], {
    complexity: listOf(20),
    description: 'Earlier statements of other documents that this one repeats: their facts now cite it too.',
  })
  corroborated!: Source[];

  @Field(() => CommitSummary, { description: 'What was written (nothing when alreadyCommitted: empty lists).' })
  summary!: CommitSummary;

  @Field({ description: 'True when the input asked for a dry run: nothing was written.' })
  dryRun!: boolean;
}
