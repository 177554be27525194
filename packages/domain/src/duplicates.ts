/**
 * Keys for the duplicate check (查重): two customers are the same when their normalised names match, or
 * their 统一社会信用代码, phone, e-mail or web domain do. Normalising folds what differs only in writing:
 * legal-form suffixes, full- and half-width characters, spaces, punctuation and case.
 */

// Longest first, so 股份有限公司 is stripped whole rather than leaving 股份.
const LEGAL_FORMS_ZH = ['股份有限公司', '有限责任公司', '集团有限公司', '集团股份有限公司', '有限公司', '分公司', '公司', '集团', '股份'].sort((a, b) => b.length - a.length);
const LEGAL_FORMS_EN = ['co ltd', 'co limited', 'company limited', 'limited', 'ltd', 'inc', 'incorporated', 'llc', 'corp', 'corporation', 'co', 'gmbh', 'plc', 'group'];

export function normalizeCompanyName(name: string): string {
  let s = name.normalize('NFKC').toLowerCase();
  if (LEGAL_FORMS_ZH.includes(s.trim())) return s.replace(/[\s\p{P}\p{S}]+/gu, '');
  // Brackets around a region, e.g. 华为技术(深圳)有限公司, stay part of the name; only the characters go.
  s = s.replace(/[()（）[\]【】「」'"“”‘’]/g, ' ');
  for (;;) {
    const before = s;
    s = s.trim().replace(/[\s.,，。、·&-]+$/u, '');
    for (const form of LEGAL_FORMS_ZH) if (s.endsWith(form) && s.length >= form.length + 2) s = s.slice(0, -form.length);
    const words = s.replace(/[.,，。]/g, ' ').trim();
    for (const form of LEGAL_FORMS_EN) {
      if (words.endsWith(` ${form}`)) {
        s = words.slice(0, -form.length - 1);
        break;
      }
    }
    if (s === before) break;
  }
  return s.replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** The registrable part of a website or e-mail domain: `https://www.huawei.com/cn/` → `huawei.com`. */
export function webDomain(input: string): string | null {
  const trimmed = input.normalize('NFKC').trim().toLowerCase();
  if (!trimmed) return null;
  const host = trimmed.includes('@') ? trimmed.split('@').pop() ?? '' : trimmed.replace(/^[a-z]+:\/\//, '').split(/[/?#:]/)[0] ?? '';
  const clean = host.replace(/^www\d*\./, '').replace(/\.$/, '');
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(clean)) return null;
  return clean;
}

/** Free-mail domains say nothing about which company a contact belongs to. */
export const PUBLIC_MAIL_DOMAINS = new Set(['qq.com', '163.com', '126.com', 'sina.com', 'sohu.com', 'gmail.com', 'outlook.com', 'hotmail.com', 'foxmail.com', 'aliyun.com', 'yeah.net', '139.com', 'icloud.com', 'yahoo.com']);
