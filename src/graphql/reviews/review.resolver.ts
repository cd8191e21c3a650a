import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { type RequestContext } from '../../context/request-context';
import { reviewRebaseline } from '../../domain/reviews/rebaseline.service';
import * as items from '../../domain/reviews/review-items.service';
import * as planner from '../../domain/reviews/review-planner.service';
import { type ReviewSnapshotDoc } from '../../domain/reviews/review-snapshot';
import * as workflow from '../../domain/reviews/review-workflow.service';
import * as reviews from '../../domain/reviews/review.service';
import { AgreementLoaders } from '../agreements/agreement.loaders';
import { Agreement, toAgreement } from '../agreements/agreement.type';
import { Objective, toObjective } from '../agreements/objective.type';
import { AgreementRevision, toRevision } from '../agreements/revision.type';
import { toConnection } from '../core/connection';
import { type GraphQLContext } from '../core/graphql-context';
import { uuidOf, uuidOrNull } from '../core/ids';
import { registerNode } from '../core/node-registry';
import { PageArgs } from '../core/page.args';
import { PayloadMutation } from '../core/payload';
import {
  ReviewActionItemAddInput,
  ReviewActionItemDoneInput,
  ReviewCancelInput,
  ReviewCompleteInput,
  ReviewFindingAddInput,
  ReviewParticipantAddInput,
  ReviewScheduleInput,
  ReviewsArgs,
  ReviewStartInput,
} from './review.inputs';
import { ReviewLoaders } from './review.loaders';
import {
  ReviewActionItemAddPayload,
  ReviewActionItemDonePayload,
  ReviewCancelPayload,
  ReviewCompletePayload,
  ReviewFindingAddPayload,
  ReviewParticipantAddPayload,
  ReviewSchedulePayload,
  ReviewStartPayload,
} from './review.payloads';
import {
  ObjectiveRebaselineType,
  Review,
  ReviewActionItem,
  ReviewActionItemConnection,
  ReviewConnection,
  ReviewFinding,
  ReviewParticipant,
  ReviewSnapshotObjective,
  ReviewSnapshotType,
  toActionItem,
  toFinding,
  toParticipant,
  toRebaseline,
  toReview,
  toSnapshot,
} from './review.type';

const REBASELINE_COST = 500;

registerNode('Review', async (rc, uuid) => {
  const row = await ReviewLoaders.review(rc).load(uuid);
  return row && toReview(row, rc.now);
});

registerNode('ReviewActionItem', async (rc, uuid) => {
  const row = await ReviewLoaders.actionItem(rc).load(uuid);
  return row && toActionItem(row);
});

@Resolver(() => Review)
export class ReviewResolver {
  @Query(() => ReviewConnection, { description: 'Reviews of your provider (customer users: of agreements with their customer), by due date.' })
  async reviews(@Args() args: ReviewsArgs, @Ctx() { rc }: GraphQLContext) {
    const f = args.filter ?? {};
    const page = await reviews.list(
      rc,
      { agreementId: f.agreement ? uuidOf(f.agreement, 'Agreement', ['filter', 'agreement']) : null, status: f.status ?? null, dueBefore: f.dueBefore ?? null },
      args.orderBy,
      args,
    );
    return toConnection(ReviewConnection, page, (r) => toReview(r, rc.now));
  }

  @Query(() => Review, { nullable: true, description: 'A review by id; null when it does not exist or is not yours to see.' })
  async review(@Arg('id', () => ID, { description: "The review's global id." }) id: string, @Ctx() { rc }: GraphQLContext) {
    const uuid = uuidOrNull(id, 'Review');
    const row = uuid ? await ReviewLoaders.review(rc).load(uuid) : null;
    return row && toReview(row, rc.now);
  }

  @FieldResolver(() => Agreement, { description: 'The agreement reviewed.' })
  async agreement(@Root() r: Review, @Ctx() { rc }: GraphQLContext) {
    const row = await AgreementLoaders.agreement(rc).load(r.agreementUuid);
    if (!row) throw new Error('The agreement of a visible review is visible.');
    return toAgreement(row);
  }

  @FieldResolver(() => AgreementRevision, { nullable: true, description: 'The draft revision an AMEND decision opened.' })
  async amendment(@Root() r: Review, @Ctx() { rc }: GraphQLContext) {
    const row = r.amendmentUuid ? await AgreementLoaders.revision(rc).load(r.amendmentUuid) : null;
    return row && toRevision(row);
  }

