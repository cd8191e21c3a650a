import { importProblems } from '../../../test/support/import-problems';

/**
 * The area rule in eslint.config.mjs: within src/domain, an area imports only from itself and the
 * areas before it (shared < events < identity < calendars < clocks < catalog < agreements <
 * compliance < incidents < escalations < reviews < settlement < claims < reporting < webhooks < imports < openslo < demo), never from src/domain/reactions.ts;
 * the layer rule still holds in every area.
 */
describe('area rule', () => {
  it.each([
    // The couplings that domain events replaced.
    ['src/domain/incidents/x.ts', "import { x } from '../escalations/escalation-triggers';", /src\/domain\/incidents may not import from an area after it \(escalations, reviews, settlement, claims, reporting, webhooks, imports, openslo, demo\)/],
    ['src/domain/agreements/x.ts', "import { x } from '../escalations/objective-checks';", /src\/domain\/agreements may not import from an area after it/],
    ['src/domain/agreements/x.ts', "import { x } from '../reviews/review-planner.service';", /area after it/],
    ['src/domain/events/x.ts', "import { x } from '../webhooks/webhook-fanout';", /src\/domain\/events may not import from an area after it/],
    // One step back at every boundary of the order.
    ['src/domain/shared/x.ts', "import { x } from '../events/event.service';", /src\/domain\/shared may not import/],
    ['src/domain/events/x.ts', "import { x } from '../identity/authenticator';", /area after it/],
    ['src/domain/identity/x.ts', "import { x } from '../calendars/business-hours';", /area after it/],
    ['src/domain/calendars/x.ts', "import { x } from '../clocks/sla-clock';", /area after it/],
    ['src/domain/clocks/x.ts', "import { x } from '../catalog/segment.service';", /area after it/],
    ['src/domain/catalog/x.ts', "import { x } from '../agreements/terms';", /area after it/],
    ['src/domain/agreements/x.ts', "import { x } from '../compliance/periods';", /area after it/],
    ['src/domain/compliance/x.ts', "import { x } from '../incidents/incident.service';", /area after it/],
    ['src/domain/escalations/x.ts', "import { x } from '../reviews/review.service';", /area after it/],
    ['src/domain/reviews/x.ts', "import { x } from '../settlement/statement.service';", /area after it/],
    ['src/domain/settlement/x.ts', "import { x } from '../claims/claim.service';", /area after it/],
    ['src/domain/claims/x.ts', "import { x } from '../webhooks/webhook-fanout';", /area after it/],
    ['src/domain/webhooks/x.ts', "import { x } from '../imports/history-import.service';", /area after it/],
    ['src/domain/imports/x.ts', "import { x } from '../demo/demo-seed';", /area after it/],
    // A type is an import too; the folder itself; a detour through src/domain.
    ['src/domain/incidents/x.ts', "import { type IncidentPolicy as x } from '../escalations/escalation-triggers';", /area after it/],
    ['src/domain/incidents/x.ts', "import { x } from '../escalations';", /area after it/],
    ['src/domain/incidents/x.ts', "import { x } from '../../domain/escalations/escalation-writes';", /area after it/],
    // The wiring of reactions is above every area, demo included.
    ['src/domain/agreements/x.ts', "import { x } from '../reactions';", /nor from the wiring of reactions/],
    ['src/domain/demo/x.ts', "import { x } from '../reactions';", /src\/domain\/demo may not import from an area after it \(none\)/],
    // The layer rule still applies in an area (the area rule repeats it).
    ['src/domain/incidents/x.ts', "import { x } from '../../jobs/job-handlers';", /src\/domain may not import from a layer above it/],
    ['src/domain/reviews/x.ts', "import { Field as x } from 'type-graphql';", /Only src\/graphql speaks GraphQL/],
    ['src/domain/x.ts', "import { x } from '../graphql/app';", /src\/domain may not import from a layer above it/],
  ])('refuses, in %s: %s', async (file, code, message) => {
    const problems = await importProblems(file, code);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it.each([
    ['src/domain/escalations/x.ts', "import { x } from '../incidents/incident.domain-events';"],
    ['src/domain/settlement/x.ts', "import { x } from '../reviews/review-snapshot';"],
    ['src/domain/claims/x.ts', "import { x } from '../settlement/statement-rows';"],
    ['src/domain/escalations/x.ts', "import { x } from '../agreements/terms';"],
    ['src/domain/reviews/x.ts', "import { x } from '../compliance/compliance.service';"],
    ['src/domain/webhooks/x.ts', "import { x } from '../events/event.domain-events';"],
    ['src/domain/incidents/x.ts', "import { x } from '../events/domain-events';"],
    ['src/domain/incidents/x.ts', "import { x } from '../clocks/sla-clock';"],
    ['src/domain/agreements/x.ts', "import { x } from '../catalog/segment-membership.sql';"],
    ['src/domain/clocks/x.ts', "import { x } from '../calendars/business-hours';"],
    ['src/domain/catalog/x.ts', "import { x } from '../identity/api-key-secret';"],
    ['src/domain/events/x.ts', "import { x } from '../shared/access';"],
    ['src/domain/incidents/x.ts', "import { x } from './incident-events';"],
    ['src/domain/incidents/x.ts', "import { x } from '../../common/event-types';"],
    ['src/domain/demo/x.ts', "import { x } from '../webhooks/webhook-endpoint.service';"],
    ['src/domain/imports/x.ts', "import { x } from '../incidents/incident-history';"],
    // The wiring imports every area; jobs and graphql call any area.
    ['src/domain/reactions.ts', "import { x } from './webhooks/webhook-fanout';"],
    ['src/jobs/x.ts', "import { x } from '../domain/escalations/escalation-writes';"],
    ['src/graphql/incidents/x.ts', "import { x } from '../../domain/reviews/review.service';"],
  ])('allows, in %s: %s', async (file, code) => {
    expect(await importProblems(file, code)).toEqual([]);
  });
});
