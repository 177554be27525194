import { listScope } from '@kairos/domain/policy';
import { planSearch, type SearchQuery, type SearchResult, type SearchType } from '@kairos/domain/search';
import type { Core, RequestContext } from '../../core';
import { fieldAccessFor } from '../field-access/field-access.service';
import { loadSources } from './search.index';
import { searchRows } from './search.store';

type Row = Awaited<ReturnType<typeof searchRows>>[number];

/**
 * A member with hidden fields must not find a record through them (a phone fragment when phones are
 * hidden from them): matches are checked again against the values they may see, from a few times as
 * many candidates as asked for.
 */
async function withoutHiddenMatches(core: Core, ctx: RequestContext, rows: Row[], needle: string | null, hiddenOf: (type: SearchType) => ReadonlySet<string>): Promise<Row[]> {
  const kept: Row[] = [];
  for (const type of ['customer', 'contact', 'opportunity'] as const) {
    const hidden = hiddenOf(type);
    const ofType = rows.filter((r) => r.entity_type === type);
    if (hidden.size === 0 || ofType.length === 0) continue;
    const sources = new Map((await loadSources(core.db, ctx.actor.workspaceId, type, ofType.map((r) => r.entity_id), hidden)).map((s) => [s.row.entity_id, s.row]));
    for (const row of ofType) {
      const visible = sources.get(row.entity_id);
      if (visible && (needle === null || visible.body.includes(needle))) kept.push({ ...row, subtitle: visible.subtitle });
    }
  }
  const checked = new Map(kept.map((r) => [r.entity_id, r]));
  return rows.flatMap((r) => (hiddenOf(r.entity_type as SearchType).size === 0 ? [r] : checked.has(r.entity_id) ? [checked.get(r.entity_id) as Row] : []));
}

/** One box for customers, contacts and deals: permission-scoped in SQL, exact against a plain scan. */
export async function search(core: Core, ctx: RequestContext, query: SearchQuery): Promise<SearchResult> {
  const plan = planSearch(query.q);
  if (plan.kind === 'empty') return { items: [] };
  const access = await fieldAccessFor(core.db, ctx.actor);
  const hiddenOf = (type: SearchType) => access[type].hidden;
  const restricted = (['customer', 'contact', 'opportunity'] as const).some((t) => (!query.type || query.type === t) && hiddenOf(t).size > 0);
  const scope = listScope(ctx.actor, 'records.read');
  let rows = await searchRows(core.db, ctx.actor.workspaceId, scope, plan, query.type, restricted ? query.limit * 4 : query.limit);
  if (restricted) rows = (await withoutHiddenMatches(core, ctx, rows, plan.kind === 'terms' ? plan.needle : null, hiddenOf)).slice(0, query.limit);
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
