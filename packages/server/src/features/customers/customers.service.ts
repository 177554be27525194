import { requiredFor } from '../field-access/field-access.service';
import {
  maskName,
  type BulkCustomerAction,
  type BulkResult,
  type CreateCustomer,
  type Customer,
  type CustomerListQuery,
  type DuplicateCheckRequest,
  type DuplicateMatch,
  type MergeCustomer,
  type TransferCustomer,
  type UpdateCustomer,
} from '@kairos/domain/customers';
import { completenessOf } from '@kairos/domain/completeness';
import { normalizeCompanyName, webDomain } from '@kairos/domain/duplicates';
import { AppError } from '@kairos/domain/errors';
import { normalizePhone } from '@kairos/domain/phone';
import { can, listScope, type Action, type Actor } from '@kairos/domain/policy';
import { isValidUscc, normalizeUscc } from '@kairos/domain/uscc';
import type { Core, RequestContext } from '../../core';
import type { Executor } from '../../db/schema';
import { newId } from '../../ids';
import { assertCan } from '../../shared/access';
import { runBulk } from '../../shared/bulk';
import { decodeTextKeyset, toPage } from '../../shared/cursor';
import { fromJson, toJson } from '../../shared/json';
import { changedFields, recordAudit, changeOf } from '../audit/audit.service';
import { runOnce, type Idempotency } from '../idempotency/idempotency.service';
import { customChanges, customCondition, customJson, visibleCustom } from '../custom-fields/custom-fields.service';
import { recordShape, type RecordShape } from '../custom-fields/record-shape';
import { refreshCustomerFamily, refreshSearch } from '../search/search.index';
import { findLatestFollowUpOfCustomer } from '../followups/followups.store';
import { getWorkspaceSettings } from '../setup/workspace-settings.service';
import { findActiveMember } from '../users/users.service';
import { moveContactsOfCustomer } from '../contacts/contacts.service';
import { moveOpenOpportunitiesOfCustomer } from '../opportunities/opportunities.service';
import type { CustomersTable } from './customer.table';
import { askRefMaker, type AskRef } from '../duplicates/ask-owner';
import { notify } from '../notifications/notify';
import { findCustomerRow, findCustomerRows, findDuplicateRows, insertCustomerRow, listCustomerRows, listMergedIds, moveChildren, setFollowUpSummary, updateCustomerRow, type CustomerRow, type CustomerSort, type DuplicateKeys } from './customers.store';

const AUDITED: (keyof Customer)[] = ['name', 'type', 'uscc', 'industry', 'province', 'city', 'address', 'website', 'phone', 'source', 'level', 'status', 'tags', 'ownerId', 'departmentId'];

export function toCustomer(row: CustomersTable, shape: RecordShape): Customer {
  const record = {
    id: row.id,
    name: row.name,
    type: row.type as Customer['type'],
    uscc: row.uscc,
    industry: row.industry,
    province: row.province,
    city: row.city,
    address: row.address,
    website: row.website,
    phone: row.phone,
    source: row.source as Customer['source'],
    level: row.level as Customer['level'],
    status: row.status as Customer['status'],
    tags: fromJson<string[]>(row.tags, []),
    ownerId: row.owner_id,
    departmentId: row.department_id,
    lastFollowUpAt: row.last_follow_up_at,
    nextFollowUpOn: row.next_follow_up_on,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    version: row.version,
  };
  return { ...record, completeness: completenessOf(record, shape.keyFields), custom: visibleCustom(row.custom, shape.fields) };
}

async function keyFieldsOf(db: Executor, workspaceId: string): Promise<RecordShape> {
  return recordShape(db, workspaceId, 'customer');
}

function scoped(row: CustomerRow) {
  return { ownerId: row.owner_id, departmentId: row.department_id, departmentPath: row.department_path };
}

/** Which of these live customers the caller may read, with their names, in one query. */
export async function readableCustomers(db: Executor, actor: Actor, ids: readonly string[]): Promise<Map<string, { name: string; customerId: string }>> {
  const rows = (await findCustomerRows(db, actor.workspaceId, ids)).filter((r) => r.deleted_at === null && can(actor, 'read', scoped(r)));
  return new Map(rows.map((r) => [r.id, { name: r.name, customerId: r.id }]));
}

