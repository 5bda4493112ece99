/**
 * The node types of the graph: the `Node` interface and one object type per kind, plus the small value
 * types they share (dates with precision, periods, sources).
 */
import { GraphQLDate } from 'graphql-scalars';
import { Field, ID, Int, InterfaceType, ObjectType, type ClassType } from 'type-graphql';
import { NODE_KINDS } from '../../model/graph-model';
import {
  AgreementStatus,
  CountProperty,
  DatePrecisionEnum,
  Direction,
  NodeKind,
  RelationType,
} from '../../graphql/enums';
import { Connection } from '../../graphql/pagination';

@ObjectType({ description: 'A date as precise as its source states it.' })
export class PartialDate {
  @Field({ description: 'The date as stated: "2024", "2024-09" or "2024-09-25".' })
  value!: string;

  @Field(() => DatePrecisionEnum, { description: 'Whether it names a year, a month or a day.' })
  precision!: DatePrecisionEnum;

  @Field(() => GraphQLDate, { description: 'First day it covers.' })
  firstDay!: string;

  @Field(() => GraphQLDate, { description: 'Last day it covers.' })
  lastDay!: string;
}

@ObjectType({ description: 'The period a fact is reported for; an open end is null.' })
export class Period {
  @Field(() => PartialDate, { nullable: true, description: 'Start of the period.' })
  start!: PartialDate | null;

  @Field(() => PartialDate, { nullable: true, description: 'End of the period.' })
  end!: PartialDate | null;
}

@ObjectType({ description: 'A sentence of a source document that supports a fact.' })
export class Source {
  @Field(() => ID, { description: 'Statement id: "<document id>#<position>".' })
  statementId!: string;

  @Field(() => Int, { description: 'Position of the sentence in the document; 0 is the headline.' })
  position!: number;

  @Field({ description: 'The supporting sentence, in the original language.' })
  sentence!: string;

  /** Resolved by the field resolver from this id. */
  documentId!: string;
}

@ObjectType({ description: 'A count a source states about the node ("una red de 125 convenios"), with its sentences.' })
export class StatedCount {
  @Field(() => CountProperty, { description: 'Which count it is (the name of the stored integer property).' })
  property!: CountProperty;

  @Field({ description: 'What it counts, in the words of the sources ("convenios con instituciones académicas").' })
  label!: string;

  @Field(() => Int, { description: 'The number stated.' })
  value!: number;

  @Field(() => CountProperty, {
    nullable: true,
    description: 'The total this count is a part of, when a source breaks a total down.',
  })
  partOf!: CountProperty | null;

  /** The statements behind `sources`: those recorded for this count, else the node's. */
  sourceRefs!: string[];
}

/** The GraphQL object type of a node: its kind's. */
export const resolveNodeType = (value: { kind: NodeKind }): string => NODE_TYPE_NAMES[value.kind];

/** What every node carries; the GraphQL object types add their kind's fields. */
@InterfaceType({
  description: 'Anything in the graph: an organization, agreement, event, place, document...',
  resolveType: resolveNodeType,
})
export abstract class Node {
  @Field(() => ID, { description: 'Stable, human-readable id (a slug such as "iecm").' })
  id!: string;

  @Field({ description: 'Name in the original language (Spanish for the IECM data).' })
  name!: string;

  @Field(() => NodeKind, { description: 'What this node is.' })
  kind!: NodeKind;

  @Field(() => [String], { description: 'Acronyms, short forms and well-known English names.' })
  aliases!: string[];

  @Field(() => [Source], { description: 'The sentences of source documents that support this node.' })
  sources!: Source[];

  /** Statement ids behind `sources`. */
  sourceRefs!: string[];

  @Field(() => [StatedCount], {
    description: 'Counts the sources state about it, totals before their parts, each with its sentences.',
  })
  counts!: StatedCount[];

  /** The normalized name, for stable ordering of neighbours. */
  sortKey?: string;
}

@ObjectType({
  description:
    'A directed relationship, from `source` to `target`, drawable as it is by Cytoscape.js or vis-network. Read from ' +
    "one of its ends (a node's `relationships` and relationship fields) it also gives `direction` and the `node` at " +
    'the other end.',
})
export class Relationship {
  @Field(() => ID, { description: 'Stable id of the relationship.' })
  id!: string;

  @Field(() => RelationType, { description: 'Type of the relationship.' })
  type!: RelationType;

  @Field({ description: 'Human-readable label of the type, e.g. "party to".' })
  label!: string;

  @Field(() => ID, { description: 'Id of the node it starts from.' })
  source!: string;

  @Field(() => ID, { description: 'Id of the node it points to.' })
  target!: string;

  @Field(() => Direction, {
    nullable: true,
    description:
      'Read from one of its ends: OUT when it points from that node to `node`, IN otherwise. Null when it is read ' +
      'on its own (paths, subgraphs, maps, mutations): use `source` and `target`.',
  })
  direction!: Direction | null;

  @Field(() => Node, {
    nullable: true,
    description: 'Read from one of its ends: the node at the other end. Null when it is read on its own.',
  })
  node!: Node | null;

  @Field(() => Period, { nullable: true, description: 'The period the relationship is reported for.' })
  period!: Period | null;

  @Field(() => [Source], { description: 'The sentences that support the relationship (its provenance).' })
  sources!: Source[];

  @Field(() => Int, { nullable: true, description: 'A head count stated for it (e.g. participants).' })
  participantCount!: number | null;

  @Field(() => String, { nullable: true, description: 'A note stated for it (e.g. "diversos planteles").' })
  note!: string | null;

