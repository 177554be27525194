import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { AppError, type FieldError } from '@kairos/domain/errors';
import { ALLOWED_FILE_TYPES, extensionOf, PREVIEWABLE_MIME, type StoredFile, type UploadFileQuery } from '@kairos/domain/files';
import type { Core, RequestContext } from '../../core';
import type { Executor } from '../../db/schema';
import { newId } from '../../ids';
import { changeOf, recordAudit } from '../audit/audit.service';
import { readableTarget, workableTarget, type RecordType } from '../record-targets/record-targets';
import { getWorkspaceSettings } from '../setup/workspace-settings.service';
import type { FilesTable } from './file.table';
import { fileStorageOf } from './file-storage';

export function toFile(row: FilesTable): StoredFile {
  return {
    id: row.id,
    targetType: row.target_type as RecordType,
    targetId: row.target_id,
    customerId: row.customer_id,
    category: row.category,
    name: row.name,
    mime: row.mime,
    size: row.size,
    previewable: PREVIEWABLE_MIME.includes(row.mime),
    uploadedBy: row.uploaded_by,
    followUpId: row.followup_id,
    createdAt: row.created_at,
  };
}

const fileError = (code: string, message: string) => new AppError('validation_failed', { fields: [{ path: 'file', code, message }] });

/**
 * What the bytes really are. The name's extension must be on the allow-list and the content must match
 * it (a renamed .exe is refused); plain text has no signature, so it must decode as UTF-8 without NULs.
 */
export async function sniff(name: string, bytes: Buffer): Promise<string> {
  const expected = ALLOWED_FILE_TYPES[extensionOf(name)];
  if (!expected) throw fileError('file_type', 'type not allowed');
  const detected = await fileTypeFromBuffer(bytes);
  if (expected.startsWith('text/')) {
    if (detected) throw fileError('file_content', 'content does not match the name');
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      if (text.includes('\u0000')) throw new Error('NUL');
    } catch {
      throw fileError('file_content', 'not UTF-8 text');
    }
    return `${expected}; charset=utf-8`;
  }
  if (!detected || detected.mime !== expected) throw fileError('file_content', 'content does not match the name');
  return detected.mime;
}

