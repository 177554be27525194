import type { Actor } from '@kairos/domain/policy';
import { AppError } from '@kairos/domain/errors';
import { excerpt, type AskOwnerRequest } from '@kairos/domain/notifications';
import type { Core, RequestContext } from '../../core';
import { changeOf } from '../audit/audit.service';
import { findCustomerRow } from '../customers/customers.store';
import { notify } from '../notifications/notify';
import { lastAskedAt } from '../notifications/notifications.store';

const DAY_MS = 24 * 60 * 60 * 1000;

const bindingOf = (actor: Actor) => `ask-owner:${actor.workspaceId}:${actor.userId}`;

export type AskRef = (customerId: string, ownerId: string | null) => string | null;

/** Makes the duplicate check's `askRef`s: sealed to the caller for a day, absent when there is nobody else to ask. */
export function askRefMaker(core: Core, actor: Actor): AskRef {
  const issuedAt = core.clock.now().getTime();
  return (customerId, ownerId) => (ownerId && ownerId !== actor.userId ? core.seals.seal(`${customerId}.${issuedAt}`, bindingOf(actor)) : null);
}

/**
 * "Ask the owner" (询问负责人): a rep stopped by the duplicate check tells the customer's owner they want
 * to work on it. The customer is named by the sealed reference from the check, so the rep never learns
 * more than the check showed; a rep asks about one customer at most once a day.
 */
export async function askOwner(core: Core, ctx: RequestContext, input: AskOwnerRequest): Promise<{ sent: true; ownerName: string }> {
  const opened = core.seals.open(input.ref, bindingOf(ctx.actor));
  const [customerId, issuedAt] = opened?.split('.') ?? [];
  const now = core.clock.now().getTime();
  if (!customerId || !issuedAt || now - Number(issuedAt) > DAY_MS) throw new AppError('validation_failed', { fields: [{ path: 'ref', code: 'expired', message: 'run the duplicate check again' }] });
  return core.db.transaction().execute(async (trx) => {
    const customer = await findCustomerRow(trx, ctx.actor.workspaceId, customerId);
    if (!customer || customer.deleted_at !== null || !customer.owner_id) throw new AppError('not_found');
    if (customer.owner_id === ctx.actor.userId) throw new AppError('validation_failed', { fields: [{ path: 'ref', code: 'own_record', message: 'you own this customer' }] });
    if (await lastAskedAt(trx, ctx.actor.workspaceId, ctx.actor.userId, customer.id, new Date(now - DAY_MS).toISOString())) throw new AppError('already_asked');
    const owner = await trx.selectFrom('users').select('name').where('workspace_id', '=', ctx.actor.workspaceId).where('id', '=', customer.owner_id).executeTakeFirst();
    await notify(trx, changeOf(core, ctx), [customer.owner_id], { kind: 'ask_owner', record: { type: 'customer', id: customer.id, name: customer.name }, message: input.message ? excerpt(input.message, 500) : null });
    return { sent: true as const, ownerName: owner?.name ?? '' };
  });
}
