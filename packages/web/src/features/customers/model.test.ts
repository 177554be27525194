import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import type { AuditEntry } from '@kairos/domain/audit';
import type { TimelineItem } from '@kairos/domain/timeline';
import { groupTimeline, type ChangeEvent, type ValueContext } from '../../lib/timeline';
import { describeChange } from './model';

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
      'timeline.changed:{"field":"customers.field.phone","before":"13800138000","after":"13900139000"}',
      'timeline.changed:{"field":"customers.field.status","before":"customers.status.prospect","after":"customers.status.active"}',
      'timeline.set:{"field":"customers.field.industry","after":"通信"}',
      'timeline.cleared:{"field":"customers.field.city","before":"深圳市"}',
    ]);
  });

  it('tells a transfer by the names of the new and old owner, with its note', () => {
    const event = changeOf([
      entry({ action: 'transfer', field: 'ownerId', before: ZHANG, after: LI }),
      entry({ action: 'transfer', field: 'note', before: null, after: '交接' }),
    ]);
    expect(describeChange(event, ctx)).toEqual([
      'customers.timeline.transferred:{"to":"李娜"}customers.timeline.transferredFrom:{"from":"张伟"}',
      'timeline.note:{"note":"交接"}',
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

