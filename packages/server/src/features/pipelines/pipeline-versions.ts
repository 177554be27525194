import { AppError } from '@kairos/domain/errors';
import { PipelineDefinitionSchema, type Pipeline, type PipelineDefinition } from '@kairos/domain/pipelines';
import { definitionToRestore, PIPELINE_VERSION_ACTIONS, pipelineChanges, type PipelineVersion } from '@kairos/domain/pipeline-versions';
import type { Core, RequestContext } from '../../core';
import { decodeTextKeyset, toPage } from '../../shared/cursor';
import { fromJson } from '../../shared/json';
import { listEntityAuditRows } from '../audit/audit.store';
import type { AuditLogTable } from '../audit/audit.table';
import { getPipelineFor, requireManage, roleIdsOf, updatePipeline } from './pipelines.service';

type Action = (typeof PIPELINE_VERSION_ACTIONS)[number];
const isAction = (action: string): action is Action => (PIPELINE_VERSION_ACTIONS as readonly string[]).includes(action);

/** An audited definition, read with today's defaults; null when it no longer reads as one. */
function definitionIn(text: string | null): PipelineDefinition | null {
  const result = PipelineDefinitionSchema.safeParse(fromJson(text, null));
  return result.success ? result.data : null;
}

function toVersion(row: AuditLogTable & { action: Action }): PipelineVersion {
  const definition = definitionIn(row.after);
  const before = definitionIn(row.before);
  return {
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    action: row.action,
    definition,
    changes: definition ? pipelineChanges(before, definition, row.action) : [],
  };
}

/** A pipeline's saved versions, newest first (managers of the process only: the rules are theirs to review). */
export async function listPipelineVersions(core: Core, ctx: RequestContext, id: string, query: { cursor?: string; limit: number }) {
  requireManage(ctx);
  await getPipelineFor(core, ctx, id);
  const binding = `pipeline-versions:${ctx.actor.userId}:${id}`;
  const after = decodeTextKeyset(core.cursors, query.cursor, binding);
  const rows = await listEntityAuditRows(core.db, ctx.actor.workspaceId, 'pipeline', [id], after && { at: after.value, id: after.id }, query.limit + 1, PIPELINE_VERSION_ACTIONS);
  return toPage(rows as (AuditLogTable & { action: Action })[], query.limit, toVersion, (r) => [r.at, r.id], core.cursors, binding);
}

/**
 * Puts an earlier version back, as a new version on top (so the restore itself can be undone the same
 * way). The usual save rules hold: a stage that still has live deals cannot disappear; stages removed
 * since come back as new, empty stages; roles deleted since are dropped.
 */
export async function restorePipelineVersion(core: Core, ctx: RequestContext, id: string, versionId: string, version: number): Promise<Pipeline> {
  requireManage(ctx);
  const current = await getPipelineFor(core, ctx, id);
  const row = await core.db
    .selectFrom('audit_log')
    .selectAll()
    .where('workspace_id', '=', ctx.actor.workspaceId)
    .where('entity_type', '=', 'pipeline')
    .where('entity_id', '=', id)
    .where('id', '=', versionId)
    .executeTakeFirst();
  if (!row || !isAction(row.action)) throw new AppError('not_found');
  const old = definitionIn(row.after);
  if (!old) throw new AppError('validation_failed', { fields: [{ path: 'versionId', code: 'version_unreadable', message: ctx.locale === 'en' ? 'This version can no longer be read; it cannot be restored' : '该版本已无法读取，不能恢复' }] });
  const definition = definitionToRestore(old, new Set(current.stages.map((s) => s.id)), await roleIdsOf(core.db, ctx.actor.workspaceId));
  return updatePipeline(core, ctx, id, version, definition, 'restore');
}
