/** Field resolvers of the node types: thin, reading through the batched loaders. */
import { Args, Ctx, FieldResolver, Resolver, Root, type ClassType } from 'type-graphql';
import { RELATED_LIST } from '../../graphql/complexity';
import type { Context } from '../../graphql/context';
import { Direction, NodeKind, RelationType } from '../../graphql/enums';
import { RelationshipArgs } from './node.inputs';
import {
  Agreement,
  City,
  Commission,
  Country,
  Event,
  Faculty,
  Group,
  Node,
  Organization,
  Relationship,
  Report,
  Source,
  SourceDocument,
  University,
} from './node.types';
import { firstNeighbour, neighbours, relatedEntries, sourcesOf, toRelationship } from './relations';

const ALL_TYPES = Object.values(RelationType);
const { OUT, IN } = Direction;

@Resolver(() => Node)
export class NodeFieldsResolver {
  @FieldResolver(() => [Source], { complexity: RELATED_LIST })
  sources(@Root() node: Node, @Ctx() ctx: Context): Promise<Source[]> {
    return sourcesOf(ctx, node.sourceRefs);
  }

  @FieldResolver(() => [Relationship], {
    complexity: RELATED_LIST,
    description: 'Every relationship of this node, optionally filtered: the generic way to walk the graph.',
  })
  async relationships(
    @Root() node: Node,
    @Args() args: RelationshipArgs,
    @Ctx() ctx: Context,
  ): Promise<Relationship[]> {
    const entries = await relatedEntries(ctx, node.id, args.types ?? ALL_TYPES, args.direction);
    return entries.filter((entry) => !args.kinds || args.kinds.includes(entry.node.kind)).map(toRelationship);
  }
}

@Resolver(() => Relationship)
export class RelationshipFieldsResolver {
  @FieldResolver(() => [Source], { complexity: RELATED_LIST })
  sources(@Root() relationship: Relationship, @Ctx() ctx: Context): Promise<Source[]> {
    return sourcesOf(ctx, relationship.sourceRefs);
  }
}

@Resolver(() => Source)
export class SourceFieldsResolver {
  @FieldResolver(() => SourceDocument, { description: 'The document the sentence belongs to.' })
  async document(@Root() source: Source, @Ctx() ctx: Context): Promise<SourceDocument> {
    return (await ctx.loaders.node.load(source.documentId)) as SourceDocument;
  }
}

/**
 * Organizations, universities, faculties, commissions and groups share these relationship fields;
 * one resolver class per type is made from this template.
 */
function institutionResolver<T extends Node>(type: ClassType<T>, what: string) {
  @Resolver(() => type)
  class InstitutionResolver {
    @FieldResolver(() => [Agreement], { complexity: RELATED_LIST, description: `Agreements this ${what} is party to.` })
    agreements(@Root() node: T, @Ctx() ctx: Context): Promise<Agreement[]> {
      return neighbours(ctx, node.id, [RelationType.PARTY_TO], OUT);
    }

    @FieldResolver(() => [Agreement], {
      complexity: RELATED_LIST,
      description: `Agreements this ${what} helped negotiate without being a party.`,
    })
    facilitatedAgreements(@Root() node: T, @Ctx() ctx: Context): Promise<Agreement[]> {
      return neighbours(ctx, node.id, [RelationType.FACILITATED], OUT);
    }

    @FieldResolver(() => Node, { nullable: true, description: `What this ${what} is part of.` })
    partOf(@Root() node: T, @Ctx() ctx: Context): Promise<Node | null> {
      return firstNeighbour(ctx, node.id, RelationType.PART_OF, OUT);
    }

    @FieldResolver(() => [Node], {
      complexity: RELATED_LIST,
      description: `Units of this ${what}: faculties, campuses, commissions, networks.`,
    })
    units(@Root() node: T, @Ctx() ctx: Context): Promise<Node[]> {
      return neighbours(ctx, node.id, [RelationType.PART_OF], IN);
    }

    @FieldResolver(() => Node, { nullable: true, description: `The city or country this ${what} is located in.` })
    location(@Root() node: T, @Ctx() ctx: Context): Promise<Node | null> {
      return firstNeighbour(ctx, node.id, RelationType.LOCATED_IN, OUT);
    }

    @FieldResolver(() => [Event], { complexity: RELATED_LIST, description: `Events this ${what} organized.` })
    organizedEvents(@Root() node: T, @Ctx() ctx: Context): Promise<Event[]> {
      return neighbours(ctx, node.id, [RelationType.ORGANIZED], OUT);
    }

    @FieldResolver(() => [Event], { complexity: RELATED_LIST, description: `Events held at this ${what}.` })
    hostedEvents(@Root() node: T, @Ctx() ctx: Context): Promise<Event[]> {
      return neighbours(ctx, node.id, [RelationType.HELD_AT], IN);
    }

    @FieldResolver(() => [Event], { complexity: RELATED_LIST, description: `Events this ${what} took part in.` })
    participatedIn(@Root() node: T, @Ctx() ctx: Context): Promise<Event[]> {
      return neighbours(ctx, node.id, [RelationType.PARTICIPATED_IN], OUT);
    }
  }
  return InstitutionResolver;
}