/** Attaches a file to a record the caller may work on, under one of the workspace's categories. */
export async function uploadFile(core: Core, ctx: RequestContext, query: UploadFileQuery, bytes: Buffer): Promise<StoredFile> {
  const { actor } = ctx;
  const target = await workableTarget(core.db, actor, query.targetType, query.targetId);
  if (bytes.length === 0) throw fileError('empty', 'empty file');
  if (bytes.length > core.config.fileMaxBytes) throw new AppError('file_too_large', { params: { mb: Math.round(core.config.fileMaxBytes / 1048576) } });
  const { fileCategories } = await getWorkspaceSettings(core.db, actor.workspaceId);
  if (!fileCategories.some((c) => c.key === query.category)) throw new AppError('validation_failed', { fields: [{ path: 'category', code: 'unknown_category', message: 'unknown category' }] });
  const mime = await sniff(query.name, bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const storage = fileStorageOf(core);
  // Content-addressed: the same bytes are stored once, whoever uploads them where.
  if (core.config.fileStorage === 'disk') await storage.put(core.db, actor.workspaceId, sha256, bytes);
  return core.db.transaction().execute(async (trx) => {
    if (core.config.fileStorage === 'database') await storage.put(trx, actor.workspaceId, sha256, bytes);
    const change = changeOf(core, ctx);
    const row: FilesTable = {
      workspace_id: actor.workspaceId,
      id: newId(),
      ...target,
      category: query.category,
      name: query.name,
      mime,
      size: bytes.length,
      sha256,
      storage_key: sha256,
      uploaded_by: actor.userId,
      followup_id: null,
      created_at: change.at,
      updated_at: change.at,
      version: 1,
      deleted_at: null,
    };
    await trx.insertInto('files').values(row).execute();
    const file = toFile(row);
    await recordAudit(trx, change, { entityType: 'file', entityId: row.id, action: 'create', after: file });
    return file;
  });
}

async function findFileRow(db: Executor, workspaceId: string, id: string) {
  return db.selectFrom('files').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

/** A file of a record the caller may read (404 otherwise), with its bytes. */
export async function readFileContent(core: Core, ctx: RequestContext, id: string): Promise<{ file: StoredFile; bytes: Buffer }> {
  const row = await findFileRow(core.db, ctx.actor.workspaceId, id);
  if (!row) throw new AppError('not_found');
  await readableTarget(core, ctx, row.target_type as RecordType, row.target_id);
  const bytes = await fileStorageOf(core).get(core.db, ctx.actor.workspaceId, row.storage_key);
  if (!bytes) throw new AppError('not_found');
  return { file: toFile(row), bytes };
}

/** A record's files newest first (a customer's include its contacts' and deals'). */
export async function listFiles(core: Core, ctx: RequestContext, query: { targetType: RecordType; targetId: string; category?: string }): Promise<{ items: StoredFile[] }> {
  await readableTarget(core, ctx, query.targetType, query.targetId);
  const rows = await filesOfRows(core.db, ctx.actor.workspaceId, { type: query.targetType, id: query.targetId }, undefined, 500, query.category);
  return { items: rows.map(toFile) };
}

async function filesOfRows(db: Executor, workspaceId: string, record: { type: string; id: string }, before: { at: string; id: string } | undefined, limit: number, category?: string) {
  let query = db.selectFrom('files').selectAll().where('workspace_id', '=', workspaceId).where('deleted_at', 'is', null);
  query = record.type === 'customer' ? query.where('customer_id', '=', record.id) : query.where('target_type', '=', record.type).where('target_id', '=', record.id);
  if (category) query = query.where('category', '=', category);
  if (before) query = query.where((eb) => eb.or([eb('created_at', '<', before.at), eb.and([eb('created_at', '=', before.at), eb('id', '<', before.id)])]));
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** For the timeline; the caller has been checked. */
export async function filesOf(db: Executor, workspaceId: string, record: { type: string; id: string }, before: { at: string; id: string } | undefined, limit: number): Promise<StoredFile[]> {
  return (await filesOfRows(db, workspaceId, record, before, limit)).map(toFile);
}

/** The uploader removes their file; so may anyone allowed to delete records who can work on the record. */
export async function deleteFile(core: Core, ctx: RequestContext, id: string): Promise<void> {
  const row = await findFileRow(core.db, ctx.actor.workspaceId, id);
  if (!row) throw new AppError('not_found');
  await workableTarget(core.db, ctx.actor, row.target_type as RecordType, row.target_id);
  if (row.uploaded_by !== ctx.actor.userId && !ctx.actor.permissions.has('records.delete')) throw new AppError('forbidden');
  await core.db.transaction().execute(async (trx) => {
    const change = changeOf(core, ctx);
    await trx.updateTable('files').set({ deleted_at: change.at, updated_at: change.at, version: row.version + 1 }).where('workspace_id', '=', ctx.actor.workspaceId).where('id', '=', id).execute();
    await recordAudit(trx, change, { entityType: 'file', entityId: id, action: 'delete', before: toFile(row) });
  });
}

/**
 * Which files may not be attached to a follow-up: each must be live, on the same record, uploaded by the
 * follow-up's author and not on another follow-up. A failing one is a problem at `fileIds.<i>`.
 */
export async function attachmentProblems(db: Executor, actor: { workspaceId: string; userId: string }, followUp: { id: string; targetType: string; targetId: string }, fileIds: readonly string[]): Promise<FieldError[]> {
  if (fileIds.length === 0) return [];
  const rows = await db.selectFrom('files').selectAll().where('workspace_id', '=', actor.workspaceId).where('id', 'in', [...fileIds]).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return fileIds.flatMap((id, i) => {
    const row = byId.get(id);
    const ok = row && row.deleted_at === null && row.target_type === followUp.targetType && row.target_id === followUp.targetId && row.uploaded_by === actor.userId && (row.followup_id === null || row.followup_id === followUp.id);
    return ok ? [] : [{ path: `fileIds.${i}`, code: 'not_attachable', message: 'upload the file to this record first' }];
  });
}

/** Attaches files checked by `attachmentProblems`. */
export async function attachFilesToFollowUp(db: Executor, workspaceId: string, followUpId: string, fileIds: readonly string[]): Promise<void> {
  if (fileIds.length === 0) return;
  await db.updateTable('files').set({ followup_id: followUpId }).where('workspace_id', '=', workspaceId).where('id', 'in', [...fileIds]).execute();
}

/** The live files attached to each of these follow-ups, in one query. */
export async function attachmentsOf(db: Executor, workspaceId: string, followUpIds: readonly string[]): Promise<Map<string, StoredFile[]>> {
  const result = new Map<string, StoredFile[]>();
  if (followUpIds.length === 0) return result;
  const rows = await db.selectFrom('files').selectAll().where('workspace_id', '=', workspaceId).where('followup_id', 'in', [...followUpIds]).where('deleted_at', 'is', null).orderBy('created_at').orderBy('id').execute();
  for (const row of rows) {
    if (!row.followup_id) continue;
    const list = result.get(row.followup_id) ?? [];
    list.push(toFile(row));
    result.set(row.followup_id, list);
  }
  return result;
}
