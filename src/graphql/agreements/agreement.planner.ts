import { type GraphQLResolveInfo } from 'graphql';
import { type ResolveTree } from 'graphql-parse-resolve-info';
import { type RequestContext } from '../../context/request-context';
import { type AgreementSelection, type PlannedAgreement, type PlannedRevision, type Props, type RevisionSelection } from '../../domain/agreements/agreement-reads';
import { emptyTerms } from '../../domain/agreements/terms-rules';
import { type NestedRead } from '../../domain/shared/planned-read';
import { type PageRequest } from '../../domain/shared/pagination';
import { toCustomer } from '../catalog/customer.type';
import { toService } from '../catalog/service.type';
import { toConnection } from '../core/connection';
import { connectionNodeFields, type Fields, fieldsOn, lookAhead, propsFor, selectionsOf, selectsOnConnection, setPlanned } from '../core/look-ahead';
import { AgreementLoaders } from './agreement.loaders';
import { type Agreement, toAgreement } from './agreement.type';
import { toObjective } from './objective.type';
import { AgreementRevisionConnection, type AgreementRevision, toRevision } from './revision.type';

/*
 * The plan of a root field that returns agreements: what its selection reads under each
 * agreement (agreement-reads.ts reads it in one statement), and how the rows read become the
 * GraphQL objects, with the planned fields handed to them (look-ahead.ts). Areas after the
 * agreements add parts of their own (`registerAgreementPart`, say Agreement.incidents).
 */

const AGREEMENT_TYPES = ['Agreement', 'Node'];
const TERMS = ['terms'];

/** What each field of a type reads, by entity property (look-ahead.ts propsFor). */
const CUSTOMER_FIELDS: Record<string, string[] | null> = {
  id: ['id'], name: ['name'], externalRef: ['externalRef'], sizeBand: ['sizeBand'], employeeCount: ['employeeCount'], industry: ['industry'], region: ['region'],
  tier: ['tier'], country: ['country'], timeZone: ['timeZone'], archived: ['archivedAt'], archivedAt: ['archivedAt'], version: ['version'], createdAt: ['createdAt'], updatedAt: ['updatedAt'],
};
const SERVICE_FIELDS: Record<string, string[] | null> = {
  id: ['id'], code: ['code'], name: ['name'], description: ['description'], category: ['category'], archived: ['archivedAt'], archivedAt: ['archivedAt'],
  version: ['version'], createdAt: ['createdAt'], updatedAt: ['updatedAt'],
};
const REVISION_FIELDS: Record<string, string[] | null> = {
  id: ['id'], number: ['number'], state: ['state'], version: ['version'], effectiveFrom: ['effectiveFrom'], effectiveTo: ['effectiveTo'], createdBy: ['createdBy'],
  createdAt: ['createdAt'], proposedAt: ['proposedAt'], approvedAt: ['approvedAt'], activatedAt: ['activatedAt'],
  title: TERMS, description: TERMS, scopeOfServices: TERMS, responsibilities: TERMS, measurement: TERMS, reporting: TERMS, creditPolicy: TERMS, exclusions: TERMS,
  escalationPolicy: TERMS, reviewCadence: TERMS, disputeResolution: TERMS, disputeProcedure: TERMS, changeProcedure: TERMS, settlement: TERMS, burnRateAlertPolicy: TERMS,
  agreement: ['agreementId'], basedOn: ['basedOnId'], approvals: ['id'], objectives: ['id'],
  termsSha256: ['termsSha256'], canonicalTerms: ['termsCanonical'], whatIf: ['id'],
};
const OBJECTIVE_FIELDS: Record<string, string[] | null> = {
  id: ['id'], metric: ['metric'], priority: ['priority'], name: ['name'], description: ['description'], comparator: ['comparator'], target: ['target'],
  targetDuration: ['targetSeconds'], window: ['windowKind', 'windowDays'], twentyFourSeven: ['calendarId'], warningThresholdPercent: ['warningThresholdPercent'],
  degradedWeightPercent: ['degradedWeightPercent'], revision: ['revisionId'], calendar: ['calendarId'], budgeting: ['budgetingMethod', 'sliceSeconds', 'sliceTarget'],
  supportsObjectives: ['supportsObjectiveIds'],
};

