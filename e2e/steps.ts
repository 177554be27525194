/**
 * Steps the browser journeys share: API calls with the session's CSRF token, signing in, switching the
 * language, picking from an antd select, and screenshots at both widths with an overflow check.
 */
import { expect } from 'vitest';
import type { APIRequestContext, BrowserContext, Locator, Page, Request } from 'playwright-core';
import { definitionOfPipeline, type Pipeline } from '@kairos/domain/pipelines';
import type { StageGate } from '@kairos/domain/stage-gates';
import { hasHorizontalOverflow, screenshot, settle, VIEWPORTS, type Lang, type ViewportName } from './harness';

export type Json = Record<string, unknown>;

export const WIDTHS: ViewportName[] = ['desktop', 'phone'];

export async function api(context: BrowserContext, request: APIRequestContext, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, data?: unknown) {
  const csrf = (await context.cookies()).find((c) => c.name === 'kairos_csrf')?.value ?? '';
  const response = await request.fetch(path, { method, data, headers: { 'X-CSRF-Token': csrf } });
  if (!response.ok()) throw new Error(`${method} ${path} → ${response.status()}: ${await response.text()}`);
  return response.status() === 204 ? null : ((await response.json()) as Json);
}

export async function pathIs(page: Page, path: string | RegExp) {
  await page.waitForURL((url) => (typeof path === 'string' ? url.pathname === path : path.test(url.pathname)), { timeout: 15_000 });
}

/** Waits until the toasts of earlier steps are gone, so a screenshot shows the page itself. */
export async function noToasts(page: Page) {
  await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
}

/** Opens a page from the main navigation (behind the menu button on phones). */
export async function openNav(page: Page, label: string) {
  if ((page.viewportSize()?.width ?? 1280) <= 768) await page.getByTestId('nav-toggle').click();
  await page.getByTestId('main-nav').filter({ visible: true }).getByRole('menuitem', { name: label }).click();
}

export async function pickOption(page: Page, text: string | RegExp) {
  await page.locator('.ant-select-item-option').filter({ hasText: text }).filter({ visible: true }).first().click();
}

export async function signIn(browserContext: BrowserContext, who: { email: string; password: string }) {
  const page = await browserContext.newPage();
  await page.goto('/login');
  await page.getByLabel('邮箱').fill(who.email);
  await page.getByLabel('密码').fill(who.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await pathIs(page, '/');
  return page;
}

/**
 * Switches the UI language from the header and waits until the page has taken it (the app sets `<html
 * lang>`). A click during the menu's opening animation can miss: then the menu is opened and picked again.
 */
export async function switchLanguage(page: Page, to: Lang) {
  const taken = () => page.waitForFunction(`document.documentElement.lang === ${JSON.stringify(to)}`, undefined, { timeout: 3_000 });
  for (let attempt = 0; ; attempt += 1) {
    const item = page.getByRole('menuitem', { name: to === 'en' ? 'English' : '简体中文' });
    if (!(await item.isVisible())) await page.getByTestId('language-switch').filter({ visible: true }).first().click();
    await item.click();
    try {
      await taken();
      break;
    } catch (error) {
      if (attempt >= 2) throw error;
    }
  }
  await settle(page, 200);
}

export async function shootBothWidths(page: Page, name: string, lang: Lang, { fullPage = true } = {}) {
  for (const width of WIDTHS) {
    await page.setViewportSize(VIEWPORTS[width]);
    // A whole-page shot of a scrolled page draws the sticky header and sidebar where the scroll left them.
    if (fullPage) await page.evaluate('window.scrollTo(0, 0)');
    await settle(page, 300);
    await screenshot(page, name, lang, width, { fullPage });
    expect(await hasHorizontalOverflow(page), `${name} overflows at ${width} width in ${lang}`).toBe(false);
  }
  await page.setViewportSize(VIEWPORTS.desktop);
  await settle(page, 200);
}

/**
 * Clicks a form's submit button and waits for the API call it makes, failing with the server's answer
 * if that is not a success. On a loaded machine a click during a dialog's opening animation can land on
 * nothing; when no request starts within a few seconds the button is clicked once more (no request was
 * sent, so this cannot submit twice).
 */
export async function submitAndWait(page: Page, button: Locator, method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string | RegExp): Promise<Json | null> {
  const matches = (request: Request) => request.method() === method && (typeof path === 'string' ? new URL(request.url()).pathname === path : path.test(new URL(request.url()).pathname));
  let request: Request;
  try {
    [request] = await Promise.all([page.waitForRequest(matches, { timeout: 5_000 }), button.click()]);
  } catch {
    [request] = await Promise.all([page.waitForRequest(matches, { timeout: 10_000 }), button.click()]);
  }
  const response = await request.response();
  if (!response) throw new Error(`${method} ${request.url()} got no answer`);
  if (!response.ok()) throw new Error(`${method} ${request.url()} → ${response.status()}: ${await response.text()}`);
  return response.status() === 204 ? null : ((await response.json()) as Json);
}

/**
 * Changes one stage's gate of the default pipeline through the API (as an administrator's context), the
 * way the settings page saves it: the whole definition with its version.
 */
export async function setStageGate(context: BrowserContext, request: APIRequestContext, stageNameZh: string, gate: Partial<StageGate>) {
  const pipeline = ((await api(context, request, 'GET', '/api/pipelines')) as { items: Pipeline[] }).items[0] as Pipeline;
  const definition = definitionOfPipeline(pipeline);
  const stage = definition.stages.find((s) => s.nameZh === stageNameZh);
  if (!stage) throw new Error(`no stage ${stageNameZh}`);
  stage.rules.gate = { ...stage.rules.gate, ...gate };
  return (await api(context, request, 'PUT', `/api/pipelines/${pipeline.id}`, { version: pipeline.version, definition })) as Pipeline;
}
