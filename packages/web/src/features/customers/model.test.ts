import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import type { AuditEntry } from '@kairos/domain/audit';
import type { TimelineItem } from '@kairos/domain/timeline';
import { contentLength, daysLeft, describeChange, describeFollowUp, groupTimeline, quickNextDates, type ChangeEvent, type ValueContext } from './model';

// A `t` that shows which key and values were asked for, so assertions need no language.
const t = ((key: string, values?: Record<string, unknown>) => (values ? `${key}:${JSON.stringify(values)}` : key)) as unknown as TFunction;
const ZHANG = '0190a000-0000-7000-8000-000000000001';
const LI = '0190a000-0000-7000-8000-000000000002';
const ctx: ValueContext = { t, locale: 'zh-CN', names: new Map([[ZHANG, '张伟'], [LI, '李娜']]) };

let seq = 0;
function entry(over: Partial<AuditEntry>): TimelineItem {
  seq += 1;
  const change: AuditEntry = {
    id: `0190a000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    at: '2025-01-02T03:04:05.000Z',
    actorId: ZHANG,
    entityType: 'customer',
    entityId: 'c1',
    action: 'update',
    field: null,
    before: null,
    after: null,
    requestId: 'req-1',
    ...over,
  };
  return { kind: 'change', id: change.id, at: change.at, change };
}

function changeOf(items: TimelineItem[]): ChangeEvent {
  const [event] = groupTimeline(items);
  if (event?.kind !== 'change') throw new Error('expected a change');
  return event;
}

describe('daysLeft', () => {
  const day = 86_400_000;
  const now = Date.parse('2025-03-10T12:00:00Z');
  it('counts whole days still restorable', () => {
    expect(daysLeft(new Date(now).toISOString(), 30, now)).toBe(30);
    expect(daysLeft(new Date(now - day - 1000).toISOString(), 30, now)).toBe(29);
    expect(daysLeft(new Date(now - 29.5 * day).toISOString(), 30, now)).toBe(1);
  });
  it('never goes below zero', () => {
    expect(daysLeft(new Date(now - 40 * day).toISOString(), 30, now)).toBe(0);
  });
});

describe('groupTimeline', () => {
  it('puts the rows one request wrote into one event, newest first', () => {
    const rows = [
      entry({ action: 'transfer', field: 'ownerId', before: ZHANG, after: LI, requestId: 'r3' }),
      entry({ action: 'transfer', field: 'departmentId', before: null, after: 'd1', requestId: 'r3' }),
      entry({ field: 'phone', before: '13800138000', after: '13900139000', requestId: 'r2' }),
      entry({ field: 'city', before: null, after: '深圳市', requestId: 'r2' }),
      entry({ action: 'create', requestId: 'r1' }),
    ];
    const events = groupTimeline(rows);
    expect(events.map((e) => (e.kind === 'change' ? [e.action, e.entries.length] : [e.kind]))).toEqual([
      ['transfer', 2],
      ['update', 2],
      ['create', 1],
    ]);
  });
});

describe('describeEvent', () => {
  it('tells field changes with translated names and values', () => {
    const event = changeOf([
      entry({ field: 'phone', before: '13800138000', after: '13900139000' }),
      entry({ field: 'status', before: 'prospect', after: 'active' }),
      entry({ field: 'industry', before: null, after: '通信' }),
      entry({ field: 'city', before: '深圳市', after: null }),
      entry({ field: 'departmentId', before: 'd1', after: 'd2' }),
    ]);
    expect(describeChange(event, ctx)).toEqual([
      'customers.timeline.changed:{"field":"customers.field.phone","before":"13800138000","after":"13900139000"}',
      'customers.timeline.changed:{"field":"customers.field.status","before":"customers.status.prospect","after":"customers.status.active"}',
      'customers.timeline.set:{"field":"customers.field.industry","after":"通信"}',
      'customers.timeline.cleared:{"field":"customers.field.city","before":"深圳市"}',
    ]);
  });

  it('tells a transfer by the names of the new and old owner, with its note', () => {
    const event = changeOf([
      entry({ action: 'transfer', field: 'ownerId', before: ZHANG, after: LI }),
      entry({ action: 'transfer', field: 'note', before: null, after: '交接' }),
    ]);
    expect(describeChange(event, ctx)).toEqual([
      'customers.timeline.transferred:{"to":"李娜"}customers.timeline.transferredFrom:{"from":"张伟"}',
      'customers.timeline.note:{"note":"交接"}',
    ]);
  });

  it('tells create, delete and restore', () => {
    for (const action of ['create', 'delete', 'restore'] as const) {
      const event = changeOf([entry({ action })]);
      const key = { create: 'created', delete: 'deleted', restore: 'restored' }[action];
      expect(describeChange(event, ctx)).toEqual([`customers.timeline.${key}`]);
    }
  });
});

describe('follow-ups on the timeline', () => {
  const followUp = {
    id: '0190a000-0000-7000-8000-0000000000f1',
    targetType: 'customer' as const,
    targetId: 'c1',
    customerId: 'c1',
    type: 'visit' as const,
    occurredAt: '2025-01-03T03:04:05.000Z',
    content: '拜访了采购部，介绍了方案',
    outcome: '对方有兴趣',
    nextStep: '发送报价',
    nextFollowUpOn: '2025-01-10',
    authorId: LI,
    createdAt: '2025-01-03T03:04:05.000Z',
    updatedAt: '2025-01-03T03:04:05.000Z',
    version: 1,
  };

  it('stand on their own between changes, by their author', () => {
    const events = groupTimeline([entry({ field: 'city', requestId: 'r2' }), { kind: 'followup', id: followUp.id, at: followUp.occurredAt, followUp }, entry({ field: 'phone', requestId: 'r2' })]);
    expect(events.map((e) => e.kind)).toEqual(['change', 'followup', 'change']);
    expect(events[1]?.actorId).toBe(LI);
  });

  it('tell what kind of contact it was, its outcome and the next step with its date', () => {
    expect(describeFollowUp(followUp, ctx)).toEqual({
      headline: 'customers.timeline.followUp.visit',
      outcome: 'customers.timeline.outcome:{"outcome":"对方有兴趣"}',
      next: 'customers.timeline.nextStepOn:{"step":"发送报价","date":"2025-01-10"}',
    });
  });
});

describe('follow-up helpers', () => {
  it('offers tomorrow, in three days and next Monday', () => {
    // 2026-11-27 is a Friday.
    expect(quickNextDates('2026-11-27')).toEqual({ tomorrow: '2026-11-28', inThreeDays: '2026-11-30', nextMonday: '2026-11-30' });
    // On a Monday, "next Monday" is a week later; month and year ends roll over.
    expect(quickNextDates('2026-11-30').nextMonday).toBe('2026-12-07');
    expect(quickNextDates('2026-12-31')).toMatchObject({ tomorrow: '2027-01-01', inThreeDays: '2027-01-03', nextMonday: '2027-01-04' });
  });

  it('counts content as the rules do: trimmed, by code point', () => {
    expect(contentLength('  已联系  ')).toBe(3);
    expect(contentLength('👍ok')).toBe(3);
    expect(contentLength(undefined)).toBe(0);
  });
});
