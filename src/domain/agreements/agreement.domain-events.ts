import { type AgreementEntity } from '../../db/entities/agreement.entity';
import { type AgreementRevisionEntity } from '../../db/entities/agreement-revision.entity';
import { domainEvent } from '../events/domain-events';

/** What happens to agreements that later areas react to (src/domain/reactions.ts), in the transaction it happens in. */

type Revision = Pick<AgreementRevisionEntity, 'id' | 'number' | 'terms'>;

/** A revision became ACTIVE at `at` (the one it replaces, if any, is SUPERSEDED already). One per revision activated. */
export const RevisionActivated = domainEvent<{ agreement: AgreementEntity; revision: Revision; at: Date }>('revision activated');

/**
 * An agreement's settlement activated one revision or more: `revision` is the one in force now.
 * Once per settlement, after every RevisionActivated of it.
 */
export const TermsTookEffect = domainEvent<{ agreement: AgreementEntity; revision: Revision; at: Date }>('terms took effect');
