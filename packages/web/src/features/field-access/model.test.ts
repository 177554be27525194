import { describe, expect, it } from 'vitest';
import { CreateOpportunitySchema, UpdateOpportunitySchema } from '@kairos/domain/opportunities';
import { EMPTY_FIELD_RULES, fieldAccessOf, unwritableFields, type MyFieldAccess } from '@kairos/domain/field-access';
import {
  allowedSorts,
  completeRules,
  fieldAccessView,
  levelOf,
  matrixOf,
  restrictableFields,
  ruleChanges,
  ruleProblemPath,
  rulesOfMatrix,
  rulesToSave,
  visibleFields,
  withLevel,
  withoutUnwritable,
  type FieldRules,
} from './model';

const SALES = '0190a000-0000-7000-8000-0000000000a1';
const PRESALES = '0190a000-0000-7000-8000-0000000000a2';
const MANAGER = '0190a000-0000-7000-8000-0000000000a3';
const CUSTOMER = '0190a000-0000-7000-8000-0000000000c1';

const none = { hidden: [], readOnly: [] };
function access(over: Partial<MyFieldAccess>): MyFieldAccess {
  return { customer: none, contact: none, opportunity: none, followup: none, ...over };
}

describe("the member's field access", () => {
  const view = fieldAccessView(
    access({
      opportunity: { hidden: ['amount', 'custom.budget'], readOnly: ['probability'] },
      customer: { hidden: [], readOnly: ['phone', 'custom.tier'] },
    }),
  );

  it('tells hidden, read-only and writable fields apart, per record type', () => {
    expect(view.isHidden('opportunity', 'amount')).toBe(true);
    expect(view.isReadOnly('opportunity', 'amount')).toBe(false);
    expect(view.isReadOnly('opportunity', 'probability')).toBe(true);
    expect(view.canWrite('opportunity', 'probability')).toBe(false);
    expect(view.canWrite('opportunity', 'source')).toBe(true);
    // The same name on another record type is another field.
    expect(view.isHidden('customer', 'amount')).toBe(false);
    expect(view.isReadOnly('customer', 'phone')).toBe(true);
    expect(view.isReadOnly('contact', 'phone')).toBe(false);
    expect([...view.hiddenOf('opportunity')]).toEqual(['amount', 'custom.budget']);
  });

  it('restricts nothing until the answer is in', () => {
    const unknown = fieldAccessView(undefined);
    expect(unknown.isHidden('opportunity', 'amount')).toBe(false);
    expect(unknown.canWrite('customer', 'phone')).toBe(true);
  });

  it('leaves hidden fields out of the columns a list offers, custom ones included', () => {
    expect(visibleFields(['name', 'amount', 'probability', 'custom.budget', 'custom.channel'], 'opportunity', view)).toEqual(['name', 'probability', 'custom.channel']);
  });

  it('leaves sorts on a hidden field out, in either direction', () => {
    expect(allowedSorts(['-updatedAt', 'updatedAt', '-amount', 'amount', 'name'], 'opportunity', view)).toEqual(['-updatedAt', 'updatedAt', 'name']);
    expect(allowedSorts(['-amount', 'amount'], 'opportunity', fieldAccessView(undefined))).toEqual(['-amount', 'amount']);
  });
});

describe('what a form sends', () => {
  const view = fieldAccessView(
    access({
      opportunity: { hidden: ['amount', 'custom.budget'], readOnly: ['probability', 'custom.tender_no'] },
      customer: { hidden: [], readOnly: ['phone'] },
    }),
  );

  it('takes hidden and read-only fields out of the body, custom ones out of `custom`', () => {
    const body = { name: '华为扩容', amount: 0, probability: 40, source: null, custom: { budget: 100, tender_no: 'ZB-1', channel: 'partner' } };
    expect(withoutUnwritable(body, 'opportunity', view)).toEqual({ name: '华为扩容', source: null, custom: { channel: 'partner' } });
    // The body given is left as it was.
    expect(body.amount).toBe(0);
  });

  it('drops `custom` once nothing writable is left in it', () => {
    expect(withoutUnwritable({ name: 'x', custom: { budget: 1 } }, 'opportunity', view)).toEqual({ name: 'x' });
    expect(withoutUnwritable({ name: 'x', custom: undefined }, 'opportunity', view)).toEqual({ name: 'x', custom: undefined });
  });

  it('strips what the schema filled in: a new deal gets amount 0 by default, which presales may not send', () => {
    const parsed = CreateOpportunitySchema.parse({ name: '华为扩容', customerId: CUSTOMER });
    expect(parsed.amount).toBe(0);
    const sent = withoutUnwritable(parsed, 'opportunity', view);
    expect(sent).not.toHaveProperty('amount');
    // What the server checks finds nothing to refuse.
    const rules: FieldRules = { ...EMPTY_FIELD_RULES, opportunity: { amount: { [PRESALES]: 'hidden' }, probability: { [PRESALES]: 'readonly' } } };
    expect(unwritableFields(sent, fieldAccessOf(rules, 'opportunity', [PRESALES]))).toEqual([]);
    expect(unwritableFields(parsed, fieldAccessOf(rules, 'opportunity', [PRESALES])).map((p) => p.path)).toEqual(['amount']);
  });

  it('keeps an edit of the other fields, with its version', () => {
    const parsed = UpdateOpportunitySchema.parse({ version: 3, name: '改名', probability: 60, expectedCloseOn: '2025-06-30' });
    expect(withoutUnwritable(parsed, 'opportunity', view)).toEqual({ version: 3, name: '改名', expectedCloseOn: '2025-06-30' });
  });

  it('sends everything when nothing is restricted', () => {
    const body = { name: 'ACME', phone: '010-12345678', custom: { tier: 'gold' } };
    expect(withoutUnwritable(body, 'customer', fieldAccessView(undefined))).toEqual(body);
    expect(withoutUnwritable(body, 'customer', view)).toEqual({ name: 'ACME', custom: { tier: 'gold' } });
  });
});

