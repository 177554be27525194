import { describe, expect, it } from 'vitest';
import type { BoardCard } from '@kairos/domain/board';
import {
  activeFilterCount,
  apiFiltersOf,
  blockingItems,
  boardStateFromParams,
  columnRows,
  gateItemKey,
  gateItemsOf,
  isAnswered,
  lanesByOwner,
  listLinkOf,
  mergeCards,
  moveBodyOf,
  nearEnd,
  paramsOfBoardState,
  withPending,
  type GateItem,
} from './model';

const card = (id: string, patch: Partial<BoardCard> = {}): BoardCard => ({
  id,
  name: `deal ${id}`,
  customerId: 'c1',
  customerName: '华为',
  ownerId: 'u1',
  stageId: 's1',
  amount: 100_00,
  currency: 'CNY',
  probability: 50,
  stageEnteredAt: '2026-01-01T00:00:00.000Z',
  daysInStage: 3,
  stalled: false,
  nextFollowUpOn: null,
  followUpOverdue: false,
  tasksDone: 0,
  tasksTotal: 1,
  tags: [],
  version: 2,
  risk: null,
  ...patch,
});

describe('board filters in the URL', () => {
  it('round-trips a state and drops what does not parse', () => {
    const params = new URLSearchParams('pipelineId=p1&ownerId=u1&tag=重点&amountMin=100000&amountMax=abc&closeFrom=2026-01-01&closeTo=tomorrow&stalled=true&overdue=1&lanes=owner');
    const state = boardStateFromParams(params);
    expect(state).toEqual({
      pipelineId: 'p1',
      ownerId: 'u1',
      departmentId: undefined,
      tag: '重点',
      amountMin: 100000,
      amountMax: undefined,
      closeFrom: '2026-01-01',
      closeTo: undefined,
      stalled: true,
      overdue: false,
      swimlanes: true,
    });
    expect(paramsOfBoardState(state).toString()).toBe('pipelineId=p1&ownerId=u1&tag=%E9%87%8D%E7%82%B9&amountMin=100000&closeFrom=2026-01-01&stalled=true&lanes=owner');
    expect(activeFilterCount(state)).toBe(5);
  });

  it('sends only set filters to the API, flags only when on', () => {
    const state = boardStateFromParams(new URLSearchParams('ownerId=u1&lanes=owner'));
    expect(apiFiltersOf({ ...state, pipelineId: 'p1' })).toEqual({ pipelineId: 'p1', ownerId: 'u1' });
    expect(apiFiltersOf({ ...state, overdue: true })).toEqual({ ownerId: 'u1', overdue: true });
  });

  it('links the list with the same pipeline', () => {
    expect(listLinkOf({ pipelineId: 'p1' })).toBe('/opportunities?pipelineId=p1');
    expect(listLinkOf({})).toBe('/opportunities');
  });
});

const refusal = {
  code: 'stage_gate_failed',
  unmet: [
    { code: 'field_required', field: 'amount', message: '请填写「金额」' },
    { code: 'field_required', field: 'custom.budget', message: '请填写「预算」' },
    { code: 'file_required', category: 'quote', message: '请上传「报价单」' },
    { code: 'task_open', key: 'send-quote', titleZh: '发送报价单', titleEn: 'Send the quote', message: '请先完成节点动作「发送报价单」' },
    { code: 'reason_required', message: '需要原因' },
    { code: 'loss_reason_required', message: '请选择输单原因。' },
    { code: 'role_not_allowed', message: '角色不允许' },
    { code: 'skip_not_allowed', skipped: ['s2'], message: '不能跳过阶段：需求分析' },
    { code: 'approval_required', approval: 'discount', message: '需要审批' },
  ],
};

