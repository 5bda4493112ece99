import { GraphQLDateTime, GraphQLJSON } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { ChangeAction } from './change-action';

registerEnumType(ChangeAction, {
  name: 'ChangeAction',
  description: 'What a write did.',
  valuesConfig: {
    CREATE: { description: 'Created a node.' },
    UPDATE: { description: 'Changed a node.' },
    LINK: { description: 'Created a relationship or added sources to it.' },
    UNLINK: { description: 'Removed a relationship.' },
    MERGE: { description: 'Merged two nodes that are one entity.' },
    DELETE: { description: 'Soft-deleted a node.' },
    RESTORE: { description: 'Restored a soft-deleted node.' },
    IMPORT: { description: 'Imported a dataset file.' },
  },
});

@ObjectType({ description: 'One write in the history: who, when and what changed.' })
export class Change {
  @Field(() => ID, { description: 'Id of the change.' })
  id!: string;

  @Field(() => GraphQLDateTime, { description: 'When it was written.' })
  at!: string;

  @Field({ description: 'Who wrote it (token name or JWT subject).' })
  actor!: string;

  @Field({ description: 'The role they wrote with.' })
  role!: string;

  @Field(() => ChangeAction, { description: 'What the write did.' })
  action!: ChangeAction;

  @Field(() => [ID], { description: 'The node ids it concerns.' })
  targetIds!: string[];

  @Field({ description: 'A one-line description.' })
  summary!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The stored state before (null for a creation).' })
  before!: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The stored state after (null for a removal).' })
  after!: unknown;
}
