import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { exportOpenSlo, importOpenSlo } from '../../domain/openslo/openslo.service';
import { toObjective } from '../agreements/objective.type';
import { toRevision } from '../agreements/revision.type';
import { type GraphQLContext } from '../core/graphql-context';
import { globalId, uuidOf } from '../core/ids';
import { PayloadMutation } from '../core/payload';
import { RevisionOpenSloImportInput } from './openslo.inputs';
import { RevisionOpenSloImportPayload } from './openslo.payloads';

const EXPORT_IDS = { objective: (id: string) => globalId('Objective', id), calendar: (id: string) => globalId('BusinessCalendar', id) };

@Resolver()
export class OpenSloResolver {
  @Query(() => String, {
    nullable: true,
    description:
      "A revision's objectives as OpenSLO v1 YAML: an SLI and an SLO per objective, in separate YAML documents, with the objective's metric, priority and calendar as annotations so that the file imports back unchanged. Null when the revision is not yours to see. For the terms in force: `agreement { currentRevision { id } }`.",
  })
  async openSloExport(@Arg('revision', () => ID, { description: 'The revision to export.' }) revision: string, @Ctx() { rc }: GraphQLContext): Promise<string | null> {
    return exportOpenSlo(rc, uuidOf(revision, 'AgreementRevision', ['revision']), EXPORT_IDS);
  }

  @PayloadMutation(
    () => RevisionOpenSloImportPayload,
    "Reads OpenSLO v1 SLOs into a DRAFT revision: each SLO sets the objective of its metric and priority (replacing the draft's, keeping its business calendar); the draft's other objectives stay. All or nothing: every SLO that cannot be mapped is a userError naming its place.",
  )
  async revisionOpenSloImport(@Arg('input', { description: 'The draft, the version you read, and the OpenSLO document.' }) input: RevisionOpenSloImportInput, @Ctx() { rc }: GraphQLContext): Promise<RevisionOpenSloImportPayload> {
    const { revision, imported } = await importOpenSlo(rc, uuidOf(input.id, 'AgreementRevision', ['id']), input.version, input.document);
    return { revision: toRevision(revision), objectives: imported.map(toObjective), userErrors: [] };
  }
}