describe('the gate dialog', () => {
  it('maps every unmet item to what the dialog offers for it', () => {
    const items = gateItemsOf(refusal) ?? [];
    expect(items.map((i) => i.kind)).toEqual(['field', 'custom', 'file', 'task', 'reason', 'lossReason', 'blocking', 'blocking', 'blocking']);
    expect(items[1]).toEqual({ kind: 'custom', key: 'budget', message: '请填写「预算」' });
    expect(items[2]).toEqual({ kind: 'file', category: 'quote', message: '请上传「报价单」' });
    expect(blockingItems(items).map((i) => i.message)).toEqual(['角色不允许', '不能跳过阶段：需求分析', '需要审批']);
    expect(new Set(items.map(gateItemKey)).size).toBe(items.length);
  });

  it('is null for other errors, and an unknown field blocks instead of guessing', () => {
    expect(gateItemsOf({ code: 'version_conflict' })).toBeNull();
    expect(gateItemsOf(undefined)).toBeNull();
    expect(gateItemsOf({ code: 'stage_gate_failed', unmet: [{ code: 'field_required', field: 'priority', message: 'x' }] })).toEqual([{ kind: 'blocking', code: 'field_required', message: 'x' }]);
  });

  it('knows which items the answers cover', () => {
    const [amount, custom, file, task, reason, loss] = gateItemsOf(refusal) as GateItem[];
    expect(isAnswered(amount as GateItem, { amount: '0' })).toBe(false);
    expect(isAnswered(amount as GateItem, { amount: '8,800.5' })).toBe(true);
    expect(isAnswered(custom as GateItem, { custom: { budget: 5 } })).toBe(true);
    expect(isAnswered(file as GateItem, { uploaded: ['quote'] })).toBe(true);
    expect(isAnswered(task as GateItem, { ticked: [] })).toBe(false);
    expect(isAnswered(reason as GateItem, { reason: '  ' })).toBe(false);
    expect(isAnswered(loss as GateItem, { lossReason: 'price' })).toBe(true);
  });

  it('builds the move again with only what the items asked for, amounts in minor units', () => {
    const items: GateItem[] = [
      { kind: 'field', field: 'amount', message: '' },
      { kind: 'field', field: 'expectedCloseOn', message: '' },
      { kind: 'field', field: 'tags', message: '' },
      { kind: 'custom', key: 'budget', message: '' },
      { kind: 'lossReason', message: '' },
      { kind: 'file', category: 'quote', message: '' },
    ];
    const result = moveBodyOf(card('d1'), 's9', items, {
      amount: '880,000.5',
      expectedCloseOn: '2027-03-31',
      contactId: 'ignored',
      tags: [' 重点 ', ''],
      custom: { budget: 12_00, other: 'ignored' },
      lossReason: 'price',
      competitor: ' 友商 ',
    });
    expect(result).toEqual({
      ok: true,
      body: {
        version: 2,
        stageId: 's9',
        values: { amount: 88_000_050, expectedCloseOn: '2027-03-31', tags: ['重点'], custom: { budget: 12_00 } },
        lossReason: 'price',
        competitor: '友商',
      },
    });
    expect(moveBodyOf(card('d1'), 's9', [{ kind: 'reason', message: '' }], { reason: ' 客户重新评估 ' })).toEqual({ ok: true, body: { version: 2, stageId: 's9', reason: '客户重新评估' } });
  });

  it('refuses an amount it cannot read rather than guessing', () => {
    const items: GateItem[] = [{ kind: 'field', field: 'amount', message: '' }];
    expect(moveBodyOf(card('d1'), 's9', items, { amount: '12.345' })).toEqual({ ok: false, errors: { 'field:amount': 'amountInvalid' } });
    expect(moveBodyOf(card('d1'), 's9', items, { amount: '9999999999999999' })).toEqual({ ok: false, errors: { 'field:amount': 'amountTooLarge' } });
  });
});

describe('cards in columns', () => {
  it('merges loaded pages without showing a deal twice', () => {
    expect(mergeCards([card('a'), card('b')], [[card('b'), card('c')], [card('d')]]).map((c) => c.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('shows a pending move in its new column only', () => {
    const pending = [{ card: card('a'), toStageId: 's2' }];
    expect(withPending('s1', [card('a'), card('b')], pending).map((c) => c.id)).toEqual(['b']);
    const moved = withPending('s2', [card('x', { stageId: 's2' })], pending);
    expect(moved.map((c) => [c.id, c.stageId])).toEqual([
      ['a', 's2'],
      ['x', 's2'],
    ]);
  });

  it('groups cards by owner, by name, the unowned last', () => {
    const names: Record<string, string> = { u1: '王五', u2: '李四' };
    const lanes = lanesByOwner([card('a'), card('b', { ownerId: null }), card('c', { ownerId: 'u2' }), card('d')], (id) => (id ? (names[id] ?? '?') : '未分配'), 'zh-CN');
    expect(lanes.map((l) => [l.name, l.cards.map((c) => c.id)])).toEqual([
      ['李四', ['c']],
      ['王五', ['a', 'd']],
      ['未分配', ['b']],
    ]);
  });

  it('lays a column out as one list of rows: the cards, or each lane heading followed by its cards', () => {
    const cards = [card('a'), card('b', { ownerId: null }), card('c', { ownerId: 'u2' }), card('d')];
    expect(columnRows(cards).map((r) => r.key)).toEqual(['a', 'b', 'c', 'd']);
    const names: Record<string, string> = { u1: '王五', u2: '李四' };
    const rows = columnRows(cards, { nameOf: (id) => (id ? (names[id] ?? '?') : '未分配'), locale: 'zh-CN' });
    expect(rows.map((r) => (r.kind === 'lane' ? `${r.name} · ${r.count}` : r.card.id))).toEqual(['李四 · 1', 'c', '王五 · 2', 'a', 'd', '未分配 · 1', 'b']);
    // Keys tell rows apart, and a card keeps its key with or without lanes (its measured height is reused).
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    expect(rows.filter((r) => r.kind === 'card').map((r) => r.key)).toEqual(['c', 'a', 'd', 'b']);
    expect(columnRows([], { nameOf: () => '?', locale: 'en' })).toEqual([]);
  });

  it('asks for the next page when the rows in view come within a few of the end', () => {
    expect(nearEnd(5, 20)).toBe(false);
    expect(nearEnd(13, 20)).toBe(false);
    expect(nearEnd(14, 20)).toBe(true);
    expect(nearEnd(19, 20)).toBe(true);
    expect(nearEnd(2, 20, 0)).toBe(false);
    // Nothing to show (every loaded card moved away): load.
    expect(nearEnd(-1, 0)).toBe(true);
  });
});
