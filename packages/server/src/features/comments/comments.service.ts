import type { Comment, CommentListQuery, CreateComment, UpdateComment } from '@kairos/domain/comments';
import { AppError } from '@kairos/domain/errors';
import type { Core, RequestContext } from '../../core';
import { decodeTextKeyset } from '../../shared/cursor';
import type { Executor } from '../../db/schema';
import { newId } from '../../ids';
import { fromJson, toJson } from '../../shared/json';
import { changeOf, changedFields, recordAudit } from '../audit/audit.service';
import { runOnce, type Idempotency } from '../idempotency/idempotency.service';
import { readableRecords, readableTarget } from '../record-targets/record-targets';
import { getWorkspaceSettings } from '../setup/workspace-settings.service';
import type { CommentsTable } from './comment.table';
import { checkMentions, notifyMentions } from '../notifications/mentions';
import { findCommentRow, insertCommentRow, listCommentRows, listMentioningRows, setMentionRows, updateCommentRow } from './comments.store';

export function toComment(row: CommentsTable): Comment {
  return {
    id: row.id,
    targetType: row.target_type as Comment['targetType'],
    targetId: row.target_id,
    customerId: row.customer_id,
    body: row.body,
    mentions: fromJson<string[]>(row.mentions, []),
    authorId: row.author_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** The record's customer, if the caller may read it (404 otherwise): anyone who sees a record may discuss it. */
async function readableCustomerOf(core: Core, ctx: RequestContext, type: Comment['targetType'], id: string): Promise<string> {
  return (await readableTarget(core, ctx, type, id)).customer_id;
}

export async function createComment(core: Core, ctx: RequestContext, input: CreateComment, idempotency: Idempotency | null): Promise<Comment> {
  const customerId = await readableCustomerOf(core, ctx, input.targetType, input.targetId);
  return runOnce(core, ctx, idempotency, async (trx) => {
    await checkMentions(trx, ctx.actor.workspaceId, input.mentions);
    const change = changeOf(core, ctx);
    const row: CommentsTable = {
      workspace_id: ctx.actor.workspaceId,
      id: newId(),
      target_type: input.targetType,
      target_id: input.targetId,
      customer_id: customerId,
      body: input.body,
      mentions: toJson(input.mentions),
      author_id: ctx.actor.userId,
      created_at: change.at,
      updated_at: change.at,
      version: 1,
      deleted_at: null,
    };
    await insertCommentRow(trx, row);
    await setMentionRows(trx, ctx.actor.workspaceId, row.id, input.mentions, change.at);
    await notifyMentions(trx, change, { now: input.mentions }, { source: 'comment', type: input.targetType, id: input.targetId, text: input.body });
    const comment = toComment(row);
    await recordAudit(trx, change, { entityType: 'comment', entityId: row.id, action: 'create', after: comment });
    return comment;
  });
}

/** Only the author edits or removes what they wrote, and only while they can still see the record. */
async function getOwnComment(core: Core, ctx: RequestContext, id: string): Promise<CommentsTable> {
  const row = await findCommentRow(core.db, ctx.actor.workspaceId, id);
  if (!row) throw new AppError('not_found');
  await readableCustomerOf(core, ctx, row.target_type as Comment['targetType'], row.target_id);
  if (row.author_id !== ctx.actor.userId) throw new AppError('forbidden');
  return row;
}

export async function updateComment(core: Core, ctx: RequestContext, id: string, input: UpdateComment): Promise<Comment> {
  const row = await getOwnComment(core, ctx, id);
  return core.db.transaction().execute(async (trx) => {
    const before = toComment(row);
    if (row.version !== input.version) throw new AppError('version_conflict', { extra: { current: before } });
    if (input.mentions) await checkMentions(trx, ctx.actor.workspaceId, input.mentions);
    const change = changeOf(core, ctx);
    const updated = await updateCommentRow(trx, ctx.actor.workspaceId, id, input.version, {
      updated_at: change.at,
      ...(input.body !== undefined ? { body: input.body } : {}),
      ...(input.mentions !== undefined ? { mentions: toJson(input.mentions) } : {}),
    });
    if (!updated) throw new AppError('version_conflict', { extra: { current: before } });
    const after = toComment(updated);
    if (input.mentions) {
      await setMentionRows(trx, ctx.actor.workspaceId, id, input.mentions, change.at);
      await notifyMentions(trx, change, { now: input.mentions, before: before.mentions }, { source: 'comment', type: after.targetType, id: after.targetId, text: after.body });
    }
    await recordAudit(trx, change, { entityType: 'comment', entityId: id, action: 'update', fields: changedFields(before, after, ['body', 'mentions']) });
    return after;
  });
}

export async function deleteComment(core: Core, ctx: RequestContext, id: string): Promise<void> {
  const row = await getOwnComment(core, ctx, id);
  await core.db.transaction().execute(async (trx) => {
    const change = changeOf(core, ctx);
    const deleted = await updateCommentRow(trx, ctx.actor.workspaceId, id, row.version, { deleted_at: change.at, updated_at: change.at });
    if (!deleted) throw new AppError('version_conflict');
    await recordAudit(trx, change, { entityType: 'comment', entityId: id, action: 'delete', before: toComment(row) });
  });
}

/**
 * A record's comments, or the comments mentioning the caller. Mentions on records the caller can no
 * longer see (a handoff, a scope change) are left out rather than revealed.
 */
export async function listComments(core: Core, ctx: RequestContext, query: CommentListQuery): Promise<{ items: Comment[]; nextCursor: string | null }> {
  const { workspaceId, userId } = ctx.actor;
  const binding = `comments:${userId}:${query.mentionsMe}:${query.targetType ?? ''}:${query.targetId ?? ''}`;
  const key = decodeTextKeyset(core.cursors, query.cursor, binding);
  const before = key && { at: key.value, id: key.id };
  let rows: CommentsTable[];
  if (query.mentionsMe) {
    rows = await listMentioningRows(core.db, workspaceId, userId, before, query.limit + 1);
  } else {
    if (!query.targetType || !query.targetId) {
      throw new AppError('validation_failed', { fields: [{ path: 'targetId', code: 'required', message: 'targetType and targetId, or mentionsMe=true' }] });
    }
    await readableCustomerOf(core, ctx, query.targetType, query.targetId);
    rows = await listCommentRows(core.db, workspaceId, { type: query.targetType, id: query.targetId }, before, query.limit + 1);
  }
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  // One batched permission check per record type, not one record read per comment.
  const readable = query.mentionsMe ? await readableRecords(core.db, ctx.actor, page.map((r) => ({ type: r.target_type as Comment['targetType'], id: r.target_id }))) : null;
  const visible = page.filter((row) => !readable || readable.has(row.target_id)).map(toComment);
  return { items: visible, nextCursor: more && last ? core.cursors.encode([last.created_at, last.id], binding) : null };
}

/** A record's comments for its timeline; the caller has been checked. */
export async function commentsOf(db: Executor, workspaceId: string, record: { type: string; id: string }, before: { at: string; id: string } | undefined, limit: number): Promise<Comment[]> {
  return (await listCommentRows(db, workspaceId, record, before, limit)).map(toComment);
}

/** One comment, for anyone who may read its record. */
export async function getComment(core: Core, ctx: RequestContext, id: string): Promise<Comment> {
  const row = await findCommentRow(core.db, ctx.actor.workspaceId, id);
  if (!row) throw new AppError('not_found');
  await readableCustomerOf(core, ctx, row.target_type as Comment['targetType'], row.target_id);
  return toComment(row);
}

/** The author brings back a comment they removed, within the workspace's recycle-bin days. */
export async function restoreComment(core: Core, ctx: RequestContext, id: string): Promise<Comment> {
  const row = await findCommentRow(core.db, ctx.actor.workspaceId, id, { deleted: true });
  if (!row) throw new AppError('not_found');
  await readableCustomerOf(core, ctx, row.target_type as Comment['targetType'], row.target_id);
  if (row.author_id !== ctx.actor.userId) throw new AppError('forbidden');
  return core.db.transaction().execute(async (trx) => {
    const { recycleDays } = await getWorkspaceSettings(trx, ctx.actor.workspaceId);
    if (row.deleted_at && core.clock.now().getTime() - new Date(row.deleted_at).getTime() > recycleDays * 86_400_000) throw new AppError('not_restorable');
    const change = changeOf(core, ctx);
    const restored = await updateCommentRow(trx, ctx.actor.workspaceId, id, row.version, { deleted_at: null, updated_at: change.at });
    if (!restored) throw new AppError('version_conflict');
    const after = toComment(restored);
    await recordAudit(trx, change, { entityType: 'comment', entityId: id, action: 'restore', after });
    return after;
  });
}
