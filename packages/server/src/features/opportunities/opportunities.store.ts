import { sql, type Expression, type SqlBool } from 'kysely';
import type { ListScope } from '@kairos/domain/policy';
import type { Executor } from '../../db/schema';
import { withRollups } from '../board/stage-rollups.store';
import { scopeCondition } from '../../shared/scope';
import { hasTag } from '../../shared/tags';
import { updateVersionedRow } from '../../shared/versioned';
import type { DealTeamMembersTable, OpportunitiesTable } from './opportunity.table';

/** A deal with what responses and the policy need: its customer's name, its department's path, its stage's probability. */
export type OpportunityRow = OpportunitiesTable & { customer_name: string; department_path: string | null; stage_probability: number };

/**
 * Deals of deleted customers are hidden with them and come back when the customer is restored.
 * Left joins on purpose: the customer and stage always exist (foreign keys), and a left join keeps
 * SQLite's planner driving from the deals' sort index instead of scanning customers or stages first
 * and sorting a million rows.
 */
function withJoins(db: Executor) {
  return db
    .selectFrom('opportunities as o')
    .leftJoin('customers as c', (j) => j.onRef('c.workspace_id', '=', 'o.workspace_id').onRef('c.id', '=', 'o.customer_id'))
    .leftJoin('pipeline_stages as s', (j) => j.onRef('s.workspace_id', '=', 'o.workspace_id').onRef('s.id', '=', 'o.stage_id'))
    .leftJoin('departments as d', (j) => j.onRef('d.workspace_id', '=', 'o.workspace_id').onRef('d.id', '=', 'o.department_id'))
    .selectAll('o')
    .select((eb) => [eb.fn.coalesce('c.name', sql<string>`''`).as('customer_name'), 'd.path as department_path', eb.fn.coalesce('s.probability', sql<number>`0`).as('stage_probability')])
    .where('c.deleted_at', 'is', null);
}

export async function insertOpportunityRow(db: Executor, row: OpportunitiesTable): Promise<void> {
  await withRollups(db, row.workspace_id, { ids: [row.id] }, () => db.insertInto('opportunities').values(row).execute());
}

/** Columns that decide a deal's column on the board and its share of the totals. */
const ROLLUP_COLUMNS = ['stage_id', 'owner_id', 'department_id', 'currency', 'amount_minor', 'probability_override', 'deleted_at'] as const;

/** Including deleted ones (the recycle bin needs them); callers decide. */
export async function findOpportunityRow(db: Executor, workspaceId: string, id: string): Promise<OpportunityRow | undefined> {
  return withJoins(db).where('o.workspace_id', '=', workspaceId).where('o.id', '=', id).executeTakeFirst();
}

/** Several at once (live and deleted), for batched permission checks. */
export async function findOpportunityRows(db: Executor, workspaceId: string, ids: readonly string[]): Promise<OpportunityRow[]> {
  if (ids.length === 0) return [];
  return withJoins(db).where('o.workspace_id', '=', workspaceId).where('o.id', 'in', [...ids]).execute();
}

export type OpportunityPatch = Partial<Omit<OpportunitiesTable, 'workspace_id' | 'id' | 'customer_id' | 'version' | 'created_at' | 'created_by'>> & { updated_at: string };

/** Every edit of a deal goes through here, so the board's rollup changes with it whenever it must. */
export async function updateOpportunityRow(db: Executor, workspaceId: string, id: string, version: number, patch: OpportunityPatch): Promise<OpportunitiesTable | undefined> {
  const write = () => updateVersionedRow(db, 'opportunities', workspaceId, id, version, patch);
  return ROLLUP_COLUMNS.some((c) => c in patch) ? withRollups(db, workspaceId, { ids: [id] }, write) : write();
}

export type OpportunitySort = { column: 'updated_at' | 'created_at' | 'amount_minor' | 'name_key'; direction: 'asc' | 'desc' };

export interface OpportunityListFilter {
  ids?: string[];
  namePrefix?: string;
  customerId?: string;
  ownerId?: string;
  departmentId?: string;
  pipelineId?: string;
  stageId?: string;
  status?: string;
  tag?: string;
  amountMin?: number;
  amountMax?: number;
  closeFrom?: string;
  closeTo?: string;
  updatedFrom?: string;
  updatedTo?: string;
  /** A condition on custom field values, built by the custom-fields feature. */
  custom?: Expression<SqlBool>;
  deleted: boolean;
  after?: { value: string | number; id: string };
}

/**
 * A page of deals inside the caller's scope, in SQL, by a keyset on (sort column, id). Deals the caller
 * is on the team of are in scope whatever their owner. "Mine OR my team's" in one WHERE makes SQLite
 * collect and sort every matching row (a rep owns ~20,000 of a million deals), so a limited scope is two
 * branches, each walking its own index in sort order for one page, merged and cut to one page.
 */
