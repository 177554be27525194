import type { z } from 'zod';
import { PipelineDefinitionSchema, type LossReason, type Pipeline, type PipelineDefinition, type StageOutcome } from '@kairos/domain/pipelines';
import { StageRulesSchema, type PipelineRules, type StageRules, type StageTaskTemplate } from '@kairos/domain/stage-gates';

/**
 * The pipeline settings page edits a whole definition in local state and saves it in one PUT. These pure
 * helpers turn a pipeline into that editable draft and back into the `PipelineDefinition` the API takes,
 * keep won and lost last while stages move, make keys for new tasks and loss reasons, and turn zod and
 * server errors into paths the form can show next to the inputs.
 */

export interface DraftStage {
  /** React key: the stage id, or `new-N` for a stage added on this page. */
  uid: string;
  id?: string;
  nameZh: string;
  nameEn: string;
  probability: number;
  outcome: StageOutcome;
  rules: StageRules;
}

export interface Draft {
  nameZh: string;
  nameEn: string;
  rules: PipelineRules;
  lossReasons: LossReason[];
  stages: DraftStage[];
}

/** The draft of a stored pipeline: what the page shows before anything is edited. */
export function draftOf(pipeline: Pick<Pipeline, 'nameZh' | 'nameEn' | 'rules' | 'lossReasons' | 'stages'>): Draft {
  return {
    nameZh: pipeline.nameZh,
    nameEn: pipeline.nameEn,
    rules: { ...pipeline.rules },
    lossReasons: pipeline.lossReasons.map((r) => ({ ...r })),
    stages: [...pipeline.stages]
      .sort((a, b) => a.position - b.position)
      .map((s) => ({ uid: s.id, id: s.id, nameZh: s.nameZh, nameEn: s.nameEn, probability: s.probability, outcome: s.outcome, rules: structuredClone(s.rules) })),
  };
}

/** The body the API takes (PUT's `definition`, POST /api/pipelines): the draft without the page's keys. */
export function definitionOf(draft: Draft, { withIds = true }: { withIds?: boolean } = {}): z.input<typeof PipelineDefinitionSchema> {
  return {
    nameZh: draft.nameZh.trim(),
    nameEn: draft.nameEn.trim(),
    rules: { ...draft.rules },
    lossReasons: draft.lossReasons.map((r) => ({ key: r.key, labelZh: r.labelZh.trim(), labelEn: r.labelEn.trim() })),
    stages: draft.stages.map((s) => ({
      ...(withIds && s.id ? { id: s.id } : {}),
      nameZh: s.nameZh.trim(),
      nameEn: s.nameEn.trim(),
      probability: s.probability,
      outcome: s.outcome,
      rules: {
        ...s.rules,
        descriptionZh: s.rules.descriptionZh.trim(),
        descriptionEn: s.rules.descriptionEn.trim(),
        gate: { ...s.rules.gate, approval: s.rules.gate.approval?.trim() || null },
        tasks: s.rules.tasks.map((task) => ({ ...task, titleZh: task.titleZh.trim(), titleEn: task.titleEn.trim() })),
      },
    })),
  };
}

/** True when the draft would save something different from the pipeline it was made from. */
export function isDirty(draft: Draft, pipeline: Pipeline): boolean {
  return JSON.stringify(definitionOf(draft)) !== JSON.stringify(definitionOf(draftOf(pipeline)));
}

/** A copy for "new pipeline": the same stages and rules, no ids (they would name the other pipeline's stages). */
export function copyDraft(draft: Draft, suffix: { zh: string; en: string }): Draft {
  let n = 0;
  return {
    ...structuredClone(draft),
    nameZh: `${draft.nameZh}${suffix.zh}`.slice(0, 40),
    nameEn: draft.nameEn ? `${draft.nameEn}${suffix.en}`.slice(0, 40) : '',
    stages: draft.stages.map((s) => ({ ...structuredClone(s), id: undefined, uid: `new-${++n}` })),
  };
}

export function isOpen(stage: Pick<DraftStage, 'outcome'>): boolean {
  return stage.outcome === 'open';
}

/** Index of the first closing stage (won or lost), or the length when there is none. */
function firstClosed(stages: readonly DraftStage[]): number {
  const index = stages.findIndex((s) => !isOpen(s));
  return index < 0 ? stages.length : index;
}

/** Whether the stage at `index` may move one step in `direction` (open stages among open stages only). */
export function canMoveStage(stages: readonly DraftStage[], index: number, direction: -1 | 1): boolean {
  const stage = stages[index];
  const other = stages[index + direction];
  return !!stage && !!other && isOpen(stage) && isOpen(other);
}

