import type { Executor } from '../../db/schema';
import { updateVersionedRow } from '../../shared/versioned';
import type { CustomFieldsTable } from './custom-field.table';

export async function listCustomFieldRows(db: Executor, workspaceId: string, entity?: string): Promise<CustomFieldsTable[]> {
  let query = db.selectFrom('custom_fields').selectAll().where('workspace_id', '=', workspaceId).where('deleted_at', 'is', null);
  if (entity) query = query.where('entity', '=', entity);
  return query.orderBy('entity').orderBy('position').orderBy('created_at').execute();
}

export async function findCustomFieldRow(db: Executor, workspaceId: string, id: string): Promise<CustomFieldsTable | undefined> {
  return db.selectFrom('custom_fields').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function insertCustomFieldRow(db: Executor, row: CustomFieldsTable): Promise<void> {
  await db.insertInto('custom_fields').values(row).execute();
}

export async function updateCustomFieldRow(db: Executor, workspaceId: string, id: string, version: number, patch: Partial<Pick<CustomFieldsTable, 'label_zh' | 'label_en' | 'required' | 'options' | 'position' | 'deleted_at'>> & { updated_at: string }) {
  return updateVersionedRow(db, 'custom_fields', workspaceId, id, version, patch);
}
