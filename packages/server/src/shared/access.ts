import { AppError } from '@kairos/domain/errors';
import { can, type Action, type Actor, type ScopedRecord } from '@kairos/domain/policy';

/**
 * The one rule for single records: outside the caller's read scope (or missing) it is a 404, so ids
 * reveal nothing; inside it but without the action's permission it is a 403.
 */
export function assertCan(actor: Actor, action: Action, record: ScopedRecord | null): void {
  if (!record || !can(actor, 'read', record)) throw new AppError('not_found');
  if (action !== 'read' && !can(actor, action, record)) throw new AppError('forbidden');
}
