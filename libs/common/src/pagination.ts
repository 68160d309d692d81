import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DomainError } from './domain-error';

export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 25, description: `Page size, 1 to ${MAX_PAGE_SIZE}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first = 25;

  @Field({ nullable: true, description: 'The endCursor of the previous page.' })
  @IsOptional()
  @IsString()
  after?: string;
}

@ObjectType()
export class PageInfo {
  @Field({ nullable: true })
  endCursor?: string;

  @Field()
  hasNextPage: boolean;
}

export interface Page<T> {
  nodes: T[];
  pageInfo: PageInfo;
}

/** Makes the `<nodeName>Connection` object type, a page of `classRef` nodes. */
export function Connection<T>(classRef: Type<T>, nodeName: string): Type<Page<T>> {
  @ObjectType(`${nodeName}Connection`)
  class ConnectionType implements Page<T> {
    @Field(() => [classRef])
    nodes: T[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;
  }
  return ConnectionType as Type<Page<T>>;
}

const encodeCursor = (id: string) => Buffer.from(id, 'utf8').toString('base64url');

function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[0-9a-f-]{36}$/.test(id)) throw DomainError.invalidField('after', 'is not a cursor from this list');
  return id;
}

/**
 * Keyset pagination on the primary key: stable under inserts, and cheap at any depth because it
 * walks the primary-key index instead of counting an OFFSET.
 */
export async function paginate<E extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<E>,
  args: PageArgs,
): Promise<Page<E>> {
  const alias = query.alias;
  if (args.after) query.andWhere(`${alias}.id > :afterId`, { afterId: decodeCursor(args.after) });
  const rows = await query.orderBy(`${alias}.id`, 'ASC').take(args.first + 1).getMany();
  const nodes = rows.slice(0, args.first);
  return {
    nodes,
    pageInfo: {
      hasNextPage: rows.length > args.first,
      endCursor: nodes.length ? encodeCursor(nodes[nodes.length - 1].id) : undefined,
    },
  };
}

/** Maps a page of entities to a page of API models. */
export function mapPage<E, M>(page: Page<E>, map: (entity: E) => M): Page<M> {
  return { nodes: page.nodes.map(map), pageInfo: page.pageInfo };
}
