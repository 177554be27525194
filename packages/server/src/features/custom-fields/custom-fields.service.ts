import { createInstanceCache } from '../../shared/instance-cache';
import { PostgresAdapter, sql, type Expression, type SqlBool } from 'kysely';
import { checkCustomValues, type CreateCustomField, type CustomField, type CustomFieldEntity, type CustomValues, type UpdateCustomField } from '@kairos/domain/custom-fields';
import { AppError } from '@kairos/domain/errors';
import type { Core, RequestContext } from '../../core';
import type { Executor } from '../../db/schema';
import { newId } from '../../ids';
import { fromJson, toJson } from '../../shared/json';
import { changeOf, changedFields, recordAudit } from '../audit/audit.service';
import type { CustomFieldsTable } from './custom-field.table';
import { findCustomFieldRow, insertCustomFieldRow, listCustomFieldRows, updateCustomFieldRow } from './custom-fields.store';

function toCustomField(row: CustomFieldsTable): CustomField {
  return {
    id: row.id,
    entity: row.entity as CustomField['entity'],
    key: row.key,
    labelZh: row.label_zh,
    labelEn: row.label_en,
    type: row.type as CustomField['type'],
    required: row.required === 1,
    options: fromJson<CustomField['options']>(row.options, []),
    position: row.position,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** Read by every record response, list and search write, so each instance keeps them for a second. */
const definitions = createInstanceCache<CustomField[]>(1000);

/** The live field definitions of a record type, in form order. Treat the result as read-only: it may be shared. */
export async function fieldsOf(db: Executor, workspaceId: string, entity: CustomFieldEntity): Promise<CustomField[]> {
  return definitions.get(db, `${workspaceId}:${entity}`, async () => (await listCustomFieldRows(db, workspaceId, entity)).map(toCustomField));
}

/** Every member may read the definitions: forms, lists and filters render them. */
export async function listCustomFields(core: Core, ctx: RequestContext, entity: CustomFieldEntity | undefined): Promise<{ items: CustomField[] }> {
  return { items: (await listCustomFieldRows(core.db, ctx.actor.workspaceId, entity)).map(toCustomField) };
}

function requireManage(ctx: RequestContext) {
  if (!ctx.actor.permissions.has('workspace.manage')) throw new AppError('forbidden');
}

export async function createCustomField(core: Core, ctx: RequestContext, input: CreateCustomField): Promise<CustomField> {
  requireManage(ctx);
  const created = await core.db.transaction().execute(async (trx) => {
    const existing = await listCustomFieldRows(trx, ctx.actor.workspaceId, input.entity);
    if (existing.some((f) => f.key === input.key)) throw new AppError('validation_failed', { fields: [{ path: 'key', code: 'key_taken', message: 'key in use' }] });
    const change = changeOf(core, ctx);
    const row: CustomFieldsTable = {
      workspace_id: ctx.actor.workspaceId,
      id: newId(),
      entity: input.entity,
      key: input.key,
      label_zh: input.labelZh,
      label_en: input.labelEn,
      type: input.type,
      required: input.required ? 1 : 0,
      options: toJson(input.options),
      position: input.position ?? existing.length,
      created_at: change.at,
      updated_at: change.at,
      version: 1,
      deleted_at: null,
    };
    await insertCustomFieldRow(trx, row);
    const field = toCustomField(row);
    await recordAudit(trx, change, { entityType: 'custom_field', entityId: row.id, action: 'create', after: field });
    return field;
  });
  definitions.drop(`${ctx.actor.workspaceId}:${input.entity}`);
  return created;
}

export async function updateCustomField(core: Core, ctx: RequestContext, id: string, input: UpdateCustomField): Promise<CustomField> {
  requireManage(ctx);
  const saved = await core.db.transaction().execute(async (trx) => {
    const row = await findCustomFieldRow(trx, ctx.actor.workspaceId, id);
    if (!row) throw new AppError('not_found');
    const before = toCustomField(row);
    if (row.version !== input.version) throw new AppError('version_conflict', { extra: { current: before } });
    const options = input.options ?? before.options;
    if ((before.type === 'select' || before.type === 'multiselect') && options.length === 0) throw new AppError('validation_failed', { fields: [{ path: 'options', code: 'options_required', message: 'options required' }] });
    const change = changeOf(core, ctx);
    const updated = await updateCustomFieldRow(trx, ctx.actor.workspaceId, id, input.version, {
      updated_at: change.at,
      ...(input.labelZh !== undefined ? { label_zh: input.labelZh } : {}),
      ...(input.labelEn !== undefined ? { label_en: input.labelEn } : {}),
      ...(input.required !== undefined ? { required: input.required ? 1 : 0 } : {}),
      ...(input.options !== undefined ? { options: toJson(input.options) } : {}),
      ...(input.position !== undefined ? { position: input.position } : {}),
    });
    if (!updated) throw new AppError('version_conflict', { extra: { current: before } });
    const after = toCustomField(updated);
    await recordAudit(trx, change, { entityType: 'custom_field', entityId: id, action: 'update', fields: changedFields(before, after, ['labelZh', 'labelEn', 'required', 'options', 'position']) });
    return after;
  });
  definitions.drop(`${ctx.actor.workspaceId}:${saved.entity}`);
  return saved;
}

/** Removes a field from forms, lists and responses; stored values stay in the rows (and in the audit log). */
export async function deleteCustomField(core: Core, ctx: RequestContext, id: string): Promise<void> {
  requireManage(ctx);
  const entity = await core.db.transaction().execute(async (trx) => {
    const row = await findCustomFieldRow(trx, ctx.actor.workspaceId, id);
    if (!row) throw new AppError('not_found');
    const change = changeOf(core, ctx);
    await updateCustomFieldRow(trx, ctx.actor.workspaceId, id, row.version, { deleted_at: change.at, updated_at: change.at });
    await recordAudit(trx, change, { entityType: 'custom_field', entityId: id, action: 'delete', before: toCustomField(row) });
    return row.entity;
  });
  definitions.drop(`${ctx.actor.workspaceId}:${entity}`);
}

/**
 * The `custom` JSON to store: the input checked against the definitions (422 naming `custom.<key>` for
 * each problem), merged over what the record had (null clears a value).
 */
export function customJson(fields: readonly CustomField[], input: CustomValues | undefined, mode: 'create' | 'update', storedJson = '{}'): string {
  const { values, errors } = checkCustomValues(fields, input, mode);
  if (errors.length) throw new AppError('validation_failed', { fields: errors });
  const merged: CustomValues = { ...fromJson<CustomValues>(storedJson, {}), ...values };
  for (const [key, value] of Object.entries(merged)) if (value === null) delete merged[key];
  return toJson(merged);
}

/** One audit change per custom value that differs, as `custom.<key>`, so timelines name the field. */
export function customChanges(before: CustomValues, after: CustomValues): { field: string; before: unknown; after: unknown }[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.filter((k) => toJson(before[k] ?? null) !== toJson(after[k] ?? null)).map((k) => ({ field: `custom.${k}`, before: before[k] ?? null, after: after[k] ?? null }));
}

/** The values of live fields only: a deleted field's values are absent from every response. */
export function visibleCustom(storedJson: string, fields: readonly CustomField[]): CustomValues {
  const stored = fromJson<CustomValues>(storedJson, {});
  const out: CustomValues = {};
  for (const field of fields) if (Object.hasOwn(stored, field.key)) out[field.key] = stored[field.key];
  return out;
}

/**
 * "This custom field equals `raw`" in SQL, for list filters: a choice in a multi-select, a number as a
 * number, anything else as text. The caller has checked that `field` is a live field of the record type.
 */
export function customFilter(db: Executor, column: string, field: CustomField, raw: string): Expression<SqlBool> {
  const ref = sql.ref(column);
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (field.type === 'multiselect') {
    return postgres ? sql<boolean>`(${ref} -> ${field.key}) ? ${raw}` : sql<boolean>`exists (select 1 from json_each(${ref}, ${`$."${field.key}"`}) where value = ${raw})`;
  }
  if (field.type === 'number' || field.type === 'money') {
    const n = Number(raw);
    if (!Number.isFinite(n)) throw new AppError('validation_failed', { fields: [{ path: 'customValue', code: 'invalid_value', message: 'not a number' }] });
    return postgres ? sql<boolean>`(${ref} ->> ${field.key})::numeric = ${n}` : sql<boolean>`json_extract(${ref}, ${`$."${field.key}"`}) = ${n}`;
  }
  return postgres ? sql<boolean>`${ref} ->> ${field.key} = ${raw}` : sql<boolean>`json_extract(${ref}, ${`$."${field.key}"`}) = ${raw}`;
}

/** A list's `customKey` + `customValue` filter as SQL on `column`; 422 for an unknown key or a missing value. */
export function customCondition(db: Executor, column: string, fields: readonly CustomField[], query: { customKey?: string; customValue?: string }): Expression<SqlBool> | undefined {
  if (query.customKey === undefined) return undefined;
  const field = fields.find((f) => f.key === query.customKey);
  if (!field) throw new AppError('validation_failed', { fields: [{ path: 'customKey', code: 'unknown_field', message: 'unknown field' }] });
  if (!query.customValue) throw new AppError('validation_failed', { fields: [{ path: 'customValue', code: 'required', message: 'required' }] });
  return customFilter(db, column, field, query.customValue);
}
