import { IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, InputType, Int, registerEnumType } from 'type-graphql';
import { LIMITS } from '../../shared/limits';
import { AgreementStatus, Direction, NodeKind, RelationType, SortDirection } from '../../graphql/enums';
import { PageArgs } from '../../graphql/pagination';
import { NodeIdField } from '../../graphql/fields';
import { NodeSortField } from './node.repository';

registerEnumType(NodeSortField, {
  name: 'NodeSortField',
  description: 'What a list of nodes is sorted by.',
  valuesConfig: { NAME: { description: 'The name.' }, ID: { description: 'The id.' } },
});

@InputType({ description: 'Filters shared by every list of nodes; all given conditions must hold.' })
export class NodeFilter {
  @Field(() => String, { nullable: true, description: 'Text in the name or an alias (accents and case ignored).' })
  @IsOptional()
  @Length(1, 200)
  nameContains?: string;

  @NodeIdField('Only nodes located in this city or country.', { optional: true })
  locatedIn?: string;

  @NodeIdField('Only nodes that are part of this node.', { optional: true })
  partOf?: string;

  @NodeIdField('Only nodes with any relationship to this node.', { optional: true })
  relatedTo?: string;
}

@InputType({ description: 'Filters for agreements.' })
export class AgreementFilter extends NodeFilter {
  @Field(() => AgreementStatus, { nullable: true, description: 'Only agreements with this status.' })
  status?: AgreementStatus;
}

@InputType({ description: 'Filters for events.' })
export class EventFilter extends NodeFilter {
  @Field(() => String, { nullable: true, description: 'e.g. SERIES, TOUR_SERIES, OBSERVATION_MISSION.' })
  @IsOptional()
  @Length(1, 40)
  eventType?: string;
}

@InputType({ description: 'Sort order of a list of nodes.' })
export class NodeOrder {
  @Field(() => NodeSortField, { defaultValue: NodeSortField.NAME, description: 'Sort key.' })
  field: NodeSortField = NodeSortField.NAME;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Direction.' })
  direction: SortDirection = SortDirection.ASC;
}

@ArgsType()
export class NodeListArgs extends PageArgs {
  @Field(() => NodeFilter, { nullable: true, description: 'Filters.' })
  @ValidateNested()
  filter?: NodeFilter;

  @Field(() => NodeOrder, { nullable: true, description: 'Sort order (default: by name).' })
  orderBy?: NodeOrder;
}

@ArgsType()
export class AgreementListArgs extends PageArgs {
  @Field(() => AgreementFilter, { nullable: true, description: 'Filters.' })
  @ValidateNested()
  filter?: AgreementFilter;

  @Field(() => NodeOrder, { nullable: true, description: 'Sort order (default: by name).' })
  orderBy?: NodeOrder;
}

@ArgsType()
export class EventListArgs extends PageArgs {
  @Field(() => EventFilter, { nullable: true, description: 'Filters.' })
  @ValidateNested()
  filter?: EventFilter;

  @Field(() => NodeOrder, { nullable: true, description: 'Sort order (default: by name).' })
  orderBy?: NodeOrder;
}

@ArgsType()
export class RelatedListArgs {
  @Field(() => Int, {
    defaultValue: LIMITS.defaultRelatedItems,
    description: `Most items returned (at most ${LIMITS.maxRelatedItems}).`,
  })
  @Min(1)
  @Max(LIMITS.maxRelatedItems)
  first: number = LIMITS.defaultRelatedItems;
}

@ArgsType()
export class RelationshipArgs extends PageArgs {
  @Field(() => [RelationType], { nullable: true, description: 'Only these types (default: all).' })
  types?: RelationType[];

  @Field(() => Direction, { defaultValue: Direction.BOTH, description: 'Which way the relationships point.' })
  direction: Direction = Direction.BOTH;

  @Field(() => [NodeKind], { nullable: true, description: 'Only relationships to nodes of these kinds.' })
  kinds?: NodeKind[];
}
