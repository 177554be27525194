/**
 * Browser test harness: a real Kairos server on a free port with a throw-away data directory, and a
 * headless Chromium (the system one — this never downloads a browser) driven through playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SCREENSHOT_DIR = join(ROOT, '.test-artifacts/screenshots');

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 375, height: 812 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;
export type Lang = 'zh-CN' | 'en';

/** A port nobody listens on right now (the OS picks it; closed again before the server binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('could not pick a free port'))));
    });
  });
}

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  /** Everything the server printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts `kairos serve` (API + the built UI from packages/web/dist) on a free port with a fresh data
 * directory, and resolves once GET /readyz answers 200.
 */
export async function startServer({ timeoutMs = 60_000, env = {} }: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<RunningServer> {
  // Debugging aid: point the tests at a server you already run (it must start empty, before setup).
  const external = process.env.KAIROS_E2E_URL;
  if (external) return { url: external.replace(/\/+$/, ''), port: Number(new URL(external).port), dataDir: '', output: () => '', stop: async () => {} };
  if (!existsSync(join(ROOT, 'packages/web/dist/index.html'))) {
    throw new Error('packages/web/dist is missing: run `npm run build --workspace @kairos/web` first');
  }
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'kairos-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, ['packages/cli/bin/kairos.mjs', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), KAIROS_DATA_DIR: dataDir, KAIROS_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`kairos serve exited early (code ${child.exitCode}, signal ${child.signalCode}):\n${output}`);
    }
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`kairos serve was not ready within ${timeoutMs} ms:\n${output}`);
    }
    await sleep(250);
  }
  return { url, port, dataDir, output: () => output, stop };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.KAIROS_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/**
 * A Kairos server and a browser for the calling file's journeys: started before its tests, stopped after
 * them. Read `live.server` and `live.browser` inside the tests.
 */
export function liveServerAndBrowser(options: Parameters<typeof startServer>[0] = {}): { readonly server: RunningServer; readonly browser: Browser } {
  const live = {} as { server: RunningServer; browser: Browser };
  beforeAll(async () => {
    live.server = await startServer(options);
    live.browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await live.browser?.close();
    await live.server?.stop();
  });
  return live;
}

/** A fresh browser profile (cookies, storage) speaking `lang`, at one of the two test widths. */
export async function newContext(browser: Browser, baseURL: string, lang: Lang, viewport: ViewportName = 'desktop'): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, locale: lang, viewport: VIEWPORTS[viewport], timezoneId: 'Asia/Shanghai' });
  recordActivity(context);
  return context;
}

/**
 * The last API calls and page errors of each browser profile. A failing step prints them, because a toast
 * with the server's answer is gone long before a ten-second wait gives up.
 */
const activity = new WeakMap<BrowserContext, string[]>();
const ACTIVITY_LINES = 20;

function remember(context: BrowserContext, line: string): void {
  const lines = activity.get(context) ?? [];
  lines.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
  if (lines.length > ACTIVITY_LINES) lines.shift();
  activity.set(context, lines);
}

function recordActivity(context: BrowserContext): void {
  activity.set(context, []);
  context.on('response', (response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/api/')) return;
    const line = `${response.request().method()} ${url.pathname}${url.search} → ${response.status()}`;
    if (response.status() < 400) return remember(context, line);
    void response
      .text()
      .catch(() => '')
      .then((body) => remember(context, `${line} ${body.slice(0, 300)}`));
  });
  context.on('requestfailed', (request) => remember(context, `${request.method()} ${request.url()} failed: ${request.failure()?.errorText ?? '?'}`));
  context.on('weberror', (error) => remember(context, `page error: ${error.error().message}`));
}

/** What the profile of `page` did lately (API calls with status, failed requests, page errors). */
export function recentActivity(page: Page): string {
  return (activity.get(page.context()) ?? []).join('\n');
}

/** Lets network and antd's transitions settle so a screenshot shows the page at rest. */
export async function settle(page: Page, ms = 400): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(ms);
}

/** Writes .test-artifacts/screenshots/<name>-<lang>-<viewport>.png (the whole page unless `fullPage` is false) and returns its path. */
export async function screenshot(page: Page, name: string, lang: Lang, viewport: ViewportName, { fullPage = true } = {}): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}-${lang}-${viewport}.png`);
  await settle(page);
  await page.screenshot({ path, fullPage });
  return path;
}

/** Waits until some element with exactly this visible text shows up; throws with the page text if not. */
export async function expectText(page: Page, text: string | RegExp, timeout = 10_000): Promise<void> {
  try {
    await page.getByText(text, { exact: typeof text === 'string' }).first().waitFor({ state: 'visible', timeout });
  } catch (error) {
    const body = await page.locator('body').innerText().catch(() => '');
    throw new Error(`expected to see ${String(text)} on ${page.url()}; the page shows:\n${body.slice(0, 2000)}`, { cause: error });
  }
}

/** Asserts no visible element has exactly this text. */
export async function expectNoText(page: Page, text: string): Promise<void> {
  const visible = await page.getByText(text, { exact: true }).filter({ visible: true }).count();
  if (visible > 0) throw new Error(`expected not to see "${text}" on ${page.url()}`);
}

/** True when the page is wider than the viewport (something overflows horizontally). */
export async function hasHorizontalOverflow(page: Page): Promise<boolean> {
  // A string expression: this file is compiled for Node, where `document` has no type.
  return Boolean(await page.evaluate('document.documentElement.scrollWidth > window.innerWidth + 1'));
}

/**
 * Runs `steps`; if they throw, saves the page as .test-artifacts/screenshots/tmp/<name>-failure.png (git-ignored) and
 * adds the page's URL and text to the error, so a red test shows what the browser saw.
 */
export async function onFailureCapture<T>(page: Page, name: string, steps: () => Promise<T>): Promise<T> {
  try {
    return await steps();
  } catch (error) {
    const dir = join(SCREENSHOT_DIR, 'tmp');
    await mkdir(dir, { recursive: true });
    await page.screenshot({ path: join(dir, `${name}-failure.png`), fullPage: true }).catch(() => undefined);
    const body = await page.locator('body').innerText().catch(() => '');
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\n--- at ${page.url()}, the page shows:\n${body.slice(0, 1500)}\n--- recent activity:\n${recentActivity(page)}`, { cause: error });
  }
}
