import { describe, expect, it } from 'vitest';
import { DEFAULT_LOSS_REASONS, DEFAULT_PIPELINE, PipelineDefinitionSchema, type Pipeline } from '@kairos/domain/pipelines';
import { StageRulesSchema } from '@kairos/domain/stage-gates';
import {
  addStage,
  canMoveStage,
  copyDraft,
  definitionOf,
  draftOf,
  draftPath,
  errorsUnder,
  isDirty,
  moveItem,
  moveStage,
  newLossReason,
  newTask,
  nextKey,
  removeStage,
  restoreStage,
  setIn,
  stageIndexOfPath,
  validateDraft,
} from './model';

const NOW = '2026-01-01T00:00:00.000Z';
const sid = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

function pipeline(): Pipeline {
  return {
    id: 'p1',
    nameZh: DEFAULT_PIPELINE.nameZh,
    nameEn: DEFAULT_PIPELINE.nameEn,
    isDefault: true,
    rules: { allowSkip: true, backwardNeedsReason: true },
    lossReasons: DEFAULT_LOSS_REASONS,
    // Stored out of order on purpose: the draft follows `position`.
    stages: DEFAULT_PIPELINE.stages
      .map((s, i) => ({ ...s, id: sid(i + 1), pipelineId: 'p1', position: i + 1, rules: StageRulesSchema.parse(i === 0 ? { tasks: [{ key: 'first-contact', titleZh: '首次联系客户' }] } : {}) }))
      .reverse(),
    createdAt: NOW,
    updatedAt: NOW,
    version: 3,
  };
}

const names = (stages: { nameZh: string }[]) => stages.map((s) => s.nameZh);

describe('pipeline draft', () => {
  it('turns a pipeline into a definition the API schema accepts, keeping stage ids and order', () => {
    const draft = draftOf(pipeline());
    expect(names(draft.stages)).toEqual(DEFAULT_PIPELINE.stages.map((s) => s.nameZh));
    const definition = definitionOf(draft);
    const parsed = PipelineDefinitionSchema.parse(definition);
    expect(parsed.stages.map((s) => s.id)).toEqual([1, 2, 3, 4, 5, 6, 7].map(sid));
    expect(parsed.stages[0]?.rules.tasks[0]?.key).toBe('first-contact');
    expect(validateDraft(draft).issues).toBeNull();
  });

  it('knows when something was edited, and trims what was typed', () => {
    const base = pipeline();
    const draft = draftOf(base);
    expect(isDirty(draft, base)).toBe(false);
    const edited = setIn(draft, ['stages', 3, 'rules', 'timeLimitDays'], 20);
    expect(isDirty(edited, base)).toBe(true);
    expect(draft.stages[3]?.rules.timeLimitDays).toBeNull();
    const spaced = setIn(draft, ['nameZh'], '  新业务  ');
    expect(isDirty(spaced, base)).toBe(false);
  });

  it('copies without ids for a new pipeline', () => {
    const copy = copyDraft(draftOf(pipeline()), { zh: '（副本）', en: ' (copy)' });
    const definition = definitionOf(copy, { withIds: false });
    expect(definition.nameZh).toBe('新业务（副本）');
    expect(definition.nameEn).toBe('New business (copy)');
    expect(definition.stages.every((s) => !('id' in s))).toBe(true);
    expect(new Set(copy.stages.map((s) => s.uid)).size).toBe(copy.stages.length);
    expect(PipelineDefinitionSchema.safeParse(definition).success).toBe(true);
  });

  it('reports problems by path', () => {
    const draft = setIn(draftOf(pipeline()), ['stages', 2, 'nameZh'], ' ');
    const result = validateDraft(draft);
    expect(result.issues?.map((i) => i.path.join('.'))).toContain('stages.2.nameZh');
    expect(draftPath('definition.stages.2.nameZh')).toBe('stages.2.nameZh');
    expect(draftPath('stages.4.outcome')).toBe('stages.4.outcome');
    expect(stageIndexOfPath('stages.3.rules.tasks.0.titleZh')).toBe(3);
    expect(stageIndexOfPath('stages')).toBeNull();
    expect(stageIndexOfPath('lossReasons.1.labelZh')).toBeNull();
    expect(errorsUnder({ 'stages.1.nameZh': ['a'], 'stages.10.nameZh': ['b'], 'stages.1': ['c'] }, 'stages.1')).toEqual(['a', 'c']);
  });
});

