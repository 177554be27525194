/**
 * Customer lists at scale (the G3 shape): 200,000 customers over 50 reps in 10 regions; a page of 50 with
 * the caller's scope applied in SQL, for an admin (all), a regional manager (subtree) and a rep (own),
 * filtered, sorted by name, 4,000 rows deep, and by name prefix. Also the duplicate check (G6-like).
 *
 *   npm run bench:customers                               # SQLite
 *   BENCH_DATABASE_URL=postgres://…/test npm run bench:customers   # PostgreSQL too
 *   BENCH_CUSTOMERS=1000000 …                             # more rows
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { normalizeCompanyName } from '../packages/domain/src/duplicates';
import { readConfig } from '../packages/server/src/config';
import { openCore } from '../packages/server/src/main';
import { createWorkspace } from '../packages/server/src/features/setup/setup.service';
import { insertMember } from '../packages/server/src/features/users/users.service';
import { hashPassword } from '../packages/server/src/features/auth/password';
import { insertDepartment } from '../packages/server/src/features/departments/departments.service';
import { newId } from '../packages/server/src/ids';
import { freePort, load, row, signIn, waitReady } from './lib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 200_000);
const REGIONS = ['华东', '华南', '华北', '华中', '西南', '西北', '东北', '港澳', '海外', '渠道'];
const WORDS = ['云杉', '青禾', '恒远', '博雅', '海港', '星火', '锦程', '前海', '越秀', '鹭岛', '瓯江', '松湖', '华信', '中科', '天成', '鼎盛', '长风', '明德', '金桥', '远航'];
const TRADES = ['数据科技', '智能制造', '精密机械', '教育咨询', '物流', '新能源', '医疗器械', '金融服务', '食品', '电子商务'];

async function seed(env: Record<string, string>) {
  const { core, close } = await openCore({ ...readConfig(env), logLevel: 'warn' });
  const t0 = Date.now();
  const { workspace, roleIds, change } = await createWorkspace(core, { workspaceName: '基准测试公司', adminName: '管理员', email: 'bench@example.cn', password: 'bench-password', locale: 'zh-CN' }, { firstRun: true });
  const hash = await hashPassword('bench-password');
  const reps: { id: string; departmentId: string }[] = [];
  await core.db.transaction().execute(async (trx) => {
    const sales = await insertDepartment(trx, change, { name: '销售中心', parentId: null, parentPath: null });
    for (const [r, region] of REGIONS.entries()) {
      const dept = await insertDepartment(trx, change, { name: `${region}大区`, parentId: sales.id, parentPath: `/${sales.id}/` });
      await insertMember(trx, change, { name: `${region}经理`, email: `manager${r}@example.cn`, passwordHash: hash, departmentId: dept.id, managerId: null, roleIds: [roleIds.get('manager') as string], locale: 'zh-CN' });
      for (let i = 0; i < 5; i += 1) {
        const { user } = await insertMember(trx, change, { name: `${region}销售${i}`, email: `rep${r}_${i}@example.cn`, passwordHash: hash, departmentId: dept.id, managerId: null, roleIds: [roleIds.get('sales') as string], locale: 'zh-CN' });
        reps.push({ id: user.id, departmentId: dept.id });
      }
    }
  });
  const base = Date.parse('2024-01-01T00:00:00Z');
  for (let start = 0; start < CUSTOMERS; start += 5000) {
    await core.db.transaction().execute(async (trx) => {
      for (let b = start; b < Math.min(start + 5000, CUSTOMERS); b += 500) {
        const rows = [];
        for (let i = b; i < Math.min(b + 500, CUSTOMERS); i += 1) {
          const owner = reps[i % reps.length]!;
          const name = `${WORDS[i % WORDS.length]}${WORDS[Math.floor(i / 20) % WORDS.length]}${TRADES[Math.floor(i / 400) % TRADES.length]}${i}有限公司`;
          const at = new Date(base + i * 60_000).toISOString();
          rows.push({
            workspace_id: workspace.id, id: newId(), name, type: 'company', uscc: null, industry: null, province: null, city: null, address: null, website: null,
            phone: `139${String(i).padStart(8, '0')}`, source: null, level: ['A', 'B', 'C', 'D'][i % 4] ?? null, status: i % 3 ? 'prospect' : 'active', tags: i % 7 ? '[]' : '["重点"]',
            owner_id: owner.id, department_id: owner.departmentId, name_key: normalizeCompanyName(name), domain_key: null, last_follow_up_at: null, next_follow_up_on: null,
            created_by: owner.id, created_at: at, updated_at: at, version: 1, deleted_at: null,
          });
        }
        await trx.insertInto('customers').values(rows).execute();
      }
    });
  }
  await sql`analyze`.execute(core.db);
  console.log(`  seeded ${CUSTOMERS.toLocaleString('en')} customers over ${reps.length} reps in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await close();
}

async function benchEngine(label: string, env: Record<string, string>) {
  console.log(`\n${label}`);
  await seed(env);
  const port = await freePort();
  const server = spawn(process.execPath, ['packages/cli/bin/kairos.mjs', 'serve'], { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port), KAIROS_LOG_LEVEL: 'warn' }, stdio: 'inherit' });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitReady(`${base}/readyz`, server);
    const admin = { cookie: await signIn(base, 'bench@example.cn') };
    const manager = { cookie: await signIn(base, 'manager0@example.cn') };
    const rep = { cookie: await signIn(base, 'rep0_0@example.cn') };
    row('list 50, admin (all), newest first', await load(`${base}/api/customers?limit=50`, admin));
    row('list 50, manager (department subtree)', await load(`${base}/api/customers?limit=50`, manager));
    row('list 50, rep (own customers)', await load(`${base}/api/customers?limit=50`, rep));
    row('list 50, admin, status + level filter', await load(`${base}/api/customers?limit=50&status=active&level=A`, admin));
    row('list 50, admin, sorted by name', await load(`${base}/api/customers?limit=50&sort=name`, admin));
    let cursor = '';
    for (let i = 0; i < 20; i += 1) {
      const page = (await fetch(`${base}/api/customers?limit=200&sort=name${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: admin }).then((r) => r.json())) as { nextCursor: string };
      cursor = page.nextCursor;
    }
    row('list 50, 4,000 rows deep by name (keyset)', await load(`${base}/api/customers?limit=50&sort=name&cursor=${encodeURIComponent(cursor)}`, admin));
    row('list 50, name prefix "星火"', await load(`${base}/api/customers?limit=50&q=${encodeURIComponent('星火')}`, admin));
    const check = JSON.stringify({ name: '云杉云杉数据科技12345有限公司', phone: '13900012345' });
    const csrf = /kairos_csrf=([^;]+)/.exec(rep.cookie)?.[1] ?? '';
    row('duplicate check (name + phone), whole workspace', await load(`${base}/api/duplicates/check`, { ...rep, 'content-type': 'application/json', 'x-csrf-token': csrf }, { method: 'POST', body: check }));
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}

console.log(`Kairos customer lists — Node ${process.version}, ${CUSTOMERS.toLocaleString('en')} customers`);
const dataDir = mkdtempSync(join(tmpdir(), 'kairos-bench-'));
try {
  await benchEngine('SQLite (WAL, synchronous=FULL)', { KAIROS_DATA_DIR: dataDir });
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
    await benchEngine('PostgreSQL', { DATABASE_URL: url.toString() });
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
