import { describe, expect, it } from 'vitest';
import { matchesSearch, planSearch, searchGrams, searchKey } from './search';

describe('search terms', () => {
  it('folds width, case, spaces and punctuation, so syntax is never an operator', () => {
    expect(searchKey('ＡＢＣ 华为-技术（深圳）% _ *"')).toBe('abc华为技术深圳');
  });

  it('indexes every bigram and trigram of each value, never across two values', () => {
    expect(searchGrams(['李娜', 'ln'])).toEqual(['李娜', 'ln']);
    expect(searchGrams(['华为技术'])).toEqual(['华为', '华为技', '为技', '为技术', '技术']);
    expect(searchGrams(['ab', 'cd'])).not.toContain('bc');
  });

  it('plans by length: 1 character is a name prefix, 2 a bigram, 3+ all trigrams plus the substring', () => {
    expect(planSearch('华')).toEqual({ kind: 'prefix', key: '华' });
    expect(planSearch(' 华为 ')).toEqual({ kind: 'terms', terms: ['华为'], needle: '华为' });
    expect(planSearch('hwkj')).toEqual({ kind: 'terms', terms: ['hwk', 'wkj'], needle: 'hwkj' });
    expect(planSearch('%_*')).toEqual({ kind: 'empty' });
  });

  it('the index terms of a query are always among the terms of a record that matches it', () => {
    const record = { name: '华为科技有限公司', values: ['华为科技有限公司', 'hwkjyxgs', '13800138000', 'yu@huawei.com'] };
    const grams = new Set(searchGrams(record.values));
    for (const q of ['华为', '科技有限', 'hwkj', '0013800', 'huawei.com', 'yu@hua']) {
      expect(matchesSearch(record, q), q).toBe(true);
      const plan = planSearch(q);
      if (plan.kind === 'terms') for (const term of plan.terms) expect(grams.has(term), `${q}: ${term}`).toBe(true);
    }
    expect(matchesSearch(record, '华')).toBe(true);
    expect(matchesSearch(record, '科')).toBe(false);
  });
});
