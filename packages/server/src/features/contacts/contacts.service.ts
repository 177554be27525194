import { requiredFor } from '../field-access/field-access.service';
import { completenessOf } from '@kairos/domain/completeness';
import type { BulkContactAction, Contact, ContactListQuery, CreateContact, TransferContact, UpdateContact } from '@kairos/domain/contacts';
import type { BulkResult } from '@kairos/domain/common';
import { runBulk } from '../../shared/bulk';
import { maskName, type DuplicateMatch } from '@kairos/domain/customers';
import { AppError } from '@kairos/domain/errors';
import { can, listScope, type Action, type Actor } from '@kairos/domain/policy';
import type { Core, RequestContext } from '../../core';
import type { Executor } from '../../db/schema';
import { newId } from '../../ids';
import { assertCan } from '../../shared/access';
import { decodeTextKeyset, toPage } from '../../shared/cursor';
import { fromJson, toJson } from '../../shared/json';
import { changedFields, recordAudit, type ChangeContext, changeOf } from '../audit/audit.service';
import { getCustomerToWorkOn, refuseDuplicates } from '../customers/customers.service';
import { runOnce, type Idempotency } from '../idempotency/idempotency.service';
import { customChanges, customCondition, customJson, visibleCustom } from '../custom-fields/custom-fields.service';
import { recordShape, type RecordShape } from '../custom-fields/record-shape';
import { refreshSearch } from '../search/search.index';
import type { ContactsTable } from './contact.table';
import { askRefMaker, type AskRef } from '../duplicates/ask-owner';
import { getWorkspaceSettings } from '../setup/workspace-settings.service';
import { notify } from '../notifications/notify';
import { findActiveMember, loadActor } from '../users/users.service';
import { findContactDuplicateRows, findContactRow, findContactRows, insertContactRow, listContactRows, reassignContactRowsOfCustomer, setContactFollowUpSummary, updateContactRow, type ContactRow } from './contacts.store';

const AUDITED: (keyof Contact)[] = ['name', 'title', 'mobile', 'phone', 'email', 'wechat', 'decisionRole', 'tags'];