/** The customer, if the caller may do `action` to it (404 outside their scope, 403 without the right). */
async function getForAction(db: Executor, actor: Actor, id: string, action: Action, options: { deleted?: boolean } = {}): Promise<CustomerRow> {
  const row = await findCustomerRow(db, actor.workspaceId, id);
  const live = row && (row.deleted_at !== null) === (options.deleted ?? false) ? row : null;
  assertCan(actor, action, live && scoped(live));
  return live as CustomerRow;
}

/** What identifies a customer for the duplicate check. */
export type CustomerKeys = Pick<DuplicateCheckRequest, 'name' | 'uscc' | 'phone' | 'website' | 'excludeId'>;

function duplicateKeysOf(input: CustomerKeys): DuplicateKeys {
  const uscc = input.uscc ? normalizeUscc(input.uscc) : '';
  const phone = input.phone ? normalizePhone(input.phone) : { ok: false as const };
  return {
    nameKey: input.name ? normalizeCompanyName(input.name) || undefined : undefined,
    uscc: uscc && isValidUscc(uscc) ? uscc : undefined,
    phone: phone.ok ? phone.normalized : undefined,
    domain: input.website ? (webDomain(input.website) ?? undefined) : undefined,
  };
}

/**
 * Finds customers that look like this one anywhere in the workspace. What the caller may not read comes
 * back masked: the name half-hidden, the owner, no id, so they know whom to ask and nothing more.
 */
export async function findDuplicates(db: Executor, actor: Actor, input: CustomerKeys, askRef: AskRef): Promise<DuplicateMatch[]> {
  const keys = duplicateKeysOf(input);
  const rows = await findDuplicateRows(db, actor.workspaceId, keys, input.excludeId);
  return rows.map((row) => {
    const matchedOn: DuplicateMatch['matchedOn'] = [];
    if (keys.nameKey && row.name_key === keys.nameKey) matchedOn.push('name');
    if (keys.uscc && row.uscc === keys.uscc) matchedOn.push('uscc');
    if (keys.phone && row.phone === keys.phone) matchedOn.push('phone');
    if (keys.domain && row.domain_key === keys.domain) matchedOn.push('domain');
    const visible = can(actor, 'read', scoped(row));
    return {
      id: visible ? row.id : null,
      name: visible ? row.name : maskName(row.name),
      matchedOn,
      visible,
      owner: row.owner_id ? { id: row.owner_id, name: row.owner_name ?? '' } : null,
      // Owned customers are protected from being worked by others; the public pool (unowned) is not.
      protected: row.owner_id !== null,
      askRef: askRef(row.id, row.owner_id),
    };
  });
}

/** Refuses a save that duplicates a customer: always under "block", until acknowledged under "warn". */
async function guardDuplicates(core: Core, db: Executor, actor: Actor, input: CustomerKeys, acknowledged: boolean) {
  const matches = await findDuplicates(db, actor, input, askRefMaker(core, actor));
  if (matches.length === 0) return;
  await refuseDuplicates(db, actor.workspaceId, matches, acknowledged);
}

/** The workspace's duplicate policy applied to matches found: block refuses, warn needs acknowledging. */
export async function refuseDuplicates(db: Executor, workspaceId: string, matches: DuplicateMatch[], acknowledged: boolean, entity: 'customer' | 'contact' = 'customer'): Promise<void> {
  if (matches.length === 0) return;
  const { duplicatePolicy } = await getWorkspaceSettings(db, workspaceId);
  if (duplicatePolicy === 'block') throw new AppError(entity === 'contact' ? 'duplicate_contact' : 'duplicate_customer', { extra: { matches } });
  if (!acknowledged) throw new AppError('duplicate_warning', { extra: { matches } });
}

const SORTS: Record<CustomerListQuery['sort'], CustomerSort> = {
  '-updatedAt': { column: 'updated_at', direction: 'desc' },
  updatedAt: { column: 'updated_at', direction: 'asc' },
  '-createdAt': { column: 'created_at', direction: 'desc' },
  createdAt: { column: 'created_at', direction: 'asc' },
  name: { column: 'name_key', direction: 'asc' },
  '-name': { column: 'name_key', direction: 'desc' },
};

