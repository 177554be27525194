import type { TFunction } from 'i18next';
import type { AuditEntry } from '@kairos/domain/audit';
import type { FollowUp } from '@kairos/domain/followups';
import type { TimelineItem } from '@kairos/domain/timeline';
import { CUSTOMER_LEVELS, CUSTOMER_SOURCES, CUSTOMER_STATUSES, CUSTOMER_TYPES } from '@kairos/domain/customers';
import type { Locale } from '@kairos/domain/locale';

/** Pure rules of the customer screens (no React), so they can be unit-tested. */

const DAY_MS = 86_400_000;

/** Whole days a deleted customer can still be restored: the server allows it for `recycleDays` after deletion. */
export function daysLeft(deletedAt: string | null, recycleDays: number, now = Date.now()): number {
  if (!deletedAt) return recycleDays;
  const remaining = recycleDays * DAY_MS - (now - new Date(deletedAt).getTime());
  return Math.max(0, Math.ceil(remaining / DAY_MS));
}

/** One change to a customer: the audit rows one request wrote (an edit writes one per field). */
export interface ChangeEvent {
  kind: 'change';
  key: string;
  at: string;
  actorId: string | null;
  action: string;
  entries: AuditEntry[];
}

/** A follow-up someone logged. */
export interface FollowUpEvent {
  kind: 'followup';
  key: string;
  at: string;
  actorId: string;
  followUp: FollowUp;
}

export type TimelineEvent = ChangeEvent | FollowUpEvent;

/** Groups the (newest-first) timeline: the change rows of one request become one event; order is kept. */
export function groupTimeline(items: readonly TimelineItem[]): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const item of items) {
    if (item.kind === 'followup') {
      events.push({ kind: 'followup', key: item.id, at: item.at, actorId: item.followUp.authorId, followUp: item.followUp });
      continue;
    }
    const entry = item.change;
    const last = events[events.length - 1];
    const first = last?.kind === 'change' ? last.entries[0] : undefined;
    const sameChange =
      !!first &&
      first.action === entry.action &&
      first.actorId === entry.actorId &&
      (first.requestId && entry.requestId ? first.requestId === entry.requestId : first.at === entry.at);
    if (last?.kind === 'change' && sameChange) last.entries.push(entry);
    else events.push({ kind: 'change', key: item.id, at: item.at, actorId: entry.actorId, action: entry.action, entries: [entry] });
  }
  return events;
}

const LABELLED_FIELDS = [
  'name',
  'type',
  'uscc',
  'industry',
  'province',
  'city',
  'address',
  'website',
  'phone',
  'source',
  'level',
  'status',
  'tags',
  'ownerId',
  'departmentId',
] as const;
type LabelledField = (typeof LABELLED_FIELDS)[number];

function isLabelled(field: string): field is LabelledField {
  return (LABELLED_FIELDS as readonly string[]).includes(field);
}

/** The field's name in the UI language; an unknown (future) field shows its API name. */
export function fieldLabel(field: string, t: TFunction): string {
  return isLabelled(field) ? t(`customers.field.${field}`) : field;
}

function oneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

export interface ValueContext {
  t: TFunction;
  locale: Locale;
  /** Member id → name (the directory). */
  names: ReadonlyMap<string, string>;
}

