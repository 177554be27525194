import { requiredFor } from '../field-access/field-access.service';
import { AppError } from '@kairos/domain/errors';
import { checkFollowUp, type CreateFollowUp, type FollowUp, type FollowUpListQuery, type UpdateFollowUp } from '@kairos/domain/followups';
import { listScope } from '@kairos/domain/policy';
import type { Actor } from '@kairos/domain/policy';
import type { Core, RequestContext } from '../../core';
import type { Executor } from '../../db/schema';
import { newId } from '../../ids';
import { changedFields, recordAudit, changeOf } from '../audit/audit.service';
import { noteFollowUpOnCustomer } from '../customers/customers.service';
import { readableTarget, workableTarget, type RecordTarget } from '../record-targets/record-targets';
import { decodeTextKeyset, toPage } from '../../shared/cursor';
import { runOnce, type Idempotency } from '../idempotency/idempotency.service';
import { customChanges, customJson, fieldsOf, visibleCustom } from '../custom-fields/custom-fields.service';
import type { CustomField } from '@kairos/domain/custom-fields';
import { getWorkspaceSettings } from '../setup/workspace-settings.service';
import type { StoredFile } from '@kairos/domain/files';
import { fromJson, toJson } from '../../shared/json';
import { attachFilesToFollowUp, attachmentProblems, attachmentsOf } from '../files/files.service';
import { mentionProblems, notifyMentions } from '../notifications/mentions';
import type { FollowUpsTable } from './followup.table';
import { findFollowUpRow, listFollowUpRows, findLatestFollowUpOfCustomer, findLatestFollowUpOfTarget, insertFollowUpRow, listFollowUpRowsOfCustomer, listFollowUpRowsOfTarget, updateFollowUpRow } from './followups.store';
import { noteFollowUpOnContact } from '../contacts/contacts.service';
import { noteFollowUpOnOpportunity } from '../opportunities/opportunities.service';

