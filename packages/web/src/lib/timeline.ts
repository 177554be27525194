import type { TFunction } from 'i18next';
import type { AuditEntry } from '@kairos/domain/audit';
import type { Comment } from '@kairos/domain/comments';
import type { FollowUp } from '@kairos/domain/followups';
import type { Locale } from '@kairos/domain/locale';
import type { TimelineItem } from '@kairos/domain/timeline';

/**
 * Pure rules of a record's timeline (customers, opportunities, contacts): grouping the audit rows of one
 * request into one event, and the sentences every record tells the same way. What is particular to a
 * record (its field names, its actions) is told by its feature's `describeChange`.
 */

/** One change to a record: the audit rows one request wrote (an edit writes one per field). */
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

/** A comment someone left (shown as written; mentions are already names in its text). */
export interface CommentEvent {
  kind: 'comment';
  key: string;
  at: string;
  actorId: string;
  comment: Comment;
}

/** A file someone attached to the record. */
export interface FileEvent {
  kind: 'file';
  key: string;
  at: string;
  actorId: string;
  file: Extract<TimelineItem, { kind: 'file' }>['file'];
}

export type TimelineEvent = ChangeEvent | FollowUpEvent | CommentEvent | FileEvent;

/**
 * Groups the (newest-first) timeline: the change rows of one request become one event; a file attached
 * to a follow-up on screen is shown with that follow-up rather than on its own; order is kept.
 */
export function groupTimeline(items: readonly TimelineItem[]): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  const followUps = new Set(items.flatMap((item) => (item.kind === 'followup' ? [item.followUp.id] : [])));
  for (const item of items) {
    if (item.kind === 'followup') {
      events.push({ kind: 'followup', key: item.id, at: item.at, actorId: item.followUp.authorId, followUp: item.followUp });
      continue;
    }
    if (item.kind === 'comment') {
      events.push({ kind: 'comment', key: item.id, at: item.at, actorId: item.comment.authorId, comment: item.comment });
      continue;
    }
    if (item.kind === 'file') {
      if (item.file.followUpId && followUps.has(item.file.followUpId)) continue;
      events.push({ kind: 'file', key: item.id, at: item.at, actorId: item.file.uploadedBy, file: item.file });
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

export interface ValueContext {
  t: TFunction;
  locale: Locale;
  /** Member id → name (the directory). */
  names: ReadonlyMap<string, string>;
}

/** A list as a person reads it in the UI language: 「甲、乙」 or "a, b". */
export function joinList(values: readonly unknown[], locale: Locale): string {
  return values.map(String).join(locale === 'en' ? ', ' : '、');
}

/** A value nobody translated: lists joined, objects as JSON, nothing as ''. */
export function plainValue(value: unknown, locale: Locale): string {
  if (value === null || value === undefined || value === '') return '';
  if (Array.isArray(value)) return joinList(value, locale);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Who did it, by name. */
export function actorName(actorId: string | null, { t, names }: ValueContext): string {
  if (!actorId) return t('timeline.system');
  return names.get(actorId) ?? t('timeline.unknown');
}

/** A member by name, for owners and team members in the history. */
export function memberName(value: unknown, { t, names }: ValueContext): string {
  if (typeof value !== 'string' || !value) return '';
  return names.get(value) ?? t('timeline.unknown');
}

/**
 * "changed Phone from … to …" for each edited field. `label` and `format` are the record's own field
 * names and value formatting; fields in `hidden` follow another one and are not told separately.
 */
export function describeFieldChanges(
  event: ChangeEvent,
  ctx: ValueContext,
  label: (field: string) => string,
  format: (field: string, value: unknown) => string,
  hidden: readonly string[] = [],
): string[] {
  const { t } = ctx;
  return event.entries
    .filter((e) => e.field && !hidden.includes(e.field))
    .map((e) => {
      const field = e.field ?? '';
      const name = label(field);
      const before = format(field, e.before);
      const after = format(field, e.after);
      if (!before) return t('timeline.set', { field: name, after });
      if (!after) return t('timeline.cleared', { field: name, before });
      return t('timeline.changed', { field: name, before, after });
    });
}

/** The note a transfer (or another change) carried, as its own line, if any. */
export function noteLine(event: ChangeEvent, ctx: ValueContext): string[] {
  const note = event.entries.find((e) => e.field === 'note');
  return note && typeof note.after === 'string' && note.after ? [ctx.t('timeline.note', { note: note.after })] : [];
}

/**
 * The headline of a follow-up ("logged a visit"); its content, outcome, next step and the colleagues it
 * mentioned ("提到了 张伟、李娜") are shown below it.
 */
export function describeFollowUp(followUp: FollowUp, ctx: ValueContext): { headline: string; outcome: string | null; next: string | null; mentioned: string | null } {
  const { t } = ctx;
  const step = followUp.nextStep;
  const mentioned = followUp.mentions.map((id) => memberName(id, ctx));
  return {
    headline: t(`timeline.followUp.${followUp.type}`),
    outcome: followUp.outcome ? t('timeline.outcome', { outcome: followUp.outcome }) : null,
    next: step
      ? followUp.nextFollowUpOn
        ? t('timeline.nextStepOn', { step, date: followUp.nextFollowUpOn })
        : t('timeline.nextStep', { step })
      : null,
    mentioned: mentioned.length ? t('followUpExtras.mentioned', { names: joinList(mentioned, ctx.locale) }) : null,
  };
}
