/** GraphQL enums registered from the graph model, with a description on every value. */
import { registerEnumType } from 'type-graphql';
import {
  AGREEMENT_STATUSES,
  AgreementStatus,
  NODE_KINDS,
  NodeKind,
  RELATION_TYPES,
  RelationType,
} from '../model/graph-model';
import { CountProperty, STATED_COUNTS } from '../model/stated-counts';

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

export enum DatePrecisionEnum {
  YEAR = 'YEAR',
  MONTH = 'MONTH',
  DAY = 'DAY',
}

export enum Direction {
  OUT = 'OUT',
  IN = 'IN',
  BOTH = 'BOTH',
}

const describe = <K extends string>(meta: Record<K, { description: string }>) =>
  Object.fromEntries(
    Object.entries(meta).map(([key, value]) => [key, { description: (value as { description: string }).description }]),
  );

registerEnumType(NodeKind, {
  name: 'NodeKind',
  description: 'What a node is: each kind is a type implementing Node.',
  valuesConfig: describe(NODE_KINDS),
});

registerEnumType(RelationType, {
  name: 'RelationType',
  description: 'The type of a directed relationship between two nodes.',
  valuesConfig: describe(RELATION_TYPES),
});

registerEnumType(AgreementStatus, {
  name: 'AgreementStatus',
  description: 'An agreement\'s status. Search also finds agreements by the words for it ("firmado", "signed").',
  valuesConfig: describe(AGREEMENT_STATUSES),
});

registerEnumType(CountProperty, {
  name: 'CountProperty',
  description: 'A count a source states about a node, stored as an integer property of the node.',
  valuesConfig: Object.fromEntries(
    // Keyed by the enum's names (AGREEMENT_COUNT), which GraphQL shows; resolvers get the values (agreementCount).
    Object.entries(CountProperty).map(([name, property]) => {
      const { label, description } = STATED_COUNTS[property];
      return [name, { description: `${description} ("${label}")` }];
    }),
  ),
});

registerEnumType(SortDirection, {
  name: 'SortDirection',
  description: 'Sort order.',
  valuesConfig: { ASC: { description: 'Ascending (A to Z).' }, DESC: { description: 'Descending (Z to A).' } },
});

registerEnumType(DatePrecisionEnum, {
  name: 'DatePrecision',
  description: 'How precise a date is as stated in its source.',
  valuesConfig: {
    YEAR: { description: 'Only the year is known, e.g. "2024".' },
    MONTH: { description: 'Year and month, e.g. "2024-09".' },
    DAY: { description: 'A full date, e.g. "2024-09-25".' },
  },
});

registerEnumType(Direction, {
  name: 'Direction',
  description: 'Which way a relationship points, seen from the node it is asked about.',
  valuesConfig: {
    OUT: { description: 'From this node to the other.' },
    IN: { description: 'From the other node to this one.' },
    BOTH: { description: 'Either way.' },
  },
});

export { AgreementStatus, CountProperty, NodeKind, RelationType };
