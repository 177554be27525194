import { AppError } from '@kairos/domain/errors';
import type { Locale } from '@kairos/domain/locale';
import type { Actor } from '@kairos/domain/policy';
import { stageName, type Pipeline, type Stage } from '@kairos/domain/pipelines';
import { evaluateGate, gateProblemText, type GateProblem, type GateStage } from '@kairos/domain/stage-gates';
import type { Executor } from '../../db/schema';
import { fieldsOf } from '../custom-fields/custom-fields.service';
import { getWorkspaceSettings } from '../setup/workspace-settings.service';
import { listDealTaskRows } from '../stage-tasks/stage-tasks.store';

/** Built-in deal fields a gate can ask for, by name, in both languages. */
const DEAL_FIELD_LABELS: Record<string, { zh: string; en: string }> = {
  amount: { zh: '金额', en: 'Amount' },
  expectedCloseOn: { zh: '预计成交日期', en: 'Expected close date' },
  contactId: { zh: '联系人', en: 'Contact' },
  source: { zh: '来源', en: 'Source' },
  tags: { zh: '标签', en: 'Tags' },
};

export interface GateMove {
  pipeline: Pipeline;
  from: Stage;
  to: Stage;
  dealId: string;
  /** The deal's values with the move's own values applied: built-in names and `custom.<key>`. */
  values: Record<string, unknown>;
  reason?: string;
  lossReason?: string;
}

const gateStage = (s: Stage): GateStage => ({ id: s.id, position: s.position, outcome: s.outcome, nameZh: s.nameZh, nameEn: s.nameEn, rules: s.rules });

/** Categories of the live files on a deal: one query. */
async function fileCategoriesOf(db: Executor, workspaceId: string, dealId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('files')
    .select('category')
    .distinct()
    .where('workspace_id', '=', workspaceId)
    .where('target_type', '=', 'opportunity')
    .where('target_id', '=', dealId)
    .where('deleted_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.category));
}

/** An unmet item with its text in the caller's language, as the 422 lists it and the gate dialog shows it. */
export type UnmetItem = GateProblem & { message: string };

/**
 * 阶段门槛: checks a move against the target stage's gate and the pipeline's rules, and refuses it with
 * every unmet item at once (422 stage_gate_failed, `unmet`), each named in the caller's language. Field
 * items also come as `fields` (path `values.<field>`) so a form can mark them.
 */
export async function checkGate(db: Executor, actor: Actor, locale: Locale, move: GateMove): Promise<void> {
  const { pipeline, from, to } = move;
  const needsFiles = to.rules.gate.requiredFileCategories.length > 0;
  const needsTasks = to.rules.gate.previousTasksDone;
  const [files, tasks] = await Promise.all([
    needsFiles ? fileCategoriesOf(db, actor.workspaceId, move.dealId) : Promise.resolve(new Set<string>()),
    needsTasks ? listDealTaskRows(db, actor.workspaceId, move.dealId, from.id) : Promise.resolve([]),
  ]);
  const problems = evaluateGate({
    pipeline: pipeline.rules,
    stages: pipeline.stages.map(gateStage),
    from: gateStage(from),
    to: gateStage(to),
    values: move.values,
    fileCategories: files,
    tasks: tasks.map((t) => ({ key: t.task_key, titleZh: t.title_zh, titleEn: t.title_en, required: t.required === 1, done: t.done_at !== null })),
    // Approval flows arrive with the approvals feature; until then no approval has passed.
    passedApprovals: new Set(),
    actorRoleIds: actor.roleIds,
    actorIsAdmin: actor.permissions.has('workspace.manage'),
    reason: move.reason ?? null,
    lossReason: move.lossReason ?? null,
    lossReasons: pipeline.lossReasons.map((r) => r.key),
  });
  if (problems.length === 0) return;

  const [settings, customFields] = await Promise.all([getWorkspaceSettings(db, actor.workspaceId), fieldsOf(db, actor.workspaceId, 'opportunity')]);
  const en = locale === 'en';
  const labels = {
    field: (field: string) => {
      const builtIn = DEAL_FIELD_LABELS[field];
      if (builtIn) return en ? builtIn.en : builtIn.zh;
      const custom = customFields.find((f) => `custom.${f.key}` === field);
      return custom ? (en ? custom.labelEn : custom.labelZh) : field;
    },
    category: (key: string) => {
      const category = settings.fileCategories.find((c) => c.key === key);
      return category ? (en ? category.labelEn : category.labelZh) : key;
    },
    stage: (id: string) => {
      const stage = pipeline.stages.find((s) => s.id === id);
      return stage ? stageName(stage, locale) : id;
    },
  };
  const unmet: UnmetItem[] = problems.map((p) => ({ ...p, message: gateProblemText(p, locale, labels) }));
  const fields = unmet.flatMap((p) =>
    p.code === 'field_required' ? [{ path: `values.${p.field}`, code: 'required_by_stage', message: p.message }] : p.code === 'loss_reason_required' ? [{ path: 'lossReason', code: 'required_by_stage', message: p.message }] : p.code === 'reason_required' ? [{ path: 'reason', code: 'required_by_stage', message: p.message }] : [],
  );
  throw new AppError('stage_gate_failed', { fields, extra: { unmet, stageId: to.id } });
}
