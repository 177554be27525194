import type { Kysely } from 'kysely';
import { columnTypes } from '../columns';
import type { Engine } from '../schema';

/** A customer merged into another keeps its row (and its history) with a pointer to the survivor. */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const t = columnTypes(engine);
  await db.schema.alterTable('customers').addColumn('merged_into_id', t.id).execute();
  await db.schema.createIndex('customers_merged_into_idx').on('customers').columns(['workspace_id', 'merged_into_id']).execute();
}
