import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, minorToDecimal } from './export';

describe('CSV export', () => {
  it('neutralises formulas and quotes what needs quoting', () => {
    expect(csvCell('=HYPERLINK("http://evil","点我")')).toBe(`"'=HYPERLINK(""http://evil"",""点我"")"`);
    for (const start of ['+1', '-2', '@SUM(A1)', '\tx']) expect(csvCell(start).replace(/^"/, '').startsWith("'")).toBe(true);
    expect(csvCell('华为, 深圳')).toBe('"华为, 深圳"');
    expect(csvCell(['重点', '续约'])).toBe('重点; 续约');
    expect(csvLine(['a', null, 3])).toBe('a,,3\r\n');
  });

  it('writes amounts exactly', () => {
    expect(minorToDecimal(12_800_050)).toBe('128000.50');
    expect(minorToDecimal(5)).toBe('0.05');
    expect(minorToDecimal(-1234)).toBe('-12.34');
    expect(minorToDecimal(9_007_199_254_740_991)).toBe('90071992547409.91');
  });
});
