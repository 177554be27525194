import { AppError } from '@kairos/domain/errors';
import { DEFAULT_PIPELINE, type Pipeline, type Stage } from '@kairos/domain/pipelines';
import type { Core, RequestContext } from '../../core';
import type { Executor } from '../../db/schema';
import { newId } from '../../ids';
import { recordAudit, type ChangeContext } from '../audit/audit.service';
import type { PipelinesTable, PipelineStagesTable } from './pipeline.table';
import { findStageRow, insertPipeline, listPipelineRows } from './pipelines.store';

export function toStage(row: PipelineStagesTable): Stage {
  return {
    id: row.id,
    pipelineId: row.pipeline_id,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    position: row.position,
    probability: row.probability,
    outcome: row.outcome as Stage['outcome'],
  };
}

function toPipeline(row: PipelinesTable, stages: PipelineStagesTable[]): Pipeline {
  return {
    id: row.id,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    isDefault: row.is_default === 1,
    stages: stages.filter((s) => s.pipeline_id === row.id).map(toStage),
    createdAt: row.created_at,
    version: row.version,
  };
}

/** Gives a new workspace the default pipeline (线索获取 → … → 合同签署, won, lost). */
export async function seedDefaultPipeline(db: Executor, change: ChangeContext): Promise<void> {
  const pipeline: PipelinesTable = {
    workspace_id: change.workspaceId,
    id: newId(),
    name_zh: DEFAULT_PIPELINE.nameZh,
    name_en: DEFAULT_PIPELINE.nameEn,
    is_default: 1,
    created_at: change.at,
    updated_at: change.at,
    version: 1,
    deleted_at: null,
  };
  const stages: PipelineStagesTable[] = DEFAULT_PIPELINE.stages.map((s, position) => ({
    workspace_id: change.workspaceId,
    id: newId(),
    pipeline_id: pipeline.id,
    name_zh: s.nameZh,
    name_en: s.nameEn,
    position,
    probability: s.probability,
    outcome: s.outcome,
    created_at: change.at,
    updated_at: change.at,
    version: 1,
    deleted_at: null,
  }));
  await insertPipeline(db, pipeline, stages);
  await recordAudit(db, change, { entityType: 'pipeline', entityId: pipeline.id, action: 'create', after: toPipeline(pipeline, stages) });
}

export async function listPipelines(db: Executor, workspaceId: string): Promise<Pipeline[]> {
  const { pipelines, stages } = await listPipelineRows(db, workspaceId);
  return pipelines.map((p) => toPipeline(p, stages));
}

/** Any member may read the pipelines: the board, forms and filters need the stages. */
export async function listPipelinesFor(core: Core, ctx: RequestContext): Promise<{ items: Pipeline[] }> {
  return { items: await listPipelines(core.db, ctx.actor.workspaceId) };
}

/**
 * The stage a new deal starts in: the given one (which must belong to the given or default pipeline),
 * else the first open stage of that pipeline.
 */
export async function resolveStartStage(db: Executor, workspaceId: string, pipelineId: string | undefined, stageId: string | undefined): Promise<Stage> {
  const pipelines = await listPipelines(db, workspaceId);
  const pipeline = pipelineId ? pipelines.find((p) => p.id === pipelineId) : (pipelines.find((p) => p.isDefault) ?? pipelines[0]);
  if (!pipeline) throw new AppError('validation_failed', { fields: [{ path: 'pipelineId', code: 'unknown_pipeline', message: 'unknown pipeline' }] });
  const stage = stageId ? pipeline.stages.find((s) => s.id === stageId) : pipeline.stages.find((s) => s.outcome === 'open');
  if (!stage) throw new AppError('validation_failed', { fields: [{ path: 'stageId', code: 'unknown_stage', message: 'unknown stage' }] });
  return stage;
}

export async function findStage(db: Executor, workspaceId: string, stageId: string): Promise<Stage | null> {
  const row = await findStageRow(db, workspaceId, stageId);
  return row ? toStage(row) : null;
}