export const OrganizationResolver = institutionResolver(Organization, 'organization');
export const UniversityResolver = institutionResolver(University, 'university');
export const FacultyResolver = institutionResolver(Faculty, 'faculty');
export const CommissionResolver = institutionResolver(Commission, 'commission');
export const GroupResolver = institutionResolver(Group, 'group');

@Resolver(() => Agreement)
export class AgreementResolver {
  @FieldResolver(() => [Node], { complexity: RELATED_LIST, description: 'The parties to the agreement.' })
  parties(@Root() agreement: Agreement, @Ctx() ctx: Context): Promise<Node[]> {
    return neighbours(ctx, agreement.id, [RelationType.PARTY_TO], IN);
  }

  @FieldResolver(() => [Node], {
    complexity: RELATED_LIST,
    description: 'Who helped negotiate it (accompanied the liaison, negotiation or processing).',
  })
  facilitators(@Root() agreement: Agreement, @Ctx() ctx: Context): Promise<Node[]> {
    return neighbours(ctx, agreement.id, [RelationType.FACILITATED], IN);
  }

  @FieldResolver(() => [Node], { complexity: RELATED_LIST, description: 'Reports that state it.' })
  reportedIn(@Root() agreement: Agreement, @Ctx() ctx: Context): Promise<Node[]> {
    return neighbours(ctx, agreement.id, [RelationType.REPORTED_IN], OUT);
  }
}

@Resolver(() => Event)
export class EventResolver {
  @FieldResolver(() => [Node], { complexity: RELATED_LIST, description: 'Who organized it.' })
  organizers(@Root() event: Event, @Ctx() ctx: Context): Promise<Node[]> {
    return neighbours(ctx, event.id, [RelationType.ORGANIZED], IN);
  }

  @FieldResolver(() => [Node], { complexity: RELATED_LIST, description: 'Institutions or campuses it was held at.' })
  venues(@Root() event: Event, @Ctx() ctx: Context): Promise<Node[]> {
    return neighbours(ctx, event.id, [RelationType.HELD_AT], OUT);
  }

  @FieldResolver(() => [City], { complexity: RELATED_LIST, description: 'Cities it was held in or visited.' })
  cities(@Root() event: Event, @Ctx() ctx: Context): Promise<City[]> {
    return neighbours(ctx, event.id, [RelationType.HELD_IN, RelationType.VISITED], OUT, [NodeKind.CITY]);
  }

  @FieldResolver(() => [Relationship], {
    complexity: RELATED_LIST,
    description: 'Groups that took part, each with its stated head count.',
  })
  async participants(@Root() event: Event, @Ctx() ctx: Context): Promise<Relationship[]> {
    return (await relatedEntries(ctx, event.id, [RelationType.PARTICIPATED_IN], IN)).map(toRelationship);
  }

  @FieldResolver(() => [Node], { complexity: RELATED_LIST, description: 'Groups of people it was addressed to.' })
  audience(@Root() event: Event, @Ctx() ctx: Context): Promise<Node[]> {
    return neighbours(ctx, event.id, [RelationType.AIMED_AT], OUT);
  }

  @FieldResolver(() => Event, { nullable: true, description: 'The series this event belongs to.' })
  partOf(@Root() event: Event, @Ctx() ctx: Context): Promise<Event | null> {
    return firstNeighbour(ctx, event.id, RelationType.PART_OF, OUT, [NodeKind.EVENT]);
  }

  @FieldResolver(() => [Event], { complexity: RELATED_LIST, description: 'Named events of this series.' })
  parts(@Root() event: Event, @Ctx() ctx: Context): Promise<Event[]> {
    return neighbours(ctx, event.id, [RelationType.PART_OF], IN, [NodeKind.EVENT]);
  }

