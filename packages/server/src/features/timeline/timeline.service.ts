import type { FollowUp } from '@kairos/domain/followups';
import type { TimelineItem, TimelineQuery } from '@kairos/domain/timeline';
import type { Core, RequestContext } from '../../core';
import { decodeTextKeyset } from '../../shared/cursor';
import { auditOfEntity } from '../audit/audit.service';
import { getContact } from '../contacts/contacts.service';
import { getCustomer, mergedInto } from '../customers/customers.service';
import { followUpsOf } from '../followups/followups.service';
import { commentsOf } from '../comments/comments.service';
import { filesOf } from '../files/files.service';
import { getOpportunity } from '../opportunities/opportunities.service';

export type TimelineRecord = { type: FollowUp['targetType']; id: string };

const READ: Record<TimelineRecord['type'], (core: Core, ctx: RequestContext, id: string) => Promise<unknown>> = {
  customer: getCustomer,
  contact: getContact,
  opportunity: getOpportunity,
};

/**
 * A record's timeline: its follow-ups, comments and every change to it (fields, stage moves, team, ownership),
 * merged newest first. Each source is read a page deep from the same (time, id) cursor and the merge keeps
 * the newest `limit`, so paging is exact. Reading the record first applies the caller's scope (404).
 */
export async function recordTimeline(core: Core, ctx: RequestContext, record: TimelineRecord, query: TimelineQuery): Promise<{ items: TimelineItem[]; nextCursor: string | null }> {
  await READ[record.type](core, ctx, record.id);
  const { workspaceId } = ctx.actor;
  const binding = `timeline:${record.type}:${ctx.actor.userId}:${record.id}:${query.kind ?? ''}`;
  const key = decodeTextKeyset(core.cursors, query.cursor, binding);
  const before = key && { at: key.value, id: key.id };
  const take = query.limit + 1;
  const wants = (kind: TimelineItem['kind']) => query.kind === undefined || query.kind === kind;
  const [followUps, changes, comments, files] = await Promise.all([
    wants('followup') ? followUpsOf(core.db, workspaceId, record, before, take) : [],
    wants('change') ? auditOfEntity(core.db, workspaceId, record.type, record.type === 'customer' ? [record.id, ...(await mergedInto(core.db, workspaceId, record.id))] : [record.id], before, take) : [],
    wants('comment') ? commentsOf(core.db, workspaceId, record, before, take) : [],
    wants('file') ? filesOf(core.db, workspaceId, record, before, take) : [],
  ]);
  const merged: TimelineItem[] = [
    ...followUps.map((f) => ({ kind: 'followup' as const, id: f.id, at: f.occurredAt, followUp: f })),
    ...changes.map((c) => ({ kind: 'change' as const, id: c.id, at: c.at, change: c })),
    ...comments.map((c) => ({ kind: 'comment' as const, id: c.id, at: c.createdAt, comment: c })),
    ...files.map((f) => ({ kind: 'file' as const, id: f.id, at: f.createdAt, file: f })),
  ].sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1));
  const items = merged.slice(0, query.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: merged.length > query.limit && last ? core.cursors.encode([last.at, last.id], binding) : null };
}
