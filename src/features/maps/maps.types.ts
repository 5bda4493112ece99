/**
 * Saved explorer maps: a named view of the graph (which nodes, where, with what captions and notes, under which
 * filters) that anyone can list and open and editors save. A map is bookkeeping, not a fact: it is stored as an
 * (:ExplorerMap) node outside the graph of :Entity nodes, and it names nodes by id, so a node merged or deleted
 * after the map was saved is reported, never silently dropped.
 */
import {
  ArrayMaxSize,
  IsIn,
  IsNumber,
  IsOptional,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { RelationType } from '../../graphql/enums';
import { NodeIdField } from '../../graphql/fields';
import { Connection } from '../../graphql/pagination';
import { MAX_SLUG_LENGTH, SLUG_PATTERN } from '../../model/graph-model';
import { IsPartialDate } from '../../shared/validators';
import { Node, Relationship } from '../nodes/node.types';

/** Bounds of one map, so that saving or opening one is a bounded request. */
export const MAP_LIMITS = {
  maxNodes: 300,
  maxNotes: 100,
  maxTitle: 200,
  maxDescription: 2_000,
  maxCaption: 200,
  maxNoteText: 1_000,
  /** Relationships a map names (those drawn when it was saved). */
  maxEdges: 3_000,
  /** Positions are Cytoscape model coordinates; anything beyond this is a client bug, not a layout. */
  maxCoordinate: 1_000_000,
} as const;

export enum MapNodeChangeKind {
  MERGED = 'MERGED',
  DELETED = 'DELETED',
  UNKNOWN = 'UNKNOWN',
}

registerEnumType(MapNodeChangeKind, {
  name: 'MapNodeChangeKind',
  description: 'What became of a node a saved map shows.',
  valuesConfig: {
    MERGED: { description: 'It was merged into another node: the map shows that one instead.' },
    DELETED: { description: 'It was deleted (or merged into a node deleted later): the map no longer shows it.' },
    UNKNOWN: { description: 'No node ever had this id (a hand-edited map file, or another database).' },
  },
});

@ObjectType({ description: 'What changed about a node of a map since the map was saved.' })
export class MapNodeChange {
  @Field(() => MapNodeChangeKind, { description: 'What became of it.' })
  kind!: MapNodeChangeKind;

  @Field(() => String, { nullable: true, description: 'Its name as the graph last knew it.' })
  name!: string | null;

  @Field(() => ID, { nullable: true, description: 'For MERGED: the node it was merged into.' })
  mergedInto!: string | null;

  @Field({ description: 'The change in one sentence, e.g. `"fes-aragon" was merged into "unam"`.' })
  message!: string;
}

@ObjectType({ description: 'A node of a saved map: where it was placed and how it was captioned.' })
export class MapNode {
  @Field(() => ID, { description: 'The node id as saved (it may since have been merged or deleted: see `change`).' })
  id!: string;

  @Field(() => Float, { description: 'Horizontal position, in the drawing’s model coordinates.' })
  x!: number;

  @Field(() => Float, { description: 'Vertical position, in the drawing’s model coordinates.' })
  y!: number;

  @Field(() => String, { nullable: true, description: 'A caption drawn instead of the node’s short name.' })
  caption!: string | null;
}

@ObjectType({ description: 'A free-text note placed on a map.' })
export class MapNote {
  @Field({ description: 'The text.' })
  text!: string;

  @Field(() => Float, { description: 'Horizontal position, in model coordinates.' })
  x!: number;

  @Field(() => Float, { description: 'Vertical position, in model coordinates.' })
  y!: number;
}

@ObjectType({ description: 'Where the view was: its zoom and the model point at its centre.' })
export class MapViewport {
  @Field(() => Float, { description: 'Zoom level (1 is 100 %).' })
  zoom!: number;

  @Field(() => Float, { description: 'Model x at the centre of the view.' })
  x!: number;

  @Field(() => Float, { description: 'Model y at the centre of the view.' })
  y!: number;
}

@ObjectType({
  description:
    'A saved view of the graph, listed and opened by anyone: its nodes with positions and captions, notes, the filters that applied, and, as the graph is today, its nodes and the relationships among them.',
})
export class ExplorerMap {
  @Field(() => ID, { description: 'Stable id, used in /explorer?map=<id> and /explorer/embed/<id>.' })
  id!: string;

  @Field({ description: 'Title.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'What the map shows, for its readers.' })
  description!: string | null;

  @Field(() => [MapNode], { description: 'The nodes as saved, with their positions and captions.' })
  nodes!: MapNode[];

  @Field(() => [MapNote], { description: 'Free-text notes placed on the map.' })
  notes!: MapNote[];

  @Field(() => MapViewport, { nullable: true, description: 'The view as saved (null: fit the map to the screen).' })
  viewport!: MapViewport | null;

  @Field(() => [RelationType], { description: 'Relationship types hidden when it was saved.' })
  hiddenTypes!: RelationType[];

  @Field(() => String, { nullable: true, description: 'The "active at" date filter when it was saved.' })
  activeAt!: string | null;

  @Field(() => [ID], { description: 'Nodes the author hid: not drawn, and not drawn again by opening a neighbour.' })
  hiddenNodes!: string[];

  @Field(() => [ID], { description: 'Nodes the author opened: in view whatever the filters (the rest need an edge).' })
  expanded!: string[];

  @Field(() => [ID], {
    nullable: true,
    description: 'The relationships drawn when it was saved; null: every relationship among its nodes.',
  })
  edgeIds!: string[] | null;

  @Field({ description: 'Whether every relationship showed its label.' })
  edgeLabels!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'What the nodes were sized by: DEGREE, WEIGHTED_DEGREE or BETWEENNESS; null: not sized.',
  })
  sizeBy!: string | null;

  @Field(() => Int, { description: 'Incremented by every save; `updateMap` must name the version it changes.' })
  version!: number;

  @Field(() => GraphQLDateTime, { description: 'When it was first saved.' })
  createdAt!: string;

  @Field(() => GraphQLDateTime, { description: 'When it was last saved.' })
  updatedAt!: string;

  @Field({ description: 'Who first saved it.' })
  createdBy!: string;

  @Field({ description: 'Who last saved it.' })
  updatedBy!: string;
}

/** The ExplorerMap fields resolved against the graph as it is today. */
@ObjectType({ description: 'A node of a map as the graph has it today.' })
export class MapNodeState {
  @Field(() => ID, { description: 'The node id as saved.' })
  id!: string;

  @Field(() => Node, {
    nullable: true,
    description: 'The node today: itself, or the node it was merged into; null when deleted or unknown.',
  })
  node!: Node | null;

  @Field(() => MapNodeChange, { nullable: true, description: 'What changed since the map was saved; null: nothing.' })
  change!: MapNodeChange | null;
}

@ObjectType({ description: 'A saved map opened against the graph as it is today.' })
export class MapContent {
  @Field(() => [MapNodeState], { description: 'Each node of the map, in the saved order, as it is today.' })
  nodes!: MapNodeState[];

  @Field(() => [Relationship], { description: 'Every relationship between two of the nodes the map shows today.' })
  edges!: Relationship[];
}

export const ExplorerMapConnection = Connection(ExplorerMap, 'ExplorerMap', 'map');

const coordinate =
  (description: string): PropertyDecorator =>
  (target, key) => {
    Field(() => Float, { description })(target, key);
    IsNumber({ allowNaN: false, allowInfinity: false })(target, key);
    Min(-MAP_LIMITS.maxCoordinate)(target, key);
    Max(MAP_LIMITS.maxCoordinate)(target, key);
  };

const optionalText =
  (description: string, max: number, options?: ValidationOptions): PropertyDecorator =>
  (target, key) => {
    Field(() => String, { nullable: true, description })(target, key);
    IsOptional()(target, key);
    Length(1, max, options)(target, key);
  };

@InputType({ description: 'A node placed on a map.' })
export class MapNodeInput {
  @NodeIdField('The node id.')
  id!: string;

  @coordinate('Horizontal position, in model coordinates.')
  x!: number;

  @coordinate('Vertical position, in model coordinates.')
  y!: number;

  @optionalText('A caption drawn instead of the node’s short name.', MAP_LIMITS.maxCaption)
  caption?: string | null;
}

@InputType({ description: 'A free-text note placed on a map.' })
export class MapNoteInput {
  @Field({ description: 'The text.' })
  @Length(1, MAP_LIMITS.maxNoteText)
  text!: string;

  @coordinate('Horizontal position, in model coordinates.')
  x!: number;

  @coordinate('Vertical position, in model coordinates.')
  y!: number;
}

@InputType({ description: 'Where the view is: its zoom and the model point at its centre.' })
export class MapViewportInput {
  @Field(() => Float, { description: 'Zoom level (1 is 100 %).' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(100)
  zoom!: number;

  @coordinate('Model x at the centre of the view.')
  x!: number;

  @coordinate('Model y at the centre of the view.')
  y!: number;
}

@InputType({ description: 'What a map holds: everything a save writes.' })
export class MapInput {
  @Field({ description: 'Title.' })
  @Length(1, MAP_LIMITS.maxTitle)
  title!: string;

  @optionalText('What the map shows, for its readers.', MAP_LIMITS.maxDescription)
  description?: string | null;

  @Field(() => [MapNodeInput], { description: `The nodes (at most ${MAP_LIMITS.maxNodes}), each once.` })
  @ArrayMaxSize(MAP_LIMITS.maxNodes)
  @ValidateNested({ each: true })
  nodes!: MapNodeInput[];

  @Field(() => [MapNoteInput], { nullable: true, description: `Notes (at most ${MAP_LIMITS.maxNotes}).` })
  @IsOptional()
  @ArrayMaxSize(MAP_LIMITS.maxNotes)
  @ValidateNested({ each: true })
  notes?: MapNoteInput[] | null;

  @Field(() => MapViewportInput, { nullable: true, description: 'The view (omit it to fit the map when opened).' })
  @IsOptional()
  @ValidateNested()
  viewport?: MapViewportInput | null;

  @Field(() => [RelationType], { nullable: true, description: 'Relationship types hidden in the view.' })
  @IsOptional()
  @ArrayMaxSize(50)
  hiddenTypes?: RelationType[] | null;

  @Field(() => String, { nullable: true, description: 'The "active at" date filter: YYYY, YYYY-MM or YYYY-MM-DD.' })
  @IsOptional()
  @IsPartialDate()
  activeAt?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Nodes hidden by the author (not drawn).' })
  @IsOptional()
  @ArrayMaxSize(MAP_LIMITS.maxNodes)
  @Length(1, MAX_SLUG_LENGTH, { each: true })
  hiddenNodes?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Nodes opened by the author (in view whatever the filters).' })
  @IsOptional()
  @ArrayMaxSize(MAP_LIMITS.maxNodes)
  @Length(1, MAX_SLUG_LENGTH, { each: true })
  expanded?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: `The relationships drawn (at most ${MAP_LIMITS.maxEdges}); omit it for every one among the nodes.`,
  })
  @IsOptional()
  @ArrayMaxSize(MAP_LIMITS.maxEdges)
  @Length(1, 500, { each: true })
  edgeIds?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether every relationship shows its label.' })
  @IsOptional()
  edgeLabels?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Size nodes by DEGREE, WEIGHTED_DEGREE or BETWEENNESS.' })
  @IsOptional()
  @IsIn(['DEGREE', 'WEIGHTED_DEGREE', 'BETWEENNESS'])
  sizeBy?: string | null;
}

@InputType({ description: 'A new map.' })
export class CreateMapInput extends MapInput {
  @Field(() => ID, {
    nullable: true,
    description: 'A slug id for its address (default: made from the title); CONFLICT when taken.',
  })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: 'id must be a slug of lower-case letters, digits and single hyphens' })
  @Length(1, MAX_SLUG_LENGTH)
  id?: string | null;
}
