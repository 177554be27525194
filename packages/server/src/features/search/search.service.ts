import { listScope } from '@kairos/domain/policy';
import { planSearch, type SearchQuery, type SearchResult } from '@kairos/domain/search';
import type { Core, RequestContext } from '../../core';
import { searchRows } from './search.store';

/** One box for customers, contacts and deals: permission-scoped in SQL, exact against a plain scan. */
export async function search(core: Core, ctx: RequestContext, query: SearchQuery): Promise<SearchResult> {
  const plan = planSearch(query.q);
  if (plan.kind === 'empty') return { items: [] };
  const rows = await searchRows(core.db, ctx.actor.workspaceId, listScope(ctx.actor, 'records.read'), plan, query.type, query.limit);
  return {
    items: rows.map((r) => ({
      type: r.entity_type as SearchResult['items'][number]['type'],
      id: r.entity_id,
      title: r.title,
      subtitle: r.subtitle,
      customerId: r.entity_type === 'customer' ? null : r.customer_id,
    })),
  };
}
