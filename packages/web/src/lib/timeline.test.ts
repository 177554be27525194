import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import type { AuditEntry } from '@kairos/domain/audit';
import type { TimelineItem } from '@kairos/domain/timeline';
import { describeFollowUp, groupTimeline, type ValueContext } from './timeline';

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
    mentions: [],
    attachments: [],
    custom: {},
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
      headline: 'timeline.followUp.visit',
      outcome: 'timeline.outcome:{"outcome":"对方有兴趣"}',
      next: 'timeline.nextStepOn:{"step":"发送报价","date":"2025-01-10"}',
      mentioned: null,
    });
  });

  it('name the colleagues they mentioned, in the UI language', () => {
    expect(describeFollowUp({ ...followUp, mentions: [ZHANG, LI] }, ctx).mentioned).toBe('followUpExtras.mentioned:{"names":"张伟、李娜"}');
    expect(describeFollowUp({ ...followUp, mentions: [LI, 'gone'] }, { ...ctx, locale: 'en' }).mentioned).toBe('followUpExtras.mentioned:{"names":"李娜, timeline.unknown"}');
  });

  it('carry their attachments, which do not show again as uploads of their own', () => {
    const file = (id: string, followUpId: string | null) => ({
      id,
      targetType: 'customer' as const,
      targetId: 'c1',
      customerId: 'c1',
      category: 'quote',
      name: `${id}.pdf`,
      mime: 'application/pdf',
      size: 1200,
      previewable: true,
      uploadedBy: LI,
      followUpId,
      createdAt: '2025-01-03T03:04:00.000Z',
    });
    const attached = file('0190a000-0000-7000-8000-0000000000a1', followUp.id);
    const loose = file('0190a000-0000-7000-8000-0000000000a2', null);
    // Attached to a follow-up not on screen (deleted, or on a later page): still shown as an upload.
    const orphan = file('0190a000-0000-7000-8000-0000000000a3', '0190a000-0000-7000-8000-0000000000f9');
    const events = groupTimeline([
      { kind: 'followup', id: followUp.id, at: followUp.occurredAt, followUp: { ...followUp, attachments: [attached] } },
      { kind: 'file', id: attached.id, at: attached.createdAt, file: attached },
      { kind: 'file', id: loose.id, at: loose.createdAt, file: loose },
      { kind: 'file', id: orphan.id, at: orphan.createdAt, file: orphan },
    ]);
    expect(events.map((e) => e.key)).toEqual([followUp.id, loose.id, orphan.id]);
  });
});


describe('comments on the timeline', () => {
  it('stand on their own between changes, by their author', () => {
    const comment = {
      id: '0190a000-0000-7000-8000-0000000000c1',
      targetType: 'opportunity' as const,
      targetId: 'o1',
      customerId: 'c1',
      body: '@李娜 报价单请今天发出',
      mentions: [LI],
      authorId: ZHANG,
      createdAt: '2025-01-03T03:04:05.000Z',
      updatedAt: '2025-01-03T03:04:05.000Z',
      version: 1,
    };
    const events = groupTimeline([entry({ field: 'city', requestId: 'r2' }), { kind: 'comment', id: comment.id, at: comment.createdAt, comment }, entry({ field: 'phone', requestId: 'r2' })]);
    expect(events.map((e) => e.kind)).toEqual(['change', 'comment', 'change']);
    expect(events[1]?.actorId).toBe(ZHANG);
  });
});