  @FieldResolver(() => ReviewSnapshotType, { nullable: true, description: 'The compliance report and credits of the period, frozen when the review started; null before.' })
  snapshot(@Root() r: Review) {
    return r.row.snapshot ? toSnapshot(r.row.snapshot as unknown as ReviewSnapshotDoc) : null;
  }

  @FieldResolver(() => [ObjectiveRebaselineType], {
    // Six months of compliance reports per review not yet started: priced so that a long list of them is refused.
    complexity: REBASELINE_COST,
    description:
      'Attainment of each objective over the last 6 closed months and the target it supports. Frozen with the snapshot once the review started; before that computed on request (one review at a time is cheap, a long list is not: the query cost limit counts it as 500 fields).',
  })
  async rebaseline(@Root() r: Review, @Ctx() { rc }: GraphQLContext) {
    return (await reviewRebaseline(rc, r.row)).map(toRebaseline);
  }

  @FieldResolver(() => [ReviewParticipant], { description: 'Who took part, for which party.' })
  async participants(@Root() r: Review, @Ctx() { rc }: GraphQLContext) {
    return (await ReviewLoaders.participants(rc).load(r.uuid)).map(toParticipant);
  }

  @FieldResolver(() => [ReviewFinding], { description: 'What the review found, in the order recorded.' })
  async findings(@Root() r: Review, @Ctx() { rc }: GraphQLContext) {
    return (await ReviewLoaders.findings(rc).load(r.uuid)).map(toFinding);
  }

  @FieldResolver(() => ReviewActionItemConnection, { description: 'Its action items, by due date.' })
  async actionItems(@Root() r: Review, @Args() page: PageArgs, @Ctx() { rc }: GraphQLContext) {
    return toConnection(ReviewActionItemConnection, await ReviewLoaders.actionItems(rc, page).load(r.uuid), toActionItem);
  }

  @PayloadMutation(() => ReviewSchedulePayload, 'Schedules an ad hoc review of an agreement for a period and due date given by hand.')
  async reviewSchedule(@Arg('input', { description: 'The agreement, the period to review and the due date.' }) input: ReviewScheduleInput, @Ctx() { rc }: GraphQLContext) {
    const review = await planner.scheduleAdHoc(rc, { ...input, agreementId: uuidOf(input.agreement, 'Agreement', ['agreement']) });
    return { review: toReview(review, rc.now), userErrors: [] };
  }

  @PayloadMutation(() => ReviewStartPayload, 'SCHEDULED -> IN_PROGRESS: freezes the compliance report and credits of the period in the snapshot.')
  async reviewStart(@Arg('input', { description: 'Which review.' }) input: ReviewStartInput, @Ctx() { rc }: GraphQLContext) {
    const review = await workflow.startReview(rc, uuidOf(input.id, 'Review', ['id']), input.version);
    return { review: toReview(review, rc.now), userErrors: [] };
  }

  @PayloadMutation(() => ReviewCompletePayload, 'IN_PROGRESS -> COMPLETED with a decision (and participants, findings, action items). AMEND opens a draft revision linked to the review.')
  async reviewComplete(@Arg('input', { description: 'Which review, the decision, and optionally its participants, findings and action items.' }) input: ReviewCompleteInput, @Ctx() { rc }: GraphQLContext) {
    const review = await workflow.completeReview(rc, {
      ...input,
      id: uuidOf(input.id, 'Review', ['id']),
      findings: input.findings?.map((f, i) => ({ ...f, objectiveId: f.objective ? uuidOf(f.objective, 'Objective', ['findings', i, 'objective']) : null })),
    });
    const amendment = review.amendmentRevisionId ? await AgreementLoaders.revision(rc).load(review.amendmentRevisionId) : null;
    return { review: toReview(review, rc.now), amendment: amendment && toRevision(amendment), userErrors: [] };
  }

  @PayloadMutation(() => ReviewCancelPayload, 'Cancels a SCHEDULED or IN_PROGRESS review, with a reason.')
  async reviewCancel(@Arg('input', { description: 'Which review, and why.' }) input: ReviewCancelInput, @Ctx() { rc }: GraphQLContext) {
    const review = await workflow.cancelReview(rc, uuidOf(input.id, 'Review', ['id']), input.reason, input.version);
    return { review: toReview(review, rc.now), userErrors: [] };
  }

  @PayloadMutation(() => ReviewParticipantAddPayload, 'Adds a participant to a SCHEDULED or IN_PROGRESS review.')
  async reviewParticipantAdd(@Arg('input', { description: 'The review, and who took part for which party.' }) input: ReviewParticipantAddInput, @Ctx() { rc }: GraphQLContext) {
    const { review, participant } = await items.addParticipant(rc, uuidOf(input.review, 'Review', ['review']), input);
    return { review: toReview(review, rc.now), participant: toParticipant(participant), userErrors: [] };
  }

