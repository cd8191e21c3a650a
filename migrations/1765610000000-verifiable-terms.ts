import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Verifiable terms (issue 14, point 3): a revision that left DRAFT keeps the canonical text of its
 * terms and objectives (RFC 8785) and its SHA-256, and every approval the hash of what was signed.
 * Written once, when the revision is proposed or imported signed (revisions and approvals from
 * before this migration get theirs from the application at its next start: the canonical form is
 * the application's rule, not SQL's); from then on the database refuses any change of them.
 */
export class VerifiableTerms1765610000000 implements MigrationInterface {
  name = 'VerifiableTerms1765610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE agreement_revision
        ADD COLUMN terms_canonical text,
        ADD COLUMN terms_sha256 text CHECK (terms_sha256 ~ '^[0-9a-f]{64}$'),
        ADD CONSTRAINT agreement_revision_sealed_together CHECK ((terms_canonical IS NULL) = (terms_sha256 IS NULL)),
        ADD CONSTRAINT agreement_revision_draft_unsealed CHECK (state <> 'DRAFT' OR terms_sha256 IS NULL);
      ALTER TABLE revision_approval ADD COLUMN terms_sha256 text CHECK (terms_sha256 ~ '^[0-9a-f]{64}$');

      -- Once written, the canonical text and its hash never change (set once, from nothing, for revisions signed before they existed).
      CREATE FUNCTION guard_revision_seal() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.terms_sha256 IS NOT NULL AND (NEW.terms_sha256 IS DISTINCT FROM OLD.terms_sha256 OR NEW.terms_canonical IS DISTINCT FROM OLD.terms_canonical) THEN
          RAISE EXCEPTION 'revision % of agreement % is sealed: its canonical terms and their hash never change', OLD.number, OLD.agreement_id
            USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER agreement_revision_seal_guard BEFORE UPDATE ON agreement_revision FOR EACH ROW EXECUTE FUNCTION guard_revision_seal();

      -- Approvals stay append-only; the one change allowed is the hash of an approval recorded before hashes existed, from nothing.
      CREATE FUNCTION guard_revision_approval() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.terms_sha256 IS NULL AND NEW.terms_sha256 IS NOT NULL
           AND (to_jsonb(NEW) - 'terms_sha256') = (to_jsonb(OLD) - 'terms_sha256') THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION '% is append-only: rows are never updated or deleted', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
      END $$;
      DROP TRIGGER revision_approval_append_only ON revision_approval;
      CREATE TRIGGER revision_approval_append_only BEFORE UPDATE OR DELETE ON revision_approval FOR EACH ROW EXECUTE FUNCTION guard_revision_approval();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER revision_approval_append_only ON revision_approval;
      CREATE TRIGGER revision_approval_append_only BEFORE UPDATE OR DELETE ON revision_approval FOR EACH ROW EXECUTE FUNCTION refuse_change();
      DROP FUNCTION guard_revision_approval();
      DROP TRIGGER agreement_revision_seal_guard ON agreement_revision;
      DROP FUNCTION guard_revision_seal();
      ALTER TABLE revision_approval DROP COLUMN terms_sha256;
      ALTER TABLE agreement_revision DROP CONSTRAINT agreement_revision_draft_unsealed, DROP CONSTRAINT agreement_revision_sealed_together,
        DROP COLUMN terms_sha256, DROP COLUMN terms_canonical;
    `);
  }
}
