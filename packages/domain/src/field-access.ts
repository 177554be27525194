import { z } from 'zod';
import { IdSchema } from './common';

/**
 * Field-level access (字段权限): an administrator hides a field from a role, or makes it read-only for it
 * (the amount hidden from presales, the credit code read-only for sales). A hidden field is absent from
 * every response, export, filter, sort and search for that role; a read-only one is shown but not written.
 * A member with several roles gets the most open access any of them has, as with permissions.
 */
export const FIELD_RULE_ENTITIES = ['customer', 'contact', 'opportunity', 'followup'] as const;
export type FieldRuleEntity = (typeof FIELD_RULE_ENTITIES)[number];

/** Built-in fields that may be restricted; names, owners, customers and stages stay visible to make a record usable. */
export const RESTRICTABLE_FIELDS: Record<FieldRuleEntity, readonly string[]> = {
  customer: ['uscc', 'industry', 'province', 'city', 'address', 'website', 'phone', 'source', 'level'],
  contact: ['title', 'mobile', 'phone', 'email', 'wechat', 'decisionRole'],
  opportunity: ['amount', 'probability', 'expectedCloseOn', 'source'],
  followup: ['outcome'],
};

export const FIELD_ACCESS_LEVELS = ['hidden', 'readonly'] as const;
export type FieldAccessLevel = (typeof FIELD_ACCESS_LEVELS)[number];

const CUSTOM_KEY = /^custom\.[a-z][a-z0-9_]{0,39}$/;

/** Per field (a built-in name or `custom.<key>`), per role id: hidden or read-only. */
const EntityRules = z.record(z.string().max(50), z.record(IdSchema, z.enum(FIELD_ACCESS_LEVELS)));

export const FieldRulesSchema = z
  .object(Object.fromEntries(FIELD_RULE_ENTITIES.map((e) => [e, EntityRules.default({})])) as Record<FieldRuleEntity, z.ZodDefault<typeof EntityRules>>)
  .superRefine((rules, ctx) => {
    for (const entity of FIELD_RULE_ENTITIES) {
      for (const field of Object.keys(rules[entity])) {
        if (!RESTRICTABLE_FIELDS[entity].includes(field) && !CUSTOM_KEY.test(field)) {
          ctx.addIssue({ code: 'custom', path: [entity, field], message: 'this field cannot be restricted', params: { reason: 'unknown_field' } });
        }
      }
    }
  });
export type FieldRules = z.infer<typeof FieldRulesSchema>;

export const EMPTY_FIELD_RULES: FieldRules = { customer: {}, contact: {}, opportunity: {}, followup: {} };

/** What one member may do with the fields of one record type. */
export interface FieldAccess {
  hidden: ReadonlySet<string>;
  readOnly: ReadonlySet<string>;
}

export const FULL_ACCESS: FieldAccess = { hidden: new Set(), readOnly: new Set() };

/** The member's access to each restricted field: hidden only if every role hides it, read-only if none may write it. */
export function fieldAccessOf(rules: FieldRules, entity: FieldRuleEntity, roleIds: readonly string[]): FieldAccess {
  const hidden = new Set<string>();
  const readOnly = new Set<string>();
  if (roleIds.length === 0) return { hidden, readOnly };
  for (const [field, byRole] of Object.entries(rules[entity])) {
    const levels = roleIds.map((id) => byRole[id] ?? 'full');
    if (levels.every((l) => l === 'hidden')) hidden.add(field);
    else if (levels.every((l) => l !== 'full')) readOnly.add(field);
  }
  return { hidden, readOnly };
}

/** The record without the fields the member may not see; custom ones are `custom.<key>`. */
export function redactRecord<T extends object>(record: T, access: FieldAccess): T {
  if (access.hidden.size === 0) return record;
  const copy = { ...record } as Record<string, unknown>;
  for (const field of access.hidden) {
    if (field.startsWith('custom.')) {
      const custom = copy.custom;
      if (custom && typeof custom === 'object') {
        const { [field.slice(7)]: _gone, ...rest } = custom as Record<string, unknown>;
        copy.custom = rest;
      }
    } else delete copy[field];
  }
  // Completeness would otherwise tell which hidden fields are empty.
  const completeness = copy.completeness as { missing?: string[] } | undefined;
  if (completeness?.missing) copy.completeness = { ...completeness, missing: completeness.missing.filter((f) => !access.hidden.has(f)) };
  return copy as T;
}

/** The fields of a write the member may not make: each is a problem at its path. */
export function unwritableFields(body: Record<string, unknown>, access: FieldAccess): { path: string; code: string; message: string }[] {
  const blocked = new Set([...access.hidden, ...access.readOnly]);
  if (blocked.size === 0) return [];
  const problems: { path: string; code: string; message: string }[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (key === 'custom' && value && typeof value === 'object') {
      for (const customKey of Object.keys(value)) if (blocked.has(`custom.${customKey}`)) problems.push({ path: `custom.${customKey}`, code: 'read_only', message: 'you may not change this field' });
    } else if (value !== undefined && blocked.has(key)) problems.push({ path: key, code: 'read_only', message: 'you may not change this field' });
  }
  return problems;
}

/** Which record field each list filter or sort reads, so a hidden field cannot be probed through a list. */
export const FILTER_FIELDS: Partial<Record<FieldRuleEntity, Record<string, string>>> = {
  customer: { level: 'level' },
  contact: { decisionRole: 'decisionRole' },
  opportunity: { amountMin: 'amount', amountMax: 'amount', closeFrom: 'expectedCloseOn', closeTo: 'expectedCloseOn' },
};

/** Filters and sorts of a list query that read a field the member may not see. */
export function hiddenFilters(query: Record<string, unknown>, entity: FieldRuleEntity, access: FieldAccess): { path: string; code: string; message: string }[] {
  if (access.hidden.size === 0) return [];
  const problems: { path: string; code: string; message: string }[] = [];
  const refuse = (path: string) => problems.push({ path, code: 'hidden_field', message: 'this field is hidden from you' });
  for (const [param, field] of Object.entries(FILTER_FIELDS[entity] ?? {})) if (query[param] !== undefined && access.hidden.has(field)) refuse(param);
  if (typeof query.customKey === 'string' && access.hidden.has(`custom.${query.customKey}`)) refuse('customKey');
  if (typeof query.sort === 'string' && access.hidden.has(query.sort.replace(/^-/, ''))) refuse('sort');
  return problems;
}

/** The caller's own restrictions, for the UI to hide and disable inputs (GET /api/fields/access). */
export const MyFieldAccessSchema = z.object(
  Object.fromEntries(FIELD_RULE_ENTITIES.map((e) => [e, z.object({ hidden: z.array(z.string()), readOnly: z.array(z.string()) })])) as Record<FieldRuleEntity, z.ZodObject<{ hidden: z.ZodArray<z.ZodString>; readOnly: z.ZodArray<z.ZodString> }>>,
);
export type MyFieldAccess = z.infer<typeof MyFieldAccessSchema>;