/** A part of the plan another area reads (its SQL in its domain), and how its value becomes the field's. */
export interface AgreementPart {
  read: NestedRead;
  toField: (value: never) => unknown;
}

type PartBuilder = (rc: RequestContext, field: ResolveTree) => AgreementPart | null;
const partBuilders = new Map<string, PartBuilder>();

/** Lets a field of Agreement declared by a later area be planned: `build` answers null to leave a selection to the field's resolver. */
export function registerAgreementPart(fieldName: string, build: PartBuilder): void {
  partBuilders.set(fieldName, build);
}

/** The page arguments of a nested connection field. */
export function pageArgs(field: ResolveTree): PageRequest {
  return { first: (field.args.first as number | null | undefined) ?? null, after: (field.args.after as string | null | undefined) ?? null };
}

/** A planned list of objects of one type: the properties the union of its selections reads. */
function propsOf(selections: ResolveTree[], typeNames: string[], table: Record<string, string[] | null>): Props {
  return propsFor(Object.assign({}, ...selections.map((s) => fieldsOn(s, typeNames))) as Fields, table);
}

function revisionSelection(selections: ResolveTree[]): RevisionSelection & { diff: boolean } {
  const fields = selections.map((s) => fieldsOn(s, ['AgreementRevision', 'Node']));
  const diff = fields.some((f) => selectionsOf(f, 'diff').length > 0);
  const objectives = fields.flatMap((f) => selectionsOf(f, 'objectives'));
  // A diff reads whole revisions and objectives: the plan seeds the loaders the diff reads from.
  return {
    props: diff ? 'all' : propsFor(Object.assign({}, ...fields) as Fields, REVISION_FIELDS),
    objectives: diff ? { props: 'all' } : objectives.length ? { props: propsOf(objectives, ['Objective', 'Node'], OBJECTIVE_FIELDS) } : undefined,
    diff,
  };
}

/** A revision read by the plan as the GraphQL object, with its objectives handed to it when planned. */
function revisionOf(r: PlannedRevision, objectiveKeys: string[]): AgreementRevision {
  const revision = toRevision({ ...r, terms: r.terms ?? emptyTerms('') });
  if (r.objectives) {
    const objectives = r.objectives.map(toObjective);
    for (const key of objectiveKeys) setPlanned(revision, key, objectives);
  }
  return revision;
}

const keysOf = (fields: Fields, name: string) => Object.keys(fields).filter((k) => fields[k].name === name);
const objectiveKeysUnder = (selections: ResolveTree[]) => [...new Set(selections.flatMap((s) => keysOf(fieldsOn(s, ['AgreementRevision', 'Node']), 'objectives')))];

export interface AgreementPlan {
  selection: AgreementSelection;
  /** The GraphQL object of an agreement the plan read, with its planned fields. */
  toAgreement: (row: PlannedAgreement) => Agreement;
}

