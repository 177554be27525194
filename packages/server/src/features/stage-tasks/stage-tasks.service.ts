import { AppError } from '@kairos/domain/errors';
import type { Stage } from '@kairos/domain/pipelines';
import { taskDueOn, type DealTask, type TaskRole } from '@kairos/domain/stage-gates';
import type { Core, RequestContext } from '../../core';
import type { Executor } from '../../db/schema';
import { newId } from '../../ids';
import { changeOf, recordAudit, type ChangeContext } from '../audit/audit.service';
import type { DealTeamMembersTable } from '../opportunities/opportunity.table';
import type { DealTasksTable } from './deal-task.table';
import { findDealTaskRow, insertDealTasks, listDealTaskRows, setDealTaskDone } from './stage-tasks.store';

export function toDealTask(row: DealTasksTable): DealTask {
  return {
    id: row.id,
    opportunityId: row.opportunity_id,
    stageId: row.stage_id,
    key: row.task_key,
    titleZh: row.title_zh,
    titleEn: row.title_en,
    role: row.role as TaskRole,
    assigneeId: row.assignee_id,
    required: row.required === 1,
    dueOn: row.due_on,
    doneAt: row.done_at,
    doneBy: row.done_by,
    createdAt: row.created_at,
  };
}

/** The team member who does a task of this role: the first with the role, else the deal owner. */
function assigneeOf(role: TaskRole, ownerId: string | null, team: readonly DealTeamMembersTable[]): string | null {
  if (role === 'owner') return ownerId;
  return team.find((t) => t.role === role)?.user_id ?? ownerId;
}

/**
 * A deal entering a stage gets the stage's checklist, each task assigned by role and dated from today.
 * Re-entering a stage keeps the tasks it already has there (a task done once stays done).
 */
export async function createStageTasks(db: Executor, change: ChangeContext, deal: { id: string; ownerId: string | null }, team: readonly DealTeamMembersTable[], stage: Stage): Promise<void> {
  if (stage.rules.tasks.length === 0) return;
  const existing = new Set((await listDealTaskRows(db, change.workspaceId, deal.id, stage.id)).map((t) => t.task_key));
  const today = change.at.slice(0, 10);
  await insertDealTasks(
    db,
    stage.rules.tasks
      .filter((t) => !existing.has(t.key))
      .map((t) => ({
        workspace_id: change.workspaceId,
        id: newId(),
        opportunity_id: deal.id,
        stage_id: stage.id,
        task_key: t.key,
        title_zh: t.titleZh,
        title_en: t.titleEn,
        role: t.role,
        assignee_id: assigneeOf(t.role, deal.ownerId, team),
        required: t.required ? 1 : 0,
        due_on: taskDueOn(today, t.dueInDays),
        done_at: null,
        done_by: null,
        created_at: change.at,
      })),
  );
}

export async function listDealTasks(db: Executor, workspaceId: string, opportunityId: string, stageId?: string): Promise<DealTask[]> {
  return (await listDealTaskRows(db, workspaceId, opportunityId, stageId)).map(toDealTask);
}

/**
 * Ticks a task off (or re-opens it). `assertCanWork` is the deal's own check: whoever may edit the deal,
 * or the member the task is assigned to, may tick it.
 */
export async function setTaskDone(
  core: Core,
  ctx: RequestContext,
  opportunityId: string,
  taskId: string,
  done: boolean,
  assertCanWork: (db: Executor, assigneeId: string | null) => Promise<void>,
): Promise<DealTask> {
  return core.db.transaction().execute(async (trx) => {
    const row = await findDealTaskRow(trx, ctx.actor.workspaceId, opportunityId, taskId);
    await assertCanWork(trx, row?.assignee_id ?? null);
    if (!row) throw new AppError('not_found');
    if ((row.done_at !== null) === done) return toDealTask(row);
    const change = changeOf(core, ctx);
    await setDealTaskDone(trx, ctx.actor.workspaceId, taskId, done ? { at: change.at, by: ctx.actor.userId } : null);
    await recordAudit(trx, change, { entityType: 'opportunity', entityId: opportunityId, action: 'task', fields: [{ field: 'task', before: { key: row.task_key, title: row.title_zh, titleEn: row.title_en, done: !done }, after: { key: row.task_key, title: row.title_zh, titleEn: row.title_en, done } }] });
    return toDealTask({ ...row, done_at: done ? change.at : null, done_by: done ? ctx.actor.userId : null });
  });
}
