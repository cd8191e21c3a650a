import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { acceptStatement } from '../../domain/settlement/statement.service';
import { AgreementLoaders } from '../agreements/agreement.loaders';
import { Agreement, toAgreement } from '../agreements/agreement.type';
import { Objective, toObjective } from '../agreements/objective.type';
import { AgreementRevision, toRevision } from '../agreements/revision.type';
import { CompliancePeriod } from '../compliance/compliance.types';
import { toConnection } from '../core/connection';
import { type GraphQLContext } from '../core/graphql-context';
import { uuidOf, uuidOrNull } from '../core/ids';
import { registerNode } from '../core/node-registry';
import { PageArgs } from '../core/page.args';
import { PayloadMutation } from '../core/payload';
import { IncidentLoaders } from '../incidents/incident.loaders';
import { Incident, toIncident } from '../incidents/incident.type';
import { StatementAcceptInput } from './statement.inputs';
import { StatementLoaders } from './statement.loaders';
import { StatementAcceptPayload } from './statement.payloads';
import {
  ObjectiveChangeType,
  PeriodSettlement,
  Statement,
  StatementAdjustment,
  StatementConnection,
  StatementLedger,
  StatementViolation,
  toAdjustment,
  toLedger,
  toPeriodSettlement,
  toStatement,
  toViolation,
} from './statement.type';

registerNode('Statement', async (rc, uuid) => {
  const row = await StatementLoaders.statement(rc).load(uuid);
  return row && toStatement(row);
});
registerNode('StatementViolation', async (rc, uuid) => {
  const row = await StatementLoaders.violation(rc).load(uuid);
  return row && toViolation(row);
});
registerNode('StatementAdjustment', async (rc, uuid) => {
  const row = await StatementLoaders.adjustment(rc).load(uuid);
  return row && toAdjustment(row);
});

@Resolver(() => Statement)
export class StatementResolver {
  @Query(() => Statement, { nullable: true, description: 'A statement by id; null when it is not yours to see.' })
  async statement(@Arg('id', () => ID, { description: 'The statement.' }) id: string, @Ctx() { rc }: GraphQLContext) {
    const uuid = uuidOrNull(id, 'Statement');
    const row = uuid ? await StatementLoaders.statement(rc).load(uuid) : null;
    return row && toStatement(row);
  }

  @FieldResolver(() => Agreement, { description: 'The agreement whose period it closes.' })
  async agreement(@Root() s: Statement, @Ctx() { rc }: GraphQLContext) {
    const row = await AgreementLoaders.agreement(rc).load(s.agreementUuid);
    if (!row) throw new Error('The agreement of a visible statement is visible.');
    return toAgreement(row);
  }

  @FieldResolver(() => AgreementRevision, { nullable: true, description: 'The revision the period was judged against.' })
  async revision(@Root() s: Statement, @Ctx() { rc }: GraphQLContext) {
    const row = await AgreementLoaders.revision(rc).load(s.revisionUuid);
    return row && toRevision(row);
  }

  @FieldResolver(() => [StatementViolation], { description: 'One record per breached objective, each with an id.' })
  async violations(@Root() s: Statement, @Ctx() { rc }: GraphQLContext) {
    return (await StatementLoaders.violations(rc).load(s.uuid)).map(toViolation);
  }

  @FieldResolver(() => [StatementAdjustment], { description: 'What later data or corrections changed in this period, in the order recorded (each carried on a later statement).' })
  async adjustments(@Root() s: Statement, @Ctx() { rc }: GraphQLContext) {
    return (await StatementLoaders.adjustments(rc).load(s.uuid)).map(toAdjustment);
  }

  @FieldResolver(() => [StatementAdjustment], { description: 'The adjustments of earlier periods this statement carries.' })
  async carriedAdjustments(@Root() s: Statement, @Ctx() { rc }: GraphQLContext) {
    return (await StatementLoaders.carried(rc).load(s.uuid)).map(toAdjustment);
  }

