import { Field, ObjectType } from 'type-graphql';

@ObjectType('PageInfo', { simpleResolvers: true, description: 'Where a page lies in the whole list: whether more items follow, and the cursors of its first and last item.' })
export class PageInfo {
  @Field({ description: 'True when more items follow: ask again with `after: endCursor`.' }) hasNextPage: boolean;
  @Field({ description: 'True when this page was asked for with `after` (there are items before it).' }) hasPreviousPage: boolean;
  @Field(() => String, { nullable: true, description: 'The cursor of the first item of the page; null when the page is empty.' }) startCursor: string | null;
  @Field(() => String, { nullable: true, description: 'The cursor of the last item of the page: pass it as `after` for the next page; null when the page is empty.' }) endCursor: string | null;
}
