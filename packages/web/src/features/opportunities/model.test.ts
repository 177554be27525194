import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import type { AuditEntry } from '@kairos/domain/audit';
import type { Stage } from '@kairos/domain/pipelines';
import { StageRulesSchema } from '@kairos/domain/stage-gates';
import { groupTimeline, type ChangeEvent } from '../../lib/timeline';
import { amountInput, dealAccess, dealAccessOf, describeChange, formatMoney, parseAmount, sumByCurrency, type OpportunityValueContext } from './model';

// A `t` that shows which key and values were asked for, so assertions need no language.
const t = ((key: string, values?: Record<string, unknown>) => (values ? `${key}:${JSON.stringify(values)}` : key)) as unknown as TFunction;
const ZHANG = '0190a000-0000-7000-8000-000000000001';
const LI = '0190a000-0000-7000-8000-000000000002';

describe('amounts', () => {
  it('parses yuan into fen exactly, by strings rather than float maths', () => {
    expect(parseAmount('12.3', 'CNY')).toEqual({ ok: true, minor: 1230 });
    expect(parseAmount('128,000.50', 'CNY')).toEqual({ ok: true, minor: 12_800_050 });
    expect(parseAmount(' 0.07 ', 'CNY')).toEqual({ ok: true, minor: 7 });
    // 1.005 * 100 is 100.49999999999999 in floats; 4.35 * 100 is 434.99999999999994.
    expect(parseAmount('4.35', 'CNY')).toEqual({ ok: true, minor: 435 });
    expect(parseAmount('19.99', 'USD')).toEqual({ ok: true, minor: 1999 });
    expect(parseAmount('１２３.４', 'CNY')).toEqual({ ok: true, minor: 12_340 });
    expect(parseAmount('100.', 'CNY')).toEqual({ ok: true, minor: 10_000 });
    expect(parseAmount('', 'CNY')).toEqual({ ok: true, minor: null });
  });

  it('refuses what is not an amount, rather than guessing', () => {
    for (const bad of ['1.234', '-5', '1e5', 'abc', '1.2.3', '.5']) expect(parseAmount(bad, 'CNY')).toEqual({ ok: false, reason: 'invalid' });
    expect(parseAmount('12.5', 'JPY')).toEqual({ ok: false, reason: 'invalid' });
    expect(parseAmount('1500', 'JPY')).toEqual({ ok: true, minor: 1500 });
    expect(parseAmount('1000000000001', 'CNY')).toEqual({ ok: false, reason: 'tooLarge' });
    expect(parseAmount('99999999999999999999', 'CNY')).toEqual({ ok: false, reason: 'tooLarge' });
    expect(parseAmount('1000000000000', 'CNY')).toEqual({ ok: true, minor: 100_000_000_000_000 });
  });

  it('shows amounts with their currency and turns them back into what the box holds', () => {
    expect(formatMoney(12_800_050, 'CNY', 'zh-CN')).toBe('¥128,000.50');
    expect(formatMoney(5, 'USD', 'en')).toBe('$0.05');
    expect(formatMoney(1500, 'JPY', 'en')).toBe('JP¥1,500');
    expect(amountInput(12_800_050, 'CNY')).toBe('128000.50');
    expect(amountInput(7, 'CNY')).toBe('0.07');
    expect(amountInput(1500, 'JPY')).toBe('1500');
    for (const text of ['0.01', '12.30', '999999.99']) {
      const parsed = parseAmount(text, 'CNY');
      expect(parsed.ok && parsed.minor !== null && amountInput(parsed.minor, 'CNY')).toBe(text);
    }
  });
});

