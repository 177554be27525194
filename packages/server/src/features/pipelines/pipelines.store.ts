import type { Executor } from '../../db/schema';
import type { PipelinesTable, PipelineStagesTable, StageEventsTable } from './pipeline.table';

export async function insertPipeline(db: Executor, pipeline: PipelinesTable, stages: PipelineStagesTable[]): Promise<void> {
  await db.insertInto('pipelines').values(pipeline).execute();
  await db.insertInto('pipeline_stages').values(stages).execute();
}

/** Live pipelines, default first, with their live stages in board order: two queries whatever their number. */
export async function listPipelineRows(db: Executor, workspaceId: string): Promise<{ pipelines: PipelinesTable[]; stages: PipelineStagesTable[] }> {
  const [pipelines, stages] = await Promise.all([
    db.selectFrom('pipelines').selectAll().where('workspace_id', '=', workspaceId).where('deleted_at', 'is', null).orderBy('is_default', 'desc').orderBy('created_at').execute(),
    db.selectFrom('pipeline_stages').selectAll().where('workspace_id', '=', workspaceId).where('deleted_at', 'is', null).orderBy('pipeline_id').orderBy('position').execute(),
  ]);
  return { pipelines, stages };
}

export async function findStageRow(db: Executor, workspaceId: string, stageId: string): Promise<PipelineStagesTable | undefined> {
  return db.selectFrom('pipeline_stages').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', stageId).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function insertStageEvent(db: Executor, row: StageEventsTable): Promise<void> {
  await db.insertInto('stage_events').values(row).execute();
}

export async function listStageEventRows(db: Executor, workspaceId: string, opportunityId: string): Promise<StageEventsTable[]> {
  return db.selectFrom('stage_events').selectAll().where('workspace_id', '=', workspaceId).where('opportunity_id', '=', opportunityId).orderBy('at').orderBy('id').execute();
}
