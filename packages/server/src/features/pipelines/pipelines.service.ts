import { AppError } from '@kairos/domain/errors';
import {
  DEFAULT_LOSS_REASONS,
  DEFAULT_PIPELINE,
  DEFAULT_STAGE_GUIDANCE,
  definitionOfPipeline,
  LossReasonSchema,
  withKnownRoles,
  type Pipeline,
  type PipelineDefinition,
  type Stage,
} from '@kairos/domain/pipelines';
import { PipelineRulesSchema, StageRulesSchema } from '@kairos/domain/stage-gates';
import { z } from 'zod';
import type { Core, RequestContext } from '../../core';
import type { Executor } from '../../db/schema';
import { newId } from '../../ids';
import { createInstanceCache } from '../../shared/instance-cache';
import { fromJson, toJson } from '../../shared/json';
import { changeOf, recordAudit, type ChangeContext } from '../audit/audit.service';
import { recountRollups } from '../board/stage-rollups.store';
import type { PipelinesTable, PipelineStagesTable } from './pipeline.table';
import { countLiveDealsByStage, findPipelineRow, insertPipeline, listPipelineRows, updatePipelineRow, upsertStageRows } from './pipelines.store';

const LossReasonsSchema = z.array(LossReasonSchema);

/** Rules are stored as JSON; a document from an older version gets today's defaults for what it lacks. */
function parsed<T>(schema: z.ZodType<T>, text: string, fallback: unknown): T {
  const result = schema.safeParse(fromJson(text, fallback));
  return result.success ? result.data : schema.parse(fallback);
}

export function toStage(row: PipelineStagesTable): Stage {
  return {
    id: row.id,
    pipelineId: row.pipeline_id,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    position: row.position,
    probability: row.probability,
    outcome: row.outcome as Stage['outcome'],
    rules: parsed(StageRulesSchema, row.rules, {}),
  };
}

