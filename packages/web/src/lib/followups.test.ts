import { describe, expect, it } from 'vitest';
import { contentLength, quickNextDates } from './followups';

describe('follow-up helpers', () => {
  it('offers tomorrow, in three days and next Monday', () => {
    // 2026-11-27 is a Friday.
    expect(quickNextDates('2026-11-27')).toEqual({ tomorrow: '2026-11-28', inThreeDays: '2026-11-30', nextMonday: '2026-11-30' });
    // On a Monday, "next Monday" is a week later; month and year ends roll over.
    expect(quickNextDates('2026-11-30').nextMonday).toBe('2026-12-07');
    expect(quickNextDates('2026-12-31')).toMatchObject({ tomorrow: '2027-01-01', inThreeDays: '2027-01-03', nextMonday: '2027-01-04' });
  });

  it('counts content as the rules do: trimmed, by code point', () => {
    expect(contentLength('  已联系  ')).toBe(3);
    expect(contentLength('👍ok')).toBe(3);
    expect(contentLength(undefined)).toBe(0);
  });
});
