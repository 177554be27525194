import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import type { AuditEntry } from '@kairos/domain/audit';
import type { ChangeEvent, ValueContext } from '../../lib/timeline';
import { dayStartIn, describeChange, updatedRangeOf, updatedRangeQuery } from './model';

// A `t` that shows which key and values were asked for, so assertions need no language.
const t = ((key: string, values?: Record<string, unknown>) => (values ? `${key}:${JSON.stringify(values)}` : key)) as unknown as TFunction;
const ZHANG = '0190a000-0000-7000-8000-000000000001';
const ctx: ValueContext = { t, locale: 'zh-CN', names: new Map([[ZHANG, '张伟']]) };

function change(action: string, entries: Partial<AuditEntry>[]): ChangeEvent {
  return {
    kind: 'change',
    key: 'k',
    at: '2025-01-02T03:04:05.000Z',
    actorId: ZHANG,
    action,
    entries: entries.map((e, i) => ({ id: `e${i}`, at: '2025-01-02T03:04:05.000Z', actorId: ZHANG, entityType: 'contact', entityId: 'c1', action, field: null, before: null, after: null, requestId: 'r', ...e })),
  };
}

describe("a contact's history", () => {
  it('tells edits with field names and translated roles', () => {
    expect(describeChange(change('update', [{ field: 'decisionRole', before: null, after: 'decision_maker' }, { field: 'title', before: '经理', after: '总监' }]), ctx)).toEqual([
      'timeline.set:{"field":"contacts.field.decisionRole","after":"contacts.role.decision_maker"}',
      'timeline.changed:{"field":"contacts.field.title","before":"经理","after":"总监"}',
    ]);
  });

  it('tells creation, deletion and moves along with the customer', () => {
    expect(describeChange(change('create', [{}]), ctx)).toEqual(['contacts.timeline.created']);
    expect(describeChange(change('transfer', [{ field: 'ownerId', before: null, after: ZHANG }]), ctx)).toEqual(['contacts.timeline.transferredTo:{"to":"张伟"}']);
    expect(describeChange(change('transfer', []), ctx)).toEqual(['contacts.timeline.transferred']);
  });
});

describe("the contact list's update-time filter", () => {
  it('starts a day at midnight in the workspace timezone', () => {
    expect(dayStartIn('2025-03-01', 'Asia/Shanghai')).toBe('2025-03-01T00:00:00+08:00');
    expect(dayStartIn('2025-07-01', 'America/New_York')).toBe('2025-07-01T00:00:00-04:00');
    expect(dayStartIn('2025-03-01', 'UTC')).toBe('2025-03-01T00:00:00+00:00');
  });

  it('includes the last day picked (the server stops before updatedTo)', () => {
    expect(updatedRangeQuery('2025-03-01', '2025-03-31', 'Asia/Shanghai')).toEqual({ updatedFrom: '2025-03-01T00:00:00+08:00', updatedTo: '2025-04-01T00:00:00+08:00' });
    expect(updatedRangeQuery(null, '2025-12-31', 'Asia/Shanghai')).toEqual({ updatedTo: '2026-01-01T00:00:00+08:00' });
    expect(updatedRangeQuery(undefined, undefined, 'Asia/Shanghai')).toEqual({});
  });

  it('reads a saved view back into the days it covers', () => {
    const query = updatedRangeQuery('2025-03-01', '2025-03-31', 'Asia/Shanghai');
    expect(updatedRangeOf(query, 'Asia/Shanghai')).toEqual(['2025-03-01', '2025-03-31']);
    expect(updatedRangeOf({ updatedFrom: 'nonsense' }, 'Asia/Shanghai')).toEqual([null, null]);
  });
});
