import { describe, expect, it } from 'vitest';
import { completenessOf, KeyFieldsSchema } from './completeness';

describe('data completeness', () => {
  it('counts filled key fields and lists the missing ones in order', () => {
    const keys = KeyFieldsSchema.parse({}).customer;
    expect(completenessOf({ uscc: '91350100M000100Y43', industry: '软件', province: '', city: null, phone: '13800138000', level: 'A' }, keys)).toEqual({ percent: 67, missing: ['province', 'city'] });
  });

  it('treats empty lists as missing and no key fields as complete', () => {
    expect(completenessOf({ tags: [] }, ['tags'])).toEqual({ percent: 0, missing: ['tags'] });
    expect(completenessOf({}, [])).toEqual({ percent: 100, missing: [] });
  });
});
