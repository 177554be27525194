import { AppError } from '@kairos/domain/errors';
import type { Core } from '../../core';
import { deleteThrottle, findThrottle, upsertThrottle } from './sessions.store';

/**
 * Sign-in throttling, kept in the database so it holds across instances. Failures count within a
 * 15-minute window; past the threshold each further failure locks for twice as long (1, 2, 4 … 15 min).
 * It backs off rather than locking an account for good, so an attacker cannot lock a rep out all day.
 */
const WINDOW_MS = 15 * 60_000;
const MAX_LOCK_MS = 15 * 60_000;
export const ACCOUNT_THRESHOLD = 5;
export const IP_THRESHOLD = 30;

export function throttleKeys(email: string, ip: string | null): { key: string; threshold: number }[] {
  const keys = [{ key: `account:${email}`, threshold: ACCOUNT_THRESHOLD }];
  if (ip) keys.push({ key: `ip:${ip}`, threshold: IP_THRESHOLD });
  return keys;
}

/** Throws `sign_in_locked` with the minutes left when any key is locked. */
export async function assertNotLocked(core: Core, keys: { key: string }[]): Promise<void> {
  const now = core.clock.now().getTime();
  for (const { key } of keys) {
    const row = await findThrottle(core.db, key);
    if (row?.locked_until && new Date(row.locked_until).getTime() > now) {
      const seconds = Math.ceil((new Date(row.locked_until).getTime() - now) / 1000);
      throw new AppError('sign_in_locked', { params: { minutes: Math.ceil(seconds / 60) }, extra: { retryAfter: seconds } });
    }
  }
}

export async function recordFailure(core: Core, keys: { key: string; threshold: number }[]): Promise<void> {
  const now = core.clock.now();
  for (const { key, threshold } of keys) {
    const row = await findThrottle(core.db, key);
    const fresh = !row || now.getTime() - new Date(row.window_started_at).getTime() > WINDOW_MS;
    const failures = fresh ? 1 : row.failures + 1;
    const over = failures - threshold;
    const lockMs = over >= 0 ? Math.min(60_000 * 2 ** over, MAX_LOCK_MS) : 0;
    await upsertThrottle(core.db, {
      key,
      failures,
      window_started_at: fresh ? now.toISOString() : row.window_started_at,
      locked_until: lockMs ? new Date(now.getTime() + lockMs).toISOString() : null,
    });
  }
}

export async function clearFailures(core: Core, email: string): Promise<void> {
  await deleteThrottle(core.db, `account:${email}`);
}