describe('dealAccess', () => {
  const rep = { user: { id: ZHANG, name: '张伟', email: 'z@example.com', locale: 'zh-CN' as const, departmentId: 'd1', roleKeys: ['sales'] }, dataScope: 'own' as const, permissions: ['records.read', 'records.create', 'records.edit', 'records.transfer'] as const };
  const me = { ...rep, permissions: [...rep.permissions] };
  const seat = (access: 'read' | 'edit') => ({ userId: ZHANG, role: 'presales' as const, access, addedAt: '2025-01-01T00:00:00.000Z' });

  it('gives the owner everything their permissions allow, team included', () => {
    expect(dealAccess({ ownerId: ZHANG, departmentId: 'd1', team: [] }, me)).toMatchObject({ edit: true, manageTeam: true, transfer: true, delete: false, followUp: true, seat: null });
  });

  it('lets a read-only team member follow the deal and log follow-ups, nothing more', () => {
    expect(dealAccess({ ownerId: LI, departmentId: 'd2', team: [seat('read')] }, me)).toMatchObject({ edit: false, manageTeam: false, transfer: false, delete: false, followUp: true });
  });

  it('lets an edit team member edit, but not manage the team, transfer or delete', () => {
    expect(dealAccess({ ownerId: LI, departmentId: 'd2', team: [seat('edit')] }, me)).toMatchObject({ edit: true, manageTeam: false, transfer: false, delete: false });
  });

  it('treats a deal seen without a seat as seen through the scope', () => {
    const manager = { ...me, dataScope: 'subtree' as const, permissions: [...me.permissions, 'records.delete' as const] };
    expect(dealAccess({ ownerId: LI, departmentId: 'd9', team: [] }, manager)).toMatchObject({ edit: true, manageTeam: true, transfer: true, delete: true });
    // Seated on a deal of their own department: the scope still applies.
    expect(dealAccess({ ownerId: LI, departmentId: 'd1', team: [seat('read')] }, manager)).toMatchObject({ edit: true, manageTeam: true });
  });
});