  @PayloadMutation(() => ReviewFindingAddPayload, 'Records a finding of an IN_PROGRESS review.')
  async reviewFindingAdd(@Arg('input', { description: "The review, and the finding's severity and text." }) input: ReviewFindingAddInput, @Ctx() { rc }: GraphQLContext) {
    const { review, finding } = await items.addFinding(rc, uuidOf(input.review, 'Review', ['review']), {
      ...input,
      objectiveId: input.objective ? uuidOf(input.objective, 'Objective', ['objective']) : null,
    });
    return { review: toReview(review, rc.now), finding: toFinding(finding), userErrors: [] };
  }

  @PayloadMutation(() => ReviewActionItemAddPayload, 'Records an action item (owner, due date) of an IN_PROGRESS review.')
  async reviewActionItemAdd(@Arg('input', { description: "The review, and the action item's description, owner and due date." }) input: ReviewActionItemAddInput, @Ctx() { rc }: GraphQLContext) {
    const { review, actionItem } = await items.addActionItem(rc, uuidOf(input.review, 'Review', ['review']), input);
    return { review: toReview(review, rc.now), actionItem: toActionItem(actionItem), userErrors: [] };
  }

  @PayloadMutation(() => ReviewActionItemDonePayload, 'Marks an action item done (doing it twice changes nothing).')
  async reviewActionItemComplete(@Arg('input', { description: 'Which action item.' }) input: ReviewActionItemDoneInput, @Ctx() { rc }: GraphQLContext) {
    const item = await items.setActionItemDone(rc, uuidOf(input.id, 'ReviewActionItem', ['id']), true, input.version);
    return { actionItem: toActionItem(item), userErrors: [] };
  }

  @PayloadMutation(() => ReviewActionItemDonePayload, 'Marks a done action item as not done again.')
  async reviewActionItemReopen(@Arg('input', { description: 'Which action item.' }) input: ReviewActionItemDoneInput, @Ctx() { rc }: GraphQLContext) {
    const item = await items.setActionItemDone(rc, uuidOf(input.id, 'ReviewActionItem', ['id']), false, input.version);
    return { actionItem: toActionItem(item), userErrors: [] };
  }
}

@Resolver(() => ReviewActionItem)
export class ReviewActionItemResolver {
  @FieldResolver(() => Review, { description: 'The review that asked for it.' })
  async review(@Root() a: ReviewActionItem, @Ctx() { rc }: GraphQLContext) {
    const row = await ReviewLoaders.review(rc).load(a.reviewUuid);
    if (!row) throw new Error('The review of a visible action item is visible.');
    return toReview(row, rc.now);
  }
}

const objectiveOf = async (rc: RequestContext, uuid: string | null) => {
  const row = uuid ? await AgreementLoaders.objective(rc).load(uuid) : null;
  return row && toObjective(row);
};

@Resolver(() => ReviewSnapshotObjective)
export class ReviewSnapshotObjectiveResolver {
  @FieldResolver(() => Objective, { nullable: true, description: 'The objective judged (of the revision the period was judged against); null when it is not yours to see.' })
  objective(@Root() o: ReviewSnapshotObjective, @Ctx() { rc }: GraphQLContext) {
    return objectiveOf(rc, o.objectiveUuid);
  }
}

@Resolver(() => ObjectiveRebaselineType)
export class ObjectiveRebaselineResolver {
  @FieldResolver(() => Objective, { nullable: true, description: 'The objective of the revision in force.' })
  objective(@Root() o: ObjectiveRebaselineType, @Ctx() { rc }: GraphQLContext) {
    return objectiveOf(rc, o.objectiveUuid);
  }
}

@Resolver(() => ReviewFinding)
export class ReviewFindingResolver {
  @FieldResolver(() => Objective, { nullable: true, description: 'The objective it is about, if any.' })
  objective(@Root() f: ReviewFinding, @Ctx() { rc }: GraphQLContext) {
    return objectiveOf(rc, f.objectiveUuid);
  }
}

@Resolver(() => Agreement)
export class AgreementReviewsResolver {
  @FieldResolver(() => ReviewConnection, { description: 'Its reviews, latest period first.' })
  async reviews(@Root() a: Agreement, @Args() page: PageArgs, @Ctx() { rc }: GraphQLContext) {
    return toConnection(ReviewConnection, await ReviewLoaders.agreementReviews(rc, page).load(a.uuid), (r) => toReview(r, rc.now));
  }
}
