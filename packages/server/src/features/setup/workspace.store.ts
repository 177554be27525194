import type { Executor } from '../../db/schema';
import type { WorkspacesTable } from './workspace.table';

export async function countWorkspaces(db: Executor): Promise<number> {
  const row = await db.selectFrom('workspaces').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertWorkspaceRow(db: Executor, row: WorkspacesTable): Promise<void> {
  await db.insertInto('workspaces').values(row).execute();
}

export async function findWorkspaceRow(db: Executor, id: string): Promise<WorkspacesTable | undefined> {
  return db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findSetting(db: Executor, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('system_settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/** Inserts a setting; false when it already existed (the primary key makes concurrent callers agree). */
export async function insertSetting(db: Executor, key: string, value: string): Promise<boolean> {
  const result = await db.insertInto('system_settings').values({ key, value }).onConflict((oc) => oc.column('key').doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function findOldestWorkspaceRow(db: Executor): Promise<WorkspacesTable | undefined> {
  return db.selectFrom('workspaces').selectAll().where('deleted_at', 'is', null).orderBy('created_at').limit(1).executeTakeFirst();
}

export async function updateWorkspaceSettingsRow(db: Executor, id: string, settings: string, at: string): Promise<void> {
  await db
    .updateTable('workspaces')
    .set((eb) => ({ settings, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}
