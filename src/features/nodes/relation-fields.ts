/**
 * The relationship fields of each node type: which relationship types, which way, and which kinds of
 * node at the other end. The field resolvers read through these, and list queries use them to fetch the
 * relationships a query asks for in the same Cypher query as the page.
 */
import { Direction, NodeKind, RelationType } from '../../graphql/enums';

export interface RelationSpec {
  types: RelationType[];
  direction: Direction;
  /** Only neighbours of these kinds (filtered after fetching). */
  kinds?: NodeKind[];
}

const { OUT, IN } = Direction;
const spec = (types: RelationType[], direction: Direction, kinds?: NodeKind[]): RelationSpec => ({
  types,
  direction,
  kinds,
});

/** Organizations, universities, faculties, commissions and groups share these. */
const INSTITUTION = {
  agreements: spec([RelationType.PARTY_TO], OUT),
  facilitatedAgreements: spec([RelationType.FACILITATED], OUT),
  partOf: spec([RelationType.PART_OF], OUT),
  units: spec([RelationType.PART_OF], IN),
  location: spec([RelationType.LOCATED_IN], OUT),
  organizedEvents: spec([RelationType.ORGANIZED], OUT),
  hostedEvents: spec([RelationType.HELD_AT], IN),
  participatedIn: spec([RelationType.PARTICIPATED_IN], OUT),
};

export const RELATION_FIELDS = {
  Organization: INSTITUTION,
  University: INSTITUTION,
  Faculty: INSTITUTION,
  Commission: INSTITUTION,
  Group: INSTITUTION,
  Agreement: {
    parties: spec([RelationType.PARTY_TO], IN),
    facilitators: spec([RelationType.FACILITATED], IN),
    reportedIn: spec([RelationType.REPORTED_IN], OUT),
  },
  Event: {
    organizers: spec([RelationType.ORGANIZED], IN),
    venues: spec([RelationType.HELD_AT], OUT),
    cities: spec([RelationType.HELD_IN, RelationType.VISITED], OUT, [NodeKind.CITY]),
    participants: spec([RelationType.PARTICIPATED_IN], IN),
    audience: spec([RelationType.AIMED_AT], OUT),
    partOf: spec([RelationType.PART_OF], OUT, [NodeKind.EVENT]),
    parts: spec([RelationType.PART_OF], IN, [NodeKind.EVENT]),
    reportedIn: spec([RelationType.REPORTED_IN], OUT),
  },
  City: {
    country: spec([RelationType.LOCATED_IN], OUT, [NodeKind.COUNTRY]),
    locatedHere: spec([RelationType.LOCATED_IN], IN),
    events: spec([RelationType.HELD_IN, RelationType.VISITED], IN),
  },
  Country: {
    cities: spec([RelationType.LOCATED_IN], IN, [NodeKind.CITY]),
    locatedHere: spec([RelationType.LOCATED_IN], IN),
  },
  Report: {
    authors: spec([RelationType.AUTHORED_BY], OUT),
    reportsOn: spec([RelationType.REPORTS_ON], OUT),
    facts: spec([RelationType.REPORTED_IN], IN),
    reportedIn: spec([RelationType.REPORTED_IN], OUT, [NodeKind.SOURCE_DOCUMENT]),
  },
  SourceDocument: {
    reports: spec([RelationType.REPORTED_IN], IN),
  },
} satisfies Record<string, Record<string, RelationSpec>>;
