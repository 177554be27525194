import { describe, expect, it } from 'vitest';
import { isValidUscc, normalizeUscc, usccCheckCharacter } from './uscc';

describe('统一社会信用代码', () => {
  it('accepts real codes', () => {
    // Published codes of listed companies.
    for (const code of ['91350100M000100Y43', '914403001922038216', '91110000802100433B']) expect(isValidUscc(code), code).toBe(true);
  });

  it('refuses a wrong check character, a wrong length and letters outside the set', () => {
    expect(isValidUscc('91350100M000100Y44')).toBe(false);
    expect(isValidUscc('91350100M000100Y4')).toBe(false);
    expect(isValidUscc('91350100M00O100Y43')).toBe(false);
  });

  it('normalises what people paste: lower case, spaces, full-width characters', () => {
    expect(normalizeUscc(' 9135 0100-m000100y43 ')).toBe('91350100M000100Y43');
    expect(normalizeUscc('９１３５０１００Ｍ０００１００Ｙ４３')).toBe('91350100M000100Y43');
  });

  it('computes the check character, including the 0 case', () => {
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(usccCheckCharacter('9135010OM000100Y4')).toBeNull();
  });
});
