import { describe, expect, it } from 'vitest';
import { EMPTY_FIELD_RULES, fieldAccessOf, FieldRulesSchema, hiddenFilters, redactRecord, unwritableFields, type FieldRules } from './field-access';

const rules: FieldRules = {
  ...EMPTY_FIELD_RULES,
  opportunity: { amount: { presales: 'hidden', finance: 'readonly' }, probability: { presales: 'readonly', sales: 'readonly' }, 'custom.margin': { sales: 'hidden' } },
};

describe('field access', () => {
  it('gives a member with several roles the most open access any of them has', () => {
    expect(fieldAccessOf(rules, 'opportunity', ['presales'])).toEqual({ hidden: new Set(['amount']), readOnly: new Set(['probability']) });
    // Hidden for presales, read-only for finance: someone with both roles sees it but cannot write it.
    expect(fieldAccessOf(rules, 'opportunity', ['presales', 'finance'])).toEqual({ hidden: new Set(), readOnly: new Set(['amount']) });
    // A role without a rule has full access, which wins.
    expect(fieldAccessOf(rules, 'opportunity', ['presales', 'manager'])).toEqual({ hidden: new Set(), readOnly: new Set() });
    expect(fieldAccessOf(rules, 'customer', ['presales'])).toEqual({ hidden: new Set(), readOnly: new Set() });
    expect(fieldAccessOf(rules, 'opportunity', [])).toEqual({ hidden: new Set(), readOnly: new Set() });
  });

  it('takes hidden fields, hidden custom values and their completeness hints out of a record', () => {
    const access = { hidden: new Set(['amount', 'custom.margin']), readOnly: new Set<string>() };
    const record = { id: '1', name: 'MES', amount: 100, custom: { margin: 0.3, region: '华东' }, completeness: { percent: 50, missing: ['amount', 'contactId'] } };
    expect(redactRecord(record, access)).toEqual({ id: '1', name: 'MES', custom: { region: '华东' }, completeness: { percent: 50, missing: ['contactId'] } });
    expect(record.amount).toBe(100);
  });

  it('names each write and each filter that touches a field the member may not use', () => {
    const access = { hidden: new Set(['amount', 'custom.margin']), readOnly: new Set(['probability']) };
    expect(unwritableFields({ name: 'x', amount: 1, probability: undefined, custom: { margin: 1, region: 'x' } }, access).map((p) => p.path)).toEqual(['amount', 'custom.margin']);
    expect(unwritableFields({ probability: 10 }, access).map((p) => p.path)).toEqual(['probability']);
    expect(hiddenFilters({ amountMax: '5', closeFrom: '2026-01-01', sort: '-amount', customKey: 'margin' }, 'opportunity', access).map((p) => p.path)).toEqual(['amountMax', 'customKey', 'sort']);
    expect(hiddenFilters({ sort: 'name' }, 'opportunity', access)).toEqual([]);
  });

  it('accepts rules only on restrictable built-in fields and custom fields', () => {
    expect(FieldRulesSchema.safeParse({ customer: { phone: { r: 'hidden' } } }).success).toBe(false);
    expect(FieldRulesSchema.safeParse({ customer: { phone: { '0190a000-0000-7000-8000-000000000001': 'hidden' }, 'custom.budget': {} } }).success).toBe(true);
    expect(FieldRulesSchema.safeParse({ customer: { name: {} } }).success).toBe(false);
    expect(FieldRulesSchema.safeParse({ opportunity: { stageId: {} } }).success).toBe(false);
  });
});