/** Customers the caller may see, filtered and sorted in SQL, a keyset page at a time. */
export async function listCustomers(core: Core, ctx: RequestContext, query: CustomerListQuery) {
  const { actor } = ctx;
  const keys = await keyFieldsOf(core.db, actor.workspaceId);
  if (query.deleted && !actor.permissions.has('records.delete')) throw new AppError('forbidden');
  const sort = SORTS[query.sort];
  const { cursor, limit, ...filters } = query;
  const binding = `customers:${actor.userId}:${toJson(filters)}`;
  const after = decodeTextKeyset(core.cursors, cursor, binding);
  const rows = await listCustomerRows(
    core.db,
    actor.workspaceId,
    listScope(actor, 'records.read'),
    {
      ids: query.ids,
      namePrefix: query.q ? normalizeCompanyName(query.q) || undefined : undefined,
      ownerId: query.ownerId,
      departmentId: query.departmentId,
      status: query.status,
      level: query.level,
      tag: query.tag,
      custom: customCondition(core.db, 'c.custom', keys.fields, query),
      updatedFrom: query.updatedFrom ? new Date(query.updatedFrom).toISOString() : undefined,
      updatedTo: query.updatedTo ? new Date(query.updatedTo).toISOString() : undefined,
      deleted: query.deleted,
      after,
    },
    sort,
    limit + 1,
  );
  return toPage(rows, limit, (r) => toCustomer(r, keys), (r) => [r[sort.column], r.id], core.cursors, binding);
}

export async function getCustomer(core: Core, ctx: RequestContext, id: string): Promise<Customer> {
  const keys = await keyFieldsOf(core.db, ctx.actor.workspaceId);
  return toCustomer(await getForAction(core.db, ctx.actor, id, 'read'), keys);
}

/** Creates a customer owned by the caller (or, with the transfer right, by a colleague), after the duplicate check. */
export async function createCustomer(core: Core, ctx: RequestContext, input: CreateCustomer, idempotency: Idempotency | null): Promise<Customer> {
  const { actor } = ctx;
  if (!actor.permissions.has('records.create')) throw new AppError('forbidden');
  const ownerId = input.ownerId ?? actor.userId;
  if (ownerId !== actor.userId && !actor.permissions.has('records.transfer')) throw new AppError('forbidden');
  return runOnce(core, ctx, idempotency, async (trx) => {
    const keys = await keyFieldsOf(trx, actor.workspaceId);
    const owner = await findActiveMember(trx, actor.workspaceId, ownerId);
    if (!owner) throw new AppError('validation_failed', { fields: [{ path: 'ownerId', code: 'unknown_owner', message: 'unknown owner' }] });
    await guardDuplicates(core, trx, actor, { name: input.name, uscc: input.uscc ?? undefined, phone: input.phone ?? undefined, website: input.website ?? undefined }, input.acknowledgeDuplicates);
    const change = changeOf(core, ctx);
    const row: CustomersTable = {
      workspace_id: actor.workspaceId,
      id: newId(),
      name: input.name,
      type: input.type,
      uscc: input.uscc ?? null,
      industry: input.industry ?? null,
      province: input.province ?? null,
      city: input.city ?? null,
      address: input.address ?? null,
      website: input.website ?? null,
      phone: input.phone ?? null,
      source: input.source ?? null,
      level: input.level ?? null,
      status: input.status,
      tags: toJson(input.tags),
      custom: customJson(await requiredFor(trx, actor, 'customer', keys.fields), input.custom, 'create'),
      owner_id: owner.id,
      department_id: owner.departmentId,
      name_key: normalizeCompanyName(input.name),
      domain_key: input.website ? webDomain(input.website) : null,
      last_follow_up_at: null,
      next_follow_up_on: null,
      created_by: actor.userId,
      created_at: change.at,
      updated_at: change.at,
      version: 1,
      deleted_at: null,
      merged_into_id: null,
    };
    await insertCustomerRow(trx, row);
    await refreshSearch(trx, actor.workspaceId, 'customer', [row.id]);
    const customer = toCustomer(row, keys);
    await recordAudit(trx, change, { entityType: 'customer', entityId: row.id, action: 'create', after: customer });
    return customer;
  });
}