describe("the admin's matrix", () => {
  const rules: FieldRules = {
    ...EMPTY_FIELD_RULES,
    opportunity: { amount: { [PRESALES]: 'hidden' }, 'custom.budget': { [SALES]: 'readonly', [PRESALES]: 'hidden' } },
    customer: { phone: { [SALES]: 'readonly' } },
  };

  it('lists the built-in fields that may be restricted, then the custom ones', () => {
    expect(restrictableFields('opportunity', ['budget'])).toEqual(['amount', 'probability', 'expectedCloseOn', 'source', 'custom.budget']);
    expect(restrictableFields('followup', [])).toEqual(['outcome']);
  });

  it('reads every cell, "editable" where there is no rule', () => {
    expect(matrixOf(rules, 'opportunity', ['amount', 'source', 'custom.budget'], [SALES, PRESALES])).toEqual({
      amount: { [SALES]: 'editable', [PRESALES]: 'hidden' },
      source: { [SALES]: 'editable', [PRESALES]: 'editable' },
      'custom.budget': { [SALES]: 'readonly', [PRESALES]: 'hidden' },
    });
    expect(levelOf(rules, 'customer', 'phone', SALES)).toBe('readonly');
    expect(levelOf(rules, 'customer', 'phone', PRESALES)).toBe('editable');
  });

  it('turns a matrix back into rules holding only what restricts', () => {
    const matrix = matrixOf(rules, 'opportunity', restrictableFields('opportunity', ['budget']), [SALES, PRESALES, MANAGER]);
    expect(rulesOfMatrix(matrix)).toEqual(rules.opportunity);
    expect(rulesOfMatrix({ amount: { [SALES]: 'editable' } })).toEqual({});
  });

  it('changes one cell without touching the others; "editable" removes the rule and an empty field', () => {
    const hidden = withLevel(rules, 'customer', 'phone', PRESALES, 'hidden');
    expect(hidden.customer).toEqual({ phone: { [SALES]: 'readonly', [PRESALES]: 'hidden' } });
    expect(rules.customer).toEqual({ phone: { [SALES]: 'readonly' } });
    const cleared = withLevel(rules, 'customer', 'phone', SALES, 'editable');
    expect(cleared.customer).toEqual({});
    expect(cleared.opportunity).toBe(rules.opportunity);
  });

  it('lists the cells that changed, for the confirmation', () => {
    let next = withLevel(rules, 'opportunity', 'amount', PRESALES, 'readonly');
    next = withLevel(next, 'contact', 'mobile', SALES, 'hidden');
    next = withLevel(next, 'customer', 'phone', SALES, 'editable');
    expect(ruleChanges(rules, next)).toEqual([
      { entity: 'customer', field: 'phone', roleId: SALES, from: 'readonly', to: 'editable' },
      { entity: 'contact', field: 'mobile', roleId: SALES, from: 'editable', to: 'hidden' },
      { entity: 'opportunity', field: 'amount', roleId: PRESALES, from: 'hidden', to: 'readonly' },
    ]);
    expect(ruleChanges(rules, withLevel(next, 'opportunity', 'amount', PRESALES, 'hidden'))).toHaveLength(2);
    expect(ruleChanges(rules, rules)).toEqual([]);
  });

  it("saves without the rules of roles that are gone, keeping a deleted field's", () => {
    const gone = '0190a000-0000-7000-8000-0000000000ff';
    const stored: FieldRules = { ...rules, contact: { email: { [gone]: 'hidden' } }, followup: { 'custom.old': { [SALES]: 'hidden', [gone]: 'readonly' } } };
    expect(rulesToSave(stored, [SALES, PRESALES])).toEqual({ ...rules, contact: {}, followup: { 'custom.old': { [SALES]: 'hidden' } } });
  });

  it('fills in record types missing from old settings', () => {
    expect(completeRules(undefined)).toEqual(EMPTY_FIELD_RULES);
    expect(completeRules({ customer: { phone: { [SALES]: 'readonly' } } } as Partial<FieldRules>)).toEqual({ ...EMPTY_FIELD_RULES, customer: { phone: { [SALES]: 'readonly' } } });
  });

  it("reads a refused rule's path, custom fields included", () => {
    expect(ruleProblemPath(`fieldRules.opportunity.amount.${PRESALES}`)).toEqual({ entity: 'opportunity', field: 'amount', roleId: PRESALES });
    expect(ruleProblemPath(`fieldRules.customer.custom.tier.${SALES}`)).toEqual({ entity: 'customer', field: 'custom.tier', roleId: SALES });
    expect(ruleProblemPath('fieldRules.contact.nickname')).toEqual({ entity: 'contact', field: 'nickname' });
    expect(ruleProblemPath('recycleDays')).toBeNull();
  });
});
