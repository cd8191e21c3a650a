import { type MigrationInterface, type QueryRunner } from 'typeorm';

const APP_ROLE = 'sla_app';

/**
 * Signed history brought over from another tool (issue 13).
 * - `imported_record`: what an import wrote, keyed by (provider, source, kind, external id) with
 *   the hash of its content, so that importing the same file again changes nothing and a record
 *   that changed in the source is refused rather than written twice. Append-only.
 * - `revision_origin`: for a revision signed elsewhere, where it came from, who imported it and
 *   when, and the evidence of the signature (a document reference and its SHA-256). A revision
 *   has at most one origin, and an origin never changes (append-only): an imported revision is
 *   as immutable as one signed here (its terms and objectives are guarded as theirs are).
 */
export class HistoryImport1765500000000 implements MigrationInterface {
  name = 'HistoryImport1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE imported_record (
        provider_id   uuid NOT NULL REFERENCES provider(id),
        source        text NOT NULL CHECK (length(source) BETWEEN 1 AND 100),
        kind          text NOT NULL CHECK (kind IN ('AGREEMENT','INCIDENT','MAINTENANCE_WINDOW','MEASUREMENT')),
        external_id   text NOT NULL CHECK (length(external_id) BETWEEN 1 AND 200),
        content_hash  text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
        target_id     uuid NOT NULL,
        imported_by   text NOT NULL,
        imported_at   timestamptz(3) NOT NULL,
        PRIMARY KEY (provider_id, source, kind, external_id)
      );
      CREATE INDEX imported_record_target ON imported_record (provider_id, target_id);
      CREATE TRIGGER imported_record_append_only BEFORE UPDATE OR DELETE ON imported_record FOR EACH ROW EXECUTE FUNCTION refuse_change();

      CREATE TABLE revision_origin (
        revision_id        uuid PRIMARY KEY,
        provider_id        uuid NOT NULL,
        source             text NOT NULL CHECK (length(source) BETWEEN 1 AND 100),
        external_id        text NOT NULL CHECK (length(external_id) BETWEEN 1 AND 200),
        imported_by        text NOT NULL,
        imported_at        timestamptz(3) NOT NULL,
        evidence_document  text NOT NULL CHECK (length(evidence_document) BETWEEN 1 AND 1000),
        evidence_sha256    text NOT NULL CHECK (evidence_sha256 ~ '^[0-9a-f]{64}$'),
        FOREIGN KEY (provider_id, revision_id) REFERENCES agreement_revision (provider_id, id)
      );
      CREATE TRIGGER revision_origin_append_only BEFORE UPDATE OR DELETE ON revision_origin FOR EACH ROW EXECUTE FUNCTION refuse_change();
    `);
    for (const table of ['imported_record', 'revision_origin']) {
      await q.query(`
        GRANT SELECT, INSERT ON ${table} TO ${APP_ROLE};
        ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
        CREATE POLICY tenant ON ${table} TO ${APP_ROLE} USING (provider_id = app_provider_id()) WITH CHECK (provider_id = app_provider_id());
      `);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE revision_origin; DROP TABLE imported_record;');
  }
}