/** Edits a customer with a version check; changed keys are checked for duplicates again. */
export async function updateCustomer(core: Core, ctx: RequestContext, id: string, input: UpdateCustomer): Promise<Customer> {
  return core.db.transaction().execute(async (trx) => {
    const keys = await keyFieldsOf(trx, ctx.actor.workspaceId);
    const row = await getForAction(trx, ctx.actor, id, 'edit');
    const before = toCustomer(row, keys);
    if (row.version !== input.version) throw new AppError('version_conflict', { extra: { current: before } });
    const { version, acknowledgeDuplicates, custom, ...fields } = input;
    const keysChanged = (['name', 'uscc', 'phone', 'website'] as const).some((k) => fields[k] !== undefined && fields[k] !== before[k]);
    if (keysChanged) {
      await guardDuplicates(core, trx, ctx.actor, { name: fields.name ?? before.name, uscc: fields.uscc ?? undefined, phone: fields.phone ?? undefined, website: fields.website ?? undefined, excludeId: id }, acknowledgeDuplicates);
    }
    const change = changeOf(core, ctx);
    const patch: Parameters<typeof updateCustomerRow>[4] = { updated_at: change.at };
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      const column = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) as keyof typeof patch;
      (patch as Record<string, unknown>)[column] = key === 'tags' ? toJson(value) : value;
    }
    if (custom !== undefined) patch.custom = customJson(keys.fields, custom, 'update', row.custom);
    if (fields.name !== undefined) patch.name_key = normalizeCompanyName(fields.name);
    if (fields.website !== undefined) patch.domain_key = fields.website ? webDomain(fields.website) : null;
    const updated = await updateCustomerRow(trx, ctx.actor.workspaceId, id, version, patch);
    if (!updated) throw new AppError('version_conflict', { extra: { current: before } });
    const after = toCustomer(updated, keys);
    // Contacts and deals show the customer's name in search; other edits only touch the customer's own entry.
    if (after.name !== before.name) await refreshCustomerFamily(trx, ctx.actor.workspaceId, id);
    else await refreshSearch(trx, ctx.actor.workspaceId, 'customer', [id]);
    await recordAudit(trx, change, { entityType: 'customer', entityId: id, action: 'update', fields: [...changedFields(before, after, AUDITED), ...customChanges(before.custom, after.custom)] });
    return after;
  });
}

/** Moves a customer to the recycle bin, from which it can be restored for the workspace's recycle days. */
export async function deleteCustomer(core: Core, ctx: RequestContext, id: string): Promise<void> {
  await core.db.transaction().execute(async (trx) => {
    const keys = await keyFieldsOf(trx, ctx.actor.workspaceId);
    const row = await getForAction(trx, ctx.actor, id, 'delete');
    const change = changeOf(core, ctx);
    await updateCustomerRow(trx, ctx.actor.workspaceId, id, row.version, { deleted_at: change.at, updated_at: change.at });
    await refreshCustomerFamily(trx, ctx.actor.workspaceId, id);
    await recordAudit(trx, change, { entityType: 'customer', entityId: id, action: 'delete', before: toCustomer(row, keys) });
  });
}

export async function restoreCustomer(core: Core, ctx: RequestContext, id: string): Promise<Customer> {
  return core.db.transaction().execute(async (trx) => {
    const keys = await keyFieldsOf(trx, ctx.actor.workspaceId);
    const row = await getForAction(trx, ctx.actor, id, 'delete', { deleted: true });
    const { recycleDays } = await getWorkspaceSettings(trx, ctx.actor.workspaceId);
    const now = core.clock.now();
    if (row.merged_into_id) throw new AppError('merged_record', { extra: { mergedIntoId: row.merged_into_id } });
    if (row.deleted_at && now.getTime() - new Date(row.deleted_at).getTime() > recycleDays * 86_400_000) throw new AppError('not_restorable');
    const change = changeOf(core, ctx);
    const updated = await updateCustomerRow(trx, ctx.actor.workspaceId, id, row.version, { deleted_at: null, updated_at: change.at });
    if (!updated) throw new AppError('version_conflict');
    await refreshCustomerFamily(trx, ctx.actor.workspaceId, id);
    await recordAudit(trx, change, { entityType: 'customer', entityId: id, action: 'restore', after: toCustomer(updated, keys) });
    return toCustomer(updated, keys);
  });
}

/**
 * Hands a customer to a colleague; its department follows the new owner, its history stays, and by
 * default its open deals and its contacts go with it.
 */