describe('stage order', () => {
  it('moves open stages among themselves; won and lost stay last', () => {
    const stages = draftOf(pipeline()).stages;
    expect(names(moveStage(stages, 1, -1)).slice(0, 2)).toEqual(['需求分析', '线索获取']);
    expect(canMoveStage(stages, 0, -1)).toBe(false);
    expect(canMoveStage(stages, 4, 1)).toBe(false); // 合同签署 cannot pass 赢单
    expect(canMoveStage(stages, 5, -1)).toBe(false); // 赢单 cannot move
    expect(names(moveStage(stages, 4, 1))).toEqual(names(stages));
    expect(names(moveStage(stages, 6, -1))).toEqual(names(stages));
  });

  it('adds a stage before won and lost, and the result is valid', () => {
    const stages = addStage(draftOf(pipeline()).stages, { zh: '技术验证', en: 'Proof of concept' });
    expect(names(stages)).toEqual(['线索获取', '需求分析', '方案报价', '商务谈判', '合同签署', '技术验证', '赢单', '输单']);
    const added = stages[5];
    expect(added?.id).toBeUndefined();
    expect(added?.probability).toBe(95);
    const moved = moveStage(moveStage(moveStage(stages, 5, -1), 4, -1), 3, -1);
    expect(names(moved).slice(0, 3)).toEqual(['线索获取', '需求分析', '技术验证']);
    const definition = PipelineDefinitionSchema.parse(definitionOf({ ...draftOf(pipeline()), stages: moved }));
    expect(definition.stages[2]).toMatchObject({ nameZh: '技术验证', outcome: 'open' });
    expect(definition.stages[2]?.id).toBeUndefined();
  });

  it('removes a stage and puts it back where it was (never after won and lost)', () => {
    const stages = draftOf(pipeline()).stages;
    const removed = stages[3];
    if (!removed) throw new Error('no stage');
    const without = removeStage(stages, 3);
    expect(names(without)).not.toContain('商务谈判');
    expect(names(restoreStage(without, removed, 3))).toEqual(names(stages));
    expect(names(restoreStage(without, removed, 99)).slice(-3)).toEqual(['商务谈判', '赢单', '输单']);
    expect(restoreStage(stages, removed, 0)).toHaveLength(stages.length);
  });

  it('swaps list items and ignores moves off the ends', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});

describe('keys of new tasks and loss reasons', () => {
  it('counts on without reusing a key', () => {
    expect(nextKey([], 'task')).toBe('task-1');
    expect(nextKey(['first-contact'], 'task')).toBe('task-2');
    expect(nextKey(['task-2', 'x'], 'task')).toBe('task-3');
    const tasks = [newTask([])];
    tasks.push(newTask(tasks));
    expect(tasks.map((t) => t.key)).toEqual(['task-1', 'task-2']);
    expect(newLossReason(DEFAULT_LOSS_REASONS).key).toBe('reason-7');
  });

  it('a stage with a new task validates once the task has a title', () => {
    const draft = draftOf(pipeline());
    const task = { ...newTask(draft.stages[3]?.rules.tasks ?? []), titleZh: '法务审核合同条款', role: 'legal' as const, dueInDays: 3 };
    const edited = setIn(draft, ['stages', 3, 'rules', 'tasks'], [task]);
    expect(validateDraft(edited).definition?.stages[3]?.rules.tasks[0]).toMatchObject({ key: 'task-1', role: 'legal', dueInDays: 3, required: true });
    const untitled = setIn(draft, ['stages', 3, 'rules', 'tasks'], [{ ...task, titleZh: '' }]);
    expect(validateDraft(untitled).issues?.map((i) => i.path.join('.'))).toContain('stages.3.rules.tasks.0.titleZh');
  });
});
