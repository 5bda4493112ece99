/**
 * Field decorators for args and inputs that many features share, each declaring a GraphQL field and its
 * validation together (the way type-graphql's custom-decorators example composes them).
 */
import { ArrayMaxSize, IsOptional, Length, Matches } from 'class-validator';
import { Field, ID } from 'type-graphql';
import { MAX_SLUG_LENGTH, SLUG_PATTERN } from '../model/graph-model';

const slugMessage = (what: string): string =>
  `${what} must be a slug of lower-case letters, digits and single hyphens, such as "iecm"`;

/** A node id (a slug such as "iecm"): `ID!`, or `ID` when optional. */
export const NodeIdField =
  (description: string, { optional = false } = {}): PropertyDecorator =>
  (target, key) => {
    Field(() => ID, { description, nullable: optional })(target, key);
    if (optional) IsOptional()(target, key);
    Matches(SLUG_PATTERN, { message: slugMessage('$property') })(target, key);
    Length(1, MAX_SLUG_LENGTH)(target, key);
  };

/** A list of node ids: `[ID!]!`, or nullable when optional. */
export const NodeIdsField =
  (description: string, { optional = false, max = 50 } = {}): PropertyDecorator =>
  (target, key) => {
    Field(() => [ID], { description, nullable: optional })(target, key);
    if (optional) IsOptional()(target, key);
    ArrayMaxSize(max)(target, key);
    Matches(SLUG_PATTERN, { each: true, message: slugMessage('each of $property') })(target, key);
  };
