import { hasAnyRole } from '../../common/actor';
import { AgreementEntity } from '../../db/entities/agreement.entity';
import { AgreementRevisionEntity } from '../../db/entities/agreement-revision.entity';
import { CustomerEntity } from '../../db/entities/customer.entity';
import { ObjectiveEntity } from '../../db/entities/objective.entity';
import { ServiceEntity } from '../../db/entities/service.entity';
import { type RequestContext } from '../../context/request-context';
import { CatalogRoles } from '../catalog/catalog-roles';
import { requireRole } from '../shared/access';
import { customerScope, inCustomerScopeSql } from '../shared/customer-scope';
import { decodeCursor, encodeCursor, type Page, type PageRequest, paginate, pageSize } from '../shared/pagination';
import { jsonValue, type NestedRead, PlannedColumns, SqlParams } from '../shared/planned-read';
import { AGREEMENT_ORDERS, type AgreementFilter, type AgreementOrder, filteredAgreements } from './agreement.service';
import { AgreementRoles } from './agreement-roles';
import { agreementInCustomerScopeSql, revisionInCustomerScopeSql } from './agreement-visibility';
import { inForceSql } from './in-force';

/*
 * Agreements read with what a request selects under them, in one statement per root field:
 * the agreement's own columns, and as JSON built by PostgreSQL its customer, services, current
 * revision with its objectives, a page of its revisions, and the parts other areas contribute
 * (an agreement's last incidents). The same tenant and customer-user rules as the services and
 * loaders apply (visibleAgreements, inCustomerScopeSql, revisionInCustomerScopeSql, inForceSql).
 */

/** Entity properties to select: a list, or 'all' (whole rows, e.g. to seed the loaders of a diff). */
export type Props = readonly string[] | 'all';

export interface RevisionSelection {
  props: Props;
  /** The revision's objectives, in position order. */
  objectives?: { props: Props };
}

/** What to read with each agreement; what is left out is not read (its field resolvers load it). */
export interface AgreementSelection {
  customer?: { props: Props };
  services?: { props: Props };
  /** The revision in force now (the request's instant). */
  currentRevision?: RevisionSelection;
  /** A page of revisions in number order (no totalCount). */
  revisions?: RevisionSelection & { page: PageRequest };
  /** Parts contributed by other areas, by name. */
  nested?: Record<string, NestedRead>;
}

export type PlannedRevision = AgreementRevisionEntity & { objectives?: ObjectiveEntity[] };

/** What the plan read for one agreement; a key is present when its part was selected. */
export interface Planned {
  customer?: CustomerEntity | null;
  services?: ServiceEntity[];
  currentRevision?: PlannedRevision | null;
  revisions?: Page<PlannedRevision>;
  nested: Record<string, unknown>;
}

export type PlannedAgreement = AgreementEntity & { planned: Planned };

const REVISIONS_ORDER = 'agreement-revisions:number'; // the cursors of revisionsOf (nested-pages), so a cursor serves both

interface Columns {
  agreement: PlannedColumns<AgreementEntity>;
  customer: PlannedColumns<CustomerEntity>;
  service: PlannedColumns<ServiceEntity>;
  revision: PlannedColumns<AgreementRevisionEntity>;
  objective: PlannedColumns<ObjectiveEntity>;
}

function columnsOf(ctx: RequestContext): Columns {
  return {
    agreement: PlannedColumns.of(ctx.em, AgreementEntity),
    customer: PlannedColumns.of(ctx.em, CustomerEntity),
    service: PlannedColumns.of(ctx.em, ServiceEntity),
    revision: PlannedColumns.of(ctx.em, AgreementRevisionEntity),
    objective: PlannedColumns.of(ctx.em, ObjectiveEntity),
  };
}

/** The parts of a selection, as select-list entries (`sql AS "p_name"`) and their readers. */
class Plan {
  readonly params: SqlParams;
  private readonly parts: { key: string; sql: string; decode: (json: unknown, parentId: string) => unknown }[] = [];
  private readonly c: Columns;
  private readonly scopeValue: string | null;
  private scopeParam: string | null = null;

