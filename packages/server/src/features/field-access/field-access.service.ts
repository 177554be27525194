import { FIELD_RULE_ENTITIES, fieldAccessOf, type FieldAccess, type FieldRuleEntity, type MyFieldAccess } from '@kairos/domain/field-access';
import type { Actor } from '@kairos/domain/policy';
import type { Core, RequestContext } from '../../core';
import type { Executor } from '../../db/schema';
import { getWorkspaceSettings } from '../setup/workspace-settings.service';

export type FieldAccessByEntity = Record<FieldRuleEntity, FieldAccess>;

/** What the member may see and write of each record type, from the workspace's field rules and their roles. */
export async function fieldAccessFor(db: Executor, actor: Actor): Promise<FieldAccessByEntity> {
  const { fieldRules } = await getWorkspaceSettings(db, actor.workspaceId);
  return Object.fromEntries(FIELD_RULE_ENTITIES.map((e) => [e, fieldAccessOf(fieldRules, e, actor.roleIds)])) as FieldAccessByEntity;
}

/** The caller's own restrictions, so forms can leave hidden fields out and show read-only ones disabled. */
export async function myFieldAccess(core: Core, ctx: RequestContext): Promise<MyFieldAccess> {
  const access = await fieldAccessFor(core.db, ctx.actor);
  return Object.fromEntries(FIELD_RULE_ENTITIES.map((e) => [e, { hidden: [...access[e].hidden].sort(), readOnly: [...access[e].readOnly].sort() }])) as MyFieldAccess;
}

/**
 * The custom fields as a create by this member must fill them: a required field the member may not
 * see or change cannot be required of them (it stays empty until someone who may write it does).
 */
export async function requiredFor<F extends { key: string; required: boolean }>(db: Executor, actor: Actor, entity: FieldRuleEntity, fields: readonly F[]): Promise<F[]> {
  const { hidden, readOnly } = (await fieldAccessFor(db, actor))[entity];
  return fields.map((f) => (f.required && (hidden.has(`custom.${f.key}`) || readOnly.has(`custom.${f.key}`)) ? { ...f, required: false } : f));
}