/** Moves an open stage up or down among the open ones; won and lost stay last. */
export function moveStage(stages: readonly DraftStage[], index: number, direction: -1 | 1): DraftStage[] {
  if (!canMoveStage(stages, index, direction)) return [...stages];
  return moveItem(stages, index, direction);
}

/** Swaps an item with its neighbour; out of range leaves the list as it is. */
export function moveItem<T>(list: readonly T[], index: number, direction: -1 | 1): T[] {
  const next = [...list];
  const target = index + direction;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return next;
  [next[index], next[target]] = [next[target] as T, next[index] as T];
  return next;
}

/** A new open stage after the last open one (before won and lost), with a fresh page key. */
export function addStage(stages: readonly DraftStage[], name: { zh: string; en: string }): DraftStage[] {
  const at = firstClosed(stages);
  const used = new Set(stages.map((s) => s.uid));
  let n = stages.length + 1;
  while (used.has(`new-${n}`)) n++;
  const previous = stages[at - 1];
  // Between the last open stage's probability and won's 100, so the forecast still rises stage by stage.
  const probability = previous ? Math.round((previous.probability + 100) / 2) : 10;
  const stage: DraftStage = { uid: `new-${n}`, nameZh: name.zh, nameEn: name.en, probability, outcome: 'open', rules: StageRulesSchema.parse({}) };
  return [...stages.slice(0, at), stage, ...stages.slice(at)];
}

export function removeStage(stages: readonly DraftStage[], index: number): DraftStage[] {
  return stages.filter((_, i) => i !== index);
}

/** Puts a removed open stage back where it was (never after won or lost); used when the server refuses the removal. */
export function restoreStage(stages: readonly DraftStage[], stage: DraftStage, index: number): DraftStage[] {
  if (stages.some((s) => s.uid === stage.uid)) return [...stages];
  const at = isOpen(stage) ? Math.min(Math.max(0, index), firstClosed(stages)) : stages.length;
  return [...stages.slice(0, at), stage, ...stages.slice(at)];
}

/** `prefix-N` that no key in the list has yet, counting on from the list's length. */
export function nextKey(keys: readonly string[], prefix: string): string {
  const used = new Set(keys);
  let n = keys.length + 1;
  while (used.has(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}

export function newTask(tasks: readonly StageTaskTemplate[]): StageTaskTemplate {
  return { key: nextKey(tasks.map((t) => t.key), 'task'), titleZh: '', titleEn: '', role: 'owner', dueInDays: null, required: true };
}

export function newLossReason(reasons: readonly LossReason[]): LossReason {
  return { key: nextKey(reasons.map((r) => r.key), 'reason'), labelZh: '', labelEn: '' };
}

/** Errors by dotted path (`stages.2.nameZh`), as the page shows them next to its inputs. */
export type ErrorMap = Record<string, string[]>;

export function addError(errors: ErrorMap, path: string, message: string): ErrorMap {
  const list = errors[path] ?? [];
  return list.includes(message) ? errors : { ...errors, [path]: [...list, message] };
}

/** A server field path as the draft names it: PUT's paths start with `definition.`, POST's do not. */
export function draftPath(path: string): string {
  return path.replace(/^(body\.)?definition\./, '').replace(/^body\./, '');
}

/** Checks the draft with the API's own schema; the issues come back as draft paths. */
export function validateDraft(draft: Draft): { definition: PipelineDefinition; issues: null } | { definition: null; issues: z.core.$ZodIssue[] } {
  const result = PipelineDefinitionSchema.safeParse(definitionOf(draft));
  return result.success ? { definition: result.data, issues: null } : { definition: null, issues: result.error.issues };
}

export function issuePath(issue: Pick<z.core.$ZodIssue, 'path'>): string {
  return issue.path.map(String).join('.');
}

/** The stage an error path is about (`stages.3.rules.tasks.0.titleZh` → 3), or null. */
export function stageIndexOfPath(path: string): number | null {
  const match = /^stages\.(\d+)(\.|$)/.exec(path);
  return match ? Number(match[1]) : null;
}

/** Errors under a prefix (`stages.2.`), for a card to say it has some. */
export function errorsUnder(errors: ErrorMap, prefix: string): string[] {
  return Object.entries(errors).flatMap(([path, messages]) => (path === prefix || path.startsWith(`${prefix}.`) ? messages : []));
}

/** A copy of `value` with the value at `path` replaced (arrays and objects along the way are copied). */
export function setIn<T>(value: T, path: readonly (string | number)[], next: unknown): T {
  if (path.length === 0) return next as T;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) {
    const copy = [...(value as unknown[])];
    copy[Number(head)] = setIn(copy[Number(head)], rest, next);
    return copy as T;
  }
  const record = (value ?? {}) as Record<string, unknown>;
  return { ...record, [head]: setIn(record[String(head)], rest, next) } as T;
}