export async function transferCustomer(core: Core, ctx: RequestContext, id: string, input: TransferCustomer): Promise<Customer> {
  return core.db.transaction().execute(async (trx) => {
    const keys = await keyFieldsOf(trx, ctx.actor.workspaceId);
    const row = await getForAction(trx, ctx.actor, id, 'transfer');
    const before = toCustomer(row, keys);
    if (row.version !== input.version) throw new AppError('version_conflict', { extra: { current: before } });
    const owner = await findActiveMember(trx, ctx.actor.workspaceId, input.toUserId);
    if (!owner) throw new AppError('validation_failed', { fields: [{ path: 'toUserId', code: 'unknown_owner', message: 'unknown owner' }] });
    const change = changeOf(core, ctx);
    const updated = await updateCustomerRow(trx, ctx.actor.workspaceId, id, input.version, { owner_id: owner.id, department_id: owner.departmentId, updated_at: change.at });
    if (!updated) throw new AppError('version_conflict', { extra: { current: before } });
    const after = toCustomer(updated, keys);
    await recordAudit(trx, change, {
      entityType: 'customer',
      entityId: id,
      action: 'transfer',
      fields: [
        { field: 'ownerId', before: before.ownerId, after: after.ownerId },
        ...(before.departmentId !== after.departmentId ? [{ field: 'departmentId', before: before.departmentId, after: after.departmentId }] : []),
        ...(input.note ? [{ field: 'note', before: null, after: input.note }] : []),
      ],
    });
    // The whole relationship changes hands in one transaction: no deal is left with the previous rep.
    if (input.moveOpenOpportunities) await moveOpenOpportunitiesOfCustomer(trx, change, id, owner);
    if (input.moveContacts) await moveContactsOfCustomer(trx, change, id, owner.id);
    await refreshCustomerFamily(trx, ctx.actor.workspaceId, id);
    await notify(trx, change, [owner.id], { kind: 'transfer', record: { type: 'customer', id, name: row.name }, message: input.note ?? null });
    return after;
  });
}

/**
 * A customer the caller may add follow-ups or contacts to: they can read it and may create or edit
 * records. Throws 404 outside the caller's scope.
 */
export async function getCustomerToWorkOn(db: Executor, actor: Actor, id: string): Promise<Customer> {
  const keys = await keyFieldsOf(db, actor.workspaceId);
  const row = await getForAction(db, actor, id, 'read');
  if (!actor.permissions.has('records.create') && !actor.permissions.has('records.edit')) throw new AppError('forbidden');
  return toCustomer(row, keys);
}

/** Keeps the customer's latest follow-up time and next date, in the follow-up's transaction. */
export async function noteFollowUpOnCustomer(db: Executor, workspaceId: string, customerId: string, latest: { occurredAt: string; nextFollowUpOn: string | null } | null): Promise<void> {
  await setFollowUpSummary(db, workspaceId, customerId, latest ? { last_follow_up_at: latest.occurredAt, next_follow_up_on: latest.nextFollowUpOn } : { last_follow_up_at: null, next_follow_up_on: null });
}

/**
 * Assigns, tags or deletes many customers at once. Each id gets the same checks as a single request
 * (scope, permission, version is not needed: the action applies to the current row), runs in its own
 * transaction, and is reported, so one refusal never blocks or hides the others.
 */
export async function bulkCustomers(core: Core, ctx: RequestContext, input: BulkCustomerAction): Promise<BulkResult> {
  const result = await runBulk(input.ids, (id) =>
    core.db.transaction().execute(async (trx) => {
      const keys = await keyFieldsOf(trx, ctx.actor.workspaceId);
      const action: Action = input.action === 'assign' ? 'transfer' : input.action === 'delete' ? 'delete' : 'edit';
      const row = await getForAction(trx, ctx.actor, id, action);
      const change = changeOf(core, ctx);
      const before = toCustomer(row, keys);
      if (input.action === 'delete') {
        await updateCustomerRow(trx, ctx.actor.workspaceId, id, row.version, { deleted_at: change.at, updated_at: change.at });
        await refreshCustomerFamily(trx, ctx.actor.workspaceId, id);
        await recordAudit(trx, change, { entityType: 'customer', entityId: id, action: 'delete', before });
        return;
      }
      let patch: Parameters<typeof updateCustomerRow>[4];
      if (input.action === 'assign') {
        const owner = await findActiveMember(trx, ctx.actor.workspaceId, input.toUserId);
        if (!owner) throw new AppError('validation_failed', { fields: [{ path: 'toUserId', code: 'unknown_owner', message: 'unknown owner' }] });
        patch = { owner_id: owner.id, department_id: owner.departmentId, updated_at: change.at };
      } else {
        patch = { tags: toJson([...new Set([...before.tags, input.tag])]), updated_at: change.at };
      }
      const updated = await updateCustomerRow(trx, ctx.actor.workspaceId, id, row.version, patch);
      if (!updated) throw new AppError('version_conflict');
      if (input.action === 'assign') await refreshCustomerFamily(trx, ctx.actor.workspaceId, id);
      await recordAudit(trx, change, { entityType: 'customer', entityId: id, action: input.action === 'assign' ? 'transfer' : 'update', fields: changedFields(before, toCustomer(updated, keys), AUDITED) });
    }),
  );
  // One notification for the whole handoff, not one per customer.
  const moved = result.results.filter((r) => r.ok).length;
  if (input.action === 'assign' && moved > 0) await notify(core.db, changeOf(core, ctx), [input.toUserId], { kind: 'transfer', record: { type: 'customer', count: moved } });
  return result;
}

