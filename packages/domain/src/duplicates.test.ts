import { describe, expect, it } from 'vitest';
import { normalizeCompanyName, webDomain } from './duplicates';

describe('duplicate-check keys', () => {
  it('treats names that differ only by legal form, width, spaces and case as the same', () => {
    const variants = ['华为技术有限公司', '华为技术股份有限公司', '华为技术有限责任公司', ' 华为 技术 ', '华为技术（有限公司）', '华为技术集团有限公司', '华为技术（股份）有限公司'];
    for (const v of variants) expect(normalizeCompanyName(v), v).toBe('华为技术');
    expect(normalizeCompanyName('ＡＢＣ科技有限公司')).toBe('abc科技');
    expect(normalizeCompanyName('Acme Co., Ltd.')).toBe('acme');
    expect(normalizeCompanyName('ACME Inc')).toBe('acme');
    expect(normalizeCompanyName('acme')).toBe('acme');
  });

  it('keeps what makes two companies different', () => {
    expect(normalizeCompanyName('华为技术(深圳)有限公司')).toBe('华为技术深圳');
    expect(normalizeCompanyName('华为终端有限公司')).not.toBe(normalizeCompanyName('华为技术有限公司'));
    expect(normalizeCompanyName('有限公司')).toBe('有限公司');
  });

  it('extracts the domain of a website or an e-mail', () => {
    expect(webDomain('https://www.Huawei.com/cn/about')).toBe('huawei.com');
    expect(webDomain('huawei.com')).toBe('huawei.com');
    expect(webDomain('li.na@huawei.com')).toBe('huawei.com');
    expect(webDomain('not a domain')).toBeNull();
  });
});
