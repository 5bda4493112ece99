/** Field resolvers of the node types: thin, reading through the batched loaders. */
import { Args, Ctx, FieldResolver, Resolver, Root, type ClassType } from 'type-graphql';
import { RELATED_LIST } from '../../graphql/complexity';
import type { Context } from '../../graphql/context';
import { NodeKind, RelationType } from '../../graphql/enums';
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
import { RELATION_FIELDS } from './relation-fields';
import { firstNeighbour, neighbours, relatedEntries, sourcesOf, toRelationship } from './relations';

const ALL_TYPES = Object.values(RelationType);

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
    const entries = await relatedEntries(ctx, node.id, { types: args.types ?? ALL_TYPES, direction: args.direction });
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
      return neighbours(ctx, node.id, RELATION_FIELDS.Organization.agreements);
    }

    @FieldResolver(() => [Agreement], {
      complexity: RELATED_LIST,
      description: `Agreements this ${what} helped negotiate without being a party.`,
    })
    facilitatedAgreements(@Root() node: T, @Ctx() ctx: Context): Promise<Agreement[]> {
      return neighbours(ctx, node.id, RELATION_FIELDS.Organization.facilitatedAgreements);
    }

    @FieldResolver(() => Node, { nullable: true, description: `What this ${what} is part of.` })
    partOf(@Root() node: T, @Ctx() ctx: Context): Promise<Node | null> {
      return firstNeighbour(ctx, node.id, RELATION_FIELDS.Organization.partOf);
    }

    @FieldResolver(() => [Node], {
      complexity: RELATED_LIST,
      description: `Units of this ${what}: faculties, campuses, commissions, networks.`,
    })
    units(@Root() node: T, @Ctx() ctx: Context): Promise<Node[]> {
      return neighbours(ctx, node.id, RELATION_FIELDS.Organization.units);
    }

    @FieldResolver(() => Node, { nullable: true, description: `The city or country this ${what} is located in.` })
    location(@Root() node: T, @Ctx() ctx: Context): Promise<Node | null> {
      return firstNeighbour(ctx, node.id, RELATION_FIELDS.Organization.location);
    }

    @FieldResolver(() => [Event], { complexity: RELATED_LIST, description: `Events this ${what} organized.` })
    organizedEvents(@Root() node: T, @Ctx() ctx: Context): Promise<Event[]> {
      return neighbours(ctx, node.id, RELATION_FIELDS.Organization.organizedEvents);
    }

    @FieldResolver(() => [Event], { complexity: RELATED_LIST, description: `Events held at this ${what}.` })
    hostedEvents(@Root() node: T, @Ctx() ctx: Context): Promise<Event[]> {
      return neighbours(ctx, node.id, RELATION_FIELDS.Organization.hostedEvents);
    }

    @FieldResolver(() => [Event], { complexity: RELATED_LIST, description: `Events this ${what} took part in.` })
    participatedIn(@Root() node: T, @Ctx() ctx: Context): Promise<Event[]> {
      return neighbours(ctx, node.id, RELATION_FIELDS.Organization.participatedIn);
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
    return neighbours(ctx, agreement.id, RELATION_FIELDS.Agreement.parties);
  }

  @FieldResolver(() => [Node], {
    complexity: RELATED_LIST,
    description: 'Who helped negotiate it (accompanied the liaison, negotiation or processing).',
  })
  facilitators(@Root() agreement: Agreement, @Ctx() ctx: Context): Promise<Node[]> {
    return neighbours(ctx, agreement.id, RELATION_FIELDS.Agreement.facilitators);
  }

  @FieldResolver(() => [Node], { complexity: RELATED_LIST, description: 'Reports that state it.' })
  reportedIn(@Root() agreement: Agreement, @Ctx() ctx: Context): Promise<Node[]> {
    return neighbours(ctx, agreement.id, RELATION_FIELDS.Agreement.reportedIn);
  }
}

@Resolver(() => Event)
export class EventResolver {
  @FieldResolver(() => [Node], { complexity: RELATED_LIST, description: 'Who organized it.' })
  organizers(@Root() event: Event, @Ctx() ctx: Context): Promise<Node[]> {
    return neighbours(ctx, event.id, RELATION_FIELDS.Event.organizers);
  }

  @FieldResolver(() => [Node], { complexity: RELATED_LIST, description: 'Institutions or campuses it was held at.' })
  venues(@Root() event: Event, @Ctx() ctx: Context): Promise<Node[]> {
    return neighbours(ctx, event.id, RELATION_FIELDS.Event.venues);
  }

  @FieldResolver(() => [City], { complexity: RELATED_LIST, description: 'Cities it was held in or visited.' })
  cities(@Root() event: Event, @Ctx() ctx: Context): Promise<City[]> {
    return neighbours(ctx, event.id, RELATION_FIELDS.Event.cities);
  }