/** A value from the history as a person reads it: enum labels translated, owners by name, lists joined. */
export function formatValue(field: string, value: unknown, { t, locale, names }: ValueContext): string {
  if (value === null || value === undefined || value === '') return '';
  if (Array.isArray(value)) return value.map(String).join(locale === 'en' ? ', ' : '、');
  if (field === 'type' && oneOf(CUSTOMER_TYPES, value)) return t(`customers.type.${value}`);
  if (field === 'status' && oneOf(CUSTOMER_STATUSES, value)) return t(`customers.status.${value}`);
  if (field === 'level' && oneOf(CUSTOMER_LEVELS, value)) return t(`customers.level.${value}`);
  if (field === 'source' && oneOf(CUSTOMER_SOURCES, value)) return t(`customers.source.${value}`);
  if (field === 'ownerId' && typeof value === 'string') return names.get(value) ?? t('customers.timeline.unknown');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Who did it, by name. */
export function actorName(actorId: string | null, { t, names }: ValueContext): string {
  if (!actorId) return t('customers.timeline.system');
  return names.get(actorId) ?? t('customers.timeline.unknown');
}

/**
 * The sentences for one change, to follow the actor's name: "changed Phone from … to …", "transferred the
 * customer to …", "created the customer". The department follows the owner, so it is not told separately.
 */
export function describeChange(event: ChangeEvent, ctx: ValueContext): string[] {
  const { t } = ctx;
  switch (event.action) {
    case 'create':
      return [t('customers.timeline.created')];
    case 'delete':
      return [t('customers.timeline.deleted')];
    case 'restore':
      return [t('customers.timeline.restored')];
    case 'transfer': {
      const owner = event.entries.find((e) => e.field === 'ownerId');
      const note = event.entries.find((e) => e.field === 'note');
      const to = formatValue('ownerId', owner?.after, ctx) || t('customers.timeline.unknown');
      const from = formatValue('ownerId', owner?.before, ctx);
      const lines = [t('customers.timeline.transferred', { to }) + (from ? t('customers.timeline.transferredFrom', { from }) : '')];
      if (note && typeof note.after === 'string' && note.after) lines.push(t('customers.timeline.note', { note: note.after }));
      return lines;
    }
    case 'update':
      return event.entries
        .filter((e) => e.field && e.field !== 'departmentId')
        .map((e) => {
          const field = e.field ?? '';
          const label = fieldLabel(field, t);
          const before = formatValue(field, e.before, ctx);
          const after = formatValue(field, e.after, ctx);
          if (!before) return t('customers.timeline.set', { field: label, after });
          if (!after) return t('customers.timeline.cleared', { field: label, before });
          return t('customers.timeline.changed', { field: label, before, after });
        });
    default:
      return [t('customers.timeline.other', { action: event.action })];
  }
}

/** The headline of a follow-up ("logged a visit"); its content, outcome and next step are shown below it. */
export function describeFollowUp(followUp: FollowUp, { t }: ValueContext): { headline: string; outcome: string | null; next: string | null } {
  const step = followUp.nextStep;
  return {
    headline: t(`customers.timeline.followUp.${followUp.type}`),
    outcome: followUp.outcome ? t('customers.timeline.outcome', { outcome: followUp.outcome }) : null,
    next: step
      ? followUp.nextFollowUpOn
        ? t('customers.timeline.nextStepOn', { step, date: followUp.nextFollowUpOn })
        : t('customers.timeline.nextStep', { step })
      : null,
  };
}

/** A calendar date (YYYY-MM-DD) moved by whole days; computed in UTC so no timezone or DST shifts it. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The quick picks for the next follow-up date, from today (in the workspace's timezone): tomorrow, in 3 days, next Monday. */
export function quickNextDates(today: string): { tomorrow: string; inThreeDays: string; nextMonday: string } {
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay(); // 0 = Sunday … 6 = Saturday
  const untilMonday = (8 - weekday) % 7 || 7;
  return { tomorrow: addDays(today, 1), inThreeDays: addDays(today, 3), nextMonday: addDays(today, untilMonday) };
}

/** Characters as the follow-up rules count them: trimmed, by code point (an emoji or a 汉字 is one). */
export function contentLength(content: string | null | undefined): number {
  return [...(content ?? '').trim()].length;
}

/** The message for a follow-up rule the entry breaks (codes from the domain's `checkFollowUp` and the server). */
export function followUpRuleMessage(code: string, minContentLength: number, t: TFunction): string {
  switch (code) {
    case 'followup_too_short':
      return t('followUps.rule.tooShort', { n: minContentLength });
    case 'followup_next_step_required':
      return t('followUps.rule.nextStepRequired');
    case 'followup_next_date_required':
      return t('followUps.rule.nextDateRequired');
    case 'in_future':
      return t('followUps.rule.inFuture');
    default:
      return t('validation.invalid');
  }
}
