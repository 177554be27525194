import { FIELD_RULE_ENTITIES, RESTRICTABLE_FIELDS, type FieldRuleEntity, type FieldRules, type MyFieldAccess } from '@kairos/domain/field-access';

/**
 * Pure rules of field-level access (字段权限) on screen, so they can be unit-tested: what the signed-in
 * member may see and write (from GET /api/fields/access), taking what they may not write out of a body
 * before it is sent, and the admin's matrix of fields × roles to and from the workspace's `fieldRules`.
 * The server decides and refuses (packages/domain/src/field-access.ts); this keeps the UI from offering it.
 */

export type { FieldRuleEntity, FieldRules } from '@kairos/domain/field-access';

/** A field's level for one role, as the admin matrix shows it: no rule is "editable". */
export type FieldLevel = 'editable' | 'readonly' | 'hidden';
export const FIELD_LEVELS: readonly FieldLevel[] = ['editable', 'readonly', 'hidden'];

const CUSTOM_PREFIX = 'custom.';

/** The rule name of a custom field (`custom.<key>`), as rules, filters and columns name it. */
export function customRuleField(key: string): string {
  return `${CUSTOM_PREFIX}${key}`;
}

// ---------- the signed-in member's access ----------

/** What the member may do with the fields of each record type. */
export interface FieldAccessView {
  /** The field is left out of every response for the member: not shown, not filtered or sorted by, not sent. */
  isHidden: (entity: FieldRuleEntity, field: string) => boolean;
  /** The member sees the field but may not change it (hidden fields are not read-only: they are not there at all). */
  isReadOnly: (entity: FieldRuleEntity, field: string) => boolean;
  /** Neither hidden nor read-only. */
  canWrite: (entity: FieldRuleEntity, field: string) => boolean;
  /** The hidden fields of a record type (custom ones as `custom.<key>`). */
  hiddenOf: (entity: FieldRuleEntity) => ReadonlySet<string>;
}

/** The member's access from the server's answer; nothing known yet means nothing restricted (the server still refuses). */
export function fieldAccessView(access: MyFieldAccess | undefined): FieldAccessView {
  const hidden = new Map<FieldRuleEntity, ReadonlySet<string>>();
  const readOnly = new Map<FieldRuleEntity, ReadonlySet<string>>();
  for (const entity of FIELD_RULE_ENTITIES) {
    hidden.set(entity, new Set(access?.[entity].hidden ?? []));
    readOnly.set(entity, new Set(access?.[entity].readOnly ?? []));
  }
  const isHidden = (entity: FieldRuleEntity, field: string) => !!hidden.get(entity)?.has(field);
  const isReadOnly = (entity: FieldRuleEntity, field: string) => !isHidden(entity, field) && !!readOnly.get(entity)?.has(field);
  return {
    isHidden,
    isReadOnly,
    canWrite: (entity, field) => !isHidden(entity, field) && !isReadOnly(entity, field),
    hiddenOf: (entity) => hidden.get(entity) ?? new Set(),
  };
}

/**
 * The body without the fields the member may not write (hidden or read-only; custom ones inside `custom`),
 * so a create or an edit never carries one: the server would refuse the whole write (422 read_only).
 * A schema's defaults (a new deal's amount 0) are added when the form is parsed, so strip after parsing.
 */
export function withoutUnwritable<T extends object>(body: T, entity: FieldRuleEntity, access: Pick<FieldAccessView, 'canWrite'>): T {
  const copy = { ...body } as Record<string, unknown>;
  for (const key of Object.keys(copy)) {
    if (key === 'custom') continue;
    if (!access.canWrite(entity, key)) delete copy[key];
  }
  const custom = copy.custom;
  if (custom && typeof custom === 'object' && !Array.isArray(custom)) {
    const kept = Object.fromEntries(Object.entries(custom).filter(([key]) => access.canWrite(entity, customRuleField(key))));
    if (Object.keys(kept).length) copy.custom = kept;
    else delete copy.custom;
  }
  return copy as T;
}

/** The columns a list may show the member: hidden fields (built-in or `custom.<key>`) are left out. */
export function visibleFields<C extends string>(columns: readonly C[], entity: FieldRuleEntity, access: Pick<FieldAccessView, 'isHidden'>): C[] {
  return columns.filter((column) => !access.isHidden(entity, column));
}

/** Sorts of a list that do not read a hidden field (`-amount` reads `amount`). */
export function allowedSorts<S extends string>(sorts: readonly S[], entity: FieldRuleEntity, access: Pick<FieldAccessView, 'isHidden'>): S[] {
  return sorts.filter((sort) => !access.isHidden(entity, sort.replace(/^-/, '')));
}

// ---------- the admin's matrix ----------

/** The fields a record type's rules may name, in the order the matrix lists them: built-in ones, then its custom fields. */
export function restrictableFields(entity: FieldRuleEntity, customKeys: readonly string[]): string[] {
  return [...RESTRICTABLE_FIELDS[entity], ...customKeys.map(customRuleField)];
}

