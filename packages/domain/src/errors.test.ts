import { describe, expect, it } from 'vitest';
import { ERRORS, errorMessage, type ErrorCode } from './errors';

describe('error catalogue', () => {
  it('every code has a status and a message in both languages', () => {
    for (const [code, entry] of Object.entries(ERRORS)) {
      expect(entry.status, code).toBeGreaterThanOrEqual(400);
      expect(entry.zh.length, code).toBeGreaterThan(3);
      expect(entry.en.length, code).toBeGreaterThan(3);
      expect(entry.zh, `${code} zh should be Chinese`).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('fills parameters into the message', () => {
    expect(errorMessage('sign_in_locked' as ErrorCode, 'zh-CN', { minutes: 4 })).toContain('4 分钟');
    expect(errorMessage('sign_in_locked' as ErrorCode, 'en', { minutes: 4 })).toContain('4 minute');
  });
});