export function toFollowUp(row: FollowUpsTable, fields: readonly CustomField[] = [], attachments: StoredFile[] = []): FollowUp {
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
    mentions: fromJson<string[]>(row.mentions, []),
    attachments,
    custom: visibleCustom(row.custom, fields),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

type Target = RecordTarget;

const targetOf = (row: FollowUpsTable): Target => ({ target_type: row.target_type as Target['target_type'], target_id: row.target_id, customer_id: row.customer_id });

const summaryOf = (row: FollowUpsTable | undefined) => (row ? { occurredAt: row.occurred_at, nextFollowUpOn: row.next_follow_up_on } : null);

/** The customer's and the record's "last follow-up" and "next date", kept in the follow-up's transaction. */
async function refreshSummary(db: Executor, workspaceId: string, target: Target) {
  await noteFollowUpOnCustomer(db, workspaceId, target.customer_id, summaryOf(await findLatestFollowUpOfCustomer(db, workspaceId, target.customer_id)));
  if (target.target_type === 'customer') return;
  const latest = summaryOf(await findLatestFollowUpOfTarget(db, workspaceId, target.target_type, target.target_id));
  if (target.target_type === 'contact') await noteFollowUpOnContact(db, workspaceId, target.target_id, latest);
  else await noteFollowUpOnOpportunity(db, workspaceId, target.target_id, latest);
}

/** Logs a follow-up on a record the caller may work on, held to the workspace's follow-up rules. */
export async function createFollowUp(core: Core, ctx: RequestContext, input: CreateFollowUp, idempotency: Idempotency | null): Promise<FollowUp> {
  const { actor } = ctx;
  return runOnce(core, ctx, idempotency, async (trx) => {
    const target = await workableTarget(trx, actor, input.targetType, input.targetId);
    const { followUps: rules } = await getWorkspaceSettings(trx, actor.workspaceId);
    const fields = await fieldsOf(trx, actor.workspaceId, 'followup');
    const id = newId();
    const problems = [
      ...checkFollowUp(input, rules),
      ...(await mentionProblems(trx, actor.workspaceId, input.mentions)),
      ...(await attachmentProblems(trx, actor, { id, targetType: input.targetType, targetId: input.targetId }, input.fileIds)),
    ];
    if (problems.length) throw new AppError('validation_failed', { fields: problems });
    const change = changeOf(core, ctx);
    const occurredAt = input.occurredAt ? new Date(input.occurredAt).toISOString() : change.at;
    if (occurredAt > change.at) throw new AppError('validation_failed', { fields: [{ path: 'occurredAt', code: 'in_future', message: 'in the future' }] });
    const row: FollowUpsTable = {
      workspace_id: actor.workspaceId,
      id,
      ...target,
      type: input.type,
      occurred_at: occurredAt,
      content: input.content,
      outcome: input.outcome || null,
      next_step: input.nextStep || null,
      next_follow_up_on: input.nextFollowUpOn ?? null,
      custom: customJson(await requiredFor(trx, actor, 'followup', fields), input.custom, 'create'),
      mentions: toJson(input.mentions),
      author_id: actor.userId,
      created_at: change.at,
      updated_at: change.at,
      version: 1,
      deleted_at: null,
    };
    await insertFollowUpRow(trx, row);
    await attachFilesToFollowUp(trx, actor.workspaceId, id, input.fileIds);
    await refreshSummary(trx, actor.workspaceId, target);
    await notifyMentions(trx, change, { now: input.mentions }, { source: 'followup', type: input.targetType, id: input.targetId, text: input.content });
    const followUp = toFollowUp(row, fields, (await attachmentsOf(trx, actor.workspaceId, [row.id])).get(row.id));
    await recordAudit(trx, change, { entityType: 'followup', entityId: row.id, action: 'create', after: followUp });
    return followUp;
  });
}

async function getOwnFollowUp(db: Executor, actor: Actor, id: string): Promise<FollowUpsTable> {
  const row = await findFollowUpRow(db, actor.workspaceId, id);
  if (!row) throw new AppError('not_found');
  await workableTarget(db, actor, row.target_type as FollowUp['targetType'], row.target_id);
  // What someone wrote stays theirs: only the author corrects or removes a follow-up.
  if (row.author_id !== actor.userId) throw new AppError('forbidden');
  return row;
}

export async function updateFollowUp(core: Core, ctx: RequestContext, id: string, input: UpdateFollowUp): Promise<FollowUp> {
  return core.db.transaction().execute(async (trx) => {
    const row = await getOwnFollowUp(trx, ctx.actor, id);
    const attached = (await attachmentsOf(trx, ctx.actor.workspaceId, [id])).get(id);
    const before = toFollowUp(row, await fieldsOf(trx, ctx.actor.workspaceId, 'followup'), attached);
    if (row.version !== input.version) throw new AppError('version_conflict', { extra: { current: before } });
    const { followUps: rules } = await getWorkspaceSettings(trx, ctx.actor.workspaceId);
    const fields = await fieldsOf(trx, ctx.actor.workspaceId, 'followup');
    const merged = { content: input.content ?? row.content, nextStep: input.nextStep ?? row.next_step, nextFollowUpOn: input.nextFollowUpOn === undefined ? row.next_follow_up_on : input.nextFollowUpOn, closing: input.closing };
    const problems = [
      ...checkFollowUp(merged, rules),
      ...(await mentionProblems(trx, ctx.actor.workspaceId, input.mentions ?? [])),
      ...(await attachmentProblems(trx, ctx.actor, { id, targetType: row.target_type, targetId: row.target_id }, input.fileIds ?? [])),
    ];
    if (problems.length) throw new AppError('validation_failed', { fields: problems });
    const change = changeOf(core, ctx);
    const updated = await updateFollowUpRow(trx, ctx.actor.workspaceId, id, input.version, {
      updated_at: change.at,
      ...(input.mentions !== undefined ? { mentions: toJson(input.mentions) } : {}),
      ...(input.type ? { type: input.type } : {}),
      ...(input.occurredAt ? { occurred_at: new Date(input.occurredAt).toISOString() } : {}),
      ...(input.content !== undefined ? { content: input.content } : {}),
      ...(input.outcome !== undefined ? { outcome: input.outcome || null } : {}),
      ...(input.nextStep !== undefined ? { next_step: input.nextStep || null } : {}),
      ...(input.nextFollowUpOn !== undefined ? { next_follow_up_on: input.nextFollowUpOn } : {}),
      ...(input.custom !== undefined ? { custom: customJson(fields, input.custom, 'update', row.custom) } : {}),
    });
    if (!updated) throw new AppError('version_conflict', { extra: { current: before } });
    await refreshSummary(trx, ctx.actor.workspaceId, targetOf(row));
    await attachFilesToFollowUp(trx, ctx.actor.workspaceId, id, input.fileIds ?? []);
    const after = toFollowUp(updated, fields, (await attachmentsOf(trx, ctx.actor.workspaceId, [id])).get(id));
    await notifyMentions(trx, change, { now: after.mentions, before: before.mentions }, { source: 'followup', type: after.targetType, id: after.targetId, text: after.content });
    const attachedNames = (f: FollowUp) => f.attachments.map((a) => a.name);
    await recordAudit(trx, change, {
      entityType: 'followup',
      entityId: id,
      action: 'update',
      fields: [
        ...changedFields(before, after, ['type', 'occurredAt', 'content', 'outcome', 'nextStep', 'nextFollowUpOn', 'mentions']),
        ...changedFields({ attachments: attachedNames(before) }, { attachments: attachedNames(after) }, ['attachments']),
        ...customChanges(before.custom, after.custom),
      ],
    });
    return after;
  });
}

export async function deleteFollowUp(core: Core, ctx: RequestContext, id: string): Promise<void> {
  await core.db.transaction().execute(async (trx) => {
    const row = await getOwnFollowUp(trx, ctx.actor, id);
    const change = changeOf(core, ctx);
    await updateFollowUpRow(trx, ctx.actor.workspaceId, id, row.version, { deleted_at: change.at, updated_at: change.at });
    await refreshSummary(trx, ctx.actor.workspaceId, targetOf(row));
    await recordAudit(trx, change, { entityType: 'followup', entityId: id, action: 'delete', before: toFollowUp(row) });
  });
}

/**
 * A record's follow-ups, newest first, for its timeline; a customer's include those logged on its contacts
 * and deals. The caller has already been checked.
 */
export async function followUpsOf(db: Executor, workspaceId: string, record: { type: FollowUp['targetType']; id: string }, before: { at: string; id: string } | undefined, limit: number): Promise<FollowUp[]> {
  const rows =
    record.type === 'customer'
      ? await listFollowUpRowsOfCustomer(db, workspaceId, record.id, before, limit)
      : await listFollowUpRowsOfTarget(db, workspaceId, record.type, record.id, before, limit);
  const fields = await fieldsOf(db, workspaceId, 'followup');
  const attachments = await attachmentsOf(db, workspaceId, rows.map((r) => r.id));
  return rows.map((row) => toFollowUp(row, fields, attachments.get(row.id)));
}

/** One follow-up, for anyone who may read its record. */
export async function getFollowUp(core: Core, ctx: RequestContext, id: string): Promise<FollowUp> {
  const row = await findFollowUpRow(core.db, ctx.actor.workspaceId, id);
  if (!row) throw new AppError('not_found');
  await readableTarget(core, ctx, row.target_type as FollowUp['targetType'], row.target_id);
  const [fields, attachments] = await Promise.all([fieldsOf(core.db, ctx.actor.workspaceId, 'followup'), attachmentsOf(core.db, ctx.actor.workspaceId, [id])]);
  return toFollowUp(row, fields, attachments.get(id));
}

/** Follow-ups across what the caller may see, or of one record or customer (404 when the caller cannot see it). */
export async function listFollowUps(core: Core, ctx: RequestContext, query: FollowUpListQuery) {
  const { actor } = ctx;
  if ((query.targetType === undefined) !== (query.targetId === undefined)) {
    throw new AppError('validation_failed', { fields: [{ path: query.targetType ? 'targetId' : 'targetType', code: 'required', message: 'targetType and targetId go together' }] });
  }
  if (query.targetType && query.targetId) await readableTarget(core, ctx, query.targetType, query.targetId);
  if (query.customerId) await readableTarget(core, ctx, 'customer', query.customerId);
  const { cursor, limit, ...filters } = query;
  const binding = `followups:${actor.userId}:${toJson(filters)}`;
  const after = decodeTextKeyset(core.cursors, cursor, binding);
  const rows = await listFollowUpRows(
    core.db,
    actor.workspaceId,
    listScope(actor, 'records.read'),
    {
      target: query.targetType && query.targetId ? { type: query.targetType, id: query.targetId } : undefined,
      customerId: query.customerId,
      authorId: query.authorId,
      type: query.type,
      occurredFrom: query.occurredFrom ? new Date(query.occurredFrom).toISOString() : undefined,
      occurredTo: query.occurredTo ? new Date(query.occurredTo).toISOString() : undefined,
      after,
    },
    query.sort === 'occurredAt' ? 'asc' : 'desc',
    limit + 1,
  );
  const page = rows.slice(0, limit);
  const [fields, attachments] = await Promise.all([fieldsOf(core.db, actor.workspaceId, 'followup'), attachmentsOf(core.db, actor.workspaceId, page.map((r) => r.id))]);
  return toPage(rows, limit, (r) => toFollowUp(r, fields, attachments.get(r.id)), (r) => [r.occurred_at, r.id], core.cursors, binding);
}

/** The author brings back a follow-up they removed, within the workspace's recycle-bin days. */
export async function restoreFollowUp(core: Core, ctx: RequestContext, id: string): Promise<FollowUp> {
  return core.db.transaction().execute(async (trx) => {
    const row = await findFollowUpRow(trx, ctx.actor.workspaceId, id, { deleted: true });
    if (!row) throw new AppError('not_found');
    await workableTarget(trx, ctx.actor, row.target_type as FollowUp['targetType'], row.target_id);
    if (row.author_id !== ctx.actor.userId) throw new AppError('forbidden');
    const { recycleDays } = await getWorkspaceSettings(trx, ctx.actor.workspaceId);
    if (row.deleted_at && core.clock.now().getTime() - new Date(row.deleted_at).getTime() > recycleDays * 86_400_000) throw new AppError('not_restorable');
    const change = changeOf(core, ctx);
    const restored = await updateFollowUpRow(trx, ctx.actor.workspaceId, id, row.version, { deleted_at: null, updated_at: change.at });
    if (!restored) throw new AppError('version_conflict');
    await refreshSummary(trx, ctx.actor.workspaceId, targetOf(row));
    const [fields, attachments] = await Promise.all([fieldsOf(trx, ctx.actor.workspaceId, 'followup'), attachmentsOf(trx, ctx.actor.workspaceId, [id])]);
    const after = toFollowUp(restored, fields, attachments.get(id));
    await recordAudit(trx, change, { entityType: 'followup', entityId: id, action: 'restore', after });
    return after;
  });
}
