import { describe, expect, it } from 'vitest';
import i18next, { type TFunction } from 'i18next';
import type { Notification } from '@kairos/domain/notifications';
import { en } from '../../lib/i18n/en';
import { zhCN } from '../../lib/i18n/zh-CN';
import { contactPath, describeNotification, groupByDay, notificationSentence, notificationTarget, relativeTime } from './model';

// The real texts, so the sentences read as a member reads them.
const i18n = i18next.createInstance();
await i18n.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng: 'zh-CN', interpolation: { escapeValue: false }, initAsync: false, showSupportNotice: false });
const zh = i18n.getFixedT('zh-CN') as TFunction;
const english = i18n.getFixedT('en') as TFunction;

const CUSTOMER = '0190a000-0000-7000-8000-000000000c01';
const DEAL = '0190a000-0000-7000-8000-000000000d01';
const CONTACT = '0190a000-0000-7000-8000-000000000e01';

let seq = 0;
function notification(over: Partial<Notification>): Notification {
  seq += 1;
  return {
    id: `0190a000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    kind: 'mention',
    recordType: 'customer',
    recordId: CUSTOMER,
    recordName: '杭州西湖数据科技有限公司',
    actorId: '0190a000-0000-7000-8000-000000000001',
    actorName: '李娜',
    message: null,
    source: null,
    count: null,
    createdAt: '2026-03-02T02:00:00.000Z',
    readAt: null,
    ...over,
  };
}

describe('what a notification says', () => {
  it('tells who asks about which customer, with their words', () => {
    const n = notification({ kind: 'ask_owner', message: '我这边也在跟进这家客户，可否一起协作？' });
    expect(describeNotification(n, zh)).toEqual({ actor: '李娜', text: '询问您负责的客户「杭州西湖数据科技有限公司」：', quote: '我这边也在跟进这家客户，可否一起协作？' });
    expect(notificationSentence(n, english)).toBe('李娜 asked about your customer “杭州西湖数据科技有限公司”:我这边也在跟进这家客户，可否一起协作？');
    // Asked without a message: the sentence stands on its own.
    expect(notificationSentence(notification({ kind: 'ask_owner' }), zh)).toBe('李娜 在查重时发现了您负责的客户「杭州西湖数据科技有限公司」，希望与您协作');
  });

  it('tells a handoff with its note, and a bulk one by count', () => {
    const single = notification({ kind: 'transfer', actorName: '周立新', recordType: 'opportunity', recordId: DEAL, recordName: '华为数据中心扩容', message: '华南区域调整' });
    expect(describeNotification(single, zh)).toEqual({ actor: '周立新', text: '把商机「华为数据中心扩容」转交给您', quote: '备注：华南区域调整' });
    expect(describeNotification(single, english).text).toBe('handed the deal “华为数据中心扩容” over to you');
    const bulk = notification({ kind: 'transfer', actorName: '周立新', recordType: 'opportunity', recordId: null, recordName: null, count: 4 });
    expect(notificationSentence(bulk, zh)).toBe('周立新 把 4 个商机转交给您');
    expect(notificationSentence(bulk, english)).toBe('周立新 handed 4 deals over to you');
    expect(notificationSentence({ ...bulk, recordType: 'customer', count: 1 }, english)).toBe('周立新 handed 1 customer over to you');
  });

  it('tells where a mention was written, with its start', () => {
    const inFollowUp = notification({ kind: 'mention', actorName: '张伟', source: 'followup', message: '客户要求下周二前给出报价' });
    expect(notificationSentence(inFollowUp, zh)).toBe('张伟 在客户「杭州西湖数据科技有限公司」的跟进记录中提到了您：客户要求下周二前给出报价');
    const inComment = notification({ kind: 'mention', actorName: '张伟', source: 'comment', recordType: 'contact', recordId: CONTACT, recordName: '王磊', message: '@李娜 请补充邮箱' });
    expect(describeNotification(inComment, zh).text).toBe('在联系人「王磊」的评论中提到了您：');
    expect(describeNotification(inComment, english).text).toBe('mentioned you in a comment on the contact “王磊”:');
    // Nothing quoted: no dangling colon.
    expect(describeNotification({ ...inComment, message: null }, zh)).toMatchObject({ text: '在联系人「王磊」的评论中提到了您', quote: null });
  });

  it('names the role of a deal-team join in the UI language', () => {
    const n = notification({ kind: 'team_added', actorName: '张伟', recordType: 'opportunity', recordId: DEAL, recordName: '华为数据中心扩容', message: 'presales' });
    expect(notificationSentence(n, zh)).toBe('张伟 把您加入商机「华为数据中心扩容」的团队（售前）');
    expect(notificationSentence(n, english)).toBe('张伟 added you to the team of the deal “华为数据中心扩容” (Presales)');
    expect(notificationSentence({ ...n, message: 'auditor' }, zh)).toBe('张伟 把您加入商机「华为数据中心扩容」的团队（auditor）');
    expect(notificationSentence({ ...n, message: null }, zh)).toBe('张伟 把您加入商机「华为数据中心扩容」的团队');
  });

  it('still reads when the colleague or the record has no name', () => {
    const n = notification({ kind: 'transfer', actorName: null, recordName: null });
    expect(notificationSentence(n, zh)).toBe('某位同事 把客户「（未命名）」转交给您');
  });
});

describe('where a notification opens', () => {
  it("opens a customer's or a deal's own page", () => {
    expect(notificationTarget({ recordType: 'customer', recordId: CUSTOMER })).toEqual({ kind: 'path', path: `/customers/${CUSTOMER}` });
    expect(notificationTarget({ recordType: 'opportunity', recordId: DEAL })).toEqual({ kind: 'path', path: `/opportunities/${DEAL}` });
  });

  it("opens a contact on its customer's page, once the customer is known", () => {
    expect(notificationTarget({ recordType: 'contact', recordId: CONTACT })).toEqual({ kind: 'contact', contactId: CONTACT });
    expect(contactPath(CUSTOMER, CONTACT)).toBe(`/customers/${CUSTOMER}?contact=${CONTACT}`);
  });

  it('opens the list for a bulk handoff', () => {
    expect(notificationTarget({ recordType: 'opportunity', recordId: null })).toEqual({ kind: 'path', path: '/opportunities' });
    expect(notificationTarget({ recordType: 'customer', recordId: null })).toEqual({ kind: 'path', path: '/customers' });
    expect(notificationTarget({ recordType: null, recordId: null })).toBeNull();
  });
});

describe('the inbox by day', () => {
  const at = (createdAt: string) => notification({ createdAt });
  // 2026-03-02 09:30 in Shanghai.
  const now = new Date('2026-03-02T01:30:00.000Z');

  it('sections today, yesterday and earlier by the calendar day in the workspace timezone', () => {
    const items = [
      at('2026-03-02T01:00:00.000Z'), // 09:00 today
      at('2026-03-01T16:30:00.000Z'), // 00:30 today in Shanghai, still yesterday in UTC
      at('2026-03-01T15:30:00.000Z'), // 23:30 yesterday
      at('2026-02-28T03:00:00.000Z'),
      at('2025-12-31T03:00:00.000Z'),
    ];
    const groups = groupByDay(items, now, 'Asia/Shanghai');
    expect(groups.map((g) => [g.group, g.items.length])).toEqual([
      ['today', 2],
      ['yesterday', 1],
      ['earlier', 2],
    ]);
    expect(groups[0]?.items[1]).toBe(items[1]);
    expect(groupByDay([], now, 'Asia/Shanghai')).toEqual([]);
  });

  it('crosses a month and a year end', () => {
    const newYear = new Date('2027-01-01T02:00:00.000Z');
    expect(groupByDay([at('2026-12-31T10:00:00.000Z')], newYear, 'Asia/Shanghai').map((g) => g.group)).toEqual(['yesterday']);
  });
});

describe('when, relative to now', () => {
  const now = new Date('2026-03-02T01:30:00.000Z');
  it('says just now, minutes, hours and days ago, then the date', () => {
    expect(relativeTime('2026-03-02T01:29:30.000Z', now, 'zh-CN', '刚刚')).toBe('刚刚');
    expect(relativeTime('2026-03-02T01:25:00.000Z', now, 'zh-CN', '刚刚')).toBe('5分钟前');
    expect(relativeTime('2026-03-01T22:30:00.000Z', now, 'en', 'just now')).toBe('3 hours ago');
    expect(relativeTime('2026-02-28T01:30:00.000Z', now, 'en', 'just now')).toBe('2 days ago');
    expect(relativeTime('2026-02-01T01:30:00.000Z', now, 'en', 'just now', 'Asia/Shanghai')).toBe('Feb 1, 2026');
  });
});
