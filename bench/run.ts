/**
 * Foundation benchmarks: the plugin chain (G1), an authenticated single-record read with the permission
 * check (the G2 shape, on a member record until opportunities exist), and a scoped keyset list page (the
 * G3 shape). Prints requests/s and latency percentiles per engine next to the bare-Fastify baseline.
 *
 *   npm run bench                       # SQLite
 *   BENCH_DATABASE_URL=postgres://…/x npm run bench   # SQLite and PostgreSQL (x is created and dropped)
 */
import { fork, spawn } from 'node:child_process';
import { freePort, load, row, signIn, waitReady } from './lib';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  console.log(`Kairos foundation benchmark — Node ${process.version}, 32 connections, ${DURATION} s per figure`);
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