function toPipeline(row: PipelinesTable, stages: readonly PipelineStagesTable[]): Pipeline {
  return {
    id: row.id,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    isDefault: row.is_default === 1,
    rules: parsed(PipelineRulesSchema, row.rules, {}),
    lossReasons: parsed(LossReasonsSchema, row.loss_reasons, DEFAULT_LOSS_REASONS),
    stages: stages.filter((s) => s.pipeline_id === row.id).map(toStage),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** Read by every deal create and move and by the board: each instance keeps them for a second. */
const cache = createInstanceCache<Pipeline[]>(1000);

export async function listPipelines(db: Executor, workspaceId: string): Promise<Pipeline[]> {
  return cache.get(db, workspaceId, async () => {
    const { pipelines, stages } = await listPipelineRows(db, workspaceId);
    return pipelines.map((p) => toPipeline(p, stages));
  });
}

function stageRow(change: ChangeContext, pipelineId: string, stage: PipelineDefinition['stages'][number], position: number, id: string): PipelineStagesTable {
  return {
    workspace_id: change.workspaceId,
    id,
    pipeline_id: pipelineId,
    name_zh: stage.nameZh,
    name_en: stage.nameEn,
    position,
    probability: stage.probability,
    outcome: stage.outcome,
    rules: toJson(stage.rules),
    created_at: change.at,
    updated_at: change.at,
    version: 1,
    deleted_at: null,
  };
}

async function insertFromDefinition(db: Executor, change: ChangeContext, definition: PipelineDefinition, isDefault: boolean): Promise<Pipeline> {
  const row: PipelinesTable = {
    workspace_id: change.workspaceId,
    id: newId(),
    name_zh: definition.nameZh,
    name_en: definition.nameEn,
    is_default: isDefault ? 1 : 0,
    rules: toJson(definition.rules),
    loss_reasons: toJson(definition.lossReasons),
    created_at: change.at,
    updated_at: change.at,
    version: 1,
    deleted_at: null,
  };
  // Ids in a definition belong to where it came from: every stage of a new pipeline is new.
  const stages = definition.stages.map((s, position) => stageRow(change, row.id, s, position, newId()));
  await insertPipeline(db, row, stages);
  const pipeline = toPipeline(row, stages);
  await recordAudit(db, change, { entityType: 'pipeline', entityId: row.id, action: 'create', after: definitionOfPipeline(pipeline) });
  return pipeline;
}

/** The definition of the pipeline every workspace starts with, guidance and checklists included. */
export function defaultPipelineDefinition(): PipelineDefinition {
  return {
    nameZh: DEFAULT_PIPELINE.nameZh,
    nameEn: DEFAULT_PIPELINE.nameEn,
    rules: { allowSkip: true, backwardNeedsReason: true },
    lossReasons: DEFAULT_LOSS_REASONS,
    stages: DEFAULT_PIPELINE.stages.map((s) => ({ nameZh: s.nameZh, nameEn: s.nameEn, probability: s.probability, outcome: s.outcome, rules: StageRulesSchema.parse(DEFAULT_STAGE_GUIDANCE[s.nameZh] ?? {}) })),
  };
}

/** Gives a new workspace the default pipeline (线索获取 → … → 合同签署, won, lost). */
export async function seedDefaultPipeline(db: Executor, change: ChangeContext): Promise<void> {
  await insertFromDefinition(db, change, defaultPipelineDefinition(), true);
}

/** Any member may read the pipelines: the board, forms and filters need the stages and their rules. */
export async function listPipelinesFor(core: Core, ctx: RequestContext): Promise<{ items: Pipeline[] }> {
  return { items: await listPipelines(core.db, ctx.actor.workspaceId) };
}

export async function getPipelineFor(core: Core, ctx: RequestContext, id: string): Promise<Pipeline> {
  const pipeline = (await listPipelines(core.db, ctx.actor.workspaceId)).find((p) => p.id === id);
  if (!pipeline) throw new AppError('not_found');
  return pipeline;
}

export function requireManage(ctx: RequestContext): void {
  if (!ctx.actor.permissions.has('pipelines.manage')) throw new AppError('forbidden');
}

/** Roles named by stage rules must be this workspace's: each unknown one is a 422 at its place. */
async function checkRoles(db: Executor, workspaceId: string, definition: PipelineDefinition, prefix = ''): Promise<void> {
  const roles = await roleIdsOf(db, workspaceId);
  const fields = definition.stages.flatMap((stage, i) => [
    ...(stage.rules.ownerRoleId && !roles.has(stage.rules.ownerRoleId) ? [{ path: `${prefix}stages.${i}.rules.ownerRoleId`, code: 'unknown_role', message: 'unknown role' }] : []),
    ...stage.rules.moveRoleIds.flatMap((id, j) => (roles.has(id) ? [] : [{ path: `${prefix}stages.${i}.rules.moveRoleIds.${j}`, code: 'unknown_role', message: 'unknown role' }])),
  ]);
  if (fields.length) throw new AppError('validation_failed', { fields });
}

/** A new pipeline (e.g. renewals), or an imported one: always new ids, never the default. */
export async function createPipeline(core: Core, ctx: RequestContext, definition: PipelineDefinition): Promise<Pipeline> {
  requireManage(ctx);
  const created = await core.db.transaction().execute(async (trx) => {
    await checkRoles(trx, ctx.actor.workspaceId, definition);
    // Role ids from another workspace mean nothing here: an import keeps them only when they exist.
    return insertFromDefinition(trx, changeOf(core, ctx), definition, false);
  });
  cache.drop(ctx.actor.workspaceId);
  return created;
}

/** Roles an imported definition names that this workspace lacks are dropped, not refused. */
export async function importPipeline(core: Core, ctx: RequestContext, definition: PipelineDefinition): Promise<Pipeline> {
  requireManage(ctx);
  const local = withKnownRoles(definition, await roleIdsOf(core.db, ctx.actor.workspaceId));
  return createPipeline(core, ctx, { ...local, stages: local.stages.map((s) => ({ ...s, id: undefined })) });
}

export async function roleIdsOf(db: Executor, workspaceId: string): Promise<Set<string>> {
  return new Set((await db.selectFrom('roles').select('id').where('workspace_id', '=', workspaceId).execute()).map((r) => r.id));
}

/**
 * Saves a whole definition over a pipeline that may have live deals. Renaming, reordering and changing
 * rules apply from now on; a stage keeps its deals by keeping its id; a stage left out is removed only
 * when no live deal is in it, and a stage's outcome changes only while it is empty. The audit log keeps
 * the definition before and after: every version can be reviewed and restored (pipeline-versions.ts).
 */
export async function updatePipeline(core: Core, ctx: RequestContext, id: string, version: number, definition: PipelineDefinition, action: 'update' | 'restore' = 'update'): Promise<Pipeline> {
  requireManage(ctx);
  const workspaceId = ctx.actor.workspaceId;
  const saved = await core.db.transaction().execute(async (trx) => {
    const row = await findPipelineRow(trx, workspaceId, id);
    if (!row) throw new AppError('not_found');
    const { stages: allStages } = await listPipelineRows(trx, workspaceId);
    const before = toPipeline(row, allStages);
    if (row.version !== version) throw new AppError('version_conflict', { extra: { current: before } });
    await checkRoles(trx, workspaceId, definition, 'definition.');

    const existing = new Map(before.stages.map((s) => [s.id, s]));
    const unknown = definition.stages.flatMap((s, i) => (s.id && !existing.has(s.id) ? [{ path: `definition.stages.${i}.id`, code: 'unknown_stage', message: 'not a stage of this pipeline' }] : []));
    if (unknown.length) throw new AppError('validation_failed', { fields: unknown });

    const deals = await countLiveDealsByStage(trx, workspaceId, id);
    const kept = new Set(definition.stages.flatMap((s) => (s.id ? [s.id] : [])));
    const removed = before.stages.filter((s) => !kept.has(s.id));
    const en = ctx.locale === 'en';
    const stillHolding = removed.filter((s) => (deals.get(s.id) ?? 0) > 0);
    const blocked = [
      ...stillHolding.map((s) => ({
        path: 'definition.stages',
        code: 'stage_has_deals',
        message: en ? `${s.nameEn || s.nameZh} still has ${deals.get(s.id)} live deals; move them to another stage first` : `「${s.nameZh}」还有 ${deals.get(s.id)} 个商机，请先把它们移到其他阶段`,
      })),
      ...definition.stages.flatMap((s, i) => {
        const old = s.id ? existing.get(s.id) : undefined;
        return old && old.outcome !== s.outcome && (deals.get(old.id) ?? 0) > 0
          ? [{ path: `definition.stages.${i}.outcome`, code: 'stage_has_deals', message: en ? 'A stage with live deals keeps its outcome' : '阶段中还有商机，不能修改其结果类型' }]
          : [];
      }),
    ];
    // `stagesWithDeals` names the removed stages that still hold deals, so a form can put them back.
    if (blocked.length) throw new AppError('validation_failed', { fields: blocked, extra: { stagesWithDeals: stillHolding.map((s) => ({ id: s.id, deals: deals.get(s.id) ?? 0 })) } });

    const change = changeOf(core, ctx);
    const rows = definition.stages.map((s, position) => {
      const old = s.id ? existing.get(s.id) : undefined;
      return { ...stageRow(change, id, s, position, s.id ?? newId()), created_at: old ? row.created_at : change.at };
    });
    await upsertStageRows(trx, rows, removed.map((s) => s.id), change.at);
    const updated = await updatePipelineRow(trx, workspaceId, id, version, {
      name_zh: definition.nameZh,
      name_en: definition.nameEn,
      rules: toJson(definition.rules),
      loss_reasons: toJson(definition.lossReasons),
      updated_at: change.at,
    });
    if (!updated) throw new AppError('version_conflict', { extra: { current: before } });
    // Weighted totals follow the stage's probability: recount the stages whose probability changed.
    const reweighted = rows.filter((r) => existing.has(r.id) && existing.get(r.id)?.probability !== r.probability).map((r) => r.id);
    await recountRollups(trx, workspaceId, reweighted);
    const after = toPipeline(updated, rows);
    await recordAudit(trx, change, { entityType: 'pipeline', entityId: id, action, before: definitionOfPipeline(before), after: definitionOfPipeline(after) });
    return after;
  });
  cache.drop(workspaceId);
  return saved;
}

export async function exportPipeline(core: Core, ctx: RequestContext, id: string) {
  requireManage(ctx);
  const pipeline = await getPipelineFor(core, ctx, id);
  return { kind: 'kairos.pipeline' as const, exportedAt: core.clock.now().toISOString(), version: pipeline.version, definition: definitionOfPipeline(pipeline) };
}

/** The pipeline asked for, or the workspace's default one; 422 at `pipelineId` when there is no such pipeline. */
export async function pipelineOrDefault(db: Executor, workspaceId: string, pipelineId: string | undefined): Promise<Pipeline> {
  const pipelines = await listPipelines(db, workspaceId);
  const pipeline = pipelineId ? pipelines.find((p) => p.id === pipelineId) : (pipelines.find((p) => p.isDefault) ?? pipelines[0]);
  if (!pipeline) throw new AppError('validation_failed', { fields: [{ path: 'pipelineId', code: 'unknown_pipeline', message: 'unknown pipeline' }] });
  return pipeline;
}

/**
 * The stage a new deal starts in: the given one (which must belong to the given or default pipeline),
 * else the first open stage of that pipeline.
 */
export async function resolveStartStage(db: Executor, workspaceId: string, pipelineId: string | undefined, stageId: string | undefined): Promise<Stage> {
  const pipeline = await pipelineOrDefault(db, workspaceId, pipelineId);
  const stage = stageId ? pipeline.stages.find((s) => s.id === stageId) : pipeline.stages.find((s) => s.outcome === 'open');
  if (!stage) throw new AppError('validation_failed', { fields: [{ path: 'stageId', code: 'unknown_stage', message: 'unknown stage' }] });
  return stage;
}

/** The pipeline a stage belongs to, with the stage (null when either is unknown or removed). */
export async function findStageInPipeline(db: Executor, workspaceId: string, stageId: string): Promise<{ pipeline: Pipeline; stage: Stage } | null> {
  for (const pipeline of await listPipelines(db, workspaceId)) {
    const stage = pipeline.stages.find((s) => s.id === stageId);
    if (stage) return { pipeline, stage };
  }
  return null;
}

export async function findStage(db: Executor, workspaceId: string, stageId: string): Promise<Stage | null> {
  return (await findStageInPipeline(db, workspaceId, stageId))?.stage ?? null;
}