/** One field's level for one role. */
export function levelOf(rules: FieldRules, entity: FieldRuleEntity, field: string, roleId: string): FieldLevel {
  return rules[entity][field]?.[roleId] ?? 'editable';
}

/** The rules with one cell changed; "editable" removes the rule (and the field's entry once no role has one). */
export function withLevel(rules: FieldRules, entity: FieldRuleEntity, field: string, roleId: string, level: FieldLevel): FieldRules {
  const { [roleId]: _old, ...others } = rules[entity][field] ?? {};
  const byRole = level === 'editable' ? others : { ...others, [roleId]: level };
  const { [field]: _field, ...otherFields } = rules[entity];
  return { ...rules, [entity]: Object.keys(byRole).length ? { ...otherFields, [field]: byRole } : otherFields };
}

/** Field → role id → level for the fields and roles on screen; every cell filled ("editable" where there is no rule). */
export type RuleMatrix = Record<string, Record<string, FieldLevel>>;

export function matrixOf(rules: FieldRules, entity: FieldRuleEntity, fields: readonly string[], roleIds: readonly string[]): RuleMatrix {
  return Object.fromEntries(fields.map((field) => [field, Object.fromEntries(roleIds.map((roleId) => [roleId, levelOf(rules, entity, field, roleId)]))]));
}

/** A record type's rules from a matrix: only the cells that restrict something. */
export function rulesOfMatrix(matrix: RuleMatrix): FieldRules[FieldRuleEntity] {
  const rules: FieldRules[FieldRuleEntity] = {};
  for (const [field, byRole] of Object.entries(matrix)) {
    const restricted = Object.entries(byRole).filter((entry): entry is [string, 'readonly' | 'hidden'] => entry[1] !== 'editable');
    if (restricted.length) rules[field] = Object.fromEntries(restricted);
  }
  return rules;
}

/**
 * The rules as they will be saved: rules for roles that no longer exist are dropped (the server would
 * refuse them, and nobody could see them to remove them). Rules for fields not on screen, such as a
 * deleted custom field's, are kept: they take effect again if the field comes back.
 */
export function rulesToSave(rules: FieldRules, roleIds: readonly string[]): FieldRules {
  const known = new Set(roleIds);
  const out = {} as FieldRules;
  for (const entity of FIELD_RULE_ENTITIES) {
    const entityRules: FieldRules[FieldRuleEntity] = {};
    for (const [field, byRole] of Object.entries(rules[entity] ?? {})) {
      const kept = Object.fromEntries(Object.entries(byRole).filter(([roleId]) => known.has(roleId)));
      if (Object.keys(kept).length) entityRules[field] = kept;
    }
    out[entity] = entityRules;
  }
  return out;
}

/** One cell the admin changed. */
export interface RuleChange {
  entity: FieldRuleEntity;
  field: string;
  roleId: string;
  from: FieldLevel;
  to: FieldLevel;
}

/** Every cell that differs between two sets of rules, record type by record type, field by field. */
export function ruleChanges(before: FieldRules, after: FieldRules): RuleChange[] {
  const changes: RuleChange[] = [];
  for (const entity of FIELD_RULE_ENTITIES) {
    const fields = [...new Set([...Object.keys(before[entity] ?? {}), ...Object.keys(after[entity] ?? {})])];
    for (const field of fields) {
      const roleIds = [...new Set([...Object.keys(before[entity]?.[field] ?? {}), ...Object.keys(after[entity]?.[field] ?? {})])];
      for (const roleId of roleIds) {
        const from = levelOf(before, entity, field, roleId);
        const to = levelOf(after, entity, field, roleId);
        if (from !== to) changes.push({ entity, field, roleId, from, to });
      }
    }
  }
  return changes;
}

/** The workspace's rules with every record type present (old settings may lack one). */
export function completeRules(rules: Partial<FieldRules> | undefined): FieldRules {
  return Object.fromEntries(FIELD_RULE_ENTITIES.map((entity) => [entity, rules?.[entity] ?? {}])) as FieldRules;
}

/** A server problem's path in the rules (`fieldRules.opportunity.amount.<roleId>`), or null for another path. */
export function ruleProblemPath(path: string): { entity: FieldRuleEntity; field?: string; roleId?: string } | null {
  const parts = path.split('.');
  if (parts[0] !== 'fieldRules') return null;
  const entity = FIELD_RULE_ENTITIES.find((e) => e === parts[1]);
  if (!entity) return null;
  // A custom field's name has a dot of its own (custom.<key>).
  const rest = parts.slice(2);
  const field = rest[0] === 'custom' && rest[1] !== undefined ? `custom.${rest[1]}` : rest[0];
  const roleId = rest[0] === 'custom' ? rest[2] : rest[1];
  return { entity, ...(field ? { field } : {}), ...(roleId ? { roleId } : {}) };
}
