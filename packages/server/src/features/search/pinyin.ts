import { pinyin } from 'pinyin-pro';

/**
 * Pinyin initials of a name, so `hwkj` finds 华为科技: one letter per Chinese character (polyphones read
 * in context, 银行 → yh), other letters and digits kept as they are.
 */
export function pinyinInitials(name: string): string {
  if (!/\p{Script=Han}/u.test(name)) return '';
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase();
}
