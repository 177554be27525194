import { describe, expect, it } from 'vitest';
import { CreateViewSchema, isViewColumn, VIEW_ENTITIES } from '@kairos/domain/views';
import {
  canChangeView,
  columnsOfView,
  customColumn,
  customKeyOf,
  mayShareViews,
  moveColumn,
  oneOf,
  parseStoredColumns,
  sameFilters,
  splitFilters,
  toggleColumn,
  viewFilters,
  visibleColumns,
  VIEW_COLUMNS,
} from './model';

const ZHANG = '0190a000-0000-7000-8000-000000000001';
const LI = '0190a000-0000-7000-8000-000000000002';
const OWNER = '0190a000-0000-7000-8000-000000000003';

describe('the columns each list offers', () => {
  it('are all columns the server accepts in a view, name first among the defaults', () => {
    for (const entity of VIEW_ENTITIES) {
      const { builtIn, defaults } = VIEW_COLUMNS[entity];
      for (const column of builtIn) expect(isViewColumn(entity, column), `${entity}.${column}`).toBe(true);
      expect(new Set(builtIn).size).toBe(builtIn.length);
      expect(defaults[0]).toBe('name');
      for (const column of defaults) expect((builtIn as readonly string[]).includes(column), `${entity} default ${column}`).toBe(true);
    }
    expect(isViewColumn('opportunity', customColumn('region_code'))).toBe(true);
  });

  it('name custom fields as custom.<key>', () => {
    expect(customColumn('budget')).toBe('custom.budget');
    expect(customKeyOf('custom.budget')).toBe('budget');
    expect(customKeyOf('amount')).toBeNull();
  });
});

describe('a list query as a view stores it', () => {
  it('keeps strings only, leaves out empty values, paging, the recycle bin and the default sort', () => {
    const query = { q: '', ownerId: OWNER, tag: 'VIP', amountMin: 10_000_000, cursor: 'abc', limit: 50, deleted: false, sort: '-updatedAt', customKey: 'region_code', customValue: 'x', status: undefined, stageId: null };
    expect(viewFilters(query, { sort: '-updatedAt' })).toEqual({ amountMin: '10000000', customKey: 'region_code', customValue: 'x', ownerId: OWNER, tag: 'VIP' });
    expect(viewFilters({ sort: '-amount' }, { sort: '-updatedAt' })).toEqual({ sort: '-amount' });
    expect(viewFilters({})).toEqual({});
  });

  it('is what the server accepts for that list, and what the list endpoint takes as its query', () => {
    const filters = viewFilters({ status: 'open', amountMin: 10_000_000, tag: 'VIP', sort: '-amount', closeFrom: '2025-01-01' }, { sort: '-updatedAt' });
    expect(CreateViewSchema.safeParse({ entity: 'opportunity', name: '大单', filters, columns: ['name', 'amount', customColumn('region_code')] }).success).toBe(true);
    expect(new URLSearchParams(filters).toString()).toBe('amountMin=10000000&closeFrom=2025-01-01&sort=-amount&status=open&tag=VIP');
  });

  it('compares filters whatever their order', () => {
    expect(sameFilters({ a: '1', b: '2' }, { b: '2', a: '1' })).toBe(true);
    expect(sameFilters({ a: '1' }, { a: '1', b: '2' })).toBe(false);
    expect(sameFilters({ a: '1', b: '2' }, { a: '1', c: '2' })).toBe(false);
    expect(sameFilters({ a: '1' }, { a: '2' })).toBe(false);
    expect(sameFilters({}, {})).toBe(true);
  });

  it('splits a view into what the controls show and filters set through the API, which still apply', () => {
    expect(splitFilters({ q: '华为', departmentId: OWNER, sort: 'name', cursor: 'x' }, ['q', 'sort'])).toEqual({ controlled: { q: '华为', sort: 'name' }, extra: { departmentId: OWNER } });
  });

  it('takes a saved value only if the control offers it', () => {
    expect(oneOf(['open', 'won', 'lost'] as const, 'won')).toBe('won');
    expect(oneOf(['open', 'won', 'lost'] as const, 'maybe')).toBeUndefined();
    expect(oneOf(['open'] as const, undefined)).toBeUndefined();
  });
});