/** Ids of customers merged into this one (their history belongs to its timeline). */
export async function mergedInto(db: Executor, workspaceId: string, id: string): Promise<string[]> {
  return listMergedIds(db, workspaceId, id);
}

const FILLABLE = ['uscc', 'industry', 'province', 'city', 'address', 'website', 'phone', 'source', 'level'] as const;

/**
 * Merges a duplicate into a customer. Needs edit on the survivor and delete on the duplicate. Nothing is
 * lost: children move, empty fields are filled, tags and custom values combine, the duplicate stays as a
 * deleted row pointing at the survivor, and both histories show on the survivor's timeline.
 */
export async function mergeCustomer(core: Core, ctx: RequestContext, id: string, input: MergeCustomer): Promise<Customer> {
  if (input.duplicateId === id) throw new AppError('validation_failed', { fields: [{ path: 'duplicateId', code: 'same_record', message: 'cannot merge a customer into itself' }] });
  return core.db.transaction().execute(async (trx) => {
    const keys = await keyFieldsOf(trx, ctx.actor.workspaceId);
    const survivor = await getForAction(trx, ctx.actor, id, 'edit');
    const duplicate = await getForAction(trx, ctx.actor, input.duplicateId, 'delete');
    const before = toCustomer(survivor, keys);
    if (survivor.version !== input.version) throw new AppError('version_conflict', { extra: { current: before } });
    if (duplicate.version !== input.duplicateVersion) throw new AppError('version_conflict', { extra: { current: toCustomer(duplicate, keys) } });
    const change = changeOf(core, ctx);
    const patch: Parameters<typeof updateCustomerRow>[4] = { updated_at: change.at };
    for (const field of FILLABLE) if (survivor[field] === null && duplicate[field] !== null) patch[field] = duplicate[field];
    if (patch.website) patch.domain_key = duplicate.domain_key;
    patch.tags = toJson([...new Set([...fromJson<string[]>(survivor.tags, []), ...fromJson<string[]>(duplicate.tags, [])])]);
    patch.custom = toJson({ ...fromJson<Record<string, unknown>>(duplicate.custom, {}), ...fromJson<Record<string, unknown>>(survivor.custom, {}) });
    await moveChildren(trx, ctx.actor.workspaceId, duplicate.id, survivor.id);
    // Customers merged into the duplicate earlier now belong to the survivor's history too.
    await trx.updateTable('customers').set({ merged_into_id: survivor.id }).where('workspace_id', '=', ctx.actor.workspaceId).where('merged_into_id', '=', duplicate.id).execute();
    await updateCustomerRow(trx, ctx.actor.workspaceId, duplicate.id, duplicate.version, { deleted_at: change.at, updated_at: change.at, merged_into_id: survivor.id });
    const updated = await updateCustomerRow(trx, ctx.actor.workspaceId, id, input.version, patch);
    if (!updated) throw new AppError('version_conflict', { extra: { current: before } });
    const latest = await findLatestFollowUpOfCustomer(trx, ctx.actor.workspaceId, id);
    await noteFollowUpOnCustomer(trx, ctx.actor.workspaceId, id, latest ? { occurredAt: latest.occurred_at, nextFollowUpOn: latest.next_follow_up_on } : null);
    await refreshCustomerFamily(trx, ctx.actor.workspaceId, duplicate.id);
    await refreshCustomerFamily(trx, ctx.actor.workspaceId, id);
    const after = toCustomer({ ...updated, last_follow_up_at: latest?.occurred_at ?? null, next_follow_up_on: latest?.next_follow_up_on ?? null }, keys);
    await recordAudit(trx, change, { entityType: 'customer', entityId: id, action: 'merge', fields: [{ field: 'mergedFrom', before: null, after: { id: duplicate.id, name: duplicate.name } }, ...changedFields(before, after, AUDITED)] });
    await recordAudit(trx, change, { entityType: 'customer', entityId: duplicate.id, action: 'merged', fields: [{ field: 'mergedInto', before: null, after: { id: survivor.id, name: survivor.name } }] });
    return after;
  });
}
