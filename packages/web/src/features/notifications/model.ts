import type { TFunction } from 'i18next';
import type { RecordType } from '@kairos/domain/common';
import type { Locale } from '@kairos/domain/locale';
import type { Notification } from '@kairos/domain/notifications';
import { DEAL_TEAM_ROLES } from '@kairos/domain/opportunities';
import { formatDate, todayIn } from '../../lib/format';

/** Pure rules of the notification inbox (no React), so they can be unit-tested. */

/**
 * What one notification says: who (shown first, in bold, in both languages), the rest of the sentence,
 * and the words that came with it (the asker's message, the mention's excerpt, the handoff note), if any.
 */
export interface NotificationText {
  actor: string;
  text: string;
  quote: string | null;
}

function isTeamRole(value: string): value is (typeof DEAL_TEAM_ROLES)[number] {
  return (DEAL_TEAM_ROLES as readonly string[]).includes(value);
}

/** A sentence ends in a colon when the quote follows it; without a quote the colon goes. */
function withoutColon(text: string): string {
  return text.replace(/\s*[:：]$/, '');
}

export function describeNotification(n: Notification, t: TFunction): NotificationText {
  const actor = n.actorName || t('notifications.someone');
  const type: RecordType = n.recordType ?? 'customer';
  const record = n.recordName || t('notifications.unnamed');
  const message = n.message?.trim() || null;
  const typeName = t(`notifications.record.${type}`);
  switch (n.kind) {
    case 'ask_owner':
      return message
        ? { actor, text: t('notifications.sentence.askOwner', { record }), quote: message }
        : { actor, text: t('notifications.sentence.askOwnerNoMessage', { record }), quote: null };
    case 'transfer': {
      const note = message ? t('notifications.note', { note: message }) : null;
      if (n.recordId === null) return { actor, text: t(`notifications.sentence.transferBulk.${type}`, { count: n.count ?? 0 }), quote: note };
      return { actor, text: t('notifications.sentence.transfer', { type: typeName, record }), quote: note };
    }
    case 'mention': {
      const text = n.source === 'followup' ? t('notifications.sentence.mentionFollowUp', { type: typeName, record }) : t('notifications.sentence.mentionComment', { type: typeName, record });
      return { actor, text: message ? text : withoutColon(text), quote: message };
    }
    case 'team_added': {
      // The message of a team join is the role key ("presales"); an unknown key shows as itself.
      const role = message ? (isTeamRole(message) ? t(`opportunities.teamRole.${message}`) : message) : null;
      return { actor, text: role ? t('notifications.sentence.teamAdded', { record, role }) : t('notifications.sentence.teamAddedNoRole', { record }), quote: null };
    }
  }
}

/** The whole sentence as one line of text (for accessible names and tests): actor, a space, the rest, then the quote. */
export function notificationSentence(n: Notification, t: TFunction): string {
  const { actor, text, quote } = describeNotification(n, t);
  return quote ? `${actor} ${text}${quote}` : `${actor} ${text}`;
}

/** Where clicking a notification goes: a page, or a contact (whose page is its customer's, found by reading the contact). */
export type NotificationTarget = { kind: 'path'; path: string } | { kind: 'contact'; contactId: string };

const LIST_PATHS: Record<RecordType, string> = { customer: '/customers', contact: '/contacts', opportunity: '/opportunities' };

/**
 * A record's own page; a contact's activity on its customer's page. A bulk handoff names no record,
 * so it opens the list of that record type (the new owner's records are at the top of their own list).
 */
export function notificationTarget(n: Pick<Notification, 'recordType' | 'recordId'>): NotificationTarget | null {
  if (!n.recordType) return null;
  if (!n.recordId) return { kind: 'path', path: LIST_PATHS[n.recordType] };
  const id = encodeURIComponent(n.recordId);
  switch (n.recordType) {
    case 'customer':
      return { kind: 'path', path: `/customers/${id}` };
    case 'opportunity':
      return { kind: 'path', path: `/opportunities/${id}` };
    case 'contact':
      return { kind: 'contact', contactId: n.recordId };
  }
}

/** A contact is read on its customer's page, with its activity open (as a mention of it opens). */
export function contactPath(customerId: string, contactId: string): string {
  return `/customers/${encodeURIComponent(customerId)}?contact=${encodeURIComponent(contactId)}`;
}

export type DayGroup = 'today' | 'yesterday' | 'earlier';

/** The calendar day before `date` (YYYY-MM-DD), in UTC arithmetic so no DST shifts it. */
function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The inbox in sections — today, yesterday, earlier — by the calendar day in the workspace's timezone.
 * The items stay in their order (newest first); empty sections are left out.
 */
export function groupByDay<T extends { createdAt: string }>(items: readonly T[], now: Date, timeZone?: string): { group: DayGroup; items: T[] }[] {
  const today = todayIn(timeZone, now);
  const yesterday = dayBefore(today);
  const groups: { group: DayGroup; items: T[] }[] = [];
  for (const item of items) {
    const day = todayIn(timeZone, new Date(item.createdAt));
    const group: DayGroup = day >= today ? 'today' : day === yesterday ? 'yesterday' : 'earlier';
    const last = groups[groups.length - 1];
    if (last?.group === group) last.items.push(item);
    else groups.push({ group, items: [item] });
  }
  return groups;
}

/** "刚刚", "5 分钟前", "3 hours ago", "2 days ago"; a week or more ago, the date. */
export function relativeTime(iso: string, now: Date, locale: Locale, justNow: string, timeZone?: string): string {
  const seconds = Math.round((now.getTime() - new Date(iso).getTime()) / 1000);
  if (Number.isNaN(seconds)) return iso;
  if (seconds < 60) return justNow;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return format.format(-minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return format.format(-hours, 'hour');
  const days = Math.floor(hours / 24);
  if (days < 7) return format.format(-days, 'day');
  return formatDate(iso, locale, timeZone);
}
