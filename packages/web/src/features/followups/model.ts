import type { TFunction } from 'i18next';
import { IdSchema } from '@kairos/domain/common';
import { FOLLOW_UP_TYPES, type FollowUp, type FollowUpListQuery } from '@kairos/domain/followups';
import type { Locale } from '@kairos/domain/locale';
import { addDays } from '../../lib/followups';
import { todayIn } from '../../lib/format';

/** Pure rules of the follow-ups page (跟进): filters ⇄ URL, date ranges in the workspace's timezone, the feed by day. */

export type FollowUpType = FollowUp['type'];
export type FeedSort = FollowUpListQuery['sort'];
export const DEFAULT_SORT: FeedSort = '-occurredAt';

export const PERIOD_PRESETS = ['today', 'week', 'month'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** When the follow-ups happened: a preset that moves with the calendar (a link to "this week" stays this week), or fixed days. */
export type Period = { kind: 'preset'; preset: PeriodPreset } | { kind: 'custom'; from: string | null; to: string | null };

export interface FeedFilters {
  authorId?: string;
  type?: FollowUpType;
  period?: Period;
  sort: FeedSort;
}

// ---------- filters ⇄ URL ----------

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written YYYY-MM-DD (not 2026-02-30). */
export function isCalendarDay(value: string | null | undefined): value is string {
  if (!value || !DAY.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

/**
 * The filters a link carries: `author`, `type`, `period` (today|week|month) or `from`/`to` (days), and
 * `sort=occurredAt` for oldest first. Anything unreadable is left out rather than failing the page.
 */
export function filtersFromSearch(params: URLSearchParams): FeedFilters {
  const filters: FeedFilters = { sort: oneOf(['-occurredAt', 'occurredAt'] as const, params.get('sort')) ?? DEFAULT_SORT };
  const author = params.get('author');
  if (author && IdSchema.safeParse(author).success) filters.authorId = author;
  const type = oneOf(FOLLOW_UP_TYPES, params.get('type'));
  if (type) filters.type = type;
  const preset = oneOf(PERIOD_PRESETS, params.get('period'));
  if (preset) {
    filters.period = { kind: 'preset', preset };
  } else {
    const from = params.get('from');
    const to = params.get('to');
    const fromDay = isCalendarDay(from) ? from : null;
    const toDay = isCalendarDay(to) ? to : null;
    // A range typed backwards means the same days.
    if (fromDay && toDay && fromDay > toDay) filters.period = { kind: 'custom', from: toDay, to: fromDay };
    else if (fromDay || toDay) filters.period = { kind: 'custom', from: fromDay, to: toDay };
  }
  return filters;
}

/** The link's query for these filters; the defaults are left out, so the plain page is plain `/followups`. */
export function searchFromFilters(filters: FeedFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.authorId) params.set('author', filters.authorId);
  if (filters.type) params.set('type', filters.type);
  const { period } = filters;
  if (period?.kind === 'preset') params.set('period', period.preset);
  if (period?.kind === 'custom') {
    if (period.from) params.set('from', period.from);
    if (period.to) params.set('to', period.to);
  }
  if (filters.sort !== DEFAULT_SORT) params.set('sort', filters.sort);
  return params;
}

/** How many filters narrow the feed (the sort does not). */
export function activeFilterCount(filters: FeedFilters): number {
  return (filters.authorId ? 1 : 0) + (filters.type ? 1 : 0) + (filters.period ? 1 : 0);
}

// ---------- days in the workspace's timezone ----------

/** The weekday of a calendar day, 1 = Monday … 7 = Sunday. */
function isoWeekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
}

/** The first and last day a preset covers, from today: weeks start on Monday (as in China), months on the 1st. */
export function presetDays(preset: PeriodPreset, today: string): { from: string; to: string } {
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'week': {
      const monday = addDays(today, 1 - isoWeekday(today));
      return { from: monday, to: addDays(monday, 6) };
    }
    case 'month': {
      const first = `${today.slice(0, 8)}01`;
      const [year, month] = today.split('-').map(Number) as [number, number];
      const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
      return { from: first, to: last };
    }
  }
}

/** How far the timezone is ahead of UTC at that instant, in ms (Asia/Shanghai: +8 h). */
function offsetAt(instant: number, timeZone: string | undefined): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a calendar day begins in the timezone, as an ISO timestamp (2026-03-02 in Asia/Shanghai →
 * 2026-03-01T16:00:00.000Z). Checked a second time at the found instant, so a DST change that day is right.
 */
export function startOfDayIn(day: string, timeZone: string | undefined): string {
  const midnight = Date.parse(`${day}T00:00:00Z`);
  try {
    const first = midnight - offsetAt(midnight, timeZone);
    return new Date(midnight - offsetAt(first, timeZone)).toISOString();
  } catch {
    // An unknown timezone name: the browser's own, as the dates on screen do.
    return startOfDayIn(day, undefined);
  }
}

/** The days a period covers (either end may be open). */
export function periodDays(period: Period, today: string): { from: string | null; to: string | null } {
  return period.kind === 'preset' ? presetDays(period.preset, today) : { from: period.from, to: period.to };
}

