import { AppError } from '@kairos/domain/errors';
import { WorkspaceSettingsSchema, type WorkspaceSettings } from '@kairos/domain/workspace';
import type { FieldRules } from '@kairos/domain/field-access';
import type { Core, RequestContext } from '../../core';
import { nowIso } from '../../core';
import type { Executor } from '../../db/schema';
import { fromJson, toJson } from '../../shared/json';
import { changedFields, recordAudit } from '../audit/audit.service';
import { findWorkspaceRow, updateWorkspaceSettingsRow } from './workspace.store';
import { createInstanceCache } from '../../shared/instance-cache';

/** Read on nearly every request (field rules, key fields), so each instance keeps them for a second. */
const cache = createInstanceCache<WorkspaceSettings>(1000);

/** The workspace's settings with every default filled in. Treat the result as read-only: it may be shared. */
export async function getWorkspaceSettings(db: Executor, workspaceId: string): Promise<WorkspaceSettings> {
  return cache.get(db, workspaceId, async () => {
    const row = await findWorkspaceRow(db, workspaceId);
    if (!row) throw new AppError('not_found');
    const parsed = WorkspaceSettingsSchema.safeParse(fromJson(row.settings, {}));
    return parsed.success ? parsed.data : WorkspaceSettingsSchema.parse({});
  });
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
  cache.drop(ctx.actor.workspaceId);
  return saved;
}