  constructor(ctx: RequestContext, sel: AgreementSelection, sqlParams = new SqlParams()) {
    const actor = requireRole(ctx, AgreementRoles.read);
    this.params = sqlParams;
    this.c = columnsOf(ctx);
    this.agreementProps = this.c.agreement.pick('all');
    this.scopeValue = customerScope(actor);
    const { c, params } = this;
    // Parts the caller may not read are left to their field resolvers, which refuse them.
    if (sel.customer && hasAnyRole(actor, CatalogRoles.readCustomers)) {
      const props = c.customer.pick(sel.customer.props === 'all' ? 'all' : sel.customer.props, ['id']);
      this.add('customer', `(SELECT ${c.customer.jsonSql('c', props)} FROM customer c WHERE c.id = a.customer_id AND c.provider_id = a.provider_id AND ${inCustomerScopeSql('c.id', this.scope)})`, (j) =>
        j == null ? null : c.customer.decode(j as Record<string, unknown>),
      );
    }
    if (sel.services && hasAnyRole(actor, CatalogRoles.readServices)) {
      const props = c.service.pick(sel.services.props === 'all' ? 'all' : sel.services.props, ['id']);
      this.add(
        'services',
        `(SELECT coalesce(json_agg(${c.service.jsonSql('s', props)} ORDER BY s.name, s.id), '[]') FROM agreement_service link JOIN service s ON s.id = link.service_id
          WHERE link.agreement_id = a.id AND s.provider_id = a.provider_id)`,
        (j) => (j as Record<string, unknown>[]).map((s) => c.service.decode(s)),
      );
    }
    if (sel.currentRevision) {
      const json = this.revisionJson(sel.currentRevision);
      this.add(
        'currentRevision',
        `(SELECT ${json} FROM agreement_revision r WHERE r.agreement_id = a.id AND ${inForceSql('r', `CAST(${params.add(ctx.now)} AS timestamptz)`)} AND ${revisionInCustomerScopeSql('r', this.scope)})`,
        (j) => (j == null ? null : this.decodeRevision(j as Record<string, unknown>)),
      );
    }
    if (sel.revisions) {
      const first = pageSize(sel.revisions.page);
      const json = this.revisionJson(sel.revisions);
      let after = '';
      if (sel.revisions.page.after) {
        const [value, id] = decodeCursor(sel.revisions.page.after, REVISIONS_ORDER, 'after', (x) => /^[0-9a-f-]{1,36}$/i.test(x));
        after = `AND (lpad(r.number::text, 10, '0'), r.id::text) > (${params.add(String(value))}::text, ${params.add(id)}::text)`;
      }
      const hasPreviousPage = Boolean(sel.revisions.page.after);
      this.add(
        'revisions',
        `(SELECT coalesce(json_agg(x.j ORDER BY x.number), '[]') FROM (
            SELECT ${json} AS j, r.number FROM agreement_revision r
            WHERE r.agreement_id = a.id AND ${revisionInCustomerScopeSql('r', this.scope)} ${after}
            ORDER BY r.number LIMIT ${first + 1}) x)`,
        (j): Page<PlannedRevision> => {
          const rows = (j as Record<string, unknown>[]).map((r) => this.decodeRevision(r));
          const nodes = rows.slice(0, first);
          let cursors: string[] | null = null;
          return {
            nodes,
            get cursors() {
              return (cursors ??= nodes.map((r) => encodeCursor(REVISIONS_ORDER, String(r.number).padStart(10, '0'), r.id)));
            },
            hasNextPage: rows.length > first,
            hasPreviousPage,
            totalCount: () => Promise.reject(new Error('A planned page of revisions has no totalCount; the planner leaves such pages to the loaders.')),
          };
        },
      );
    }
    for (const [name, part] of Object.entries(sel.nested ?? {})) this.add(name, part.sql('a', params), (j, id) => part.decode(j, id), true);
  }

