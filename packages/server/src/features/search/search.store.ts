import { PostgresAdapter, sql } from 'kysely';
import type { ListScope } from '@kairos/domain/policy';
import { callerScopeTerms, type SearchPlan, type SearchType } from '@kairos/domain/search';
import type { Executor } from '../../db/schema';
import { scopeCondition } from '../../shared/scope';

/**
 * Records matching the plan inside the caller's scope (deal-team seats count for deals), at most `limit`.
 * 1 character: a B-tree range on name_key. 2+: every term through the inverted index, then the whole
 * query as a substring of the folded values, so the answer equals a plain scan's.
 */
export async function searchRows(db: Executor, workspaceId: string, scope: ListScope, plan: Exclude<SearchPlan, { kind: 'empty' }>, type: SearchType | undefined, limit: number) {
  let query = db
    .selectFrom('search_index as s')
    .select(['s.entity_type', 's.entity_id', 's.customer_id', 's.title', 's.subtitle'])
    .where('s.workspace_id', '=', workspaceId)
    .where((eb) =>
      scopeCondition(eb, scope, {
        workspaceId,
        owner: 's.owner_id',
        department: 's.department_id',
        team: (userId) => sql<boolean>`(s.entity_type = 'opportunity' and s.entity_id in (select t.opportunity_id from deal_team_members t where t.workspace_id = ${workspaceId} and t.user_id = ${userId}))`,
      }),
    );
  if (type) query = query.where('s.entity_type', '=', type);
  if (plan.kind === 'prefix') {
    query = query.where('s.name_key', '>=', plan.key).where('s.name_key', '<', `${plan.key}\u{10FFFF}`);
    return query.limit(limit).execute();
  }
  // A limited scope also narrows through the index: any one of the caller's scope terms (the SQL condition
  // above stays the rule; the terms only make it cheap).
  const anyOf = scope.kind === 'limited' ? callerScopeTerms(scope) : [];
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    query = query.where(sql<boolean>`s.grams @> ${sql.val(plan.terms)}::text[]`).where(sql<boolean>`strpos(s.body, ${plan.needle}) > 0`);
    if (anyOf.length) query = query.where(sql<boolean>`s.grams && ${sql.val(anyOf)}::text[]`);
  } else {
    // Terms are letters and digits only, so quoting each one makes a literal phrase.
    const match = [...plan.terms.map((t) => `"${t}"`), ...(anyOf.length ? [`(${anyOf.map((t) => `"${t}"`).join(' OR ')})`] : [])].join(' AND ');
    // A join (not `rowid in (…)`) lets SQLite stream matches from FTS5 and stop at the limit instead of
    // collecting every row a common bigram matches first.
    query = query
      .innerJoin(sql<{ rowid: number }>`search_fts`.as('f'), (join) => join.on(sql<boolean>`f.rowid = s.rowid`))
      .where(sql<boolean>`f.search_fts match ${match}`)
      .where(sql<boolean>`instr(s.body, ${plan.needle}) > 0`);
  }
  return query.limit(limit).execute();
}