describe('column choice', () => {
  const available = ['name', 'customerName', 'amount', 'ownerId', 'custom.region_code'];

  it('shows known columns once each, in the chosen order, with the name always first', () => {
    expect(visibleColumns(['amount', 'name', 'custom.region_code'], available)).toEqual(['name', 'amount', 'custom.region_code']);
    // A deleted custom field and an unknown column drop out; the name comes back if it was left out.
    expect(visibleColumns(['custom.gone', 'amount', 'password', 'amount'], available)).toEqual(['name', 'amount']);
    expect(visibleColumns([], available)).toEqual(['name']);
  });

  it("uses a view's columns, or the list's defaults when it stored none", () => {
    expect(columnsOfView({ columns: ['name', 'amount'] }, ['name', 'ownerId'])).toEqual(['name', 'amount']);
    expect(columnsOfView({ columns: [] }, ['name', 'ownerId'])).toEqual(['name', 'ownerId']);
  });

  it('adds a column at the end and removes it, but never the name', () => {
    const columns = ['name', 'amount'];
    expect(toggleColumn(columns, 'custom.region_code', true)).toEqual(['name', 'amount', 'custom.region_code']);
    expect(toggleColumn(columns, 'amount', true)).toEqual(['name', 'amount']);
    expect(toggleColumn(columns, 'amount', false)).toEqual(['name']);
    expect(toggleColumn(columns, 'name', false)).toEqual(['name', 'amount']);
    expect(columns).toEqual(['name', 'amount']);
  });

  it('moves a column one place, never past the ends or before the name', () => {
    const columns = ['name', 'customerName', 'amount', 'ownerId'];
    expect(moveColumn(columns, 'amount', -1)).toEqual(['name', 'amount', 'customerName', 'ownerId']);
    expect(moveColumn(columns, 'amount', 1)).toEqual(['name', 'customerName', 'ownerId', 'amount']);
    expect(moveColumn(columns, 'customerName', -1)).toEqual(columns);
    expect(moveColumn(columns, 'ownerId', 1)).toEqual(columns);
    expect(moveColumn(columns, 'name', 1)).toEqual(columns);
    expect(moveColumn(columns, 'missing', 1)).toEqual(columns);
  });

  it('reads the choice remembered on this device, and nothing from what is not one', () => {
    expect(parseStoredColumns(JSON.stringify(['name', 'amount']))).toEqual(['name', 'amount']);
    for (const bad of [null, '', 'not json', '{}', '[]', '[1,2]', '"name"']) expect(parseStoredColumns(bad), String(bad)).toBeNull();
  });
});

describe('who may share and change views', () => {
  const rep = { userId: ZHANG, permissions: ['records.read', 'records.create'] as const };
  const manager = { userId: LI, permissions: ['records.read', 'pipelines.manage'] as const };

  it('lets those who configure the workspace or the process share', () => {
    expect(mayShareViews(rep.permissions)).toBe(false);
    expect(mayShareViews(manager.permissions)).toBe(true);
    expect(mayShareViews(['workspace.manage'])).toBe(true);
  });

  it("lets anyone change their own views; someone else's shared view only those who may share", () => {
    expect(canChangeView({ ownerId: ZHANG, shared: false }, rep)).toBe(true);
    expect(canChangeView({ ownerId: ZHANG, shared: true }, rep)).toBe(true);
    expect(canChangeView({ ownerId: OWNER, shared: true }, rep)).toBe(false);
    expect(canChangeView({ ownerId: OWNER, shared: true }, manager)).toBe(true);
    expect(canChangeView({ ownerId: OWNER, shared: false }, manager)).toBe(false);
  });
});