function toContact(row: ContactsTable & { customer_name: string }, shape: RecordShape): Contact {
  const record = {
    id: row.id,
    customerId: row.customer_id,
    customerName: row.customer_name,
    name: row.name,
    title: row.title,
    mobile: row.mobile,
    phone: row.phone,
    email: row.email,
    wechat: row.wechat,
    decisionRole: row.decision_role as Contact['decisionRole'],
    tags: fromJson<string[]>(row.tags, []),
    ownerId: row.owner_id,
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
  return recordShape(db, workspaceId, 'contact');
}

/** Who may see a contact is decided by its customer. */
function scoped(row: ContactRow) {
  return { ownerId: row.customer_owner_id, departmentId: row.customer_department_id, departmentPath: row.department_path };
}

/** Which of these live contacts the caller may read (through their customers), with their names, in one query. */
export async function readableContacts(db: Executor, actor: Actor, ids: readonly string[]): Promise<Map<string, { name: string; customerId: string }>> {
  const rows = (await findContactRows(db, actor.workspaceId, ids)).filter((r) => r.deleted_at === null && can(actor, 'read', scoped(r)));
  return new Map(rows.map((r) => [r.id, { name: r.name, customerId: r.customer_id }]));
}

async function getForAction(db: Executor, actor: Actor, id: string, action: Action): Promise<ContactRow> {
  const row = await findContactRow(db, actor.workspaceId, id);
  const live = row && row.deleted_at === null ? row : null;
  assertCan(actor, action, live && scoped(live));
  return live as ContactRow;
}

/** Contacts with this mobile or e-mail anywhere in the workspace; masked where the caller may not see them. */
export async function findContactDuplicates(db: Executor, actor: Actor, keys: { mobile?: string | null; email?: string | null; excludeId?: string }, askRef: AskRef): Promise<DuplicateMatch[]> {
  const rows = await findContactDuplicateRows(db, actor.workspaceId, { mobile: keys.mobile ?? undefined, email: keys.email ?? undefined }, keys.excludeId);
  return rows.map((row) => {
    const visible = can(actor, 'read', scoped(row));
    const matchedOn: DuplicateMatch['matchedOn'] = [];
    if (keys.mobile && row.mobile === keys.mobile) matchedOn.push('mobile');
    if (keys.email && row.email === keys.email) matchedOn.push('email');
    return {
      id: visible ? row.id : null,
      name: visible ? `${row.name} · ${row.customer_name}` : `${maskName(row.name)} · ${maskName(row.customer_name)}`,
      matchedOn,
      visible,
      owner: row.customer_owner_id ? { id: row.customer_owner_id, name: row.owner_name ?? '' } : null,
      protected: row.customer_owner_id !== null,
      askRef: askRef(row.customer_id, row.customer_owner_id),
    };
  });
}

const SORTS: Record<ContactListQuery['sort'], { column: 'updated_at' | 'name'; direction: 'asc' | 'desc' }> = {
  '-updatedAt': { column: 'updated_at', direction: 'desc' },
  updatedAt: { column: 'updated_at', direction: 'asc' },
  name: { column: 'name', direction: 'asc' },
  '-name': { column: 'name', direction: 'desc' },
};

export async function listContacts(core: Core, ctx: RequestContext, query: ContactListQuery) {
  const { actor } = ctx;
  if (query.deleted && !actor.permissions.has('records.delete')) throw new AppError('forbidden');
  const keys = await keyFieldsOf(core.db, actor.workspaceId);
  const { cursor, limit, ...filters } = query;
  const binding = `contacts:${actor.userId}:${toJson(filters)}`;
  const after = decodeTextKeyset(core.cursors, cursor, binding);
  const rows = await listContactRows(
    core.db,
    actor.workspaceId,
    listScope(actor, 'records.read'),
    {
      ids: query.ids,
      customerId: query.customerId,
      ownerId: query.ownerId,
      departmentId: query.departmentId,
      namePrefix: query.q || undefined,
      decisionRole: query.decisionRole,
      tag: query.tag,
      updatedFrom: query.updatedFrom ? new Date(query.updatedFrom).toISOString() : undefined,
      updatedTo: query.updatedTo ? new Date(query.updatedTo).toISOString() : undefined,
      custom: customCondition(core.db, 'k.custom', keys.fields, query),
      deleted: query.deleted,
      after,
    },
    SORTS[query.sort],
    limit + 1,
  );
  return toPage(rows, limit, (r) => toContact(r, keys), (r) => [r[SORTS[query.sort].column], r.id], core.cursors, binding);
}

export async function getContact(core: Core, ctx: RequestContext, id: string): Promise<Contact> {
  const keys = await keyFieldsOf(core.db, ctx.actor.workspaceId);
  return toContact(await getForAction(core.db, ctx.actor, id, 'read'), keys);
}

/** Adds a contact to a customer the caller may work on, after checking mobile and e-mail for duplicates. */
export async function createContact(core: Core, ctx: RequestContext, input: CreateContact, idempotency: Idempotency | null): Promise<Contact> {
  return runOnce(core, ctx, idempotency, async (trx) => {
    const keys = await keyFieldsOf(trx, ctx.actor.workspaceId);
    const customer = await getCustomerToWorkOn(trx, ctx.actor, input.customerId);
    await refuseDuplicates(trx, ctx.actor.workspaceId, await findContactDuplicates(trx, ctx.actor, input, askRefMaker(core, ctx.actor)), input.acknowledgeDuplicates, 'contact');
    const change = changeOf(core, ctx);
    const row: ContactsTable = {
      workspace_id: ctx.actor.workspaceId,
      id: newId(),
      customer_id: customer.id,
      name: input.name,
      title: input.title || null,
      mobile: input.mobile ?? null,
      phone: input.phone ?? null,
      email: input.email ?? null,
      wechat: input.wechat || null,
      decision_role: input.decisionRole ?? null,
      tags: toJson(input.tags),
      custom: customJson(await requiredFor(trx, ctx.actor, 'contact', keys.fields), input.custom, 'create'),
      owner_id: customer.ownerId,
      last_follow_up_at: null,
      next_follow_up_on: null,
      created_by: ctx.actor.userId,
      created_at: change.at,
      updated_at: change.at,
      version: 1,
      deleted_at: null,
    };
    await insertContactRow(trx, row);
    await refreshSearch(trx, ctx.actor.workspaceId, 'contact', [row.id]);
    const contact = toContact({ ...row, customer_name: customer.name }, keys);
    await recordAudit(trx, change, { entityType: 'contact', entityId: row.id, action: 'create', after: contact });
    return contact;
  });
}

export async function updateContact(core: Core, ctx: RequestContext, id: string, input: UpdateContact): Promise<Contact> {
  return core.db.transaction().execute(async (trx) => {
    const keys = await keyFieldsOf(trx, ctx.actor.workspaceId);
    const row = await getForAction(trx, ctx.actor, id, 'edit');
    const before = toContact(row, keys);
    if (row.version !== input.version) throw new AppError('version_conflict', { extra: { current: before } });
    const { version, acknowledgeDuplicates, ...fields } = input;
    const mobile = fields.mobile !== undefined && fields.mobile !== before.mobile ? fields.mobile : undefined;
    const email = fields.email !== undefined && fields.email !== before.email ? fields.email : undefined;
    if (mobile || email) await refuseDuplicates(trx, ctx.actor.workspaceId, await findContactDuplicates(trx, ctx.actor, { mobile, email, excludeId: id }, askRefMaker(core, ctx.actor)), acknowledgeDuplicates, 'contact');
    const change = changeOf(core, ctx);
    const updated = await updateContactRow(trx, ctx.actor.workspaceId, id, version, {
      updated_at: change.at,
      ...(fields.name !== undefined ? { name: fields.name } : {}),
      ...(fields.title !== undefined ? { title: fields.title || null } : {}),
      ...(fields.mobile !== undefined ? { mobile: fields.mobile } : {}),
      ...(fields.phone !== undefined ? { phone: fields.phone } : {}),
      ...(fields.email !== undefined ? { email: fields.email } : {}),
      ...(fields.wechat !== undefined ? { wechat: fields.wechat || null } : {}),
      ...(fields.decisionRole !== undefined ? { decision_role: fields.decisionRole } : {}),
      ...(fields.tags !== undefined ? { tags: toJson(fields.tags) } : {}),
      ...(fields.custom !== undefined ? { custom: customJson(keys.fields, fields.custom, 'update', row.custom) } : {}),
    });
    if (!updated) throw new AppError('version_conflict', { extra: { current: before } });
    const after = toContact({ ...updated, customer_name: row.customer_name }, keys);
    await refreshSearch(trx, ctx.actor.workspaceId, 'contact', [id]);
    await recordAudit(trx, change, { entityType: 'contact', entityId: id, action: 'update', fields: [...changedFields(before, after, AUDITED), ...customChanges(before.custom, after.custom)] });
    return after;
  });
}

export async function deleteContact(core: Core, ctx: RequestContext, id: string): Promise<void> {
  await core.db.transaction().execute(async (trx) => {
    const keys = await keyFieldsOf(trx, ctx.actor.workspaceId);
    const row = await getForAction(trx, ctx.actor, id, 'delete');
    const change = changeOf(core, ctx);
    await updateContactRow(trx, ctx.actor.workspaceId, id, row.version, { deleted_at: change.at, updated_at: change.at });
    await refreshSearch(trx, ctx.actor.workspaceId, 'contact', [id]);
    await recordAudit(trx, change, { entityType: 'contact', entityId: id, action: 'delete', before: toContact(row, keys) });
  });
}

/**
 * Makes a colleague the contact's owner (负责人). Needs the transfer right on the contact's customer;
 * who may see the contact still follows the customer, so a rep leaving hands over the customer instead.
 */
export async function transferContact(core: Core, ctx: RequestContext, id: string, input: TransferContact): Promise<Contact> {
  return core.db.transaction().execute(async (trx) => {
    const keys = await keyFieldsOf(trx, ctx.actor.workspaceId);
    const row = await getForAction(trx, ctx.actor, id, 'transfer');
    if (row.version !== input.version) throw new AppError('version_conflict', { extra: { current: toContact(row, keys) } });
    return reassignContact(trx, changeOf(core, ctx), ctx.actor, row, keys, input);
  });
}

async function reassignContact(trx: Executor, change: ChangeContext, actor: Actor, row: ContactRow, keys: RecordShape, input: { toUserId: string; note?: string }): Promise<Contact> {
  {
    const before = toContact(row, keys);
    const owner = await findActiveMember(trx, actor.workspaceId, input.toUserId);
    if (!owner) throw new AppError('validation_failed', { fields: [{ path: 'toUserId', code: 'unknown_owner', message: 'unknown owner' }] });
    // An owner who cannot see the contact could not work on it: hand over the customer instead.
    const next = await loadActor(trx, actor.workspaceId, owner.id);
    if (!next || !can(next.actor, 'read', scoped(row))) throw new AppError('validation_failed', { fields: [{ path: 'toUserId', code: 'owner_cannot_see', message: 'the new owner cannot see this customer' }] });
    const id = row.id;
    const updated = await updateContactRow(trx, actor.workspaceId, id, row.version, { owner_id: owner.id, updated_at: change.at });
    if (!updated) throw new AppError('version_conflict', { extra: { current: before } });
    const after = toContact({ ...row, ...updated }, keys);
    await recordAudit(trx, change, {
      entityType: 'contact',
      entityId: id,
      action: 'transfer',
      fields: [{ field: 'ownerId', before: before.ownerId, after: owner.id }, ...(input.note ? [{ field: 'note', before: null, after: input.note }] : [])],
    });
    await notify(trx, change, [owner.id], { kind: 'transfer', record: { type: 'contact', id, name: row.name }, message: input.note ?? null });
    return after;
  }
}

/** Assigns, tags or deletes many contacts at once, each checked, run and reported on its own. */
export async function bulkContacts(core: Core, ctx: RequestContext, input: BulkContactAction): Promise<BulkResult> {
  return runBulk(input.ids, (id) =>
    core.db.transaction().execute(async (trx) => {
      const keys = await keyFieldsOf(trx, ctx.actor.workspaceId);
      const row = await getForAction(trx, ctx.actor, id, input.action === 'assign' ? 'transfer' : input.action === 'delete' ? 'delete' : 'edit');
      const change = changeOf(core, ctx);
      const before = toContact(row, keys);
      if (input.action === 'assign') {
        await reassignContact(trx, change, ctx.actor, row, keys, { toUserId: input.toUserId });
      } else if (input.action === 'delete') {
        await updateContactRow(trx, ctx.actor.workspaceId, id, row.version, { deleted_at: change.at, updated_at: change.at });
        await refreshSearch(trx, ctx.actor.workspaceId, 'contact', [id]);
        await recordAudit(trx, change, { entityType: 'contact', entityId: id, action: 'delete', before });
      } else {
        const updated = await updateContactRow(trx, ctx.actor.workspaceId, id, row.version, { tags: toJson([...new Set([...before.tags, input.tag])]), updated_at: change.at });
        if (!updated) throw new AppError('version_conflict');
        await recordAudit(trx, change, { entityType: 'contact', entityId: id, action: 'update', fields: changedFields(before, toContact({ ...row, ...updated }, keys), ['tags']) });
      }
    }),
  );
}

/** Brings a deleted contact back within the workspace's recycle-bin days (needs the delete right on it). */
export async function restoreContact(core: Core, ctx: RequestContext, id: string): Promise<Contact> {
  return core.db.transaction().execute(async (trx) => {
    const keys = await keyFieldsOf(trx, ctx.actor.workspaceId);
    const row = await findContactRow(trx, ctx.actor.workspaceId, id);
    const deleted = row && row.deleted_at !== null ? row : null;
    assertCan(ctx.actor, 'delete', deleted && scoped(deleted));
    const { recycleDays } = await getWorkspaceSettings(trx, ctx.actor.workspaceId);
    if (deleted?.deleted_at && core.clock.now().getTime() - new Date(deleted.deleted_at).getTime() > recycleDays * 86_400_000) throw new AppError('not_restorable');
    const change = changeOf(core, ctx);
    const restored = await updateContactRow(trx, ctx.actor.workspaceId, id, (deleted as ContactRow).version, { deleted_at: null, updated_at: change.at });
    if (!restored) throw new AppError('version_conflict');
    await refreshSearch(trx, ctx.actor.workspaceId, 'contact', [id]);
    const after = toContact({ ...(deleted as ContactRow), ...restored }, keys);
    await recordAudit(trx, change, { entityType: 'contact', entityId: id, action: 'restore', after });
    return after;
  });
}

/**
 * A contact the caller may log follow-ups on: they can read it (its customer decides) and may create or
 * edit records. Throws 404 outside the caller's scope.
 */
export async function getContactToWorkOn(db: Executor, actor: Actor, id: string): Promise<Contact> {
  const keys = await keyFieldsOf(db, actor.workspaceId);
  const row = await getForAction(db, actor, id, 'read');
  if (!actor.permissions.has('records.create') && !actor.permissions.has('records.edit')) throw new AppError('forbidden');
  return toContact(row, keys);
}

/** Keeps the contact's latest follow-up time and next date, in the follow-up's transaction. */
export async function noteFollowUpOnContact(db: Executor, workspaceId: string, contactId: string, latest: { occurredAt: string; nextFollowUpOn: string | null } | null): Promise<void> {
  await setContactFollowUpSummary(db, workspaceId, contactId, { last_follow_up_at: latest?.occurredAt ?? null, next_follow_up_on: latest?.nextFollowUpOn ?? null });
}

/** Part of a customer handoff: its contacts get the new owner, each change audited, in the handoff's transaction. */
export async function moveContactsOfCustomer(db: Executor, change: ChangeContext, customerId: string, ownerId: string): Promise<number> {
  const moved = await reassignContactRowsOfCustomer(db, change.workspaceId, customerId, ownerId, change.at);
  for (const contact of moved) {
    await recordAudit(db, change, { entityType: 'contact', entityId: contact.id, action: 'transfer', fields: [{ field: 'ownerId', before: contact.owner_id, after: ownerId }] });
  }
  return moved.length;
}
