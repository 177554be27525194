import { describe, expect, it } from 'vitest';
import i18next, { type TFunction } from 'i18next';
import { en } from '../../lib/i18n/en';
import { zhCN } from '../../lib/i18n/zh-CN';
import {
  activeFilterCount,
  dayHeading,
  describePeriod,
  filtersFromSearch,
  groupByDay,
  isCalendarDay,
  listQueryOf,
  nextState,
  presetDays,
  recordIdsOf,
  recordLink,
  searchFromFilters,
  startOfDayIn,
  type FeedFilters,
} from './model';

const i18n = i18next.createInstance();
await i18n.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng: 'zh-CN', interpolation: { escapeValue: false }, initAsync: false, showSupportNotice: false });
const zh = i18n.getFixedT('zh-CN') as TFunction;
const english = i18n.getFixedT('en') as TFunction;

const SHANGHAI = 'Asia/Shanghai';
const AUTHOR = '0190a000-0000-7000-8000-000000000001';
const CUSTOMER = '0190a000-0000-7000-8000-000000000c01';
const CUSTOMER_2 = '0190a000-0000-7000-8000-000000000c02';
const DEAL = '0190a000-0000-7000-8000-000000000d01';
const CONTACT = '0190a000-0000-7000-8000-000000000e01';

const search = (query: string) => new URLSearchParams(query);

describe('filters in the link', () => {
  it('reads every filter a link carries', () => {
    expect(filtersFromSearch(search(`author=${AUTHOR}&type=visit&period=week&sort=occurredAt`))).toEqual({
      authorId: AUTHOR,
      type: 'visit',
      period: { kind: 'preset', preset: 'week' },
      sort: 'occurredAt',
    });
    expect(filtersFromSearch(search('from=2026-03-01&to=2026-03-15'))).toEqual({ sort: '-occurredAt', period: { kind: 'custom', from: '2026-03-01', to: '2026-03-15' } });
  });

  it('writes only what differs from the plain page, and reads back the same filters', () => {
    expect(searchFromFilters({ sort: '-occurredAt' }).toString()).toBe('');
    const cases: FeedFilters[] = [
      { sort: '-occurredAt', authorId: AUTHOR },
      { sort: 'occurredAt', type: 'wechat', period: { kind: 'preset', preset: 'today' } },
      { sort: '-occurredAt', period: { kind: 'custom', from: '2026-03-01', to: null } },
      { sort: '-occurredAt', authorId: AUTHOR, type: 'call', period: { kind: 'custom', from: '2026-02-01', to: '2026-02-28' } },
    ];
    for (const filters of cases) expect(filtersFromSearch(searchFromFilters(filters))).toEqual(filters);
    expect(searchFromFilters({ sort: 'occurredAt', type: 'call', period: { kind: 'preset', preset: 'month' } }).toString()).toBe('type=call&period=month&sort=occurredAt');
  });

  it('leaves out what it cannot read instead of failing the page', () => {
    expect(filtersFromSearch(search('author=me&type=fax&period=year&sort=name&from=2026-02-30&to=soon'))).toEqual({ sort: '-occurredAt' });
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2028-02-29')).toBe(true);
  });

  it('puts a range typed backwards the right way round, and a preset wins over fixed days', () => {
    expect(filtersFromSearch(search('from=2026-03-15&to=2026-03-01')).period).toEqual({ kind: 'custom', from: '2026-03-01', to: '2026-03-15' });
    expect(filtersFromSearch(search('period=today&from=2026-03-01')).period).toEqual({ kind: 'preset', preset: 'today' });
  });

  it('counts the filters that narrow the feed, not the order', () => {
    expect(activeFilterCount({ sort: 'occurredAt' })).toBe(0);
    expect(activeFilterCount({ sort: '-occurredAt', authorId: AUTHOR, type: 'call', period: { kind: 'preset', preset: 'today' } })).toBe(3);
  });
});