  @FieldResolver(() => [Relationship], {
    complexity: RELATED_LIST,
    description: 'Groups that took part, each with its stated head count.',
  })
  async participants(@Root() event: Event, @Ctx() ctx: Context): Promise<Relationship[]> {
    return (await relatedEntries(ctx, event.id, RELATION_FIELDS.Event.participants)).map(toRelationship);
  }

  @FieldResolver(() => [Node], { complexity: RELATED_LIST, description: 'Groups of people it was addressed to.' })
  audience(@Root() event: Event, @Ctx() ctx: Context): Promise<Node[]> {
    return neighbours(ctx, event.id, RELATION_FIELDS.Event.audience);
  }

  @FieldResolver(() => Event, { nullable: true, description: 'The series this event belongs to.' })
  partOf(@Root() event: Event, @Ctx() ctx: Context): Promise<Event | null> {
    return firstNeighbour(ctx, event.id, RELATION_FIELDS.Event.partOf);
  }

  @FieldResolver(() => [Event], { complexity: RELATED_LIST, description: 'Named events of this series.' })
  parts(@Root() event: Event, @Ctx() ctx: Context): Promise<Event[]> {
    return neighbours(ctx, event.id, RELATION_FIELDS.Event.parts);
  }

  @FieldResolver(() => [Node], { complexity: RELATED_LIST, description: 'Reports that state it.' })
  reportedIn(@Root() event: Event, @Ctx() ctx: Context): Promise<Node[]> {
    return neighbours(ctx, event.id, RELATION_FIELDS.Event.reportedIn);
  }
}

@Resolver(() => City)
export class CityResolver {
  @FieldResolver(() => Country, { nullable: true, description: 'The country of the city.' })
  country(@Root() city: City, @Ctx() ctx: Context): Promise<Country | null> {
    return firstNeighbour(ctx, city.id, RELATION_FIELDS.City.country);
  }

  @FieldResolver(() => [Node], { complexity: RELATED_LIST, description: 'Organizations located in the city.' })
  locatedHere(@Root() city: City, @Ctx() ctx: Context): Promise<Node[]> {
    return neighbours(ctx, city.id, RELATION_FIELDS.City.locatedHere);
  }

  @FieldResolver(() => [Event], { complexity: RELATED_LIST, description: 'Events held in or visiting the city.' })
  events(@Root() city: City, @Ctx() ctx: Context): Promise<Event[]> {
    return neighbours(ctx, city.id, RELATION_FIELDS.City.events);
  }
}

@Resolver(() => Country)
export class CountryResolver {
  @FieldResolver(() => [City], { complexity: RELATED_LIST, description: 'Cities of the country in the graph.' })
  cities(@Root() country: Country, @Ctx() ctx: Context): Promise<City[]> {
    return neighbours(ctx, country.id, RELATION_FIELDS.Country.cities);
  }

  @FieldResolver(() => [Node], {
    complexity: RELATED_LIST,
    description: 'Organizations located directly in the country.',
  })
  locatedHere(@Root() country: Country, @Ctx() ctx: Context): Promise<Node[]> {
    return neighbours(ctx, country.id, RELATION_FIELDS.Country.locatedHere).then((nodes) =>
      nodes.filter((node) => node.kind !== NodeKind.CITY),
    );
  }
}

@Resolver(() => Report)
export class ReportResolver {
  @FieldResolver(() => [Node], { complexity: RELATED_LIST, description: 'Who issued the report.' })
  authors(@Root() report: Report, @Ctx() ctx: Context): Promise<Node[]> {
    return neighbours(ctx, report.id, RELATION_FIELDS.Report.authors);
  }

  @FieldResolver(() => [Node], { complexity: RELATED_LIST, description: 'Whose work it gives account of.' })
  reportsOn(@Root() report: Report, @Ctx() ctx: Context): Promise<Node[]> {
    return neighbours(ctx, report.id, RELATION_FIELDS.Report.reportsOn);
  }

  @FieldResolver(() => [Node], { complexity: RELATED_LIST, description: 'Agreements and events it states.' })
  facts(@Root() report: Report, @Ctx() ctx: Context): Promise<Node[]> {
    return neighbours(ctx, report.id, RELATION_FIELDS.Report.facts);
  }

  @FieldResolver(() => [SourceDocument], { complexity: RELATED_LIST, description: 'Documents that report on it.' })
  reportedIn(@Root() report: Report, @Ctx() ctx: Context): Promise<SourceDocument[]> {
    return neighbours(ctx, report.id, RELATION_FIELDS.Report.reportedIn);
  }
}

@Resolver(() => SourceDocument)
export class SourceDocumentResolver {
  @FieldResolver(() => [Node], { complexity: RELATED_LIST, description: 'Reports this document reports on.' })
  reports(@Root() document: SourceDocument, @Ctx() ctx: Context): Promise<Node[]> {
    return neighbours(ctx, document.id, RELATION_FIELDS.SourceDocument.reports);
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