  /** The customer scope's parameter, added when a part uses it (a numbered parameter must be used). */
  private get scope(): string {
    return (this.scopeParam ??= this.params.add(this.scopeValue));
  }

  private readonly nestedNames = new Set<string>();
  private readonly agreementProps: string[];

  private add(key: string, sql: string, decode: (json: unknown, parentId: string) => unknown, nested = false): void {
    this.parts.push({ key, sql, decode });
    if (nested) this.nestedNames.add(key);
  }

  /** SQL: the JSON of revision `r` with the selected properties (and objectives). */
  private revisionJson(sel: RevisionSelection): string {
    const { c } = this;
    const props = c.revision.pick(sel.props === 'all' ? 'all' : sel.props, ['id', 'agreementId', 'number']);
    const extra: Record<string, string> = {};
    if (sel.objectives) {
      const op = c.objective.pick(sel.objectives.props === 'all' ? 'all' : sel.objectives.props, ['id', 'revisionId']);
      extra.objectives = `(SELECT coalesce(json_agg(${c.objective.jsonSql('o', op)} ORDER BY o.position), '[]') FROM objective o WHERE o.revision_id = r.id)`;
    }
    return c.revision.jsonSql('r', props, extra);
  }

  private decodeRevision(j: Record<string, unknown>): PlannedRevision {
    const r = this.c.revision.decode(j) as PlannedRevision;
    if (Array.isArray(r.objectives)) r.objectives = (r.objectives as unknown as Record<string, unknown>[]).map((o) => this.c.objective.decode(o));
    return r;
  }

  /** The select list: every column of the agreement, then one column per part. */
  selectSql(): string {
    const a = this.c.agreement;
    return [a.selectSql('a', this.agreementProps), ...this.parts.map((p, i) => `${p.sql} AS "p${i}"`)].join(',\n');
  }

  /** An agreement with its planned parts, from one row of the statement. */
  read(row: Record<string, unknown>): PlannedAgreement {
    const planned: Planned = { nested: {} };
    const agreement: Record<string, unknown> = {};
    for (const p of this.agreementProps) agreement[p] = row[p];
    agreement.planned = planned;
    for (let i = 0; i < this.parts.length; i++) {
      const p = this.parts[i];
      const value = p.decode(jsonValue(row[`p${i}`]), row.id as string);
      if (this.nestedNames.has(p.key)) planned.nested[p.key] = value;
      else (planned as unknown as Record<string, unknown>)[p.key] = value;
    }
    return this.c.agreement.decode(agreement) as PlannedAgreement;
  }
}

/** A page of agreements (as agreement.service `list`) with what `selection` asks for under each: one statement (and one more for totalCount, when asked). */
export async function listPlanned(ctx: RequestContext, filter: AgreementFilter, order: AgreementOrder, page: PageRequest, selection: AgreementSelection): Promise<Page<PlannedAgreement>> {
  const plan = new Plan(ctx, selection);
  return paginate(filteredAgreements(ctx, filter), AGREEMENT_ORDERS[order], page, async (qb) => {
    const rows: Record<string, unknown>[] = await qb.select(plan.selectSql()).setParameters(plan.params.values).getRawMany();
    return rows.map((r) => plan.read(r));
  });
}

/** One agreement the caller may read, with what `selection` asks for: one statement, sent as it is (no query builder). */
export async function findPlanned(ctx: RequestContext, id: string, selection: AgreementSelection): Promise<PlannedAgreement | null> {
  const actor = requireRole(ctx, AgreementRoles.read);
  const plan = new Plan(ctx, selection, new SqlParams('numbered', 4));
  // visibleAgreements' rules: the caller's provider, and for customer users what covers their customer.
  const rows: Record<string, unknown>[] = await ctx.em.query(
    `SELECT ${plan.selectSql()} FROM agreement a WHERE a.id = $1 AND a.provider_id = $2 AND ${agreementInCustomerScopeSql('a', '$3')}`,
    [id, actor.providerId, customerScope(actor), ...plan.params.list],
  );
  return rows.length ? plan.read(rows[0]) : null;
}
