import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database, Executor } from '../db/schema';

/** Tables whose rows a user edits: keyed by (workspace_id, id) and carrying an optimistic `version`. */
export type VersionedTable = {
  [K in keyof Database]: Database[K] extends { workspace_id: string; id: string; version: number } ? K : never;
}[keyof Database];

/**
 * The one optimistic-concurrency update: applies `patch` only if the row still has `version`, bumps it,
 * and returns the new row, or undefined when someone else changed it first (the caller answers 409).
 */
export async function updateVersionedRow<T extends VersionedTable>(
  db: Executor,
  table: T,
  workspaceId: string,
  id: string,
  version: number,
  patch: Updateable<Database[T]>,
): Promise<Selectable<Database[T]> | undefined> {
  // Kysely cannot type a query over a table chosen by a type parameter; the signature above carries the types.
  type Row = { workspace_id: string; id: string; version: number };
  const untyped = db as unknown as Kysely<{ versioned: Row }>;
  const row = await untyped
    .updateTable(table as unknown as 'versioned')
    .set({ ...(patch as object), version: version + 1 })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
  return row as Selectable<Database[T]> | undefined;
}
