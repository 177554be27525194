/**
 * The board in a real browser with 5,000 open deals in one pipeline (issue: "stays smooth"): the time from
 * navigation to the first card, the cards drawn and the JS heap of the page, drags from one column to the
 * next (drop → card in its new column, and → the server's answer reflected in the column count), and one
 * column scrolled to its end until about 1,000 of its deals were loaded (the cards drawn must stay few:
 * the columns are virtualised). Runs on SQLite with Debian's chromium through playwright-core, like the
 * browser tests.
 *
 *   npm run bench:board                     # 1,000 customers, 7,000 deals (5,000 open)
 *   BENCH_DEALS=14000 npm run bench:board   # 10,000 open
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { readConfig } from '../packages/server/src/config';
import { openCore } from '../packages/server/src/main';
import { signIn, withServer } from './lib';
import { seedBenchWorkspace } from './seed';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEALS = Number(process.env.BENCH_DEALS ?? 7_000);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 1_000);
const DRAGS = Number(process.env.BENCH_DRAGS ?? 5);
const SCROLL_TO = Number(process.env.BENCH_SCROLL_CARDS ?? 1_000);
const CARD = '[data-testid="board-card"]';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** A drag with real pointer moves: dnd-kit starts only after the pointer travels a few pixels. */
async function drag(page: Page, cardSelector: string, columnSelector: string): Promise<void> {
  const card = page.locator(cardSelector).first();
  const target = page.locator(columnSelector);
  await target.evaluate((el) => el.scrollIntoView({ inline: 'center', block: 'nearest' }));
  await card.scrollIntoViewIfNeeded();
  const from = await card.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('card or column not on screen');
  await page.mouse.move(from.x + from.width / 2, from.y + 20);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + 24, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, to.y + 80, { steps: 12 });
  await page.waitForTimeout(50);
  await page.mouse.up();
}

/** The page's JS heap after a full garbage collection (so figures compare), in MB. */
const heapMb = async (page: Page) => ((await page.evaluate('(window.gc?.(), performance.memory ? performance.memory.usedJSHeapSize : 0)')) as number) / 1048576;

/**
 * Scrolls a column's body to its end, again and again, until `target` of its deals were loaded or it has no
 * more: the column loads its next page by itself when its end comes into view. Returns the time it took,
 * the pages it waited for, the cards loaded, and the most card elements the column held on the way.
 */
async function scrollColumn(page: Page, column: string, target: number) {
  const body = page.locator(`${column} [data-testid="board-column-body"]`);
  const toEnd = () =>
    body.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
      return { loaded: Number(el.getAttribute('data-loaded')), drawn: el.querySelectorAll('[data-testid="board-card"]').length, more: el.querySelector('[data-testid="board-column-more"]') !== null };
    });
  const started = performance.now();
  let state = await toEnd();
  let pages = 0;
  let mostDrawn = state.drawn;
  while (state.more && state.loaded < target) {
    const before = state.loaded;
    // The next page is on its way once the end shows; wait for it (scrolling to the end again each time).
    while (state.loaded === before && state.more) {
      await page.waitForTimeout(5);
      state = await toEnd();
      mostDrawn = Math.max(mostDrawn, state.drawn);
    }
    pages += 1;
  }
  return { ms: performance.now() - started, pages, loaded: state.loaded, drawn: state.drawn, mostDrawn };
}

const dataDir = mkdtempSync(join(tmpdir(), 'kairos-board-bench-'));
try {
  const env = { KAIROS_DATA_DIR: dataDir, KAIROS_FILE_STORAGE: 'disk' };
  const { core, close } = await openCore({ ...readConfig(env), logLevel: 'warn' });
  console.log(`Kairos board in the browser — Node ${process.version}, ${DEALS.toLocaleString('en')} deals over 7 stages (${Math.round((DEALS * 5) / 7).toLocaleString('en')} open), SQLite`);
  await seedBenchWorkspace(core, { customers: CUSTOMERS, deals: DEALS, search: false });
  const stages = await core.db.selectFrom('pipeline_stages').select(['id', 'position']).orderBy('position').execute();
  await close();

  await withServer(ROOT, env, async (base) => {
    const cookie = await signIn(base, 'bench@example.cn');
    const browser = await chromium.launch({
      executablePath: process.env.KAIROS_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--js-flags=--expose-gc', '--enable-precise-memory-info'],
    });
    try {
      const context = await browser.newContext({ baseURL: base, locale: 'zh-CN', viewport: { width: 1440, height: 900 }, timezoneId: 'Asia/Shanghai' });
      await context.addCookies(cookie.split('; ').map((pair) => ({ name: pair.split('=')[0] ?? '', value: pair.slice(pair.indexOf('=') + 1), url: base })));
      const page = await context.newPage();
      const loads: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const started = performance.now();
        await page.goto('/board');
        await page.locator('[data-testid="board-card"]').first().waitFor({ state: 'visible' });
        loads.push(performance.now() - started);
      }
      const cards = await page.locator(CARD).count();
      console.log(`  first load (navigation → first card): median ${median(loads).toFixed(0)} ms, max ${Math.max(...loads).toFixed(0)} ms; ${cards} card elements in the page; JS heap ${(await heapMb(page)).toFixed(1)} MB`);

      const shown: number[] = [];
      const answered: number[] = [];
      for (let i = 0; i < DRAGS; i += 1) {
        // 线索获取 → 需求分析 has no gate in the bench workspace.
        const from = `[data-testid="board-column"][data-stage-id="${stages[0]?.id}"] [data-testid="board-card"]`;
        const to = `[data-testid="board-column"][data-stage-id="${stages[1]?.id}"]`;
        const id = await page.locator(from).first().getAttribute('data-deal-id');
        const count = page.locator(`${to} [data-testid="board-column-count"]`);
        const before = await count.innerText();
        await drag(page, from, to);
        const dropped = performance.now();
        await page.locator(`${to} [data-deal-id="${id}"]`).waitFor();
        shown.push(performance.now() - dropped);
        // Not page.waitForFunction: the app's CSP forbids the string evaluation it polls with.
        await count.filter({ hasNotText: new RegExp(`^${before.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).waitFor();
        answered.push(performance.now() - dropped);
      }
      console.log(`  drag 线索获取 → 需求分析 (${DRAGS}×): card in its new column after median ${median(shown).toFixed(0)} ms; server's count shown after median ${median(answered).toFixed(0)} ms, max ${Math.max(...answered).toFixed(0)} ms`);

      // 方案报价: no drag above touched it, so its first cards and its cursor are the board's.
      const column = `[data-testid="board-column"][data-stage-id="${stages[2]?.id}"]`;
      const size = await page.locator(`${column} [data-testid="board-column-count"]`).innerText();
      const scrolled = await scrollColumn(page, column, SCROLL_TO);
      console.log(
        `  scroll 方案报价 (${size}) to its end until ${SCROLL_TO.toLocaleString('en')} loaded: ${scrolled.loaded.toLocaleString('en')} loaded in ${scrolled.ms.toFixed(0)} ms (${scrolled.pages} pages, ${(scrolled.ms / Math.max(1, scrolled.pages)).toFixed(0)} ms a page); ${scrolled.drawn} card elements in the column at the end (at most ${scrolled.mostDrawn}), ${await page.locator(CARD).count()} in the page; JS heap ${(await heapMb(page)).toFixed(1)} MB`,
      );
    } finally {
      await browser.close();
    }
  });
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
