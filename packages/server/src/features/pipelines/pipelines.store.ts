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

export async function findPipelineRow(db: Executor, workspaceId: string, id: string): Promise<PipelinesTable | undefined> {
  return db.selectFrom('pipelines').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function updatePipelineRow(
  db: Executor,
  workspaceId: string,
  id: string,
  version: number,
  patch: Pick<PipelinesTable, 'name_zh' | 'name_en' | 'rules' | 'loss_reasons' | 'updated_at'>,
): Promise<PipelinesTable | undefined> {
  return db
    .updateTable('pipelines')
    .set({ ...patch, version: version + 1 })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** Writes a pipeline's stages as edited (new ones inserted, kept ones updated in place) and retires the removed ones. */
export async function upsertStageRows(db: Executor, rows: readonly PipelineStagesTable[], removedIds: readonly string[], at: string): Promise<void> {
  for (const row of rows) {
    await db
      .insertInto('pipeline_stages')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['workspace_id', 'id']).doUpdateSet((eb) => ({
          name_zh: eb.ref('excluded.name_zh'),
          name_en: eb.ref('excluded.name_en'),
          position: eb.ref('excluded.position'),
          probability: eb.ref('excluded.probability'),
          outcome: eb.ref('excluded.outcome'),
          rules: eb.ref('excluded.rules'),
          updated_at: eb.ref('excluded.updated_at'),
          version: eb('pipeline_stages.version', '+', 1),
          deleted_at: null,
        })),
      )
      .execute();
  }
  const workspaceId = rows[0]?.workspace_id;
  if (removedIds.length && workspaceId) {
    await db.updateTable('pipeline_stages').set({ deleted_at: at, updated_at: at }).where('workspace_id', '=', workspaceId).where('id', 'in', [...removedIds]).execute();
  }
}

/** Live deals (of live customers) per stage of a pipeline, from the rollup: no scan of the deals. */
export async function countLiveDealsByStage(db: Executor, workspaceId: string, pipelineId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('stage_rollups as r')
    .innerJoin('pipeline_stages as s', (j) => j.onRef('s.workspace_id', '=', 'r.workspace_id').onRef('s.id', '=', 'r.stage_id'))
    .select(['r.stage_id', (eb) => eb.fn.sum<number>('r.deal_count').as('deals')])
    .where('r.workspace_id', '=', workspaceId)
    .where('s.pipeline_id', '=', pipelineId)
    .groupBy('r.stage_id')
    .execute();
  return new Map(rows.map((r) => [r.stage_id, Number(r.deals)]));
}
