import { describe, expect, it } from 'vitest';
import { pickLocale } from './locale';

describe('pickLocale', () => {
  it.each([
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['en-US,en;q=0.9', 'en'],
    ['fr-FR,en;q=0.5', 'en'],
    ['en;q=0.2,zh;q=0.8', 'zh-CN'],
    ['de-DE', 'zh-CN'],
    ['', 'zh-CN'],
  ])('%s → %s', (header, expected) => {
    expect(pickLocale(header)).toBe(expected);
  });

  it('falls back to the given preference', () => {
    expect(pickLocale(undefined, 'en')).toBe('en');
  });
});