export async function listOpportunityRows(db: Executor, workspaceId: string, scope: ListScope, filter: OpportunityListFilter, sort: OpportunitySort, limit: number): Promise<OpportunityRow[]> {
  const column = `o.${sort.column}` as const;
  const teamOf = (userId: string) => sql<boolean>`o.id in (select t.opportunity_id from deal_team_members t where t.workspace_id = ${workspaceId} and t.user_id = ${userId})`;
  const page = (branch: 'scope' | 'team') => {
    let query = withJoins(db)
      .where('o.workspace_id', '=', workspaceId)
      .where('o.deleted_at', filter.deleted ? 'is not' : 'is', null)
      .where((eb) => (branch === 'team' && scope.kind === 'limited' ? teamOf(scope.teamUserId) : scopeCondition(eb, scope, { workspaceId, owner: 'o.owner_id', department: 'o.department_id' })));
    if (filter.ids) query = filter.ids.length ? query.where('o.id', 'in', filter.ids) : query.where(sql<boolean>`1 = 0`);
    if (filter.customerId) query = query.where('o.customer_id', '=', filter.customerId);
    if (filter.ownerId) query = query.where('o.owner_id', '=', filter.ownerId);
    if (filter.departmentId) query = query.where('o.department_id', '=', filter.departmentId);
    if (filter.pipelineId) query = query.where('o.pipeline_id', '=', filter.pipelineId);
    if (filter.stageId) query = query.where('o.stage_id', '=', filter.stageId);
    if (filter.status) query = query.where('o.status', '=', filter.status);
    if (filter.amountMin !== undefined) query = query.where('o.amount_minor', '>=', filter.amountMin);
    if (filter.amountMax !== undefined) query = query.where('o.amount_minor', '<=', filter.amountMax);
    if (filter.closeFrom) query = query.where('o.expected_close_on', '>=', filter.closeFrom);
    if (filter.closeTo) query = query.where('o.expected_close_on', '<=', filter.closeTo);
    if (filter.updatedFrom) query = query.where('o.updated_at', '>=', filter.updatedFrom);
    if (filter.updatedTo) query = query.where('o.updated_at', '<', filter.updatedTo);
    if (filter.namePrefix) query = query.where('o.name_key', '>=', filter.namePrefix).where('o.name_key', '<', `${filter.namePrefix}\u{10FFFF}`);
    if (filter.tag) query = query.where(hasTag('o.tags', filter.tag));
    if (filter.custom) query = query.where(filter.custom);
    if (filter.after) {
      const { value, id } = filter.after;
      const op = sort.direction === 'asc' ? '>' : '<';
      // A row-value comparison: one index range on both engines, so deep pages (and exports) stay linear.
      query = query.where((eb) => eb(eb.refTuple(column, 'o.id'), op, eb.tuple(value as never, id)));
    }
    return query.orderBy(column, sort.direction).orderBy('o.id', sort.direction).limit(limit);
  };
  if (scope.kind !== 'limited') return page('scope').execute();
  const [owned, teamed] = await Promise.all([page('scope').execute(), page('team').execute()]);
  const seen = new Set<string>();
  return [...owned, ...teamed]
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .sort((a, b) => {
      const order = compareKeys(a[sort.column], b[sort.column]) || compareKeys(a.id, b.id);
      return sort.direction === 'asc' ? order : -order;
    })
    .slice(0, limit);
}

/** The database's order: numbers as numbers, text by its UTF-8 bytes (both engines' binary collation). */
function compareKeys(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return Buffer.compare(Buffer.from(String(a)), Buffer.from(String(b)));
}

/** The teams of many deals in one query (a list page never asks once per row). */
export async function listTeamRows(db: Executor, workspaceId: string, opportunityIds: readonly string[]): Promise<DealTeamMembersTable[]> {
  if (opportunityIds.length === 0) return [];
  return db
    .selectFrom('deal_team_members')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('opportunity_id', 'in', [...opportunityIds])
    .orderBy('added_at')
    .execute();
}

export async function upsertTeamRow(db: Executor, row: DealTeamMembersTable): Promise<void> {
  await db
    .insertInto('deal_team_members')
    .values(row)
    .onConflict((oc) => oc.columns(['workspace_id', 'opportunity_id', 'user_id']).doUpdateSet({ role: row.role, access: row.access }))
    .execute();
}

export async function deleteTeamRow(db: Executor, workspaceId: string, opportunityId: string, userId: string): Promise<boolean> {
  const result = await db.deleteFrom('deal_team_members').where('workspace_id', '=', workspaceId).where('opportunity_id', '=', opportunityId).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The customer's live open deals, for the handoff that moves them with it. */
export async function listOpenOpportunityRowsOfCustomer(db: Executor, workspaceId: string, customerId: string): Promise<OpportunityRow[]> {
  return withJoins(db).where('o.workspace_id', '=', workspaceId).where('o.customer_id', '=', customerId).where('o.status', '=', 'open').where('o.deleted_at', 'is', null).execute();
}

/** Not a user edit: no version bump (see the customers store). */
export async function setOpportunityFollowUpSummary(db: Executor, workspaceId: string, id: string, summary: { last_follow_up_at: string | null; next_follow_up_on: string | null }): Promise<void> {
  await db.updateTable('opportunities').set(summary).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}
