import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import type { AuditEntry } from '@kairos/domain/audit';
import type { ChangeEvent, ValueContext } from '../../lib/timeline';
import { describeChange } from './model';

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
