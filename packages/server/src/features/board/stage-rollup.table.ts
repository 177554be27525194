/**
 * The board's column totals, kept in the same transaction as every deal change: live deals (of live
 * customers) by stage, owner, department and currency. A scope is a set of owners and departments, so a
 * rep's or a manager's totals are sums over a few rollup rows instead of a scan of their deals.
 */
export interface StageRollupsTable {
  workspace_id: string;
  stage_id: string;
  /** The owner's id, or the nil id for none (key columns cannot be null). */
  owner_key: string;
  department_key: string;
  currency: string;
  deal_count: number;
  amount_minor: number;
  /** Σ round(amount × probability / 100) per deal, so it matches a recount exactly. */
  weighted_minor: number;
}
