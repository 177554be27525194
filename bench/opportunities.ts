/**
 * Deals, the board and search at scale (G3, G4 and G6 shapes): 200,000 customers and 1,000,000 deals over 50 reps in 10
 * regions, every stage of the default pipeline, with their search entries. Prints, per engine, a page of
 * 50 deals for an admin (all), a regional manager (subtree) and a rep (own + team), filtered, sorted by
 * amount and deep; then global search for 1, 2 and 3+ characters, pinyin initials and a phone fragment.
 *
 *   npm run bench:opportunities                                   # SQLite
 *   BENCH_DATABASE_URL=postgres://…/test npm run bench:opportunities   # PostgreSQL too
 *   BENCH_DEALS=200000 BENCH_CUSTOMERS=50000 …                    # smaller
 *   BENCH_KEEP_DIR=/tmp/kairos-1m …                               # keep the SQLite data, seed only once
 *   BENCH_KEEP_PG=kairos_bench_1m …                               # keep (and reuse) the PostgreSQL database too
 *   BENCH_SEED_ONLY=1 …                                           # seed (into the kept places), measure later
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfig } from '../packages/server/src/config';
import { openCore } from '../packages/server/src/main';
import { cursorAfter, load, onEachEngine, peakRssMb, row, signIn, withServer } from './lib';
import { seedBenchWorkspace } from './seed';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 200_000);
const DEALS = Number(process.env.BENCH_DEALS ?? 1_000_000);

async function benchEngine(label: string, env: Record<string, string>, seeded: boolean) {
  console.log(`\n${label}`);
  const { core, close } = await openCore({ ...readConfig(env), logLevel: 'warn' });
  if (seeded) console.log(`  reusing the workspace seeded in ${env.DATABASE_URL ? 'the kept PostgreSQL database' : `${env.KAIROS_DATA_DIR}: ${readFileSync(join(env.KAIROS_DATA_DIR ?? '', 'seeded'), 'utf8').trim()}`}`);
  else {
    await seedBenchWorkspace(core, { customers: CUSTOMERS, deals: DEALS, search: true });
    if (process.env.BENCH_KEEP_DIR && env.KAIROS_DATA_DIR) writeFileSync(join(env.KAIROS_DATA_DIR, 'seeded'), `${CUSTOMERS} customers, ${DEALS} deals\n`);
  }
  if (process.env.BENCH_SEED_ONLY) {
    await close();
    return;
  }
  const stage = await core.db.selectFrom('pipeline_stages').select('id').where('name_zh', '=', '方案报价').executeTakeFirstOrThrow();
  await close();
  await withServer(ROOT, env, async (base, pid) => {
    const admin = { cookie: await signIn(base, 'bench@example.cn') };
    const manager = { cookie: await signIn(base, 'manager0@example.cn') };
    const rep = { cookie: await signIn(base, 'rep0_0@example.cn') };
    console.log('  deals');
    row('list 50, admin (all), newest first', await load(`${base}/api/opportunities?limit=50`, admin));
    row('list 50, manager (department subtree)', await load(`${base}/api/opportunities?limit=50`, manager));
    row('list 50, rep (own + deal team)', await load(`${base}/api/opportunities?limit=50`, rep));
    row('list 50, admin, stage + status filter', await load(`${base}/api/opportunities?limit=50&stageId=${stage.id}&status=open`, admin));
    row('list 50, admin, largest amount first', await load(`${base}/api/opportunities?limit=50&sort=-amount`, admin));
    const deep = await cursorAfter(base, '/api/opportunities?sort=-amount', admin, 20);
    row('list 50, 4,000 rows deep by amount (keyset)', await load(`${base}/api/opportunities?limit=50&sort=-amount&cursor=${encodeURIComponent(deep)}`, admin));
    row('list 50, rep, amount range + close month', await load(`${base}/api/opportunities?limit=50&amountMin=100000000&amountMax=300000000&closeFrom=2027-03-01&closeTo=2027-03-31`, rep));
    console.log('  board (G4: every column\'s first cards + count + totals, ≤ 3 queries)');
    row('board, admin (7 columns, totals from the rollup)', await load(`${base}/api/board`, admin));
    row('board, manager (department subtree)', await load(`${base}/api/board`, manager));
    row('board, rep (own + deal team)', await load(`${base}/api/board`, rep));
    row('board, admin, owner filter (rollup)', await load(`${base}/api/board?ownerId=${await userIdOf(base, rep)}`, admin));
    row('board, rep, close-month filter (scan of own deals)', await load(`${base}/api/board?closeFrom=2027-03-01&closeTo=2027-03-31`, rep));
    // Latency at moderate load (4 connections): what one person opening the board waits.
    row('board, admin, 4 connections', await load(`${base}/api/board`, admin, { connections: 4 }));
    row('board, manager, 4 connections', await load(`${base}/api/board`, manager, { connections: 4 }));
    row('board, rep, 4 connections', await load(`${base}/api/board`, rep, { connections: 4 }));
    console.log(`  search (${(CUSTOMERS + DEALS).toLocaleString('en')} records)`);
    const q = (s: string) => encodeURIComponent(s);
    row('1 character "星" (name prefix), admin', await load(`${base}/api/search?q=${q('星')}`, admin));
    row('2 characters "锦程" (bigram), admin', await load(`${base}/api/search?q=${q('锦程')}`, admin));
    row('2 characters "锦程", rep (own scope)', await load(`${base}/api/search?q=${q('锦程')}`, rep));
    row('2 characters, no match "李娜", admin', await load(`${base}/api/search?q=${q('李娜')}`, admin));
    row('4 characters "星火锦程" (trigrams), admin', await load(`${base}/api/search?q=${q('星火锦程')}`, admin));
    row('7 characters "数据中台项目1", rep', await load(`${base}/api/search?q=${q('数据中台项目1')}`, rep));
    row('pinyin initials "xhjc", admin', await load(`${base}/api/search?q=xhjc`, admin));
    row('phone fragment "00012345", admin', await load(`${base}/api/search?q=00012345`, admin));
    console.log('  export');
    const t0 = performance.now();
    const response = await fetch(`${base}/api/opportunities/export`, { headers: admin });
    let bytes = 0;
    let lines = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (const b of chunk) if (b === 10) lines += 1;
    }
    const seconds = (performance.now() - t0) / 1000;
    console.log(`  CSV export, admin, all deals: ${(lines - 1).toLocaleString('en')} rows, ${(bytes / 1048576).toFixed(0)} MB in ${seconds.toFixed(1)} s = ${Math.round((lines - 1) / seconds).toLocaleString('en')} rows/s; server peak RSS ${await peakRssMb(pid)} MB`);
  });
}

/** The signed-in member's id (for an owner filter). */
async function userIdOf(base: string, who: Record<string, string>): Promise<string> {
  const me = (await fetch(`${base}/api/auth/me`, { headers: who }).then((r) => r.json())) as { user: { id: string } };
  return me.user.id;
}

console.log(`Kairos deals, board and search — Node ${process.version}, ${process.env.BENCH_KEEP_DIR ? `the workspace kept in ${process.env.BENCH_KEEP_DIR} (seeded with ` : ''}${CUSTOMERS.toLocaleString('en')} customers, ${DEALS.toLocaleString('en')} deals${process.env.BENCH_KEEP_DIR ? ' if new)' : ''}`);
await onEachEngine(benchEngine);