  @FieldResolver(() => [Node], { complexity: RELATED_LIST, description: 'Reports that state it.' })
  reportedIn(@Root() event: Event, @Ctx() ctx: Context): Promise<Node[]> {
    return neighbours(ctx, event.id, [RelationType.REPORTED_IN], OUT);
  }
}

@Resolver(() => City)
export class CityResolver {
  @FieldResolver(() => Country, { nullable: true, description: 'The country of the city.' })
  country(@Root() city: City, @Ctx() ctx: Context): Promise<Country | null> {
    return firstNeighbour(ctx, city.id, RelationType.LOCATED_IN, OUT, [NodeKind.COUNTRY]);
  }

  @FieldResolver(() => [Node], { complexity: RELATED_LIST, description: 'Organizations located in the city.' })
  locatedHere(@Root() city: City, @Ctx() ctx: Context): Promise<Node[]> {
    return neighbours(ctx, city.id, [RelationType.LOCATED_IN], IN);
  }

  @FieldResolver(() => [Event], { complexity: RELATED_LIST, description: 'Events held in or visiting the city.' })
  events(@Root() city: City, @Ctx() ctx: Context): Promise<Event[]> {
    return neighbours(ctx, city.id, [RelationType.HELD_IN, RelationType.VISITED], IN);
  }
}

@Resolver(() => Country)
export class CountryResolver {
  @FieldResolver(() => [City], { complexity: RELATED_LIST, description: 'Cities of the country in the graph.' })
  cities(@Root() country: Country, @Ctx() ctx: Context): Promise<City[]> {
    return neighbours(ctx, country.id, [RelationType.LOCATED_IN], IN, [NodeKind.CITY]);
  }

  @FieldResolver(() => [Node], {
    complexity: RELATED_LIST,
    description: 'Organizations located directly in the country.',
  })
  locatedHere(@Root() country: Country, @Ctx() ctx: Context): Promise<Node[]> {
    return neighbours(ctx, country.id, [RelationType.LOCATED_IN], IN).then((nodes) =>
      nodes.filter((node) => node.kind !== NodeKind.CITY),
    );
  }
}

@Resolver(() => Report)
export class ReportResolver {
  @FieldResolver(() => [Node], { complexity: RELATED_LIST, description: 'Who issued the report.' })
  authors(@Root() report: Report, @Ctx() ctx: Context): Promise<Node[]> {
    return neighbours(ctx, report.id, [RelationType.AUTHORED_BY], OUT);
  }

  @FieldResolver(() => [Node], { complexity: RELATED_LIST, description: 'Whose work it gives account of.' })
  reportsOn(@Root() report: Report, @Ctx() ctx: Context): Promise<Node[]> {
    return neighbours(ctx, report.id, [RelationType.REPORTS_ON], OUT);
  }

  @FieldResolver(() => [Node], { complexity: RELATED_LIST, description: 'Agreements and events it states.' })
  facts(@Root() report: Report, @Ctx() ctx: Context): Promise<Node[]> {
    return neighbours(ctx, report.id, [RelationType.REPORTED_IN], IN);
  }

  @FieldResolver(() => [SourceDocument], { complexity: RELATED_LIST, description: 'Documents that report on it.' })
  reportedIn(@Root() report: Report, @Ctx() ctx: Context): Promise<SourceDocument[]> {
    return neighbours(ctx, report.id, [RelationType.REPORTED_IN], OUT, [NodeKind.SOURCE_DOCUMENT]);
  }
}

@Resolver(() => SourceDocument)
export class SourceDocumentResolver {
  @FieldResolver(() => [Node], { complexity: RELATED_LIST, description: 'Reports this document reports on.' })
  reports(@Root() document: SourceDocument, @Ctx() ctx: Context): Promise<Node[]> {
    return neighbours(ctx, document.id, [RelationType.REPORTED_IN], IN);
  }
}

export const NODE_FIELD_RESOLVERS = [
  NodeFieldsResolver,
  RelationshipFieldsResolver,
  SourceFieldsResolver,
  OrganizationResolver,
  UniversityResolver,
  FacultyResolver,
  CommissionResolver,
  GroupResolver,
  AgreementResolver,
  EventResolver,
  CityResolver,
  CountryResolver,
  ReportResolver,
  SourceDocumentResolver,
] as const;
