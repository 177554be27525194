import type { Executor } from '../../db/schema';
import type { DealTasksTable } from './deal-task.table';

export async function insertDealTasks(db: Executor, rows: readonly DealTasksTable[]): Promise<void> {
  if (rows.length) await db.insertInto('deal_tasks').values([...rows]).execute();
}

/** A deal's tasks, of one stage or all of them, in the order the stage lists them (creation order). */
export async function listDealTaskRows(db: Executor, workspaceId: string, opportunityId: string, stageId?: string): Promise<DealTasksTable[]> {
  let query = db.selectFrom('deal_tasks').selectAll().where('workspace_id', '=', workspaceId).where('opportunity_id', '=', opportunityId);
  if (stageId) query = query.where('stage_id', '=', stageId);
  return query.orderBy('created_at').orderBy('id').execute();
}

export async function findDealTaskRow(db: Executor, workspaceId: string, opportunityId: string, id: string): Promise<DealTasksTable | undefined> {
  return db.selectFrom('deal_tasks').selectAll().where('workspace_id', '=', workspaceId).where('opportunity_id', '=', opportunityId).where('id', '=', id).executeTakeFirst();
}

export async function setDealTaskDone(db: Executor, workspaceId: string, id: string, done: { at: string; by: string } | null): Promise<void> {
  await db
    .updateTable('deal_tasks')
    .set({ done_at: done?.at ?? null, done_by: done?.by ?? null })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}
