import { sql, type Kysely } from 'kysely';
import type { Engine } from '../schema';

/**
 * The deleted_at and merged_into_id indexes become partial (only rows that have a value). A full (workspace_id, deleted_at) index
 * matches "deleted_at is null" for every live row, and SQLite's planner picked it for live lists at
 * 200,000 customers, then sorted them all: 0.9 s a page instead of 0.5 ms on the sort index.
 */
export async function up(db: Kysely<unknown>, _engine: Engine): Promise<void> {
  for (const table of ['customers', 'opportunities']) {
    await db.schema.dropIndex(`${table}_deleted_idx`).execute();
    await db.schema.createIndex(`${table}_deleted_idx`).on(table).columns(['workspace_id', 'deleted_at']).where(sql.ref('deleted_at'), 'is not', null).execute();
  }
  // Without statistics SQLite takes any index led by workspace_id as selective; a partial index cannot be
  // chosen for a query that does not imply its condition.
  await db.schema.dropIndex('customers_merged_into_idx').execute();
  await db.schema.createIndex('customers_merged_into_idx').on('customers').columns(['workspace_id', 'merged_into_id']).where(sql.ref('merged_into_id'), 'is not', null).execute();
}
