import { describe, expect, it } from 'vitest';
import { DEFAULT_FILE_CATEGORIES } from '@kairos/domain/files';
import { categoryLabel, fileContentUrl, formatFileSize, isAllowedFileName } from './files';

describe('files', () => {
  it('formats sizes in B, KB and MB', () => {
    expect(formatFileSize(512)).toBe('512 B');
    expect(formatFileSize(2048)).toBe('2 KB');
    expect(formatFileSize(3.5 * 1024 * 1024)).toBe('3.5 MB');
  });
  it('accepts only the allowed extensions, whatever their case', () => {
    expect(isAllowedFileName('报价单.PDF')).toBe(true);
    expect(isAllowedFileName('setup.exe')).toBe(false);
    expect(isAllowedFileName('noextension')).toBe(false);
    expect(isAllowedFileName('constructor')).toBe(false);
  });
  it('names categories in the UI language, unknown keys as themselves', () => {
    expect(categoryLabel('quote', DEFAULT_FILE_CATEGORIES, 'zh-CN')).toBe('报价单');
    expect(categoryLabel('quote', DEFAULT_FILE_CATEGORIES, 'en')).toBe('Quote');
    expect(categoryLabel('gone', DEFAULT_FILE_CATEGORIES, 'en')).toBe('gone');
  });
  it('links to the download or the inline preview', () => {
    expect(fileContentUrl('abc')).toBe('/api/files/abc/content');
    expect(fileContentUrl('abc', true)).toBe('/api/files/abc/content?inline=true');
  });
});
