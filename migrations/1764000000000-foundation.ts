import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Tenancy, catalog and API keys. Every tenant-owned table carries provider_id, and child rows
 * reference their parent together with provider_id, so no row can point across tenants.
 */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'rows of % are archived, never deleted', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
      END $$;

      CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.updated_at := now();
        RETURN NEW;
      END $$;

      CREATE TABLE provider (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
        name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        time_zone   text NOT NULL DEFAULT 'UTC',
        created_at  timestamptz(3) NOT NULL DEFAULT now(),
        updated_at  timestamptz(3) NOT NULL DEFAULT now()
      );

      CREATE TABLE customer (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id     uuid NOT NULL REFERENCES provider(id),
        name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        external_ref    text CHECK (length(external_ref) <= 100),
        size_band       text NOT NULL CHECK (size_band IN ('MICRO','SMALL','MEDIUM','LARGE','ENTERPRISE')),
        employee_count  integer CHECK (employee_count >= 0),
        industry        text NOT NULL CHECK (length(industry) BETWEEN 1 AND 100),
        region          text NOT NULL CHECK (region IN ('NORTH_AMERICA','LATIN_AMERICA','EUROPE','MIDDLE_EAST_AFRICA','ASIA_PACIFIC')),
        tier            text NOT NULL CHECK (tier IN ('STANDARD','SILVER','GOLD','PLATINUM')),
        country         char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        time_zone       text NOT NULL,
        archived_at     timestamptz,
        version         integer NOT NULL DEFAULT 1,
        created_at      timestamptz(3) NOT NULL DEFAULT now(),
        updated_at      timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (provider_id, id)
      );
      CREATE UNIQUE INDEX customer_name_unique ON customer (provider_id, lower(name)) WHERE archived_at IS NULL;
      CREATE UNIQUE INDEX customer_external_ref_unique ON customer (provider_id, external_ref) WHERE external_ref IS NOT NULL;
      CREATE INDEX customer_list ON customer (provider_id, name, id);
      CREATE INDEX customer_created ON customer (provider_id, created_at, id);

      CREATE TABLE segment (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id  uuid NOT NULL REFERENCES provider(id),
        name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        description  text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
        rules        jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(rules) = 'array'),
        archived_at  timestamptz,
        version      integer NOT NULL DEFAULT 1,
        created_at   timestamptz(3) NOT NULL DEFAULT now(),
        updated_at   timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (provider_id, id)
      );
      CREATE UNIQUE INDEX segment_name_unique ON segment (provider_id, lower(name)) WHERE archived_at IS NULL;
      CREATE INDEX segment_list ON segment (provider_id, name, id);

      CREATE TABLE segment_pin (
        provider_id  uuid NOT NULL,
        segment_id   uuid NOT NULL,
        customer_id  uuid NOT NULL,
        kind         text NOT NULL CHECK (kind IN ('INCLUDE','EXCLUDE')),
        created_at   timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (segment_id, customer_id),
        FOREIGN KEY (provider_id, segment_id) REFERENCES segment (provider_id, id),
        FOREIGN KEY (provider_id, customer_id) REFERENCES customer (provider_id, id)
      );
      CREATE INDEX segment_pin_customer ON segment_pin (provider_id, customer_id);

      CREATE TABLE service (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id  uuid NOT NULL REFERENCES provider(id),
        code         text NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{0,31}$'),
        name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        description  text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
        category     text CHECK (length(category) <= 100),
        archived_at  timestamptz,
        version      integer NOT NULL DEFAULT 1,
        created_at   timestamptz(3) NOT NULL DEFAULT now(),
        updated_at   timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (provider_id, id),
        UNIQUE (provider_id, code)
      );
      CREATE INDEX service_list ON service (provider_id, name, id);

      CREATE TABLE api_key (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id   uuid NOT NULL REFERENCES provider(id),
        name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        prefix        text NOT NULL UNIQUE,
        secret_hash   text NOT NULL,
        roles         text[] NOT NULL CHECK (cardinality(roles) > 0),
        created_by    text NOT NULL,
        created_at    timestamptz(3) NOT NULL DEFAULT now(),
        expires_at    timestamptz,
        last_used_at  timestamptz,
        revoked_at    timestamptz,
        revoked_by    text
      );
      CREATE INDEX api_key_provider ON api_key (provider_id, created_at, id);

      CREATE TRIGGER provider_touch BEFORE UPDATE ON provider FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
      CREATE TRIGGER customer_touch BEFORE UPDATE ON customer FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
      CREATE TRIGGER segment_touch BEFORE UPDATE ON segment FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
      CREATE TRIGGER service_touch BEFORE UPDATE ON service FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

      CREATE TRIGGER provider_no_delete BEFORE DELETE ON provider FOR EACH ROW EXECUTE FUNCTION refuse_delete();
      CREATE TRIGGER customer_no_delete BEFORE DELETE ON customer FOR EACH ROW EXECUTE FUNCTION refuse_delete();
      CREATE TRIGGER segment_no_delete BEFORE DELETE ON segment FOR EACH ROW EXECUTE FUNCTION refuse_delete();
      CREATE TRIGGER service_no_delete BEFORE DELETE ON service FOR EACH ROW EXECUTE FUNCTION refuse_delete();
      CREATE TRIGGER api_key_no_delete BEFORE DELETE ON api_key FOR EACH ROW EXECUTE FUNCTION refuse_delete();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE api_key;
      DROP TABLE service;
      DROP TABLE segment_pin;
      DROP TABLE segment;
      DROP TABLE customer;
      DROP TABLE provider;
      DROP FUNCTION touch_updated_at();
      DROP FUNCTION refuse_delete();
    `);
  }
}