/**
 * The list query for the filters: whole days in the workspace's timezone, `occurredTo` being the start of
 * the day after the last one (the API's end is exclusive).
 */
export function listQueryOf(filters: FeedFilters, today: string, timeZone: string | undefined): Pick<FollowUpListQuery, 'authorId' | 'type' | 'occurredFrom' | 'occurredTo' | 'sort'> {
  const query: Pick<FollowUpListQuery, 'authorId' | 'type' | 'occurredFrom' | 'occurredTo' | 'sort'> = { sort: filters.sort };
  if (filters.authorId) query.authorId = filters.authorId;
  if (filters.type) query.type = filters.type;
  if (filters.period) {
    const { from, to } = periodDays(filters.period, today);
    if (from) query.occurredFrom = startOfDayIn(from, timeZone);
    if (to) query.occurredTo = startOfDayIn(addDays(to, 1), timeZone);
  }
  return query;
}

// ---------- the feed ----------

export interface DayGroup<T> {
  /** YYYY-MM-DD in the workspace's timezone. */
  day: string;
  items: T[];
}

/** Consecutive follow-ups on the same calendar day (in the timezone) under one heading; the order is kept, either way it runs. */
export function groupByDay<T extends Pick<FollowUp, 'occurredAt'>>(items: readonly T[], timeZone: string | undefined): DayGroup<T>[] {
  const groups: DayGroup<T>[] = [];
  for (const item of items) {
    const day = todayIn(timeZone, new Date(item.occurredAt));
    const last = groups[groups.length - 1];
    if (last?.day === day) last.items.push(item);
    else groups.push({ day, items: [item] });
  }
  return groups;
}

/** A day's heading: 今天, 昨天, else the date with its weekday (and the year when it is not this year's). */
export function dayHeading(day: string, today: string, locale: Locale, t: TFunction): string {
  if (day === today) return t('followupsPage.day.today');
  if (day === addDays(today, -1)) return t('followupsPage.day.yesterday');
  return formatDay(day, locale, { weekday: true, year: day.slice(0, 4) !== today.slice(0, 4) });
}

/** A calendar day as people write it (3月2日 / Mar 2), whatever the viewer's timezone. */
export function formatDay(day: string, locale: Locale, { weekday = false, year = false } = {}): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'short', day: 'numeric', weekday: weekday ? 'short' : undefined, year: year ? 'numeric' : undefined }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

/** The time of day of a moment in the timezone (14:30), for entries already under their day. */
export function formatTime(iso: string, locale: Locale, timeZone: string | undefined): string {
  try {
    return new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(new Date(iso));
  }
}

/** A period as its chip says it: 本周, or 3月1日 – 3月15日 (an open end reads "from …" / "until …"). */
export function describePeriod(period: Period, locale: Locale, t: TFunction): string {
  if (period.kind === 'preset') return t(`followupsPage.period.${period.preset}`);
  const from = period.from ? formatDay(period.from, locale) : null;
  const to = period.to ? formatDay(period.to, locale) : null;
  if (from && to) return from === to ? from : `${from} – ${to}`;
  if (from) return t('followupsPage.period.since', { date: from });
  return t('followupsPage.period.until', { date: to ?? '' });
}

/**
 * Where a follow-up's record is read: a deal's or a customer's page; a contact has no page of its own, so
 * its customer's page with the contact's activity open — the same link a comment mention opens.
 */
export function recordLink(followUp: Pick<FollowUp, 'targetType' | 'targetId' | 'customerId'>): string {
  switch (followUp.targetType) {
    case 'opportunity':
      return `/opportunities/${encodeURIComponent(followUp.targetId)}`;
    case 'customer':
      return `/customers/${encodeURIComponent(followUp.targetId)}`;
    case 'contact':
      return `/customers/${encodeURIComponent(followUp.customerId)}?contact=${encodeURIComponent(followUp.targetId)}`;
  }
}

/**
 * The records a page of follow-ups is about, each id once, by type. Customers only for entries on a
 * customer: a deal or a contact names its own customer.
 */
export function recordIdsOf(followUps: readonly Pick<FollowUp, 'targetType' | 'targetId'>[]): Record<FollowUp['targetType'], string[]> {
  const ids = { customer: new Set<string>(), opportunity: new Set<string>(), contact: new Set<string>() };
  for (const f of followUps) ids[f.targetType].add(f.targetId);
  // Sorted, so the same records make the same (cached) request whatever order they came in.
  return { customer: [...ids.customer].sort(), opportunity: [...ids.opportunity].sort(), contact: [...ids.contact].sort() };
}

/**
 * What an entry's next date means now: `upcoming` (today or later), `overdue` (past, and still the record's
 * next follow-up — nobody followed up since), or `past` (a later follow-up or a closed deal settled it).
 * `recordNext` is the record's current next date; `undefined` when it is not known (the record could not
 * be read), in which case a past date counts as overdue.
 */
export type NextState = 'upcoming' | 'overdue' | 'past';
export function nextState(nextOn: string | null, today: string, recordNext: string | null | undefined, closed = false): NextState | null {
  if (!nextOn) return null;
  if (nextOn >= today) return 'upcoming';
  if (closed) return 'past';
  return recordNext === undefined || recordNext === nextOn ? 'overdue' : 'past';
}
