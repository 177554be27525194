/**
 * Customer lists at scale (the G3 shape): 200,000 customers over 50 reps in 10 regions; a page of 50 with
 * the caller's scope applied in SQL, for an admin (all), a regional manager (subtree) and a rep (own),
 * filtered, sorted by name, 4,000 rows deep, and by name prefix. Also the duplicate check (G6-like).
 *
 *   npm run bench:customers                               # SQLite
 *   BENCH_DATABASE_URL=postgres://…/test npm run bench:customers   # PostgreSQL too
 *   BENCH_CUSTOMERS=1000000 …                             # more rows
 */
import { fileURLToPath } from 'node:url';
import { readConfig } from '../packages/server/src/config';
import { openCore } from '../packages/server/src/main';
import { cursorAfter, load, onEachEngine, row, signIn, withServer } from './lib';
import { seedBenchWorkspace } from './seed';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 200_000);

async function seed(env: Record<string, string>) {
  const { core, close } = await openCore({ ...readConfig(env), logLevel: 'warn' });
  await seedBenchWorkspace(core, { customers: CUSTOMERS, deals: 0, search: false });
  await close();
}

async function benchEngine(label: string, env: Record<string, string>) {
  console.log(`\n${label}`);
  await seed(env);
  await withServer(ROOT, env, async (base) => {
    const admin = { cookie: await signIn(base, 'bench@example.cn') };
    const manager = { cookie: await signIn(base, 'manager0@example.cn') };
    const rep = { cookie: await signIn(base, 'rep0_0@example.cn') };
    row('list 50, admin (all), newest first', await load(`${base}/api/customers?limit=50`, admin));
    row('list 50, manager (department subtree)', await load(`${base}/api/customers?limit=50`, manager));
    row('list 50, rep (own customers)', await load(`${base}/api/customers?limit=50`, rep));
    row('list 50, admin, status + level filter', await load(`${base}/api/customers?limit=50&status=active&level=A`, admin));
    row('list 50, admin, sorted by name', await load(`${base}/api/customers?limit=50&sort=name`, admin));
    const cursor = await cursorAfter(base, '/api/customers?sort=name', admin, 20);
    row('list 50, 4,000 rows deep by name (keyset)', await load(`${base}/api/customers?limit=50&sort=name&cursor=${encodeURIComponent(cursor)}`, admin));
    row('list 50, name prefix "星火"', await load(`${base}/api/customers?limit=50&q=${encodeURIComponent('星火')}`, admin));
    const check = JSON.stringify({ name: '云杉云杉数据科技12345有限公司', phone: '13900012345' });
    const csrf = /kairos_csrf=([^;]+)/.exec(rep.cookie)?.[1] ?? '';
    row('duplicate check (name + phone), whole workspace', await load(`${base}/api/duplicates/check`, { ...rep, 'content-type': 'application/json', 'x-csrf-token': csrf }, { method: 'POST', body: check }));
  });
}

console.log(`Kairos customer lists — Node ${process.version}, ${CUSTOMERS.toLocaleString('en')} customers`);
await onEachEngine(benchEngine);
