import { ArrayMaxSize, IsOptional, Length, Max, Min } from 'class-validator';
import type { GraphQLResolveInfo } from 'graphql';
import { Args, ArgsType, Ctx, Field, Info, Int, Query, Resolver } from 'type-graphql';
import { fieldsAt } from '../nodes/lookahead';
import { propertiesFor } from '../nodes/node.mapper';
import { ALGORITHM_COST } from '../../graphql/complexity';
import type { Context } from '../../graphql/context';
import { NodeKind } from '../../graphql/enums';
import { badInput } from '../../shared/errors';
import { LIMITS } from '../../shared/limits';
import { searchNodes, toLuceneQuery } from './search.repository';
import { SearchHit } from './search.types';

@ArgsType()
class SearchArgs {
  @Field({
    description: 'What to look for: names, acronyms, aliases or their beginnings; accents and case are ignored.',
  })
  @Length(1, LIMITS.maxSearchQueryLength)
  query!: string;

  @Field(() => [NodeKind], { nullable: true, description: 'Only these kinds of node.' })
  @IsOptional()
  @ArrayMaxSize(20)
  kinds?: NodeKind[];

  @Field(() => Int, { defaultValue: 10, description: `How many hits (at most ${LIMITS.maxSearchResults}).` })
  @Min(1)
  @Max(LIMITS.maxSearchResults)
  first: number = 10;
}

@Resolver()
export class SearchResolver {
  @Query(() => [SearchHit], {
    complexity: ({ args, childComplexity }) => ALGORITHM_COST + (args.first ?? 10) * childComplexity,
    description:
      'Find nodes by name, acronym or alias, best first. Works on prefixes while typing ("fisc"). A word for an ' +
      'agreement status, in Spanish or English ("firmado", "signed", "en negociación"), finds those agreements first.',
  })
  async search(
    @Args() { query, kinds, first }: SearchArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<SearchHit[]> {
    const lucene = toLuceneQuery(query);
    if (!lucene) throw badInput('query has no letters or digits to search for', { argument: 'query' });
    const properties = propertiesFor(fieldsAt(info, ['node']));
    return searchNodes(ctx.db, query, lucene, kinds && kinds.length > 0 ? kinds : null, first, properties);
  }
}
