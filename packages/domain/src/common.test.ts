import { describe, expect, it } from 'vitest';
import { EmailSchema, text } from './common';

describe('text input', () => {
  it('trims and NFC-normalises what people type', () => {
    expect(text(10).parse('  Cafe\u0301 ')).toBe('Café');
  });

  it('refuses NUL bytes and lone surrogates', () => {
    expect(text(10).safeParse('a\u0000b').success).toBe(false);
    expect(text(10).safeParse('a\ud800b').success).toBe(false);
  });

  it('limits length after trimming', () => {
    expect(text(3).safeParse('  abc  ').success).toBe(true);
    expect(text(3).safeParse('abcd').success).toBe(false);
  });

  it('lower-cases e-mail addresses so one person has one account', () => {
    expect(EmailSchema.parse(' Zhang.Wei@Example.CN ')).toBe('zhang.wei@example.cn');
  });
});
