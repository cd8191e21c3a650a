import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { revisionWhatIf } from '../../domain/reviews/what-if.service';
import { WHAT_IF_DEFAULT_PERIODS, WHAT_IF_MAX_PERIODS } from '../../domain/reviews/what-if';
import { AgreementLoaders } from '../agreements/agreement.loaders';
import { AgreementRevision } from '../agreements/revision.type';
import { type GraphQLContext } from '../core/graphql-context';
import { RevisionWhatIfType, toWhatIf } from './what-if.types';

/** Two compliance reports over up to 12 months: priced so that a list of revisions asking for it is refused. */
const WHAT_IF_COST = 500;

@Resolver(() => AgreementRevision)
export class RevisionWhatIfResolver {
  @FieldResolver(() => RevisionWhatIfType, {
    nullable: true,
    complexity: WHAT_IF_COST,
    description: `What this revision (a draft, a proposal, any revision) would have produced over the last \`periods\` closed calendar months of the agreement's real incidents and measurements - attainment, violations, credits, termination right - beside what the revisions in force produced, with the difference in credit exposure. Read-only; one revision at a time is cheap, a list is not: the query cost limit counts it as ${WHAT_IF_COST} fields.`,
  })
  async whatIf(
    @Root() r: AgreementRevision,
    @Arg('periods', () => Int, { defaultValue: WHAT_IF_DEFAULT_PERIODS, description: `How many closed calendar months to replay, 1 to ${WHAT_IF_MAX_PERIODS}; INVALID_INPUT otherwise.` }) periods: number,
    @Ctx() { rc }: GraphQLContext,
  ): Promise<RevisionWhatIfType | null> {
    const revision = await AgreementLoaders.revision(rc).load(r.uuid);
    const result = revision && (await revisionWhatIf(rc, revision, periods));
    return result ? toWhatIf(result) : null;
  }
}