describe('the timeline of a deal', () => {
  const stage = (id: string, position: number, outcome: Stage['outcome'] = 'open'): Stage => ({ id, pipelineId: 'p', nameZh: `阶段${id}`, nameEn: `Stage ${id}`, position, probability: 10 * position, outcome, rules: StageRulesSchema.parse({}) });
  const stages = new Map([stage('s1', 0), stage('s3', 2), stage('won', 5, 'won'), stage('lost', 6, 'lost')].map((s) => [s.id, s]));
  const ctx: OpportunityValueContext = { t, locale: 'zh-CN', names: new Map([[ZHANG, '张伟'], [LI, '李娜']]), stages, currency: 'CNY' };
  let seq = 0;
  const event = (action: string, fields: Partial<AuditEntry>[]): ChangeEvent => {
    const items = fields.map((over) => {
      seq += 1;
      const change: AuditEntry = { id: `0190a000-0000-7000-8000-${String(seq).padStart(12, '0')}`, at: '2025-01-02T03:04:05.000Z', actorId: ZHANG, entityType: 'opportunity', entityId: 'o1', action, field: null, before: null, after: null, requestId: 'r1', ...over };
      return { kind: 'change' as const, id: change.id, at: change.at, change };
    });
    const [grouped] = groupTimeline(items);
    if (grouped?.kind !== 'change') throw new Error('expected a change');
    return grouped;
  };

  it('tells stage moves forwards, back, won, lost and reopened, by stage name', () => {
    expect(describeChange(event('move', [{ field: 'stageId', before: 's1', after: 's3' }, { field: 'probability', before: 0, after: 20 }]), ctx)).toEqual([
      'opportunities.timeline.moved:{"from":"阶段s1","to":"阶段s3"}',
    ]);
    expect(describeChange(event('move', [{ field: 'stageId', before: 's3', after: 's1' }]), ctx)).toEqual(['opportunities.timeline.movedBack:{"from":"阶段s3","to":"阶段s1"}']);
    expect(describeChange(event('move', [{ field: 'stageId', before: 's3', after: 'won' }, { field: 'status', before: 'open', after: 'won' }]), ctx)).toEqual([
      'opportunities.timeline.won:{"from":"阶段s3","to":"阶段won"}',
    ]);
    expect(describeChange(event('move', [{ field: 'stageId', before: 's3', after: 'lost' }, { field: 'status', before: 'open', after: 'lost' }]), ctx)[0]).toContain('opportunities.timeline.lost');
    expect(describeChange(event('move', [{ field: 'stageId', before: 'lost', after: 's1' }, { field: 'status', before: 'lost', after: 'open' }]), ctx)[0]).toContain('opportunities.timeline.reopened');
  });

  it('tells team changes with the member by name, role and access', () => {
    expect(describeChange(event('team', [{ field: 'team', before: null, after: { userId: LI, role: 'presales', access: 'read' } }]), ctx)).toEqual([
      'opportunities.timeline.teamAdded:{"name":"李娜","role":"opportunities.teamRole.presales","access":"opportunities.access.read"}',
    ]);
    expect(describeChange(event('team', [{ field: 'team', before: { userId: LI, role: 'presales', access: 'read' }, after: null }]), ctx)).toEqual(['opportunities.timeline.teamRemoved:{"name":"李娜"}']);
    expect(describeChange(event('team', [{ field: 'team', before: { userId: LI, role: 'presales', access: 'read' }, after: { userId: LI, role: 'legal', access: 'edit' } }]), ctx)[0]).toContain('teamChanged');
  });

  it('tells edited amounts as money and a cleared probability as following the stage', () => {
    expect(describeChange(event('update', [{ field: 'amount', before: 100, after: 12_800_050 }, { field: 'probability', before: 60, after: null }]), ctx)).toEqual([
      'timeline.changed:{"field":"opportunities.field.amount","before":"¥1.00","after":"¥128,000.50"}',
      'timeline.changed:{"field":"opportunities.field.probability","before":"60%","after":"opportunities.timeline.probabilityStage"}',
    ]);
  });

  it('tells a transfer by the names of the new and old owner', () => {
    expect(describeChange(event('transfer', [{ field: 'ownerId', before: ZHANG, after: LI }, { field: 'departmentId', before: 'd1', after: 'd2' }]), ctx)).toEqual([
      'opportunities.timeline.transferred:{"to":"李娜"}opportunities.timeline.transferredFrom:{"from":"张伟"}',
    ]);
  });
});

describe('what the viewer may do, from the server', () => {
  const me = { user: { id: LI, departmentId: null }, dataScope: 'own' as const, permissions: ['records.read' as const, 'records.create' as const, 'records.edit' as const] };
  const deal = { ownerId: ZHANG, departmentId: null, team: [{ userId: LI, role: 'presales' as const, access: 'read' as const, addedAt: '2025-01-01T00:00:00.000Z' }] };

  it("follows the deal's `can` over the guess, keeping the seat and follow-ups", () => {
    const access = dealAccessOf({ ...deal, can: { edit: true, delete: false, transfer: false, manageTeam: true } }, me as never);
    expect(access).toMatchObject({ edit: true, manageTeam: true, transfer: false, delete: false, followUp: true });
    expect(access.seat?.userId).toBe(LI);
  });

  it('falls back to the guess when the answer carries no `can`', () => {
    expect(dealAccessOf(deal, me as never)).toEqual(dealAccess(deal, me as never));
    expect(dealAccessOf(deal, me as never).edit).toBe(false);
  });
});

describe('open deals added up', () => {
  it('sums per currency and counts the amounts hidden from the viewer, leaving them out', () => {
    const { totals, hidden } = sumByCurrency([
      { amount: 100_00, currency: 'CNY' },
      { amount: undefined, currency: 'CNY' },
      { amount: 50_00, currency: 'USD' },
      { amount: 25_50, currency: 'CNY' },
    ]);
    expect([...totals]).toEqual([
      ['CNY', 125_50],
      ['USD', 50_00],
    ]);
    expect(hidden).toBe(1);
  });
});
