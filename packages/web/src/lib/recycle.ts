/** The recycle bin (回收站): deleted records stay restorable for the workspace's `recycleDays`. */

const DAY_MS = 86_400_000;

/** Whole days a deleted record can still be restored: the server allows it for `recycleDays` after deletion. */
export function daysLeft(deletedAt: string | null, recycleDays: number, now = Date.now()): number {
  if (!deletedAt) return recycleDays;
  const remaining = recycleDays * DAY_MS - (now - new Date(deletedAt).getTime());
  return Math.max(0, Math.ceil(remaining / DAY_MS));
}
