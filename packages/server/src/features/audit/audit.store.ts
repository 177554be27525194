import type { Executor } from '../../db/schema';
import type { AuditLogTable } from './audit.table';

export async function insertAuditRows(db: Executor, rows: AuditLogTable[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('audit_log').values(rows).execute();
}

export async function listAuditRows(
  db: Executor,
  workspaceId: string,
  filter: { entityType?: string; entityId?: string; beforeId?: string },
  limit: number,
): Promise<AuditLogTable[]> {
  let query = db.selectFrom('audit_log').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.entityType) query = query.where('entity_type', '=', filter.entityType);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  if (filter.beforeId) query = query.where('id', '<', filter.beforeId);
  return query.orderBy('id', 'desc').limit(limit).execute();
}

/** One record's audit rows newest first by time, strictly before (at, id) when given; of some actions only, when given. */
export async function listEntityAuditRows(
  db: Executor,
  workspaceId: string,
  entityType: string,
  entityIds: readonly string[],
  before: { at: string; id: string } | undefined,
  limit: number,
  actions?: readonly string[],
): Promise<AuditLogTable[]> {
  let query = db.selectFrom('audit_log').selectAll().where('workspace_id', '=', workspaceId).where('entity_type', '=', entityType).where('entity_id', 'in', [...entityIds]);
  if (actions) query = query.where('action', 'in', [...actions]);
  if (before) query = query.where((eb) => eb.or([eb('at', '<', before.at), eb.and([eb('at', '=', before.at), eb('id', '<', before.id)])]));
  return query.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}