  /** Statement ids behind `sources`. */
  sourceRefs!: string[];
}

export const RelationshipConnection = Connection(Relationship, 'Relationship', 'relationship');

@ObjectType({ implements: Node, description: 'A faculty, school or campus of a university.' })
export class Faculty extends Node {
  @Field(() => String, { nullable: true, description: 'FACULTY or CAMPUS.' })
  unitType!: string | null;
}

@ObjectType({ implements: Node, description: 'A commission or internal body of an organization.' })
export class Commission extends Node {
  @Field(() => Boolean, { nullable: true, description: 'Whether it is a provisional commission.' })
  provisional!: boolean | null;
}

@ObjectType({ implements: Node, description: 'An agreement (convenio) or other legal instrument.' })
export class Agreement extends Node {
  @Field(() => AgreementStatus, {
    nullable: true,
    description: 'SIGNED, NEGOTIATION (only its negotiation is reported) or NOT_STATED (no source says which).',
  })
  status!: AgreementStatus | null;

  /** The statements behind `statusSources`: those recorded for the status, else the node's; none when NOT_STATED. */
  statusSourceRefs!: string[];

  @Field(() => String, { nullable: true, description: 'Kind of instrument, e.g. CONVENIO.' })
  agreementType!: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the source singles it out.' })
  highlighted!: boolean | null;

  @Field(() => Period, { nullable: true, description: 'The period it is reported in.' })
  period!: Period | null;
}

@ObjectType({ implements: Node, description: 'An event, a series of events, a tour series or a mission.' })
export class Event extends Node {
  @Field(() => String, {
    nullable: true,
    description: 'SERIES, TOUR_SERIES, OBSERVATION_MISSION, CEREMONY, PRESENTATION...',
  })
  eventType!: string | null;

  @Field(() => Int, { nullable: true, description: 'Number of events in a series, as stated.' })
  eventCount!: number | null;

  @Field(() => Int, { nullable: true, description: 'Number of tours, as stated.' })
  tourCount!: number | null;

  @Field(() => Int, { nullable: true, description: 'Number of cities covered, as stated.' })
  cityCount!: number | null;

  @Field(() => Int, { nullable: true, description: 'Number of participants, as stated.' })
  participantCount!: number | null;

  @Field(() => Int, { nullable: true, description: 'Edition number (e.g. 6 for the sixth edition).' })
  edition!: number | null;

  @Field(() => String, { nullable: true, description: 'Stated purpose.' })
  purpose!: string | null;

  @Field(() => String, { nullable: true, description: 'Other stated detail.' })
  note!: string | null;

  @Field(() => Period, { nullable: true, description: 'When it took place, as precise as stated.' })
  period!: Period | null;
}

@ObjectType({ implements: Node, description: 'A report that states facts for a period.' })
export class Report extends Node {
  @Field(() => Int, { nullable: true, description: 'Legal instruments signed in the period, as stated.' })
  legalInstrumentsSigned!: number | null;

  @Field(() => String, { nullable: true, description: 'What the report covers.' })
  summary!: string | null;

  @Field(() => Period, { nullable: true, description: 'The period it reports on.' })
  period!: Period | null;
}

@ObjectType({ implements: Node, description: 'A published document the facts are taken from.' })
export class SourceDocument extends Node {
  @Field({ description: 'Title (headline).' })
  title!: string;

  @Field({ description: 'Where it was published.' })
  url!: string;

  @Field(() => PartialDate, { nullable: true, description: 'Publication date.' })
  publishedOn!: PartialDate | null;

  @Field(() => String, { nullable: true, description: 'Author or byline.' })
  author!: string | null;

  @Field(() => String, { nullable: true, description: 'Genre, e.g. "Nota Informativa".' })
  genre!: string | null;

  @Field(() => String, { nullable: true, description: 'Publisher or site.' })
  publisher!: string | null;

  @Field(() => String, { nullable: true, description: 'Language code, e.g. "es".' })
  language!: string | null;
}

/**
 * The object type of a kind with no fields of its own, made from the graph model (name and description) by a class
 * factory, as in type-graphql's examples of generic types: a new kind of that sort needs no class here.
 */
function plainNodeType(kind: NodeKind): ClassType<Node> {
  const { typeName, description } = NODE_KINDS[kind];
  @ObjectType(typeName, { implements: Node, description })
  class PlainNode extends Node {}
  Object.defineProperty(PlainNode, 'name', { value: typeName });
  return PlainNode;
}

/** The kinds with fields of their own, each with its class above. */
const OWN_TYPES: Partial<Record<NodeKind, ClassType<Node>>> = {
  FACULTY: Faculty,
  COMMISSION: Commission,
  AGREEMENT: Agreement,
  EVENT: Event,
  REPORT: Report,
  SOURCE_DOCUMENT: SourceDocument,
};

/** The object type of every kind of the model, in the model's order. */
export const NODE_TYPES = Object.fromEntries(
  Object.values(NodeKind).map((kind) => [kind, OWN_TYPES[kind] ?? plainNodeType(kind)]),
) as Record<NodeKind, ClassType<Node>>;

/** Types named by queries and relation fields (kept as names so their imports read as before). */
export const Organization = NODE_TYPES.ORGANIZATION;
export const University = NODE_TYPES.UNIVERSITY;
export const City = NODE_TYPES.CITY;
export const Country = NODE_TYPES.COUNTRY;
export const Person = NODE_TYPES.PERSON;

const NODE_TYPE_NAMES = Object.fromEntries(
  Object.values(NodeKind).map((kind) => [kind, NODE_KINDS[kind].typeName]),
) as Record<NodeKind, string>;
