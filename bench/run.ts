/**
 * Foundation benchmarks: the plugin chain (G1), an authenticated single-record read with the permission
 * check (the G2 shape, on a member record until opportunities exist), and a scoped keyset list page (the
 * G3 shape). Prints requests/s and latency percentiles per engine next to the bare-Fastify baseline.
 *
 *   npm run bench                       # SQLite
 *   BENCH_DATABASE_URL=postgres://…/x npm run bench   # SQLite and PostgreSQL (x is created and dropped)
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { readConfig } from '../packages/server/src/config';
import { openCore } from '../packages/server/src/main';
import { createWorkspace } from '../packages/server/src/features/setup/setup.service';
import { insertMember } from '../packages/server/src/features/users/users.service';
import { hashPassword } from '../packages/server/src/features/auth/password';
import { insertDepartment } from '../packages/server/src/features/departments/departments.service';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 5000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 32;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitReady(url: string, child: ChildProcess) {
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

async function load(url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  if (result.non2xx > 0) throw new Error(`${result.non2xx} non-2xx answers from ${url}`);
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99 };
}

function row(name: string, r: { rps: number; p50: number; p99: number }, note = '') {
  console.log(`  ${name.padEnd(44)} ${String(r.rps).padStart(7)} req/s   p50 ${String(r.p50).padStart(3)} ms   p99 ${String(r.p99).padStart(3)} ms  ${note}`);
}

async function seed(env: Record<string, string>) {
  const config = { ...readConfig(env), logLevel: 'warn' };
  const { core, close } = await openCore(config);
  const t0 = Date.now();
  const { workspace, roleIds, change } = await createWorkspace(core, { workspaceName: '基准测试公司', adminName: '管理员', email: 'bench@example.cn', password: 'bench-password', locale: 'zh-CN' }, { firstRun: true });
  const hash = await hashPassword('bench-password');
  let managerEmail = '';
  let sampleId = '';
  await core.db.transaction().execute(async (trx) => {
    const sales = await insertDepartment(trx, change, { name: '销售中心', parentId: null, parentPath: null });
    const regions = [];
    for (let r = 0; r < 10; r += 1) regions.push(await insertDepartment(trx, change, { name: `大区${r}`, parentId: sales.id, parentPath: `/${sales.id}/` }));
    for (let i = 0; i < MEMBERS; i += 1) {
      const region = regions[i % regions.length]!;
      const { user } = await insertMember(trx, change, {
        name: `销售${String(i).padStart(5, '0')}`,
        email: `rep${i}@example.cn`,
        passwordHash: hash,
        departmentId: region.id,
        managerId: null,
        roleIds: [roleIds.get(i % 50 === 0 ? 'manager' : 'sales') as string],
        locale: 'zh-CN',
      });
      if (i === 0) managerEmail = `rep${i}@example.cn`;
      if (i === 10) sampleId = user.id;
    }
  });
  console.log(`  seeded ${MEMBERS} members in ${((Date.now() - t0) / 1000).toFixed(1)} s (workspace ${workspace.id})`);
  await close();
  return { managerEmail, sampleId };
}

async function signIn(base: string, email: string) {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'bench-password' }) });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

async function benchEngine(label: string, env: Record<string, string>, bare: { rps: number }) {
  console.log(`\n${label}`);
  const { managerEmail, sampleId } = await seed(env);
  const port = await freePort();
  const server = spawn(process.execPath, ['packages/cli/bin/kairos.mjs', 'serve'], { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port), KAIROS_LOG_LEVEL: 'warn' }, stdio: 'inherit' });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitReady(`${base}/readyz`, server);
    const health = await load(`${base}/healthz`);
    row('G1 /healthz through every plugin', health, `${Math.round((health.rps / bare.rps) * 100)}% of bare Fastify (target ≥ 70%)`);
    const adminCookie = await signIn(base, 'bench@example.cn');
    row('G2 shape: GET /api/users/:id (session, policy)', await load(`${base}/api/users/${sampleId}`, { cookie: adminCookie }));
    const managerCookie = await signIn(base, managerEmail);
    row('G3 shape: GET /api/users?limit=50 (admin, all)', await load(`${base}/api/users?limit=50`, { cookie: adminCookie }));
    row('G3 shape: GET /api/users?limit=50 (manager, subtree)', await load(`${base}/api/users?limit=50`, { cookie: managerCookie }));
    const deep = await fetch(`${base}/api/users?limit=200`, { headers: { cookie: adminCookie } }).then((r) => r.json() as Promise<{ nextCursor: string }>);
    let cursor = deep.nextCursor;
    for (let i = 0; i < 9 && cursor; i += 1) {
      const next = (await fetch(`${base}/api/users?limit=200&cursor=${encodeURIComponent(cursor)}`, { headers: { cookie: adminCookie } }).then((r) => r.json())) as { nextCursor: string };
      cursor = next.nextCursor;
    }
    row('G3 shape: a page 2,000 rows deep (keyset)', await load(`${base}/api/users?limit=50&cursor=${encodeURIComponent(cursor)}`, { cookie: adminCookie }));
    const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
    const rss = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    if (rss) console.log(`  server resident memory after the runs: ${Math.round(Number(rss) / 1024)} MB (the tsx loader is part of it)`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}

async function main() {
  console.log(`Kairos foundation benchmark — Node ${process.version}, ${CONNECTIONS} connections, ${DURATION} s per figure`);
  const barePort = await freePort();
  const bareChild = fork(join(ROOT, 'bench/bare-fastify.ts'), { env: { ...process.env, PORT: String(barePort) }, execArgv: ['--import', 'tsx'] });
  await waitReady(`http://127.0.0.1:${barePort}/healthz`, bareChild);
  const bare = await load(`http://127.0.0.1:${barePort}/healthz`);
  bareChild.kill('SIGTERM');
  console.log('\nbaseline');
  row('bare Fastify /healthz', bare);

  const dataDir = mkdtempSync(join(tmpdir(), 'kairos-bench-'));
  try {
    await benchEngine('SQLite (WAL, synchronous=FULL)', { KAIROS_DATA_DIR: dataDir }, bare);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }

  const pgBase = process.env.BENCH_DATABASE_URL;
  if (pgBase) {
    const name = `kairos_bench_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: pgBase });
    await admin.connect();
    await admin.query(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
    const url = new URL(pgBase);
    url.pathname = `/${name}`;
    try {
      await benchEngine('PostgreSQL', { DATABASE_URL: url.toString() }, bare);
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  } else {
    console.log('\n(PostgreSQL skipped: set BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test to include it)');
  }
}

await main();
