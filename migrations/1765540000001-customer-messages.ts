import { type MigrationInterface, type QueryRunner } from 'typeorm';

const TYPES = ['REPORTED', 'STATUS_CHANGED', 'PRIORITY_CHANGED', 'IMPACT_CHANGED', 'UPDATE_POSTED', 'CLOCK_WARNING', 'CLOCK_BREACHED'];

/** A message of the customer's side in an incident's timeline (CUSTOMER_MESSAGE): it pauses the update-interval clock until the provider's next update. */
export class CustomerMessages1765540000001 implements MigrationInterface {
  name = 'CustomerMessages1765540000001';

  async up(q: QueryRunner): Promise<void> {
    await this.replaceTypeCheck(q, [...TYPES, 'CUSTOMER_MESSAGE']);
  }

  async down(q: QueryRunner): Promise<void> {
    await this.replaceTypeCheck(q, TYPES);
  }

  /** The column's CHECK has the name PostgreSQL gave it (incident_event_type_check); found by its column, whatever its name. */
  private async replaceTypeCheck(q: QueryRunner, types: string[]): Promise<void> {
    await q.query(`
      DO $$
      DECLARE c text;
      BEGIN
        FOR c IN SELECT con.conname FROM pg_constraint con
                 JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = ANY (con.conkey)
                 WHERE con.conrelid = 'incident_event'::regclass AND con.contype = 'c' AND att.attname = 'type'
        LOOP
          EXECUTE format('ALTER TABLE incident_event DROP CONSTRAINT %I', c);
        END LOOP;
      END $$;
      ALTER TABLE incident_event ADD CONSTRAINT incident_event_type_check CHECK (type IN (${types.map((t) => `'${t}'`).join(',')}));
    `);
  }
}
