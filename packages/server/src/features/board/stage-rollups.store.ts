import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/schema';

/** Which deals a change touches: by id, or every deal of a customer (a customer deleted or restored). */
export type DealSelector = { ids: readonly string[] } | { customerId: string };

function selects(selector: DealSelector): RawBuilder<unknown> {
  if ('customerId' in selector) return sql`o.customer_id = ${selector.customerId}`;
  return selector.ids.length ? sql`o.id in (${sql.join([...selector.ids])})` : sql`1 = 0`;
}

/** A deal's weighted amount: amount × probability / 100, half up, in integer arithmetic on both engines (so sums match a recount). */
export const weightedMinor = sql<number>`(o.amount_minor * coalesce(o.probability_override, s.probability) + 50) / 100`;

// A literal, not a parameter: PostgreSQL matches the GROUP BY expression to the selected one only when they are the same text.
const NIL = sql.lit('00000000-0000-0000-0000-000000000000');

/**
 * The selected deals' rows of the rollup, `sign` times: live deals of live customers, grouped by the
 * rollup's key (so one statement never hits the same row twice). `stages` narrows to some stages.
 */
function shares(workspaceId: string, deals: RawBuilder<unknown>, sign: 1 | -1) {
  return sql`
    insert into stage_rollups (workspace_id, stage_id, owner_key, department_key, currency, deal_count, amount_minor, weighted_minor)
    select o.workspace_id, o.stage_id, coalesce(o.owner_id, ${NIL}), coalesce(o.department_id, ${NIL}), o.currency,
           ${sign} * count(*), ${sign} * sum(o.amount_minor), ${sign} * sum(${weightedMinor})
    from opportunities o
    join pipeline_stages s on s.workspace_id = o.workspace_id and s.id = o.stage_id
    join customers c on c.workspace_id = o.workspace_id and c.id = o.customer_id
    where o.workspace_id = ${workspaceId} and ${deals} and o.deleted_at is null and c.deleted_at is null
    group by o.workspace_id, o.stage_id, coalesce(o.owner_id, ${NIL}), coalesce(o.department_id, ${NIL}), o.currency`;
}

/** Adds (sign 1) or takes away (sign -1) the selected deals' share of the rollup. */
async function adjust(db: Executor, workspaceId: string, selector: DealSelector, sign: 1 | -1): Promise<void> {
  await sql`
    ${shares(workspaceId, selects(selector), sign)}
    on conflict (workspace_id, stage_id, owner_key, department_key, currency) do update set
      deal_count = stage_rollups.deal_count + excluded.deal_count,
      amount_minor = stage_rollups.amount_minor + excluded.amount_minor,
      weighted_minor = stage_rollups.weighted_minor + excluded.weighted_minor
  `.execute(db);
}

/**
 * Runs a write to deals with the rollup kept in step: the selected deals' old share comes out before
 * the write, their new share goes in after it, in the caller's transaction. Every change that can move a
 * deal between columns or change its amounts goes through here (create, edit, move, delete, restore,
 * handoff, and a customer's delete or restore).
 */
export async function withRollups<T>(db: Executor, workspaceId: string, selector: DealSelector, write: () => Promise<T>): Promise<T> {
  await adjust(db, workspaceId, selector, -1);
  const result = await write();
  await adjust(db, workspaceId, selector, 1);
  return result;
}

/** Recomputes the rollup of some stages (or the whole workspace) from the deals: after a stage's probability changes, and after bulk loads. */
export async function recountRollups(db: Executor, workspaceId: string, stageIds?: readonly string[]): Promise<void> {
  if (stageIds && stageIds.length === 0) return;
  const stages = stageIds ? sql`and stage_id in (${sql.join([...stageIds])})` : sql``;
  await sql`delete from stage_rollups where workspace_id = ${workspaceId} ${stages}`.execute(db);
  await shares(workspaceId, stageIds ? sql`o.stage_id in (${sql.join([...stageIds])})` : sql`1 = 1`, 1).execute(db);
}
