import { describe, expect, it } from 'vitest';
import { normalizeMobile, normalizePhone } from './phone';

describe('phone numbers', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['+86 138-0013-8000', '13800138000'],
    ['0086 13800138000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['１３８００１３８０００', '13800138000'],
    ['+49 1511 2345678', '+4915112345678'],
  ])('mobile %s → %s', (input, expected) => {
    expect(normalizeMobile(input)).toBe(expected);
  });

  it.each(['12800138000', '1380013800', '138001380001', 'abc', '', '+', '+86 12345'])('refuses %s as a mobile', (input) => {
    expect(normalizeMobile(input)).toBeNull();
  });

  it('keeps landlines with their area code', () => {
    expect(normalizePhone('(010) 6552 9988')).toEqual({ ok: true, normalized: '01065529988', kind: 'cn_landline' });
    expect(normalizePhone('0755-86013388')).toEqual({ ok: true, normalized: '075586013388', kind: 'cn_landline' });
    expect(normalizePhone('+86 10 6552 9988')).toEqual({ ok: true, normalized: '01065529988', kind: 'cn_landline' });
  });
});
