import type { Executor } from '../db/schema';

/**
 * What changes rarely but is read on nearly every request (workspace settings, custom field
 * definitions) is kept by each instance for a short while. The instance that saves a change drops its
 * copy after the commit; other instances see the change when their copy expires. Reads inside a
 * transaction always go to the database, so a write never decides on a stale copy. Values are shared:
 * treat them as read-only.
 */
export interface InstanceCache<T> {
  get(db: Executor, key: string, load: () => Promise<T>): Promise<T>;
  drop(key: string): void;
  /** Drops every entry whose key starts with `prefix` (e.g. everything of one workspace). */
  dropPrefix(prefix: string): void;
}

export function createInstanceCache<T>(ttlMs: number): InstanceCache<T> {
  const entries = new Map<string, { until: number; value: T }>();
  return {
    async get(db, key, load) {
      if (db.isTransaction) return load();
      const hit = entries.get(key);
      if (hit && hit.until > performance.now()) return hit.value;
      const value = await load();
      entries.set(key, { until: performance.now() + ttlMs, value });
      return value;
    },
    drop(key) {
      entries.delete(key);
    },
    dropPrefix(prefix) {
      for (const key of entries.keys()) if (key.startsWith(prefix)) entries.delete(key);
    },
  };
}