describe('date presets', () => {
  it('covers today, the week from Monday to Sunday, and the calendar month', () => {
    // 2026-03-04 is a Wednesday.
    expect(presetDays('today', '2026-03-04')).toEqual({ from: '2026-03-04', to: '2026-03-04' });
    expect(presetDays('week', '2026-03-04')).toEqual({ from: '2026-03-02', to: '2026-03-08' });
    expect(presetDays('month', '2026-03-04')).toEqual({ from: '2026-03-01', to: '2026-03-31' });
  });

  it('keeps a Sunday in the week that began on Monday, and knows how long February is', () => {
    expect(presetDays('week', '2026-03-08')).toEqual({ from: '2026-03-02', to: '2026-03-08' });
    expect(presetDays('week', '2026-03-02')).toEqual({ from: '2026-03-02', to: '2026-03-08' });
    // A week across the turn of the year.
    expect(presetDays('week', '2027-01-01')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    expect(presetDays('month', '2026-02-10')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetDays('month', '2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it('starts a day at midnight in the workspace timezone, also on a DST change', () => {
    expect(startOfDayIn('2026-03-02', SHANGHAI)).toBe('2026-03-01T16:00:00.000Z');
    expect(startOfDayIn('2026-03-02', 'UTC')).toBe('2026-03-02T00:00:00.000Z');
    // New York moves from UTC−5 to UTC−4 on 2026-03-08 at 02:00, after midnight.
    expect(startOfDayIn('2026-03-08', 'America/New_York')).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfDayIn('2026-03-09', 'America/New_York')).toBe('2026-03-09T04:00:00.000Z');
    // São Paulo once skipped midnight itself (2018-11-04 began at 01:00, UTC−2).
    expect(startOfDayIn('2018-11-04', 'America/Sao_Paulo')).toBe('2018-11-04T02:00:00.000Z');
  });

  it('asks the API for whole days: from the first midnight to the midnight after the last day', () => {
    const today = '2026-03-04';
    expect(listQueryOf({ sort: '-occurredAt', period: { kind: 'preset', preset: 'today' } }, today, SHANGHAI)).toEqual({
      sort: '-occurredAt',
      occurredFrom: '2026-03-03T16:00:00.000Z',
      occurredTo: '2026-03-04T16:00:00.000Z',
    });
    expect(listQueryOf({ sort: 'occurredAt', authorId: AUTHOR, type: 'visit', period: { kind: 'preset', preset: 'week' } }, today, SHANGHAI)).toEqual({
      sort: 'occurredAt',
      authorId: AUTHOR,
      type: 'visit',
      occurredFrom: '2026-03-01T16:00:00.000Z',
      occurredTo: '2026-03-08T16:00:00.000Z',
    });
    expect(listQueryOf({ sort: '-occurredAt', period: { kind: 'custom', from: null, to: '2026-02-28' } }, today, SHANGHAI)).toEqual({
      sort: '-occurredAt',
      occurredTo: '2026-02-28T16:00:00.000Z',
    });
    expect(listQueryOf({ sort: '-occurredAt' }, today, SHANGHAI)).toEqual({ sort: '-occurredAt' });
  });

  it('says the period on its chip', () => {
    expect(describePeriod({ kind: 'preset', preset: 'week' }, 'zh-CN', zh)).toBe('本周');
    expect(describePeriod({ kind: 'custom', from: '2026-03-01', to: '2026-03-15' }, 'zh-CN', zh)).toBe('3月1日 – 3月15日');
    expect(describePeriod({ kind: 'custom', from: '2026-03-01', to: '2026-03-01' }, 'en', english)).toBe('Mar 1');
    expect(describePeriod({ kind: 'custom', from: '2026-03-01', to: null }, 'en', english)).toBe('Since Mar 1');
    expect(describePeriod({ kind: 'custom', from: null, to: '2026-03-15' }, 'zh-CN', zh)).toBe('至 3月15日');
  });
});

describe('the feed by day', () => {
  const at = (occurredAt: string, id = occurredAt) => ({ id, occurredAt });

  it('puts follow-ups under the day they happened in the workspace timezone', () => {
    // 2026-03-03T17:00Z is already 01:00 on 4 March in Shanghai, but still 3 March in UTC.
    const items = [at('2026-03-04T02:00:00Z'), at('2026-03-03T17:00:00Z'), at('2026-03-03T15:59:00Z'), at('2026-03-01T03:00:00Z')];
    expect(groupByDay(items, SHANGHAI).map((g) => [g.day, g.items.length])).toEqual([
      ['2026-03-04', 2],
      ['2026-03-03', 1],
      ['2026-03-01', 1],
    ]);
    expect(groupByDay(items, 'UTC').map((g) => [g.day, g.items.length])).toEqual([
      ['2026-03-04', 1],
      ['2026-03-03', 2],
      ['2026-03-01', 1],
    ]);
  });

  it('keeps the order, oldest first too', () => {
    const items = [at('2026-03-01T03:00:00Z', 'a'), at('2026-03-01T09:00:00Z', 'b'), at('2026-03-02T01:00:00Z', 'c')];
    const groups = groupByDay(items, SHANGHAI);
    expect(groups.map((g) => g.day)).toEqual(['2026-03-01', '2026-03-02']);
    expect(groups[0]?.items.map((i) => i.id)).toEqual(['a', 'b']);
    expect(groupByDay([], SHANGHAI)).toEqual([]);
  });

  it('heads the days 今天, 昨天, then the date with its weekday, with the year only for another year', () => {
    const today = '2026-03-04';
    expect(dayHeading('2026-03-04', today, 'zh-CN', zh)).toBe('今天');
    expect(dayHeading('2026-03-03', today, 'zh-CN', zh)).toBe('昨天');
    expect(dayHeading('2026-03-02', today, 'zh-CN', zh)).toBe('3月2日周一');
    expect(dayHeading('2026-03-03', today, 'en', english)).toBe('Yesterday');
    expect(dayHeading('2026-03-02', today, 'en', english)).toBe('Mon, Mar 2');
    expect(dayHeading('2025-12-31', today, 'en', english)).toBe('Wed, Dec 31, 2025');
    expect(dayHeading('2025-12-31', today, 'zh-CN', zh)).toBe('2025年12月31日周三');
    // Yesterday across a month boundary.
    expect(dayHeading('2026-02-28', '2026-03-01', 'zh-CN', zh)).toBe('昨天');
  });
});

describe('the record an entry is about', () => {
  it('links a customer and a deal to their pages, and a contact to its customer with its activity open', () => {
    expect(recordLink({ targetType: 'customer', targetId: CUSTOMER, customerId: CUSTOMER })).toBe(`/customers/${CUSTOMER}`);
    expect(recordLink({ targetType: 'opportunity', targetId: DEAL, customerId: CUSTOMER })).toBe(`/opportunities/${DEAL}`);
    expect(recordLink({ targetType: 'contact', targetId: CONTACT, customerId: CUSTOMER })).toBe(`/customers/${CUSTOMER}?contact=${CONTACT}`);
  });

  it('reads each record once per page, by type', () => {
    const ids = recordIdsOf([
      { targetType: 'customer', targetId: CUSTOMER_2 },
      { targetType: 'opportunity', targetId: DEAL },
      { targetType: 'customer', targetId: CUSTOMER },
      { targetType: 'contact', targetId: CONTACT },
      { targetType: 'opportunity', targetId: DEAL },
      { targetType: 'customer', targetId: CUSTOMER_2 },
    ]);
    expect(ids).toEqual({ customer: [CUSTOMER, CUSTOMER_2], opportunity: [DEAL], contact: [CONTACT] });
  });
});

describe('the next follow-up date of an entry', () => {
  const today = '2026-03-04';
  it('is upcoming from today on', () => {
    expect(nextState('2026-03-04', today, '2026-03-04')).toBe('upcoming');
    expect(nextState('2026-03-10', today, '2026-03-20')).toBe('upcoming');
  });

  it('is overdue when past and still the record’s next date, or when the record cannot be read', () => {
    expect(nextState('2026-03-01', today, '2026-03-01')).toBe('overdue');
    expect(nextState('2026-03-01', today, undefined)).toBe('overdue');
  });

  it('is only past once a later follow-up moved the record on, or the deal closed', () => {
    expect(nextState('2026-03-01', today, '2026-03-06')).toBe('past');
    expect(nextState('2026-03-01', today, null)).toBe('past');
    expect(nextState('2026-03-01', today, '2026-03-01', true)).toBe('past');
    expect(nextState(null, today, '2026-03-01')).toBeNull();
  });
});
