import { describe, expect, it } from 'vitest';
import { FieldKeySchema, FieldOptionSchema } from '@kairos/domain/custom-fields';
import { nextPosition, optionsBody, optionValues, reorder, slugOf, suggestKey } from './model';

describe('custom field keys and option values', () => {
  it('suggests a key from the English label that the API accepts', () => {
    for (const [label, key] of [
      ['Tender No.', 'tender_no'],
      ['  Channel  ', 'channel'],
      ['2nd contact', 'nd_contact'],
      ['Café owner', 'cafe_owner'],
    ] as const) {
      expect(suggestKey(label)).toBe(key);
      expect(FieldKeySchema.safeParse(key).success).toBe(true);
    }
    expect(suggestKey('招标编号')).toBe('');
    expect(slugOf('x'.repeat(60))).toHaveLength(40);
  });

  it('keeps the stored value of existing options and makes unique ones for new options', () => {
    expect(optionValues([{ value: 'direct', labelZh: '直销' }, { labelZh: '伙伴', labelEn: 'Partner' }, { labelZh: '直营', labelEn: 'Direct' }, { labelZh: '其他' }])).toEqual([
      'direct',
      'partner',
      'direct_2',
      'option_4',
    ]);
  });

  it('fills an empty English option label with the Chinese one, giving options the API accepts', () => {
    const body = optionsBody([{ labelZh: ' 直销 ', labelEn: '' }, { labelZh: '伙伴', labelEn: 'Partner' }]);
    expect(body).toEqual([
      { value: 'option_1', labelZh: '直销', labelEn: '直销' },
      { value: 'partner', labelZh: '伙伴', labelEn: 'Partner' },
    ]);
    for (const option of body) expect(FieldOptionSchema.safeParse(option).success).toBe(true);
  });
});

describe('ordering fields', () => {
  const fields = [
    { id: 'a', position: 0 },
    { id: 'b', position: 1 },
    { id: 'c', position: 5 },
  ];

  it('moves a field one place and renumbers only what changes', () => {
    expect(reorder(fields, 'c', -1).map(({ field, position }) => [field.id, position])).toEqual([
      ['c', 1],
      ['b', 2],
    ]);
    expect(reorder(fields, 'a', 1).map(({ field, position }) => [field.id, position])).toEqual([
      ['b', 0],
      ['a', 1],
      ['c', 2],
    ]);
  });

  it('does nothing past either end, and puts a new field last', () => {
    expect(reorder(fields, 'a', -1)).toEqual([]);
    expect(reorder(fields, 'c', 1)).toEqual([]);
    expect(nextPosition(fields)).toBe(6);
    expect(nextPosition([])).toBe(0);
  });
});
