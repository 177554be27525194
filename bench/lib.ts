import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import autocannon from 'autocannon';

/** Concurrent connections of the load generator: 32 measures throughput; a few (BENCH_CONNECTIONS=4) measures latency under moderate load. */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const DURATION = Number(process.env.BENCH_SECONDS ?? 5);

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function waitReady(url: string, child: ChildProcess) {
  for (let i = 0; i < 240; i += 1) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`not ready: ${url}`);
}

export async function load(url: string, headers: Record<string, string> = {}, request: { method?: 'GET' | 'POST'; body?: string; connections?: number } = {}) {
  const result = await autocannon({ url, connections: request.connections ?? CONNECTIONS, duration: DURATION, headers, method: request.method ?? 'GET', body: request.body });
  if (result.non2xx > 0) throw new Error(`${result.non2xx} non-2xx answers from ${url}`);
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99 };
}

export function row(name: string, r: { rps: number; p50: number; p99: number }, note = '') {
  console.log(`  ${name.padEnd(44)} ${String(r.rps).padStart(7)} req/s   p50 ${String(r.p50).padStart(3)} ms   p99 ${String(r.p99).padStart(3)} ms  ${note}`);
}

export async function signIn(base: string, email: string) {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: process.env.BENCH_PASSWORD ?? 'bench-password' }) });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}


/**
 * Runs `bench` on a fresh SQLite data directory, then (with BENCH_DATABASE_URL) on a fresh PostgreSQL
 * database. `seeded` is true when the SQLite data directory named by BENCH_KEEP_DIR already holds a
 * seeded workspace: seeding a million deals takes a quarter of an hour, measuring a change takes a minute.
 */
export async function onEachEngine(bench: (label: string, env: Record<string, string>, seeded: boolean) => Promise<void>) {
  const { existsSync, mkdirSync, mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const pg = (await import('pg')).default;
  const kept = process.env.BENCH_KEEP_DIR;
  const seeded = !!kept && existsSync(join(kept, 'seeded'));
  if (kept) mkdirSync(kept, { recursive: true });
  const dataDir = kept ?? mkdtempSync(join(tmpdir(), 'kairos-bench-'));
  // BENCH_ENGINES=postgres skips SQLite (e.g. to re-measure one engine on a quiet machine).
  const engines = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',');
  try {
    if (engines.includes('sqlite')) await bench('SQLite (WAL, synchronous=FULL)', { KAIROS_DATA_DIR: dataDir, KAIROS_FILE_STORAGE: 'disk' }, seeded);
  } finally {
    if (!kept) rmSync(dataDir, { recursive: true, force: true });
  }
  if (!engines.includes('postgres')) return;
  const pgBase = process.env.BENCH_DATABASE_URL;
  if (!pgBase) return;
  // BENCH_KEEP_PG=<name> keeps the PostgreSQL database under that name, as BENCH_KEEP_DIR keeps SQLite's.
  const keptPg = process.env.BENCH_KEEP_PG;
  if (keptPg && !/^[a-z_][a-z0-9_]{0,62}$/.test(keptPg)) throw new Error('BENCH_KEEP_PG must be a plain lower-case database name');
  const name = keptPg ?? `kairos_bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: pgBase });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  if (!exists) await admin.query(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
  const url = new URL(pgBase);
  url.pathname = `/${name}`;
  let pgSeeded = false;
  if (exists) {
    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    pgSeeded = (await db.query(`select 1 from information_schema.tables where table_name = 'opportunities'`)).rowCount === 1 && (await db.query('select 1 from opportunities limit 1')).rowCount === 1;
    await db.end();
  }
  try {
    await bench('PostgreSQL', { DATABASE_URL: url.toString() }, pgSeeded);
  } finally {
    if (!keptPg) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/** Starts `kairos serve` on a free port with `env`, runs `measure` against it, and stops it. */
export async function withServer(root: string, env: Record<string, string>, measure: (base: string, pid: number) => Promise<void>) {
  const { spawn } = await import('node:child_process');
  const port = await freePort();
  const server = spawn(process.execPath, ['packages/cli/bin/kairos.mjs', 'serve'], { cwd: root, env: { ...process.env, ...env, PORT: String(port), KAIROS_LOG_LEVEL: 'warn' }, stdio: 'inherit' });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitReady(`${base}/readyz`, server);
    await measure(base, server.pid ?? 0);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}

/** The cursor `pages` pages of 200 into a list (for "deep page" figures). */
export async function cursorAfter(base: string, path: string, headers: Record<string, string>, pages: number): Promise<string> {
  let cursor = '';
  for (let i = 0; i < pages; i += 1) {
    const page = (await fetch(`${base}${path}${path.includes('?') ? '&' : '?'}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers }).then((r) => r.json())) as { nextCursor: string };
    cursor = page.nextCursor;
  }
  return cursor;
}

/** The process's peak resident memory in MB (Linux), for "memory stays flat" figures. */
export async function peakRssMb(pid: number): Promise<number | null> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Math.round(Number(kb) / 1024) : null;
}
