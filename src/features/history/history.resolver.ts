/** `history(id)`: the writes that concern a node, newest first. */
import { Max, Min } from 'class-validator';
import { Args, ArgsType, Authorized, Ctx, Field, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { NodeIdField } from '../../graphql/fields';
import { readHistory } from './history.repository';
import { Change } from './history.types';

@ArgsType()
class HistoryArgs {
  @NodeIdField('A node id (also one that was merged or deleted).')
  id!: string;

  @Field(() => Int, { defaultValue: 50, description: 'Most changes returned, newest first (at most 500).' })
  @Min(1)
  @Max(500)
  first: number = 50;
}

@Resolver()
export class HistoryResolver {
  /** Editors only: the history holds deleted nodes' full state and who wrote what. */
  @Authorized('editor')
  @Query(() => [Change], {
    complexity: ({ args, childComplexity }) => 1 + Number(args.first ?? 50) * childComplexity,
    description: 'The writes that concern a node, newest first (editor: it shows deleted states and their authors).',
  })
  history(@Args() { id, first }: HistoryArgs, @Ctx() ctx: Context): Promise<Change[]> {
    return readHistory(ctx.db, id, first);
  }
}
