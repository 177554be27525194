import type { AuditEntry } from '@kairos/domain/audit';
import { nowIso, type Core, type RequestContext } from '../../core';
import type { Executor } from '../../db/schema';
import { newId } from '../../ids';
import { fromJson, toJson } from '../../shared/json';
import { insertAuditRows, listAuditRows, listEntityAuditRows } from './audit.store';
import type { AuditLogTable } from './audit.table';

/** Who made a change, and under which request: every audited write carries one. */
export interface ChangeContext {
  workspaceId: string;
  actorId: string | null;
  requestId: string | null;
  at: string;
}

/** The change context of a user's request: them, its request id, now. */
export function changeOf(core: Core, ctx: RequestContext): ChangeContext {
  return { workspaceId: ctx.actor.workspaceId, actorId: ctx.actor.userId, requestId: ctx.requestId, at: nowIso(core) };
}

export interface AuditChange {
  entityType: string;
  entityId: string;
  action: string;
  /** Field-level changes; a create or delete without fields writes one row with the snapshot. */
  fields?: { field: string; before: unknown; after: unknown }[];
  before?: unknown;
  after?: unknown;
}

/** The fields of `after` whose value differs from `before` (deep, by JSON), for field-level history. */
export function changedFields<T extends object>(before: T, after: T, fields: readonly (keyof T & string)[]) {
  return fields
    .filter((f) => toJson(before[f]) !== toJson(after[f]))
    .map((f) => ({ field: f, before: before[f], after: after[f] }));
}

/** Writes the audit rows for one change. Call it inside the transaction that makes the change. */
export async function recordAudit(db: Executor, ctx: ChangeContext, change: AuditChange): Promise<void> {
  const base = {
    workspace_id: ctx.workspaceId,
    at: ctx.at,
    actor_id: ctx.actorId,
    entity_type: change.entityType,
    entity_id: change.entityId,
    action: change.action,
    request_id: ctx.requestId,
  };
  const rows = change.fields?.length
    ? change.fields.map((f) => ({ ...base, id: newId(), field: f.field, before: toJson(f.before), after: toJson(f.after) }))
    : [{ ...base, id: newId(), field: null, before: change.before === undefined ? null : toJson(change.before), after: change.after === undefined ? null : toJson(change.after) }];
  await insertAuditRows(db, rows);
}

export async function listAudit(
  db: Executor,
  workspaceId: string,
  filter: { entityType?: string; entityId?: string; beforeId?: string },
  limit: number,
): Promise<{ entries: AuditEntry[]; hasMore: boolean }> {
  const rows = await listAuditRows(db, workspaceId, filter, limit + 1);
  return {
    hasMore: rows.length > limit,
    entries: rows.slice(0, limit).map(toAuditEntry),
  };
}

function toAuditEntry(r: AuditLogTable): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    entityType: r.entity_type,
    entityId: r.entity_id,
    action: r.action,
    field: r.field,
    before: fromJson(r.before, null),
    after: fromJson(r.after, null),
    requestId: r.request_id,
  };
}

/** One record's changes, newest first, for its timeline. */
/** Changes to a record (and to records merged into it), newest first. */
export async function auditOfEntity(db: Executor, workspaceId: string, entityType: string, entityIds: readonly string[], before: { at: string; id: string } | undefined, limit: number): Promise<AuditEntry[]> {
  return (await listEntityAuditRows(db, workspaceId, entityType, entityIds, before, limit)).map(toAuditEntry);
}
