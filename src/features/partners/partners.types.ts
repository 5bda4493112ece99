import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../graphql/pagination';
import { Node, Period, Source } from '../nodes/node.types';

export enum PartnershipKind {
  SIGNED_AGREEMENT = 'SIGNED_AGREEMENT',
  AGREEMENT_IN_NEGOTIATION = 'AGREEMENT_IN_NEGOTIATION',
  AGREEMENT_STATUS_NOT_STATED = 'AGREEMENT_STATUS_NOT_STATED',
  FACILITATED_AGREEMENT = 'FACILITATED_AGREEMENT',
  EVENT_VENUE = 'EVENT_VENUE',
  EVENT_PARTICIPATION = 'EVENT_PARTICIPATION',
}

registerEnumType(PartnershipKind, {
  name: 'PartnershipKind',
  description: 'How two nodes partnered.',
  valuesConfig: {
    SIGNED_AGREEMENT: { description: 'Both are parties to a signed agreement.' },
    AGREEMENT_IN_NEGOTIATION: { description: 'Both are parties to an agreement whose negotiation is reported.' },
    AGREEMENT_STATUS_NOT_STATED: {
      description: 'Both are parties to an agreement whose status no source states (neither signed nor negotiation).',
    },
    FACILITATED_AGREEMENT: { description: 'One helped negotiate (accompanied) an agreement the other is party to.' },
    EVENT_VENUE: { description: 'One held an event at the other (e.g. a stand at a university).' },
    EVENT_PARTICIPATION: { description: 'One took part in an event the other organized.' },
  },
});

@ObjectType({
  description:
    'Who partnered with the asked node, how, and what proves it. Partnership is symmetric: a node acts together ' +
    'with its parts (a commission of an institute, a faculty of a university), and is never the partner of its own ' +
    'part or parent.',
})
export class Partnership {
  @Field(() => Node, { description: 'The partner.' })
  partner!: Node;

  @Field(() => [PartnershipKind], { description: 'How they partnered.' })
  kinds!: PartnershipKind[];

  @Field(() => Int, { description: 'How many agreements and events they share: the order of "strongest first".' })
  strength!: number;

  @Field(() => Period, { nullable: true, description: 'The period the partnership is reported for.' })
  period!: Period | null;

  @Field(() => [Source], { description: 'The sentences that support it.' })
  sources!: Source[];

  /** The agreements and events, by id, in order; `evidence` resolves them. */
  evidenceIds!: string[];

  /** The first evidence nodes, when the partners query fetched them with the page. */
  prefetchedEvidence!: Node[] | null;

  sourceRefs!: string[];
}

export const PartnershipConnection = Connection(Partnership, 'Partnership', 'partnership');
