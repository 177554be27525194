import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';
import type { Locale } from './locale';
import { PipelineDefinitionSchema, withKnownRoles, type PipelineDefinition } from './pipelines';

/**
 * A pipeline's versions (版本历史): every save is an audit entry holding the whole definition after it,
 * so a manager can see who changed the process when and what changed, and put an earlier version back.
 */
export const PIPELINE_CHANGE_KINDS = [
  'created',
  'restored',
  'renamed',
  'pipeline_rules',
  'loss_reasons',
  'stage_added',
  'stage_removed',
  'stage_renamed',
  'stages_reordered',
  'stage_probability',
  'stage_rules',
] as const;
export type PipelineChangeKind = (typeof PIPELINE_CHANGE_KINDS)[number];

export const PipelineChangeSchema = z.object({
  kind: z.enum(PIPELINE_CHANGE_KINDS),
  /** The stage concerned (its names as of the change), for the stage kinds. */
  stage: z.object({ nameZh: z.string(), nameEn: z.string() }).optional(),
});
export type PipelineChange = z.infer<typeof PipelineChangeSchema>;

export const PIPELINE_VERSION_ACTIONS = ['create', 'update', 'restore'] as const;

export const PipelineVersionSchema = z.object({
  /** The audit entry's id: what a restore names. */
  id: IdSchema,
  at: TimestampSchema,
  actorId: IdSchema.nullable(),
  action: z.enum(PIPELINE_VERSION_ACTIONS),
  /** The definition as saved; null when it no longer reads as a definition (then it cannot be restored). */
  definition: PipelineDefinitionSchema.nullable(),
  changes: z.array(PipelineChangeSchema),
});
export type PipelineVersion = z.infer<typeof PipelineVersionSchema>;

export const PipelineVersionPageSchema = z.object({ items: z.array(PipelineVersionSchema), nextCursor: z.string().nullable() });

export const PipelineVersionsQuery = z.object({
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** POST /api/pipelines/{id}/restore: which version to put back, over the version the pipeline is at now. */
export const RestorePipelineSchema = z.object({ versionId: IdSchema, version: z.number().int().min(1) });

type Definition = Pick<PipelineDefinition, 'nameZh' | 'nameEn' | 'rules' | 'lossReasons' | 'stages'>;
type DefinitionStage = Definition['stages'][number];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const stageLabel = (s: DefinitionStage) => ({ nameZh: s.nameZh, nameEn: s.nameEn });

/**
 * What a save changed, in the order a reviewer reads it: the pipeline, then stage by stage. Stages are
 * matched by id (a renamed stage is the same stage); stages without an id in `after` are new.
 */
export function pipelineChanges(before: Definition | null, after: Definition, action: (typeof PIPELINE_VERSION_ACTIONS)[number]): PipelineChange[] {
  if (!before || action === 'create') return [{ kind: 'created' }];
  const changes: PipelineChange[] = action === 'restore' ? [{ kind: 'restored' }] : [];
  if (before.nameZh !== after.nameZh || before.nameEn !== after.nameEn) changes.push({ kind: 'renamed' });
  if (!same(before.rules, after.rules)) changes.push({ kind: 'pipeline_rules' });
  if (!same(before.lossReasons, after.lossReasons)) changes.push({ kind: 'loss_reasons' });
  const old = new Map(before.stages.flatMap((s) => (s.id ? [[s.id, s] as const] : [])));
  const kept = new Set(after.stages.flatMap((s) => (s.id && old.has(s.id) ? [s.id] : [])));
  for (const s of before.stages) if (s.id && !kept.has(s.id)) changes.push({ kind: 'stage_removed', stage: stageLabel(s) });
  for (const s of after.stages) {
    const was = s.id ? old.get(s.id) : undefined;
    if (!was) {
      changes.push({ kind: 'stage_added', stage: stageLabel(s) });
      continue;
    }
    if (was.nameZh !== s.nameZh || was.nameEn !== s.nameEn) changes.push({ kind: 'stage_renamed', stage: stageLabel(s) });
    if (was.probability !== s.probability) changes.push({ kind: 'stage_probability', stage: stageLabel(s) });
    if (!same(was.rules, s.rules)) changes.push({ kind: 'stage_rules', stage: stageLabel(s) });
  }
  const order = (stages: readonly DefinitionStage[]) => stages.flatMap((s) => (s.id && kept.has(s.id) ? [s.id] : []));
  if (!same(order(before.stages), order(after.stages))) changes.push({ kind: 'stages_reordered' });
  return changes;
}

const TEXTS: Record<PipelineChangeKind, Record<Locale, (stage: string) => string>> = {
  created: { 'zh-CN': () => '创建了流程', en: () => 'Created the pipeline' },
  restored: { 'zh-CN': () => '恢复了一个早先的版本', en: () => 'Restored an earlier version' },
  renamed: { 'zh-CN': () => '修改了流程名称', en: () => 'Renamed the pipeline' },
  pipeline_rules: { 'zh-CN': () => '修改了流程规则（跳阶段、回退原因）', en: () => 'Changed the pipeline rules (skipping, reason for moving back)' },
  loss_reasons: { 'zh-CN': () => '修改了输单原因', en: () => 'Changed the loss reasons' },
  stage_added: { 'zh-CN': (s) => `新增阶段「${s}」`, en: (s) => `Added stage "${s}"` },
  stage_removed: { 'zh-CN': (s) => `删除阶段「${s}」`, en: (s) => `Removed stage "${s}"` },
  stage_renamed: { 'zh-CN': (s) => `重命名阶段为「${s}」`, en: (s) => `Renamed a stage to "${s}"` },
  stages_reordered: { 'zh-CN': () => '调整了阶段顺序', en: () => 'Reordered the stages' },
  stage_probability: { 'zh-CN': (s) => `修改了「${s}」的赢率`, en: (s) => `Changed the win probability of "${s}"` },
  stage_rules: { 'zh-CN': (s) => `修改了「${s}」的说明、准入条件、任务或时限`, en: (s) => `Changed the guidance, gate, tasks or limits of "${s}"` },
};

/** One change as a sentence in the reader's language. */
export function pipelineChangeText(change: PipelineChange, locale: Locale): string {
  const stage = change.stage ? (locale === 'en' ? change.stage.nameEn || change.stage.nameZh : change.stage.nameZh) : '';
  return TEXTS[change.kind][locale](stage);
}

/**
 * The definition of an old version made fit to save over the pipeline as it is now: stages removed
 * since come back as new stages (their old id is gone), and roles deleted since are dropped.
 */
export function definitionToRestore(old: PipelineDefinition, currentStageIds: ReadonlySet<string>, roleIds: ReadonlySet<string>): PipelineDefinition {
  const local = withKnownRoles(old, roleIds);
  return { ...local, stages: local.stages.map((s) => ({ ...s, id: s.id && currentStageIds.has(s.id) ? s.id : undefined })) };
}
