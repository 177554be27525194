import type { TFunction } from 'i18next';
import { DECISION_ROLES } from '@kairos/domain/contacts';
import { todayIn } from '../../lib/format';
import { describeFieldChanges, memberName, plainValue, type ChangeEvent, type ValueContext } from '../../lib/timeline';

/** Pure rules of the contact screens (no React), so they can be unit-tested. */

const LABELLED_FIELDS = ['name', 'title', 'mobile', 'phone', 'email', 'wechat', 'decisionRole', 'tags', 'customerId'] as const;
type LabelledField = (typeof LABELLED_FIELDS)[number];

function isLabelled(field: string): field is LabelledField {
  return (LABELLED_FIELDS as readonly string[]).includes(field);
}

/** The field's name in the UI language; an unknown (future) field shows its API name. */
export function fieldLabel(field: string, t: TFunction): string {
  return isLabelled(field) ? t(`contacts.field.${field}`) : field;
}

/** A value from the history as a person reads it: the decision role translated, lists joined. */
export function formatValue(field: string, value: unknown, ctx: ValueContext): string {
  if (field === 'decisionRole' && typeof value === 'string' && (DECISION_ROLES as readonly string[]).includes(value)) return ctx.t(`contacts.role.${value as (typeof DECISION_ROLES)[number]}`);
  return plainValue(value, ctx.locale);
}

/** The sentences for one change to a contact, to follow the actor's name. */
export function describeChange(event: ChangeEvent, ctx: ValueContext): string[] {
  const { t } = ctx;
  switch (event.action) {
    case 'create':
      return [t('contacts.timeline.created')];
    case 'delete':
      return [t('contacts.timeline.deleted')];
    case 'restore':
      return [t('contacts.timeline.restored')];
    case 'transfer': {
      // Contacts move with their customer; the owner they follow is told, when it is known.
      const owner = event.entries.find((e) => e.field === 'ownerId');
      const to = memberName(owner?.after, ctx);
      return [to ? t('contacts.timeline.transferredTo', { to }) : t('contacts.timeline.transferred')];
    }
    case 'update':
      return describeFieldChanges(
        event,
        ctx,
        (field) => fieldLabel(field, t),
        (field, value) => formatValue(field, value, ctx),
      );
    default:
      return [t('timeline.other', { action: event.action })];
  }
}

// ---------- the list's "updated" filter ----------

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The timezone's offset from UTC at an instant, as ISO writes it ("+08:00"; "+00:00" when unknown). */
function offsetAt(instant: Date, timeZone: string): string {
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? '';
    const match = /GMT([+-]\d{2}):?(\d{2})?/.exec(name);
    return match ? `${match[1]}:${match[2] ?? '00'}` : '+00:00';
  } catch {
    return '+00:00';
  }
}

/** The first instant of a calendar day (YYYY-MM-DD) in the workspace's timezone, with its offset ("2025-03-01T00:00:00+08:00"). */
export function dayStartIn(date: string, timeZone: string): string {
  // The offset of that day's noon: far from the transitions, which happen at night.
  return `${date}T00:00:00${offsetAt(new Date(`${date}T12:00:00Z`), timeZone)}`;
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The list's `updatedFrom` / `updatedTo` for the days picked, both included, in the workspace's timezone:
 * the server's `updatedTo` is exclusive, so it is the start of the day after the last one.
 */
export function updatedRangeQuery(from: string | null | undefined, to: string | null | undefined, timeZone: string): { updatedFrom?: string; updatedTo?: string } {
  return {
    ...(from && DAY.test(from) ? { updatedFrom: dayStartIn(from, timeZone) } : {}),
    ...(to && DAY.test(to) ? { updatedTo: dayStartIn(nextDay(to), timeZone) } : {}),
  };
}

/** The other way, for a saved view: the first and last day its `updatedFrom` / `updatedTo` cover (null where unset or unreadable). */
export function updatedRangeOf(filters: { updatedFrom?: string; updatedTo?: string }, timeZone: string): [string | null, string | null] {
  const dayOf = (iso: string | undefined, shiftMs = 0) => {
    const time = iso ? Date.parse(iso) : NaN;
    return Number.isNaN(time) ? null : todayIn(timeZone, new Date(time - shiftMs));
  };
  return [dayOf(filters.updatedFrom), dayOf(filters.updatedTo, 1)];
}
