import { describe, expect, it } from 'vitest';
import {
  StageRulesSchema,
  evaluateGate,
  gateProblemText,
  isBackward,
  stageAge,
  taskDueOn,
  type GateInput,
  type GateStage,
  type StageRules,
} from './stage-gates';

const MANAGER = '01900000-0000-7000-8000-0000000000a1';
const SALES = '01900000-0000-7000-8000-0000000000a2';

const rules = (partial: Partial<Omit<StageRules, 'gate'>> & { gate?: Partial<StageRules['gate']> } = {}): StageRules => StageRulesSchema.parse(partial);

const stage = (id: string, position: number, nameZh: string, extra: Partial<GateStage> = {}): GateStage => ({ id, position, outcome: 'open', nameZh, nameEn: id, rules: rules(), ...extra });

const lead = stage('lead', 0, '线索获取');
const needs = stage('needs', 1, '需求分析');
const proposal = stage('proposal', 2, '方案报价', {
  rules: rules({ tasks: [{ key: 'quote', titleZh: '发送报价单', titleEn: 'Send the quote', role: 'owner', dueInDays: 3, required: true }] }),
});
const negotiation = stage('negotiation', 3, '商务谈判', {
  rules: rules({ gate: { requiredFields: ['amount', 'expectedCloseOn', 'custom.budget'], requiredFileCategories: ['quote'], previousTasksDone: true } }),
});
const contract = stage('contract', 4, '合同签署', { rules: rules({ moveRoleIds: [MANAGER], gate: { approval: 'discount' } }) });
const won = stage('won', 5, '赢单', { outcome: 'won', rules: rules({ gate: { requiredFields: ['amount'] } }) });
const lost = stage('lost', 6, '输单', { outcome: 'lost' });
const STAGES = [lead, needs, proposal, negotiation, contract, won, lost];

const base = (over: Partial<GateInput>): GateInput => ({
  pipeline: { allowSkip: true, backwardNeedsReason: true },
  stages: STAGES,
  from: proposal,
  to: negotiation,
  values: { amount: 12_000_000, expectedCloseOn: '2027-03-31', 'custom.budget': 150 },
  fileCategories: new Set(['quote']),
  tasks: [{ key: 'quote', titleZh: '发送报价单', titleEn: 'Send the quote', required: true, done: true }],
  passedApprovals: new Set(),
  actorRoleIds: [SALES],
  actorIsAdmin: false,
  lossReasons: ['price', 'competitor'],
  ...over,
});

