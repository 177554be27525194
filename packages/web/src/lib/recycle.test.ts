import { describe, expect, it } from 'vitest';
import { daysLeft } from './recycle';

describe('daysLeft', () => {
  const day = 86_400_000;
  const now = Date.parse('2025-03-10T12:00:00Z');
  it('counts whole days still restorable', () => {
    expect(daysLeft(new Date(now).toISOString(), 30, now)).toBe(30);
    expect(daysLeft(new Date(now - day - 1000).toISOString(), 30, now)).toBe(29);
    expect(daysLeft(new Date(now - 29.5 * day).toISOString(), 30, now)).toBe(1);
  });
  it('never goes below zero', () => {
    expect(daysLeft(new Date(now - 40 * day).toISOString(), 30, now)).toBe(0);
  });
});

