import { describe, expect, it } from 'vitest';
import { commentLink } from './model';

const DEAL = '0190a000-0000-7000-8000-000000000d01';
const CUSTOMER = '0190a000-0000-7000-8000-000000000c01';
const CONTACT = '0190a000-0000-7000-8000-000000000e01';

describe('where a mention opens', () => {
  it("opens a deal's or a customer's own page", () => {
    expect(commentLink({ targetType: 'opportunity', targetId: DEAL, customerId: CUSTOMER })).toBe(`/opportunities/${DEAL}`);
    expect(commentLink({ targetType: 'customer', targetId: CUSTOMER, customerId: CUSTOMER })).toBe(`/customers/${CUSTOMER}`);
  });

  it("opens a contact's activity on its customer's page (contacts have no page)", () => {
    expect(commentLink({ targetType: 'contact', targetId: CONTACT, customerId: CUSTOMER })).toBe(`/customers/${CUSTOMER}?contact=${CONTACT}`);
  });
});