describe('stage gate', () => {
  it('lets a deal that meets every condition through', () => {
    expect(evaluateGate(base({}))).toEqual([]);
  });

  it('lists every unmet item at once: fields, files and open tasks', () => {
    const problems = evaluateGate(
      base({
        values: { amount: 0, expectedCloseOn: null, 'custom.budget': '' },
        fileCategories: new Set(['contract']),
        tasks: [
          { key: 'quote', titleZh: '发送报价单', titleEn: 'Send the quote', required: true, done: false },
          { key: 'visit', titleZh: '拜访', titleEn: '', required: false, done: false },
        ],
      }),
    );
    expect(problems).toEqual([
      { code: 'field_required', field: 'amount' },
      { code: 'field_required', field: 'expectedCloseOn' },
      { code: 'field_required', field: 'custom.budget' },
      { code: 'file_required', category: 'quote' },
      { code: 'task_open', key: 'quote', titleZh: '发送报价单', titleEn: 'Send the quote' },
    ]);
  });

  it('asks for the approval a stage names, and for the role allowed to move into it', () => {
    const problems = evaluateGate(base({ from: negotiation, to: contract, tasks: [] }));
    expect(problems).toEqual([{ code: 'role_not_allowed' }, { code: 'approval_required', approval: 'discount' }]);
    expect(evaluateGate(base({ from: negotiation, to: contract, tasks: [], actorRoleIds: [MANAGER], passedApprovals: new Set(['discount']) }))).toEqual([]);
    // An admin passes the role check, never the approval.
    expect(evaluateGate(base({ from: negotiation, to: contract, tasks: [], actorIsAdmin: true }))).toEqual([{ code: 'approval_required', approval: 'discount' }]);
  });

  it('refuses skipping stages when the pipeline forbids it, naming the skipped ones', () => {
    const strict = { allowSkip: false, backwardNeedsReason: true };
    expect(evaluateGate(base({ pipeline: strict, from: lead, to: proposal }))).toEqual([{ code: 'skip_not_allowed', skipped: ['needs'] }]);
    expect(evaluateGate(base({ pipeline: strict, from: lead, to: needs }))).toEqual([]);
    // Winning counts as the step after the last open stage; losing may happen from anywhere.
    expect(evaluateGate(base({ pipeline: strict, from: negotiation, to: won, tasks: [] }))).toEqual([{ code: 'skip_not_allowed', skipped: ['contract'] }]);
    expect(evaluateGate(base({ pipeline: strict, from: lead, to: lost, lossReason: 'price' }))).toEqual([]);
    expect(evaluateGate(base({ pipeline: { allowSkip: true, backwardNeedsReason: true }, from: lead, to: proposal }))).toEqual([]);
  });

  it('needs a reason to move back or re-open, and does not re-check the earlier gate', () => {
    expect(evaluateGate(base({ from: contract, to: negotiation, values: {} }))).toEqual([{ code: 'reason_required' }]);
    expect(evaluateGate(base({ from: contract, to: negotiation, values: {}, reason: '客户预算冻结，重新谈判' }))).toEqual([]);
    expect(evaluateGate(base({ from: won, to: contract, reason: '  ', actorRoleIds: [MANAGER] }))).toEqual([{ code: 'reason_required' }]);
    // Moving back into a stage is still moving into it: its roles apply.
    expect(evaluateGate(base({ from: won, to: contract, reason: '重新谈判' }))).toEqual([{ code: 'role_not_allowed' }]);
    expect(evaluateGate(base({ pipeline: { allowSkip: true, backwardNeedsReason: false }, from: contract, to: lead }))).toEqual([]);
  });

  it('needs a loss reason from the list to lose a deal, and the won gate to win one', () => {
    expect(evaluateGate(base({ to: lost }))).toEqual([{ code: 'loss_reason_required' }]);
    expect(evaluateGate(base({ to: lost, lossReason: 'weather' }))).toEqual([{ code: 'loss_reason_required' }]);
    expect(evaluateGate(base({ to: lost, lossReason: 'competitor' }))).toEqual([]);
    expect(evaluateGate(base({ from: contract, to: won, values: { amount: 0 } }))).toEqual([{ code: 'field_required', field: 'amount' }]);
  });

  it('treats blank text, empty lists and missing values as unmet, and zero only for the amount', () => {
    const gated = stage('g', 3, 'g', { rules: rules({ gate: { requiredFields: ['tags', 'source', 'custom.score'] } }) });
    expect(evaluateGate(base({ to: gated, values: { tags: [], source: ' ', 'custom.score': 0 } }))).toEqual([
      { code: 'field_required', field: 'tags' },
      { code: 'field_required', field: 'source' },
    ]);
  });

  it('says each problem in both languages with the names the caller sees', () => {
    const labels = { field: (f: string) => (f === 'amount' ? '金额' : f), category: () => '报价单', stage: (id: string) => (id === 'needs' ? '需求分析' : id) };
    expect(gateProblemText({ code: 'field_required', field: 'amount' }, 'zh-CN', labels)).toBe('请填写「金额」');
    expect(gateProblemText({ code: 'file_required', category: 'quote' }, 'zh-CN', labels)).toBe('请上传「报价单」');
    expect(gateProblemText({ code: 'skip_not_allowed', skipped: ['needs'] }, 'en', labels)).toBe('Stages cannot be skipped: 需求分析');
    expect(gateProblemText({ code: 'task_open', key: 'k', titleZh: '发送报价单', titleEn: '' }, 'en', labels)).toBe('Finish the stage task "发送报价单" first');
  });
});

describe('stage configuration', () => {
  it('rejects a required field that is neither a deal field nor a custom field key', () => {
    expect(StageRulesSchema.safeParse({ gate: { requiredFields: ['password_hash'] } }).success).toBe(false);
    expect(StageRulesSchema.safeParse({ gate: { requiredFields: ['custom.budget', 'amount'] } }).success).toBe(true);
  });

  it('tells moving back from forward', () => {
    expect(isBackward(negotiation, proposal)).toBe(true);
    expect(isBackward(proposal, negotiation)).toBe(false);
    expect(isBackward(won, contract)).toBe(true);
    expect(isBackward(won, lost)).toBe(true);
    expect(isBackward(contract, lost)).toBe(false);
  });

  it('dates tasks from the day the deal enters the stage and counts days in stage against the limit', () => {
    expect(taskDueOn('2026-12-30', 3)).toBe('2027-01-02');
    expect(taskDueOn('2026-12-30', null)).toBeNull();
    const now = new Date('2026-11-27T10:00:00Z');
    expect(stageAge('2026-11-12T09:00:00Z', now, 14)).toEqual({ days: 15, stalled: true });
    expect(stageAge('2026-11-20T09:00:00Z', now, 14)).toEqual({ days: 7, stalled: false });
    expect(stageAge('2026-01-01T00:00:00Z', now, null).stalled).toBe(false);
  });
});
