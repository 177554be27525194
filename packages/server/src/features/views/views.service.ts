import { AppError } from '@kairos/domain/errors';
import { checkViewUpdate, type CreateView, type UpdateView, type View, type ViewEntity } from '@kairos/domain/views';
import type { Core, RequestContext } from '../../core';
import { newId } from '../../ids';
import { fromJson, toJson } from '../../shared/json';
import { updateVersionedRow } from '../../shared/versioned';
import { changeOf, changedFields, recordAudit } from '../audit/audit.service';
import type { ViewsTable } from './view.table';

function toView(row: ViewsTable): View {
  return {
    id: row.id,
    entity: row.entity as ViewEntity,
    name: row.name,
    shared: row.shared === 1,
    filters: fromJson<Record<string, string>>(row.filters, {}),
    columns: fromJson<string[]>(row.columns, []),
    ownerId: row.owner_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** Sharing a view sets how the whole team looks at its lists: for those who configure the workspace or the process. */
function mayShare(ctx: RequestContext): boolean {
  return ctx.actor.permissions.has('workspace.manage') || ctx.actor.permissions.has('pipelines.manage');
}

/** The caller's own views and every shared one, shared first. A view filters nothing by itself: lists still apply the scope. */
export async function listViews(core: Core, ctx: RequestContext, entity: ViewEntity | undefined): Promise<{ items: View[] }> {
  let query = core.db
    .selectFrom('views')
    .selectAll()
    .where('workspace_id', '=', ctx.actor.workspaceId)
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('owner_id', '=', ctx.actor.userId), eb('shared', '=', 1)]));
  if (entity) query = query.where('entity', '=', entity);
  return { items: (await query.orderBy('shared', 'desc').orderBy('name').execute()).map(toView) };
}

export async function createView(core: Core, ctx: RequestContext, input: CreateView): Promise<View> {
  if (input.shared && !mayShare(ctx)) throw new AppError('forbidden');
  return core.db.transaction().execute(async (trx) => {
    const change = changeOf(core, ctx);
    const row: ViewsTable = {
      workspace_id: ctx.actor.workspaceId,
      id: newId(),
      entity: input.entity,
      name: input.name,
      shared: input.shared ? 1 : 0,
      filters: toJson(input.filters),
      columns: toJson(input.columns),
      owner_id: ctx.actor.userId,
      created_at: change.at,
      updated_at: change.at,
      version: 1,
      deleted_at: null,
    };
    await trx.insertInto('views').values(row).execute();
    const view = toView(row);
    await recordAudit(trx, change, { entityType: 'view', entityId: row.id, action: 'create', after: view });
    return view;
  });
}

/** Your own views are yours to change; a shared view also by those who may share. Others' personal views do not exist for you. */
async function getEditable(core: Core, ctx: RequestContext, id: string): Promise<ViewsTable> {
  const row = await core.db.selectFrom('views').selectAll().where('workspace_id', '=', ctx.actor.workspaceId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row || (row.owner_id !== ctx.actor.userId && row.shared !== 1)) throw new AppError('not_found');
  if (row.owner_id !== ctx.actor.userId && !mayShare(ctx)) throw new AppError('forbidden');
  return row;
}

export async function updateView(core: Core, ctx: RequestContext, id: string, input: UpdateView): Promise<View> {
  const row = await getEditable(core, ctx, id);
  const before = toView(row);
  if (row.version !== input.version) throw new AppError('version_conflict', { extra: { current: before } });
  const problems = checkViewUpdate(before.entity, input);
  if (problems.length) throw new AppError('validation_failed', { fields: problems });
  if (input.shared && !before.shared && !mayShare(ctx)) throw new AppError('forbidden');
  return core.db.transaction().execute(async (trx) => {
    const change = changeOf(core, ctx);
    const updated = await updateVersionedRow(trx, 'views', ctx.actor.workspaceId, id, input.version, {
      updated_at: change.at,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.shared !== undefined ? { shared: input.shared ? 1 : 0 } : {}),
      ...(input.filters !== undefined ? { filters: toJson(input.filters) } : {}),
      ...(input.columns !== undefined ? { columns: toJson(input.columns) } : {}),
    });
    if (!updated) throw new AppError('version_conflict', { extra: { current: before } });
    const after = toView(updated);
    await recordAudit(trx, change, { entityType: 'view', entityId: id, action: 'update', fields: changedFields(before, after, ['name', 'shared', 'filters', 'columns']) });
    return after;
  });
}

export async function deleteView(core: Core, ctx: RequestContext, id: string): Promise<void> {
  const row = await getEditable(core, ctx, id);
  await core.db.transaction().execute(async (trx) => {
    const change = changeOf(core, ctx);
    await updateVersionedRow(trx, 'views', ctx.actor.workspaceId, id, row.version, { deleted_at: change.at, updated_at: change.at });
    await recordAudit(trx, change, { entityType: 'view', entityId: id, action: 'delete', before: toView(row) });
  });
}
