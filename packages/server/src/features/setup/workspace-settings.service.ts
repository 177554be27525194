import { AppError } from '@kairos/domain/errors';
import { WorkspaceSettingsSchema, type WorkspaceSettings } from '@kairos/domain/workspace';
import type { FieldRules } from '@kairos/domain/field-access';
import type { Core, RequestContext } from '../../core';
import { nowIso } from '../../core';
import type { Executor } from '../../db/schema';
import { fromJson, toJson } from '../../shared/json';
import { changedFields, recordAudit } from '../audit/audit.service';
import { findWorkspaceRow, updateWorkspaceSettingsRow } from './workspace.store';

/**
 * Settings change rarely and are read on nearly every request (field rules, key fields, duplicate
 * policy), so each instance keeps them for a second. This instance drops its copy when it saves a
 * change; another instance sees the change within that second. Reads inside a transaction always go
 * to the database, so a write never decides on a stale copy.
 */
const CACHE_MS = 1000;
const cache = new Map<string, { until: number; settings: WorkspaceSettings }>();

/** The workspace's settings with every default filled in. Treat the result as read-only: it may be shared. */
export async function getWorkspaceSettings(db: Executor, workspaceId: string): Promise<WorkspaceSettings> {
  const cacheable = !db.isTransaction;
  const hit = cacheable ? cache.get(workspaceId) : undefined;
  if (hit && hit.until > performance.now()) return hit.settings;
  const row = await findWorkspaceRow(db, workspaceId);
  if (!row) throw new AppError('not_found');
  const parsed = WorkspaceSettingsSchema.safeParse(fromJson(row.settings, {}));
  const settings = parsed.success ? parsed.data : WorkspaceSettingsSchema.parse({});
  if (cacheable) cache.set(workspaceId, { until: performance.now() + CACHE_MS, settings });
  return settings;
}

/** Field rules name roles of this workspace; each unknown one is a 422 at its place. */
async function checkRuleRoles(db: Executor, workspaceId: string, rules: FieldRules): Promise<void> {
  const roles = new Set((await db.selectFrom('roles').select('id').where('workspace_id', '=', workspaceId).execute()).map((r) => r.id));
  const fields = Object.entries(rules).flatMap(([entity, byField]) =>
    Object.entries(byField).flatMap(([field, byRole]) => Object.keys(byRole).filter((id) => !roles.has(id)).map((id) => ({ path: `fieldRules.${entity}.${field}.${id}`, code: 'unknown_role', message: 'unknown role' }))),
  );
  if (fields.length) throw new AppError('validation_failed', { fields });
}

/** An administrator changes workspace-wide rules (duplicate policy, recycle-bin days). */
export async function updateWorkspaceSettings(core: Core, ctx: RequestContext, patch: Partial<WorkspaceSettings>): Promise<WorkspaceSettings> {
  if (!ctx.actor.permissions.has('workspace.manage')) throw new AppError('forbidden');
  const saved = await core.db.transaction().execute(async (trx) => {
    if (patch.fieldRules) await checkRuleRoles(trx, ctx.actor.workspaceId, patch.fieldRules);
    const before = await getWorkspaceSettings(trx, ctx.actor.workspaceId);
    const after = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as WorkspaceSettings;
    const at = nowIso(core);
    await updateWorkspaceSettingsRow(trx, ctx.actor.workspaceId, toJson(after), at);
    await recordAudit(trx, { workspaceId: ctx.actor.workspaceId, actorId: ctx.actor.userId, requestId: ctx.requestId, at }, {
      entityType: 'workspace',
      entityId: ctx.actor.workspaceId,
      action: 'update_settings',
      fields: changedFields(before, after, ['duplicatePolicy', 'recycleDays', 'followUps', 'keyFields', 'fileCategories', 'fieldRules']),
    });
    return after;
  });
  // Dropped after the commit: a read during the transaction may have cached the old value.
  cache.delete(ctx.actor.workspaceId);
  return saved;
}
