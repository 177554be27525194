import { AppError } from '@kairos/domain/errors';
import type { TimelineItem, TimelineQuery } from '@kairos/domain/timeline';
import type { Core, RequestContext } from '../../core';
import { auditOfEntity } from '../audit/audit.service';
import { getCustomer } from '../customers/customers.service';
import { followUpsOfCustomer } from '../followups/followups.service';

/**
 * A customer's timeline: its follow-ups and every change to it, merged newest first. Each source is read
 * a page deep from the same (time, id) cursor and the merge keeps the newest `limit`, so paging is exact.
 */
export async function customerTimeline(core: Core, ctx: RequestContext, customerId: string, query: TimelineQuery): Promise<{ items: TimelineItem[]; nextCursor: string | null }> {
  await getCustomer(core, ctx, customerId);
  const { workspaceId } = ctx.actor;
  const binding = `timeline:customer:${ctx.actor.userId}:${customerId}:${query.kind ?? ''}`;
  let before: { at: string; id: string } | undefined;
  if (query.cursor) {
    const [at, id] = core.cursors.decode(query.cursor, binding);
    if (typeof at !== 'string' || typeof id !== 'string') throw new AppError('cursor_invalid');
    before = { at, id };
  }
  const take = query.limit + 1;
  const [followUps, changes] = await Promise.all([
    query.kind === 'change' ? [] : followUpsOfCustomer(core.db, workspaceId, customerId, before, take),
    query.kind === 'followup' ? [] : auditOfEntity(core.db, workspaceId, 'customer', customerId, before, take),
  ]);
  const merged: TimelineItem[] = [
    ...followUps.map((f) => ({ kind: 'followup' as const, id: f.id, at: f.occurredAt, followUp: f })),
    ...changes.map((c) => ({ kind: 'change' as const, id: c.id, at: c.at, change: c })),
  ].sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1));
  const items = merged.slice(0, query.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: merged.length > query.limit && last ? core.cursors.encode([last.at, last.id], binding) : null };
}
