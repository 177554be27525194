import { sql, type Expression, type SqlBool } from 'kysely';
import type { ListScope } from '@kairos/domain/policy';
import type { Executor } from '../../db/schema';
import { scopeCondition } from '../../shared/scope';
import type { ContactsTable } from './contact.table';
import { updateVersionedRow } from '../../shared/versioned';
import { hasTag } from '../../shared/tags';

/**
 * A contact with its customer's owner, department and department path: who may see a contact is decided
 * by its customer, so the scope columns come from the customer row (read here, never written).
 */
export type ContactRow = ContactsTable & { customer_owner_id: string | null; customer_department_id: string | null; department_path: string | null; customer_name: string };

function withCustomerScope(db: Executor) {
  return db
    .selectFrom('contacts as k')
    .innerJoin('customers as c', (j) => j.onRef('c.workspace_id', '=', 'k.workspace_id').onRef('c.id', '=', 'k.customer_id'))
    .leftJoin('departments as d', (j) => j.onRef('d.workspace_id', '=', 'c.workspace_id').onRef('d.id', '=', 'c.department_id'))
    .selectAll('k')
    .select(['c.owner_id as customer_owner_id', 'c.department_id as customer_department_id', 'd.path as department_path', 'c.name as customer_name'])
    .where('c.deleted_at', 'is', null);
}

export async function insertContactRow(db: Executor, row: ContactsTable): Promise<void> {
  await db.insertInto('contacts').values(row).execute();
}

export async function findContactRow(db: Executor, workspaceId: string, id: string): Promise<ContactRow | undefined> {
  return withCustomerScope(db).where('k.workspace_id', '=', workspaceId).where('k.id', '=', id).executeTakeFirst();
}

/** Several at once, for batched permission checks. */
export async function findContactRows(db: Executor, workspaceId: string, ids: readonly string[]): Promise<ContactRow[]> {
  if (ids.length === 0) return [];
  return withCustomerScope(db).where('k.workspace_id', '=', workspaceId).where('k.id', 'in', [...ids]).execute();
}

export async function updateContactRow(
  db: Executor,
  workspaceId: string,
  id: string,
  version: number,
  patch: Partial<Omit<ContactsTable, 'workspace_id' | 'id' | 'customer_id' | 'version' | 'created_at' | 'created_by'>> & { updated_at: string },
): Promise<ContactsTable | undefined> {
  return updateVersionedRow(db, 'contacts', workspaceId, id, version, patch);
}

/** Live contacts the caller may see (through their customers), newest first by a keyset on (updated_at, id). */
export async function listContactRows(
  db: Executor,
  workspaceId: string,
  scope: ListScope,
  filter: {
    ids?: string[];
    customerId?: string;
    ownerId?: string;
    departmentId?: string;
    namePrefix?: string;
    decisionRole?: string;
    tag?: string;
    updatedFrom?: string;
    updatedTo?: string;
    custom?: Expression<SqlBool>;
    deleted?: boolean;
    after?: { value: string; id: string };
  },
  sort: { column: 'updated_at' | 'name'; direction: 'asc' | 'desc' },
  limit: number,
): Promise<ContactRow[]> {
  let query = withCustomerScope(db)
    .where('k.workspace_id', '=', workspaceId)
    .where('k.deleted_at', filter.deleted ? 'is not' : 'is', null)
    .where((eb) => scopeCondition(eb, scope, { workspaceId, owner: 'c.owner_id', department: 'c.department_id' }));
  if (filter.ids) query = filter.ids.length ? query.where('k.id', 'in', filter.ids) : query.where(sql<boolean>`1 = 0`);
  if (filter.customerId) query = query.where('k.customer_id', '=', filter.customerId);
  if (filter.ownerId) query = query.where('k.owner_id', '=', filter.ownerId);
  if (filter.departmentId) query = query.where('c.department_id', '=', filter.departmentId);
  if (filter.namePrefix) query = query.where('k.name', '>=', filter.namePrefix).where('k.name', '<', `${filter.namePrefix}\u{10FFFF}`);
  if (filter.decisionRole) query = query.where('k.decision_role', '=', filter.decisionRole);
  if (filter.tag) query = query.where(hasTag('k.tags', filter.tag));
  if (filter.updatedFrom) query = query.where('k.updated_at', '>=', filter.updatedFrom);
  if (filter.updatedTo) query = query.where('k.updated_at', '<', filter.updatedTo);
  if (filter.custom) query = query.where(filter.custom);
  if (filter.after) {
    const { value, id } = filter.after;
    query = query.where((eb) => eb(eb.refTuple(`k.${sort.column}`, 'k.id'), sort.direction === 'asc' ? '>' : '<', eb.tuple(value, id)));
  }
  return query.orderBy(`k.${sort.column}`, sort.direction).orderBy('k.id', sort.direction).limit(limit).execute();
}

/** Live contacts with this mobile or e-mail anywhere in the workspace, with the customer's owner's name. */
export async function findContactDuplicateRows(db: Executor, workspaceId: string, keys: { mobile?: string; email?: string }, excludeId?: string) {
  const clauses: Expression<SqlBool>[] = [];
  if (keys.mobile) clauses.push(sql<boolean>`k.mobile = ${keys.mobile}`);
  if (keys.email) clauses.push(sql<boolean>`k.email = ${keys.email}`);
  if (clauses.length === 0) return [];
  let query = withCustomerScope(db)
    .leftJoin('users as u', (j) => j.onRef('u.workspace_id', '=', 'c.workspace_id').onRef('u.id', '=', 'c.owner_id'))
    .select('u.name as owner_name')
    .where('k.workspace_id', '=', workspaceId)
    .where('k.deleted_at', 'is', null)
    .where((eb) => eb.or(clauses));
  if (excludeId) query = query.where('k.id', '!=', excludeId);
  return query.orderBy('k.created_at').limit(10).execute();
}

/** Not a user edit: no version bump (see the customers store). */
export async function setContactFollowUpSummary(db: Executor, workspaceId: string, id: string, summary: { last_follow_up_at: string | null; next_follow_up_on: string | null }): Promise<void> {
  await db.updateTable('contacts').set(summary).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

/** Gives a customer's live contacts a new owner (a handoff); returns the contacts changed with their old owner. */
export async function reassignContactRowsOfCustomer(db: Executor, workspaceId: string, customerId: string, ownerId: string, at: string): Promise<{ id: string; owner_id: string | null }[]> {
  const rows = await db
    .selectFrom('contacts')
    .select(['id', 'owner_id'])
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', customerId)
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('owner_id', 'is', null), eb('owner_id', '!=', ownerId)]))
    .execute();
  if (rows.length === 0) return [];
  await db
    .updateTable('contacts')
    .set((eb) => ({ owner_id: ownerId, updated_at: at, version: eb('version', '+', 1) }))
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', rows.map((r) => r.id))
    .execute();
  return rows;
}