/** The plan of the field being resolved, which returns an Agreement (`agreement`) or an AgreementConnection (`agreements`). */
export function planAgreements(rc: RequestContext, info: GraphQLResolveInfo, returns: 'object' | 'connection'): AgreementPlan {
  const tree = lookAhead(info);
  const fields = returns === 'object' ? fieldsOn(tree, AGREEMENT_TYPES) : connectionNodeFields(tree, 'AgreementConnection', 'AgreementEdge', AGREEMENT_TYPES);
  const selection: AgreementSelection = {};
  const apply: ((row: PlannedAgreement, a: Agreement) => void)[] = [];

  const customers = selectionsOf(fields, 'customer');
  if (customers.length) {
    selection.customer = { props: propsOf(customers, ['Customer', 'Node'], CUSTOMER_FIELDS) };
    const keys = keysOf(fields, 'customer');
    apply.push((row, a) => {
      if (row.planned.customer === undefined) return;
      const c = row.planned.customer && toCustomer(row.planned.customer);
      for (const k of keys) setPlanned(a, k, c);
    });
  }

  const services = selectionsOf(fields, 'services');
  if (services.length) {
    selection.services = { props: propsOf(services, ['Service', 'Node'], SERVICE_FIELDS) };
    const keys = keysOf(fields, 'services');
    apply.push((row, a) => {
      if (!row.planned.services) return;
      const list = row.planned.services.map(toService);
      for (const k of keys) setPlanned(a, k, list);
    });
  }

  const current = selectionsOf(fields, 'currentRevision');
  if (current.length) {
    const sel = revisionSelection(current);
    selection.currentRevision = { props: sel.props, objectives: sel.objectives };
    const keys = keysOf(fields, 'currentRevision');
    const objectiveKeys = objectiveKeysUnder(current);
    apply.push((row, a) => {
      if (row.planned.currentRevision === undefined) return;
      const r = row.planned.currentRevision && revisionOf(row.planned.currentRevision, objectiveKeys);
      for (const k of keys) setPlanned(a, k, r);
    });
  }

  // One page of revisions (the first selection of the field; others with other arguments load).
  const [revisions] = selectionsOf(fields, 'revisions');
  if (revisions && !selectsOnConnection(revisions, 'AgreementRevisionConnection', 'totalCount')) {
    const nodes = connectionNodeFields(revisions, 'AgreementRevisionConnection', 'AgreementRevisionEdge', ['AgreementRevision', 'Node']);
    const node = { name: 'node', alias: 'node', args: {}, fieldsByTypeName: { AgreementRevision: nodes } };
    const { diff, props, objectives } = revisionSelection([node]);
    selection.revisions = { props, objectives, page: pageArgs(revisions) };
    const keys = Object.keys(fields).filter((k) => fields[k].name === 'revisions' && JSON.stringify(fields[k].args) === JSON.stringify(revisions.args));
    const objectiveKeys = objectiveKeysUnder([node]);
    apply.push((row, a) => {
      const page = row.planned.revisions;
      if (!page) return;
      if (diff) seedRevisionLoaders(rc, page.nodes);
      const connection = toConnection(AgreementRevisionConnection, page, (r) => revisionOf(r, objectiveKeys));
      for (const k of keys) setPlanned(a, k, connection);
    });
  }

  // Parts of later areas, one per response key (each alias its own arguments).
  const nested: Record<string, NestedRead> = {};
  for (const [key, field] of Object.entries(fields)) {
    const build = partBuilders.get(field.name);
    const part = build?.(rc, field);
    if (!part) continue;
    nested[key] = part.read;
    apply.push((row, a) => {
      if (key in row.planned.nested) setPlanned(a, key, part.toField(row.planned.nested[key] as never));
    });
  }
  if (Object.keys(nested).length) selection.nested = nested;

  return {
    selection,
    toAgreement: (row) => {
      // The row is a whole agreement (its `planned` besides): other fields of the request that load it find it.
      AgreementLoaders.agreement(rc).prime(row.id, row);
      const a = toAgreement(row);
      for (const f of apply) f(row, a);
      return a;
    },
  };
}

/** Whole revisions and objectives read by a plan, given to the loaders a diff reads (revision-changes.ts). */
function seedRevisionLoaders(rc: RequestContext, revisions: PlannedRevision[]): void {
  for (const { objectives, ...r } of revisions) {
    AgreementLoaders.revision(rc).prime(r.id, r);
    AgreementLoaders.revisionByNumber(rc).prime({ agreementId: r.agreementId, number: r.number }, r);
    if (objectives) AgreementLoaders.objectives(rc).prime(r.id, objectives);
  }
}
