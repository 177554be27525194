import { resolve } from 'node:path';

/** Everything Kairos reads from the environment, parsed once at start-up. Documented in the README. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** postgres://… selects PostgreSQL; unset means SQLite in `dataDir`. */
  databaseUrl: string | null;
  logLevel: string;
  /** Trust X-Forwarded-* from a reverse proxy (needed for Secure cookies and client IPs behind one). */
  trustProxy: boolean;
  sqliteSynchronous: 'FULL' | 'NORMAL';
  /** SQLite page cache of the server's connection, in MiB. */
  sqliteCacheMb: number;
  /** The address users reach Kairos at, used in invitation links and e-mails. */
  publicUrl: string | null;
  sessionDays: number;
  /** Largest request body accepted, in bytes. */
  bodyLimit: number;
  webDist: string | null;
  /** Where uploaded files live: a folder under `dataDir`, or the database (several instances on PostgreSQL). */
  fileStorage: 'disk' | 'database';
  /** Largest file accepted, in bytes. */
  fileMaxBytes: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const int = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
    return value;
  };
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// (leave it unset to use the embedded SQLite database)');
  }
  const storage = (env.KAIROS_FILE_STORAGE ?? (databaseUrl ? 'database' : 'disk')).toLowerCase();
  if (storage !== 'disk' && storage !== 'database') throw new Error('KAIROS_FILE_STORAGE must be disk or database');
  const sync = (env.KAIROS_SQLITE_SYNCHRONOUS ?? 'FULL').toUpperCase();
  if (sync !== 'FULL' && sync !== 'NORMAL') throw new Error('KAIROS_SQLITE_SYNCHRONOUS must be FULL or NORMAL');
  return {
    port: int('PORT', 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.KAIROS_DATA_DIR ?? './data'),
    databaseUrl,
    logLevel: env.KAIROS_LOG_LEVEL ?? 'info',
    trustProxy: env.KAIROS_TRUST_PROXY === '1' || env.KAIROS_TRUST_PROXY === 'true',
    sqliteSynchronous: sync,
    sqliteCacheMb: int('KAIROS_SQLITE_CACHE_MB', 64),
    publicUrl: env.KAIROS_PUBLIC_URL?.replace(/\/+$/, '') || null,
    sessionDays: int('KAIROS_SESSION_DAYS', 14),
    bodyLimit: int('KAIROS_BODY_LIMIT', 1024 * 1024),
    webDist: env.KAIROS_WEB_DIST ?? null,
    fileStorage: storage,
    fileMaxBytes: int('KAIROS_FILE_MAX_MB', 20) * 1024 * 1024,
  };
}
