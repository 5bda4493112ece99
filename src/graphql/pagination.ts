/** Relay cursor connections. Cursors are opaque offsets into a stable ordering. */
import { Max, Min } from 'class-validator';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badInput } from '../shared/errors';
import { LIMITS } from '../shared/limits';

@ObjectType({ description: 'Where a page stands in its connection.' })
export class PageInfo {
  @Field({ description: 'Whether more items follow this page.' })
  hasNextPage!: boolean;

  @Field({ description: 'Whether items precede this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page.' })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last item; pass it as `after` for the next page.',
  })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size (at most ${LIMITS.maxPageSize}).` })
  @Min(1)
  @Max(LIMITS.maxPageSize)
  first?: number;

  @Field(() => String, { nullable: true, description: 'Return the items after this cursor.' })
  after?: string;
}

const PREFIX = 'offset:';

export function encodeCursor(offset: number): string {
  return Buffer.from(`${PREFIX}${offset}`).toString('base64url');
}

/**
 * An offset as this API writes it: decimal digits, no sign, exponent or fraction, below a billion (so that the
 * next offset is still a 32-bit integer). A forged `1e21`, `2147483648`, `-1` or `1.5` is refused here, as
 * BAD_USER_INPUT, instead of reaching Neo4j's SKIP as a float or an overflowing integer.
 */
const OFFSET = /^(0|[1-9][0-9]{0,8})$/;

/** The offset of the first item to return after `cursor`. */
export function offsetAfter(cursor: string | undefined | null): number {
  if (cursor === undefined || cursor === null) return 0;
  const decoded = Buffer.from(cursor, 'base64url').toString();
  const digits = decoded.slice(PREFIX.length);
  const offset = Number(digits);
  if (!decoded.startsWith(PREFIX) || !OFFSET.test(digits) || !Number.isSafeInteger(offset)) {
    throw badInput(`"${cursor}" is not a cursor returned by this API`, { argument: 'after' });
  }
  return offset + 1;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  totalCount: number;
  pageInfo: PageInfo;
  edges: Edge<T>[];
}

/** Builds a connection from one page of items that starts at `offset` of `totalCount`. */
export function toConnection<T>(
  page: T[],
  offset: number,
  totalCount: number,
  hasNextPage = offset + page.length < totalCount,
): ConnectionShape<T> {
  const edges = page.map((node, i) => ({ cursor: encodeCursor(offset + i), node }));
  return {
    totalCount,
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** Pages a list that is already complete in memory. */
export function paginateList<T>(items: T[], args: PageArgs): ConnectionShape<T> {
  const offset = offsetAfter(args.after);
  const first = args.first ?? LIMITS.defaultPageSize;
  return toConnection(items.slice(offset, offset + first), offset, items.length);
}

/** A `<Name>Connection` type with its `<Name>Edge`, for any node type. */
export function Connection<T extends object>(nodeType: ClassType<T> | (() => unknown), name: string, what: string) {
  @ObjectType(`${name}Edge`, { description: `One ${what} with its cursor.` })
  class EdgeType {
    @Field({ description: 'Opaque position of this item, for `after`.' })
    cursor!: string;

    @Field(() => nodeType as ClassType<T>, { description: `The ${what}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${what}s (Relay connection).` })
  class ConnectionType {
    @Field(() => Int, { description: 'How many items match, over all pages.' })
    totalCount!: number;

    @Field(() => PageInfo, { description: 'Cursors and whether more pages exist.' })
    pageInfo!: PageInfo;

    @Field(() => [EdgeType], { description: `The ${what}s of this page.` })
    edges!: EdgeType[];
  }
  return ConnectionType;
}
