/** Saved maps: listed and opened by anyone, saved and deleted by editors. */
import { Length, Matches } from 'class-validator';
import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { ALGORITHM_COST, pageOf } from '../../graphql/complexity';
import type { Context } from '../../graphql/context';
import { arg, mutation, mutationsResolver } from '../../graphql/mutations';
import { offsetAfter, PageArgs, toConnection, type ConnectionShape } from '../../graphql/pagination';
import { MAX_SLUG_LENGTH, SLUG_PATTERN } from '../../model/graph-model';
import { LIMITS } from '../../shared/limits';
import { openMap } from './map-content';
import { findMap, listMaps } from './maps.repository';
import * as maps from './maps.service';
import { CreateMapInput, ExplorerMap, ExplorerMapConnection, MAP_LIMITS, MapContent, MapInput } from './maps.types';

@ArgsType()
class MapIdArgs {
  @Field(() => ID, { description: 'The map id.' })
  @Matches(SLUG_PATTERN, { message: 'id must be a slug of lower-case letters, digits and single hyphens' })
  @Length(1, MAX_SLUG_LENGTH)
  id!: string;
}

@Resolver(() => ExplorerMap)
export class MapsResolver {
  @Query(() => ExplorerMapConnection, {
    complexity: pageOf(),
    description: 'Saved maps, most recently saved first.',
  })
  async maps(@Args() { first, after }: PageArgs, @Ctx() ctx: Context): Promise<ConnectionShape<ExplorerMap>> {
    const offset = offsetAfter(after);
    const { maps: page, totalCount } = await listMaps(ctx.db, offset, first ?? LIMITS.defaultPageSize);
    return toConnection(page, offset, totalCount);
  }

  @Query(() => ExplorerMap, { nullable: true, description: 'The saved map with this id, or null when there is none.' })
  map(@Args() { id }: MapIdArgs, @Ctx() ctx: Context): Promise<ExplorerMap | null> {
    return findMap(ctx.db, id);
  }

  @FieldResolver(() => MapContent, {
    // Up to the most nodes a map holds (relationships priced like nodes, as for neighbourhoods).
    complexity: ({ childComplexity }) => ALGORITHM_COST + MAP_LIMITS.maxNodes * childComplexity,
    description:
      'The map opened against the graph as it is today: its nodes (merged ones replaced by their survivor, deleted ones reported) and the relationships among them.',
  })
  content(@Root() map: ExplorerMap, @Ctx() ctx: Context): Promise<MapContent> {
    return openMap(ctx.db, map.nodes);
  }
}

const mapId = (description: string) => arg<string>(() => ID, description);

export const MapMutationsResolver = mutationsResolver('MapMutationsResolver', {
  createMap: mutation({
    returns: () => ExplorerMap,
    role: 'editor',
    description: 'Save a new map of the explorer (editor).',
    args: { input: arg<CreateMapInput>(() => CreateMapInput, 'The map.') },
    run: (ctx, actor, { input }) => maps.createMap(ctx.db, actor, input),
  }),
  updateMap: mutation({
    returns: () => ExplorerMap,
    role: 'editor',
    description: 'Save a map again, over the version it was opened at (editor).',
    args: {
      id: mapId('The map id.'),
      version: arg<number>(() => Int, 'The version being changed (CONFLICT when someone saved a newer one).'),
      input: arg<MapInput>(() => MapInput, 'Everything the map holds now.'),
    },
    run: (ctx, actor, { id, version, input }) => maps.updateMap(ctx.db, actor, id, version, input),
  }),
  deleteMap: mutation({
    returns: () => Boolean,
    role: 'editor',
    description: 'Delete a saved map (editor); the history keeps what it held.',
    args: { id: mapId('The map id.') },
    run: (ctx, actor, { id }) => maps.deleteMap(ctx.db, actor, id),
  }),
});
