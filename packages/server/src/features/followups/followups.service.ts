import { AppError } from '@kairos/domain/errors';
import { checkFollowUp, type CreateFollowUp, type FollowUp, type UpdateFollowUp } from '@kairos/domain/followups';
import type { Actor } from '@kairos/domain/policy';
import type { Core, RequestContext } from '../../core';
import { nowIso } from '../../core';
import type { Executor } from '../../db/schema';
import { newId } from '../../ids';
import { changedFields, recordAudit, type ChangeContext } from '../audit/audit.service';
import { getCustomerToWorkOn, noteFollowUpOnCustomer } from '../customers/customers.service';
import { runOnce, type Idempotency } from '../idempotency/idempotency.service';
import { getWorkspaceSettings } from '../setup/workspace-settings.service';
import type { FollowUpsTable } from './followup.table';
import { findFollowUpRow, findLatestFollowUpOfCustomer, insertFollowUpRow, listFollowUpRowsOfCustomer, updateFollowUpRow } from './followups.store';

export function toFollowUp(row: FollowUpsTable): FollowUp {
  return {
    id: row.id,
    targetType: row.target_type as FollowUp['targetType'],
    targetId: row.target_id,
    customerId: row.customer_id,
    type: row.type as FollowUp['type'],
    occurredAt: row.occurred_at,
    content: row.content,
    outcome: row.outcome,
    nextStep: row.next_step,
    nextFollowUpOn: row.next_follow_up_on,
    authorId: row.author_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

function changeContext(core: Core, ctx: RequestContext): ChangeContext {
  return { workspaceId: ctx.actor.workspaceId, actorId: ctx.actor.userId, requestId: ctx.requestId, at: nowIso(core) };
}

async function refreshSummary(db: Executor, workspaceId: string, customerId: string) {
  const latest = await findLatestFollowUpOfCustomer(db, workspaceId, customerId);
  await noteFollowUpOnCustomer(db, workspaceId, customerId, latest ? { occurredAt: latest.occurred_at, nextFollowUpOn: latest.next_follow_up_on } : null);
}

/** Logs a follow-up on a record the caller may work on, held to the workspace's follow-up rules. */
export async function createFollowUp(core: Core, ctx: RequestContext, input: CreateFollowUp, idempotency: Idempotency | null): Promise<FollowUp> {
  const { actor } = ctx;
  return runOnce(core, ctx, idempotency, async (trx) => {
    const customer = await getCustomerToWorkOn(trx, actor, input.targetId);
    const { followUps: rules } = await getWorkspaceSettings(trx, actor.workspaceId);
    const problems = checkFollowUp(input, rules);
    if (problems.length) throw new AppError('validation_failed', { fields: problems });
    const change = changeContext(core, ctx);
    const occurredAt = input.occurredAt ? new Date(input.occurredAt).toISOString() : change.at;
    if (occurredAt > change.at) throw new AppError('validation_failed', { fields: [{ path: 'occurredAt', code: 'in_future', message: 'in the future' }] });
    const row: FollowUpsTable = {
      workspace_id: actor.workspaceId,
      id: newId(),
      target_type: input.targetType,
      target_id: input.targetId,
      customer_id: customer.id,
      type: input.type,
      occurred_at: occurredAt,
      content: input.content,
      outcome: input.outcome || null,
      next_step: input.nextStep || null,
      next_follow_up_on: input.nextFollowUpOn ?? null,
      author_id: actor.userId,
      created_at: change.at,
      updated_at: change.at,
      version: 1,
      deleted_at: null,
    };
    await insertFollowUpRow(trx, row);
    await refreshSummary(trx, actor.workspaceId, customer.id);
    const followUp = toFollowUp(row);
    await recordAudit(trx, change, { entityType: 'followup', entityId: row.id, action: 'create', after: followUp });
    return followUp;
  });
}

async function getOwnFollowUp(db: Executor, actor: Actor, id: string): Promise<FollowUpsTable> {
  const row = await findFollowUpRow(db, actor.workspaceId, id);
  if (!row) throw new AppError('not_found');
  await getCustomerToWorkOn(db, actor, row.customer_id);
  // What someone wrote stays theirs: only the author corrects or removes a follow-up.
  if (row.author_id !== actor.userId) throw new AppError('forbidden');
  return row;
}

export async function updateFollowUp(core: Core, ctx: RequestContext, id: string, input: UpdateFollowUp): Promise<FollowUp> {
  return core.db.transaction().execute(async (trx) => {
    const row = await getOwnFollowUp(trx, ctx.actor, id);
    const before = toFollowUp(row);
    if (row.version !== input.version) throw new AppError('version_conflict', { extra: { current: before } });
    const { followUps: rules } = await getWorkspaceSettings(trx, ctx.actor.workspaceId);
    const merged = { content: input.content ?? row.content, nextStep: input.nextStep ?? row.next_step, nextFollowUpOn: input.nextFollowUpOn === undefined ? row.next_follow_up_on : input.nextFollowUpOn, closing: input.closing };
    const problems = checkFollowUp(merged, rules);
    if (problems.length) throw new AppError('validation_failed', { fields: problems });
    const change = changeContext(core, ctx);
    const updated = await updateFollowUpRow(trx, ctx.actor.workspaceId, id, input.version, {
      updated_at: change.at,
      ...(input.type ? { type: input.type } : {}),
      ...(input.occurredAt ? { occurred_at: new Date(input.occurredAt).toISOString() } : {}),
      ...(input.content !== undefined ? { content: input.content } : {}),
      ...(input.outcome !== undefined ? { outcome: input.outcome || null } : {}),
      ...(input.nextStep !== undefined ? { next_step: input.nextStep || null } : {}),
      ...(input.nextFollowUpOn !== undefined ? { next_follow_up_on: input.nextFollowUpOn } : {}),
    });
    if (!updated) throw new AppError('version_conflict', { extra: { current: before } });
    await refreshSummary(trx, ctx.actor.workspaceId, row.customer_id);
    const after = toFollowUp(updated);
    await recordAudit(trx, change, { entityType: 'followup', entityId: id, action: 'update', fields: changedFields(before, after, ['type', 'occurredAt', 'content', 'outcome', 'nextStep', 'nextFollowUpOn']) });
    return after;
  });
}

export async function deleteFollowUp(core: Core, ctx: RequestContext, id: string): Promise<void> {
  await core.db.transaction().execute(async (trx) => {
    const row = await getOwnFollowUp(trx, ctx.actor, id);
    const change = changeContext(core, ctx);
    await updateFollowUpRow(trx, ctx.actor.workspaceId, id, row.version, { deleted_at: change.at, updated_at: change.at });
    await refreshSummary(trx, ctx.actor.workspaceId, row.customer_id);
    await recordAudit(trx, change, { entityType: 'followup', entityId: id, action: 'delete', before: toFollowUp(row) });
  });
}

/** A customer's follow-ups, newest first, for its timeline. The caller has already been checked. */
export async function followUpsOfCustomer(db: Executor, workspaceId: string, customerId: string, before: { at: string; id: string } | undefined, limit: number): Promise<FollowUp[]> {
  return (await listFollowUpRowsOfCustomer(db, workspaceId, customerId, before, limit)).map(toFollowUp);
}
