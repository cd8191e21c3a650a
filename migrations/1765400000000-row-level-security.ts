import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** The role requests run as (SET LOCAL ROLE / set_config('role', ...)): not the owner of any table, so row-level security applies to it. */
const APP_ROLE = 'sla_app';

/** Every table that carries provider_id: its rows belong to that provider. */
const PROVIDER_TABLES = [
  'agreement',
  'agreement_event',
  'agreement_revision',
  'agreement_service',
  'api_key',
  'business_calendar',
  'customer',
  'domain_event',
  'escalation',
  'escalation_history',
  'idempotency_key',
  'incident',
  'incident_event',
  'maintenance_window',
  'measurement',
  'objective',
  'review',
  'review_action_item',
  'review_finding',
  'review_participant',
  'revision_approval',
  'segment',
  'segment_pin',
  'service',
  'sla_clock',
  'survey_response',
  'webhook_delivery',
  'webhook_endpoint',
];

/**
 * What belongs to one customer, and the column that names it: a customer user (app.customer_id
 * set) sees and writes these rows of its own customer only, as shared/customer-scope.ts says.
 * Not the customer table itself: what a customer user may see is decided over other customers'
 * attributes too (an agreement covers a segment whose members it asks about), so customer rows
 * are limited to the provider; the application shows a customer user its own customer only.
 */
const CUSTOMER_COLUMNS: Record<string, string> = {
  incident: 'customer_id',
  escalation: 'customer_id',
  review: 'customer_id',
};

/**
 * The tenant boundary in the database as well as in the application: row-level security on every
 * tenant-owned table, for the role `sla_app` that requests switch to in their transaction (the
 * owner, which runs migrations, jobs and start-up work, bypasses it as table owners do).
 *
 * The tenant of a unit of work is two settings: app.provider_id (every row's provider) and
 * app.customer_id (a customer user's customer; empty for provider-side callers). Unset, a policy
 * matches nothing. Roles are global to the cluster, so the role is created once and shared by
 * every database of it.
 */
export class RowLevelSecurity1765400000000 implements MigrationInterface {
  name = 'RowLevelSecurity1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      BEGIN
        CREATE ROLE ${APP_ROLE} NOLOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- created by another database of this cluster
      END $$;
      DO $$
      BEGIN
        EXECUTE format('GRANT ${APP_ROLE} TO %I', current_user); -- so that a non-superuser owner may SET ROLE to it
      EXCEPTION WHEN OTHERS THEN NULL; -- a superuser needs no membership; a role cannot be granted to itself
      END $$;

      -- The tenant of the current unit of work; NULL when none is set (a policy then matches nothing).
      CREATE FUNCTION app_provider_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE
        AS $$ SELECT NULLIF(current_setting('app.provider_id', true), '')::uuid $$;
      CREATE FUNCTION app_customer_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE
        AS $$ SELECT NULLIF(current_setting('app.customer_id', true), '')::uuid $$;

      GRANT USAGE ON SCHEMA public TO ${APP_ROLE};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE};
      REVOKE ALL ON schema_migrations FROM ${APP_ROLE};
      GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE};
      GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${APP_ROLE};

      ALTER TABLE provider ENABLE ROW LEVEL SECURITY;
      CREATE POLICY tenant ON provider TO ${APP_ROLE} USING (id = app_provider_id()) WITH CHECK (id = app_provider_id());

      -- A webhook attempt reaches its provider through its delivery (attempts are read per delivery, by key).
      ALTER TABLE webhook_attempt ENABLE ROW LEVEL SECURITY;
      CREATE POLICY tenant ON webhook_attempt TO ${APP_ROLE}
        USING (EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.id = webhook_attempt.delivery_id AND d.provider_id = app_provider_id()))
        WITH CHECK (EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.id = webhook_attempt.delivery_id AND d.provider_id = app_provider_id()));
    `);
    for (const table of PROVIDER_TABLES) {
      await q.query(`
        ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
        CREATE POLICY tenant ON ${table} TO ${APP_ROLE} USING (provider_id = app_provider_id()) WITH CHECK (provider_id = app_provider_id());
      `);
    }
    for (const [table, column] of Object.entries(CUSTOMER_COLUMNS)) {
      await q.query(`
        CREATE POLICY customer_scope ON ${table} AS RESTRICTIVE TO ${APP_ROLE}
          USING (app_customer_id() IS NULL OR ${column} = app_customer_id())
          WITH CHECK (app_customer_id() IS NULL OR ${column} = app_customer_id());
      `);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of Object.keys(CUSTOMER_COLUMNS)) await q.query(`DROP POLICY customer_scope ON ${table}`);
    for (const table of [...PROVIDER_TABLES, 'provider', 'webhook_attempt']) {
      await q.query(`DROP POLICY tenant ON ${table}; ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY;`);
    }
    await q.query(`
      REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${APP_ROLE};
      REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${APP_ROLE};
      REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM ${APP_ROLE};
      REVOKE USAGE ON SCHEMA public FROM ${APP_ROLE};
      DROP FUNCTION app_customer_id();
      DROP FUNCTION app_provider_id();
    `);
    // The role stays: other databases of the cluster may use it.
  }
}