  @PayloadMutation(() => StatementAcceptPayload, "The customer's signatory accepts a statement of its own customer (ISSUED -> ACCEPTED; accepting again changes nothing).")
  async statementAccept(@Arg('input', { description: 'Which statement.' }) input: StatementAcceptInput, @Ctx() { rc }: GraphQLContext) {
    const row = await acceptStatement(rc, uuidOf(input.id, 'Statement', ['id']));
    return { statement: toStatement(row), userErrors: [] };
  }
}

@Resolver(() => StatementViolation)
export class StatementViolationResolver {
  @FieldResolver(() => Statement, { description: 'The statement it belongs to.' })
  async statement(@Root() v: StatementViolation, @Ctx() { rc }: GraphQLContext) {
    const row = await StatementLoaders.statement(rc).load(v.statementUuid);
    if (!row) throw new Error('The statement of a visible violation is visible.');
    return toStatement(row);
  }

  @FieldResolver(() => Objective, { nullable: true, description: 'The breached objective.' })
  async objective(@Root() v: StatementViolation, @Ctx() { rc }: GraphQLContext) {
    const row = await AgreementLoaders.objective(rc).load(v.objectiveUuid);
    return row && toObjective(row);
  }

  @FieldResolver(() => [Incident], { description: 'The incidents whose clocks breached it (time objectives).' })
  async incidents(@Root() v: StatementViolation, @Ctx() { rc }: GraphQLContext) {
    const rows = await IncidentLoaders.incident(rc).loadMany(v.incidentUuids);
    return rows.flatMap((r) => (r && !(r instanceof Error) ? [toIncident(r)] : []));
  }
}

@Resolver(() => StatementAdjustment)
export class StatementAdjustmentResolver {
  @FieldResolver(() => Statement, { description: 'The statement of the period it adjusts.' })
  async statement(@Root() a: StatementAdjustment, @Ctx() { rc }: GraphQLContext) {
    const row = await StatementLoaders.statement(rc).load(a.statementUuid);
    if (!row) throw new Error('The statement of a visible adjustment is visible.');
    return toStatement(row);
  }

  @FieldResolver(() => Statement, { nullable: true, description: 'The statement that carries it; null until the next one is issued.' })
  async carriedOn(@Root() a: StatementAdjustment, @Ctx() { rc }: GraphQLContext) {
    const row = a.carriedOnUuid ? await StatementLoaders.statement(rc).load(a.carriedOnUuid) : null;
    return row && toStatement(row);
  }
}

@Resolver(() => ObjectiveChangeType)
export class ObjectiveChangeResolver {
  @FieldResolver(() => Objective, { nullable: true, description: 'The objective.' })
  async objective(@Root() c: ObjectiveChangeType, @Ctx() { rc }: GraphQLContext) {
    const row = await AgreementLoaders.objective(rc).load(c.objectiveUuid);
    return row && toObjective(row);
  }
}

@Resolver(() => Agreement)
export class AgreementStatementsResolver {
  @FieldResolver(() => StatementConnection, { description: 'Its statements, latest period first.' })
  async statements(@Root() a: Agreement, @Args() page: PageArgs, @Ctx() { rc }: GraphQLContext) {
    return toConnection(StatementConnection, await StatementLoaders.agreementStatements(rc, page).load(a.uuid), toStatement);
  }

  @FieldResolver(() => StatementLedger, { description: 'The credits of its closed periods: statements plus adjustments, summing to what the data says now.' })
  async creditLedger(@Root() a: Agreement, @Ctx() { rc }: GraphQLContext) {
    return toLedger(await StatementLoaders.ledger(rc).load(a.uuid));
  }
}

@Resolver(() => CompliancePeriod)
export class CompliancePeriodSettlementResolver {
  @FieldResolver(() => PeriodSettlement, {
    nullable: true,
    description: 'For a closed period: its statement, and whether (and by how much) the data of now differs from it; null while the period is open or has no statement.',
  })
  async settlement(@Root() p: CompliancePeriod, @Ctx() { rc }: GraphQLContext) {
    if (!p.source) return null;
    const standings = await StatementLoaders.standings(rc, p.source);
    const s = standings.get(p.startAt.getTime());
    return s ? toPeriodSettlement(s) : null;
  }
}
