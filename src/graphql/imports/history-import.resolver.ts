import { Arg, Ctx, Resolver } from 'type-graphql';
import * as imports from '../../domain/imports/history-import.service';
import { type GraphQLContext } from '../core/graphql-context';
import { PayloadMutation } from '../core/payload';
import { HistoryImportInput, HistoryImportPayload, toImportPayload } from './history-import.types';

@Resolver()
export class HistoryImportResolver {
  @PayloadMutation(
    () => HistoryImportPayload,
    'Imports signed history from another tool (PROVIDER_ADMIN): agreements with their signed revisions, past incidents, maintenance windows and measurements. All or nothing; a dry run writes nothing; importing the same file again changes nothing.',
  )
  async historyImport(@Arg('input', { description: "The file's content and format, its source and whether it is a dry run." }) input: HistoryImportInput, @Ctx() { rc }: GraphQLContext) {
    return toImportPayload(await imports.importHistory(rc, { format: input.format, content: input.content, source: input.source, dryRun: input.dryRun }));
  }
}
