import type { CustomField, CustomFieldEntity } from '@kairos/domain/custom-fields';
import type { Executor } from '../../db/schema';
import { getWorkspaceSettings } from '../setup/workspace-settings.service';
import { fieldsOf } from './custom-fields.service';

/** What shapes a record type's responses in this workspace: its key fields (completeness) and custom fields. */
export interface RecordShape {
  keyFields: readonly string[];
  fields: readonly CustomField[];
}

export async function recordShape(db: Executor, workspaceId: string, entity: Exclude<CustomFieldEntity, 'followup'>): Promise<RecordShape> {
  const [settings, fields] = await Promise.all([getWorkspaceSettings(db, workspaceId), fieldsOf(db, workspaceId, entity)]);
  return { keyFields: settings.keyFields[entity], fields };
}
