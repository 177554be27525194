import { describe, expect, it } from 'vitest';
import { definitionToRestore, pipelineChanges, pipelineChangeText } from './pipeline-versions';
import { DEFAULT_PIPELINE, PipelineDefinitionSchema, type PipelineDefinition } from './pipelines';

const ids = ['1', '2', '3', '4', '5', '6', '7'].map((x) => `0190f0a0-0000-7000-8000-00000000000${x}`);
const base: PipelineDefinition = PipelineDefinitionSchema.parse({ ...DEFAULT_PIPELINE, stages: DEFAULT_PIPELINE.stages.map((s, i) => ({ ...s, id: ids[i] })) });
const edit = (change: (d: PipelineDefinition) => void) => {
  const copy = structuredClone(base);
  change(copy);
  return copy;
};

describe('pipeline versions', () => {
  it('a first version is a creation; an unchanged save lists nothing', () => {
    expect(pipelineChanges(null, base, 'create')).toEqual([{ kind: 'created' }]);
    expect(pipelineChanges(base, structuredClone(base), 'update')).toEqual([]);
    expect(pipelineChanges(base, structuredClone(base), 'restore')).toEqual([{ kind: 'restored' }]);
  });

  it('names each kind of change, stage by stage in board order', () => {
    const after = edit((d) => {
      d.nameZh = '大客户';
      d.rules.allowSkip = !d.rules.allowSkip;
      d.lossReasons = d.lossReasons.slice(1);
      d.stages[0]!.nameZh = '线索';
      d.stages[1]!.probability = 33;
      d.stages[2]!.rules.timeLimitDays = 3;
      d.stages.splice(3, 1);
      d.stages.splice(1, 0, { nameZh: '试用', nameEn: 'Trial', probability: 20, outcome: 'open', rules: d.stages[0]!.rules });
    });
    expect(pipelineChanges(base, after, 'update')).toEqual([
      { kind: 'renamed' },
      { kind: 'pipeline_rules' },
      { kind: 'loss_reasons' },
      { kind: 'stage_removed', stage: { nameZh: '商务谈判', nameEn: 'Negotiation' } },
      { kind: 'stage_renamed', stage: { nameZh: '线索', nameEn: 'Lead' } },
      { kind: 'stage_added', stage: { nameZh: '试用', nameEn: 'Trial' } },
      { kind: 'stage_probability', stage: { nameZh: '需求分析', nameEn: 'Needs analysis' } },
      { kind: 'stage_rules', stage: { nameZh: '方案报价', nameEn: 'Proposal' } },
    ]);
  });

  it('tells a reorder from a removal: only the order of stages kept on both sides counts', () => {
    const swapped = edit((d) => {
      const [first, second] = d.stages;
      d.stages[0] = second!;
      d.stages[1] = first!;
    });
    expect(pipelineChanges(base, swapped, 'update')).toEqual([{ kind: 'stages_reordered' }]);
    const removed = edit((d) => d.stages.splice(1, 1));
    expect(pipelineChanges(base, removed, 'update').map((c) => c.kind)).toEqual(['stage_removed']);
  });

  it('reads each change in both languages', () => {
    const stage = { nameZh: '方案报价', nameEn: 'Proposal' };
    expect(pipelineChangeText({ kind: 'stage_added', stage }, 'zh-CN')).toBe('新增阶段「方案报价」');
    expect(pipelineChangeText({ kind: 'stage_added', stage }, 'en')).toBe('Added stage "Proposal"');
    expect(pipelineChangeText({ kind: 'stage_rules', stage: { nameZh: '试用', nameEn: '' } }, 'en')).toBe('Changed the guidance, gate, tasks or limits of "试用"');
    expect(pipelineChangeText({ kind: 'created' }, 'zh-CN')).toBe('创建了流程');
  });

  it('a restore keeps the stages that still exist, brings removed ones back as new, and drops deleted roles', () => {
    const old = edit((d) => {
      d.stages[1]!.rules.ownerRoleId = 'role-presales';
      d.stages[4]!.rules.moveRoleIds = ['role-manager', 'role-gone'];
    });
    const restorable = definitionToRestore(old, new Set(ids.filter((id) => id !== ids[1])), new Set(['role-manager']));
    expect(restorable.stages.map((s) => s.id)).toEqual([ids[0], undefined, ...ids.slice(2)]);
    expect(restorable.stages[1]?.rules.ownerRoleId).toBeNull();
    expect(restorable.stages[4]?.rules.moveRoleIds).toEqual(['role-manager']);
    // The old version itself is left as it was.
    expect(old.stages[4]?.rules.moveRoleIds).toEqual(['role-manager', 'role-gone']);
  });
});
