import type { Contact } from '@kairos/domain/contacts';
import type { Customer } from '@kairos/domain/customers';
import type { Opportunity } from '@kairos/domain/opportunities';
import type { Permission } from '@kairos/domain/roles';
import type { View, ViewEntity } from '@kairos/domain/views';

/**
 * Pure rules of saved views (视图) and column choice (no React), so they can be unit-tested: which
 * columns each list offers, a list's query as a view stores it, column order, who may share or change
 * a view. The server checks the same things (packages/domain/src/views.ts); this keeps the UI from
 * offering what it would refuse.
 */

/** The column every list keeps, first: a row without its name is unreadable. */
export const NAME_COLUMN = 'name';

/**
 * The built-in columns of each list, by the record's field name (what a view stores), in the order the
 * picker offers them; `defaults` is what a list shows before anyone chose.
 */
export const VIEW_COLUMNS = {
  customer: {
    builtIn: ['name', 'type', 'status', 'level', 'ownerId', 'city', 'updatedAt', 'industry', 'province', 'source', 'phone', 'lastFollowUpAt', 'nextFollowUpOn', 'createdAt', 'completeness'],
    defaults: ['name', 'type', 'status', 'level', 'ownerId', 'city', 'updatedAt'],
  },
  contact: {
    builtIn: ['name', 'customerName', 'title', 'mobile', 'email', 'completeness', 'phone', 'wechat', 'ownerId', 'lastFollowUpAt', 'nextFollowUpOn', 'createdAt', 'updatedAt'],
    defaults: ['name', 'customerName', 'title', 'mobile', 'email', 'completeness'],
  },
  opportunity: {
    builtIn: ['name', 'customerName', 'stageId', 'amount', 'probability', 'expectedCloseOn', 'ownerId', 'status', 'source', 'lastFollowUpAt', 'nextFollowUpOn', 'createdAt', 'updatedAt', 'closedAt', 'completeness'],
    defaults: ['name', 'customerName', 'stageId', 'amount', 'probability', 'expectedCloseOn', 'ownerId'],
  },
} as const satisfies {
  customer: { builtIn: readonly (keyof Customer)[]; defaults: readonly (keyof Customer)[] };
  contact: { builtIn: readonly (keyof Contact)[]; defaults: readonly (keyof Contact)[] };
  opportunity: { builtIn: readonly (keyof Opportunity)[]; defaults: readonly (keyof Opportunity)[] };
};

/** A built-in column of one list. */
export type BuiltInColumn<E extends ViewEntity> = (typeof VIEW_COLUMNS)[E]['builtIn'][number];

const CUSTOM_PREFIX = 'custom.';

/** The column of a custom field (`custom.<key>`). */
export function customColumn(key: string): string {
  return `${CUSTOM_PREFIX}${key}`;
}

/** The custom field key of a column, or null for a built-in one. */
export function customKeyOf(column: string): string | null {
  return column.startsWith(CUSTOM_PREFIX) ? column.slice(CUSTOM_PREFIX.length) : null;
}

/** A list's query as the list hook sends it (undefined and empty values are left out). */
export type ListQuery = Record<string, string | number | boolean | null | undefined>;

/** Paging and the recycle bin belong to the screen, not to a view. */
const NOT_SAVED = new Set(['cursor', 'limit', 'deleted']);

/**
 * The query as a view stores it: strings only, empty values and paging left out, and values equal to
 * the list's defaults (the default sort) left out too, so a view saved with them equals one without.
 */
export function viewFilters(query: ListQuery, defaults: Readonly<Record<string, string>> = {}): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (NOT_SAVED.has(key) || value === undefined || value === null || value === '') continue;
    const text = String(value);
    if (defaults[key] === text) continue;
    filters[key] = text;
  }
  return Object.fromEntries(Object.entries(filters).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function sameFilters(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key]);
}

/** Splits a view's filters into those the list has controls for and the rest (set through the API), which still apply. */
export function splitFilters(filters: Readonly<Record<string, string>>, controlled: readonly string[]): { controlled: Record<string, string>; extra: Record<string, string> } {
  const inControls: Record<string, string> = {};
  const extra: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (NOT_SAVED.has(key)) continue;
    if (controlled.includes(key)) inControls[key] = value;
    else extra[key] = value;
  }
  return { controlled: inControls, extra };
}

/**
 * The columns to show, in order: only those the list knows (a deleted custom field drops out), each
 * once, and the name column always, first.
 */
export function visibleColumns(chosen: readonly string[], available: readonly string[]): string[] {
  const known = new Set(available);
  const seen = new Set<string>([NAME_COLUMN]);
  const columns = [NAME_COLUMN];
  for (const column of chosen) {
    if (seen.has(column) || !known.has(column)) continue;
    seen.add(column);
    columns.push(column);
  }
  return columns;
}

/** The columns a view shows: its own, or the list's defaults when it stored none. */
export function columnsOfView(view: Pick<View, 'columns'>, defaults: readonly string[]): readonly string[] {
  return view.columns.length ? view.columns : defaults;
}

/** Shows a column (at the end) or hides it; the name column stays. */
export function toggleColumn(columns: readonly string[], column: string, on: boolean): string[] {
  if (column === NAME_COLUMN) return [...columns];
  const without = columns.filter((c) => c !== column);
  return on ? [...without, column] : without;
}

/** Moves a shown column one place up (-1) or down (+1); the name column stays first and never moves. */
export function moveColumn(columns: readonly string[], column: string, delta: -1 | 1): string[] {
  const next = [...columns];
  const from = next.indexOf(column);
  const to = from + delta;
  if (from < 0 || column === NAME_COLUMN || to < 0 || to >= next.length || next[to] === NAME_COLUMN) return next;
  next.splice(from, 1);
  next.splice(to, 0, column);
  return next;
}

/** Column choice remembered on this device (per list, when no view is selected); anything unreadable counts as none. */
export function parseStoredColumns(stored: string | null): string[] | null {
  if (!stored) return null;
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) && parsed.length > 0 && parsed.every((c) => typeof c === 'string') ? parsed : null;
  } catch {
    return null;
  }
}

/** Sharing a view sets how the whole team looks at a list: for those who configure the workspace or the process (as the server decides). */
export function mayShareViews(permissions: readonly Permission[]): boolean {
  return permissions.includes('workspace.manage') || permissions.includes('pipelines.manage');
}

/** One's own views are one's to change; a shared view also by those who may share. */
export function canChangeView(view: Pick<View, 'ownerId' | 'shared'>, me: { userId: string; permissions: readonly Permission[] }): boolean {
  return view.ownerId === me.userId || (view.shared && mayShareViews(me.permissions));
}

/** A saved filter's value if it is one the control offers, else nothing (an option removed since the view was saved). */
export function oneOf<T extends string>(list: readonly T[], value: string | undefined): T | undefined {
  return value !== undefined && (list as readonly string[]).includes(value) ? (value as T) : undefined;
}
