/**
 * The first journey of a new installation, in a real browser against a real server: first-run setup,
 * the administrator adds a sales rep through the Users page, the rep signs in and sees only what a rep
 * may see, and the language switch changes what is on screen. Screenshots of every main page, in both
 * languages, at desktop and phone width, land in .test-artifacts/screenshots/ (git-ignored).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoText, expectText, hasHorizontalOverflow, type Lang, liveServerAndBrowser, newContext, onFailureCapture, screenshot, VIEWPORTS } from './harness';
import { submitAndWait, switchLanguage, WIDTHS } from './steps';

const ADMIN = { workspace: '星辰科技', name: '张伟', email: 'admin@example.com', password: 'admin-pass-123' };
const REP = { name: '李娜', email: 'lina@example.com', password: 'sales-pass-123' };
const LANGS: Lang[] = ['zh-CN', 'en'];

const live = liveServerAndBrowser();

async function pathIs(page: Page, path: string) {
  await page.waitForURL((url) => url.pathname === path, { timeout: 15_000 });
}

/** Screenshots the current page at both widths (the viewport is restored to desktop afterwards). */
async function shootBothWidths(page: Page, name: string, lang: Lang) {
  for (const width of WIDTHS) {
    await page.setViewportSize(VIEWPORTS[width]);
    await screenshot(page, name, lang, width);
  }
  await page.setViewportSize(VIEWPORTS.desktop);
}

async function openNav(page: Page, label: string) {
  if ((page.viewportSize()?.width ?? 1280) <= 768) await page.getByTestId('nav-toggle').click();
  await page.getByTestId('main-nav').filter({ visible: true }).getByRole('menuitem', { name: label }).click();
}

async function openUserMenu(page: Page, item: string) {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: item }).click();
}

describe('first journey', () => {
  it('sets up a workspace, adds a sales rep, and the rep sees only their part — in both languages', async () => {
    const context = await newContext(live.browser, live.server.url, 'zh-CN');
    const page = await context.newPage();
    await onFailureCapture(page, 'journey', async () => {
      // A fresh installation sends everyone to first-run setup.
      await page.goto('/');
      await pathIs(page, '/setup');
      await expectText(page, '初始化 Kairos');
      await shootBothWidths(page, 'setup', 'zh-CN');
      await switchLanguage(page, 'en');
      await expectText(page, 'Set up Kairos');
      await expectText(page, 'Create workspace');
      await shootBothWidths(page, 'setup', 'en');
      await switchLanguage(page, 'zh-CN');
      await expectText(page, '初始化 Kairos');

      // Validation comes from the domain schema and speaks the UI language.
      await page.getByRole('button', { name: '创建工作区' }).click();
      await expectText(page, '请填写此项');

      await page.getByLabel('公司 / 工作区名称').fill(ADMIN.workspace);
      await page.getByLabel('您的姓名').fill(ADMIN.name);
      await page.getByLabel('邮箱').fill(ADMIN.email);
      await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
      await page.getByLabel('确认密码').fill(ADMIN.password);
      await page.getByRole('button', { name: '创建工作区' }).click();

      // Lands in the app, signed in as the administrator.
      await pathIs(page, '/');
      await expectText(page, new RegExp(`好，${ADMIN.name}`));
      await expectText(page, '管理员');
      expect(await page.getByTestId('workspace-name').innerText()).toBe(ADMIN.workspace);
      await expectText(page, '管理');

      // The administrator adds a sales rep through the Users page.
      await openNav(page, '用户');
      await pathIs(page, '/admin/users');
      await expectText(page, '还没有其他成员');
      await page.getByRole('button', { name: '新建用户' }).first().click();
      const drawer = page.getByRole('dialog').filter({ hasText: '新建用户' });
      await drawer.waitFor();
      await drawer.getByRole('button', { name: '创建' }).click();
      await expectText(page, '请至少选择一项');
      await drawer.getByLabel('姓名').fill(REP.name);
      await drawer.getByLabel('邮箱').fill(REP.email);
      await drawer.getByLabel('初始密码').fill(REP.password);
      await drawer.getByLabel('角色').click();
      await page.locator('.ant-select-item-option').filter({ hasText: /^销售$/ }).click();
      await page.keyboard.press('Escape');
      await drawer.getByRole('button', { name: '创建' }).click();
      await expectText(page, '用户已创建');
      const repRow = page.getByRole('row').filter({ hasText: REP.email });
      await repRow.waitFor();
      expect(await repRow.innerText()).toContain('销售');

      // Creating the same e-mail again shows the server's localised message on the field.
      await page.getByRole('button', { name: '新建用户' }).first().click();
      await drawer.waitFor();
      await drawer.getByLabel('姓名').fill('重复');
      await drawer.getByLabel('邮箱').fill(REP.email);
      await drawer.getByLabel('初始密码').fill(REP.password);
      await drawer.getByLabel('角色').click();
      await page.locator('.ant-select-item-option').filter({ hasText: /^销售$/ }).click();
      await page.keyboard.press('Escape');
      await drawer.getByRole('button', { name: '创建' }).click();
      await expectText(page, '该邮箱已被使用。');
      await drawer.getByRole('button', { name: '取消' }).click();

      // A department, so the tree has something to show.
      await openNav(page, '部门');
      await pathIs(page, '/admin/departments');
      await expectText(page, '还没有部门');
      await page.getByRole('button', { name: '新建一级部门' }).first().click();
      const modal = page.getByRole('dialog').filter({ hasText: '新建一级部门' });
      await modal.getByLabel('部门名称').fill('华东销售部');
      await modal.getByRole('button', { name: '创建' }).click();
      await expectText(page, '部门已创建');
      await page.getByTestId('department-tree').getByText('华东销售部').first().waitFor();
      await page.getByRole('button', { name: '新建子部门' }).click();
      const childModal = page.getByRole('dialog').filter({ hasText: '新建子部门' });
      await childModal.getByLabel('部门名称').fill('上海一组');
      await childModal.getByRole('button', { name: '创建' }).click();
      await page.getByTestId('department-tree').getByText('上海一组').first().waitFor();

      // A personal API token: its secret is shown once.
      await openUserMenu(page, 'API 令牌');
      await pathIs(page, '/account/tokens');
      await expectText(page, '还没有 API 令牌');
      await page.getByRole('button', { name: '创建令牌' }).first().click();
      await page.getByLabel('名称').fill('数据同步脚本');
      await submitAndWait(page, page.getByRole('dialog').getByRole('button', { name: '创建' }), 'POST', '/api/tokens');
      await expectText(page, '请立即复制您的令牌');
      expect((await page.getByTestId('token-secret-value').inputValue()).length).toBeGreaterThan(16);
      await page.getByRole('button', { name: '完成' }).click();
      await page.getByRole('row').filter({ hasText: '数据同步脚本' }).waitFor();

      // Sign out; the sign-in page in both languages.
      await openUserMenu(page, '退出登录');
      await pathIs(page, '/login');
      await expectText(page, '登录 Kairos');
      await shootBothWidths(page, 'sign-in', 'zh-CN');
      await switchLanguage(page, 'en');
      await expectText(page, 'Sign in to Kairos');
      await shootBothWidths(page, 'sign-in', 'en');
      await switchLanguage(page, 'zh-CN');

      // A wrong password gets the server's localised message.
      await page.getByLabel('邮箱').fill(REP.email);
      await page.getByLabel('密码').fill('not-the-password');
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await expectText(page, '邮箱或密码不正确。');

      // The rep signs in: no Admin navigation, and admin pages are forbidden (in the UI and the API).
      await page.getByLabel('密码').fill(REP.password);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await pathIs(page, '/');
      await expectText(page, new RegExp(`好，${REP.name}`));
      await expectText(page, '销售');
      const nav = page.getByTestId('main-nav');
      await nav.getByText('工作台', { exact: true }).waitFor();
      expect(await nav.getByText('管理', { exact: true }).count()).toBe(0);
      expect(await nav.getByText('用户', { exact: true }).count()).toBe(0);
      expect(await nav.getByText('部门', { exact: true }).count()).toBe(0);

      await page.goto('/admin/users');
      await expectText(page, '无权访问');
      await expectNoText(page, '新建用户');
      // The server refuses too: a rep may list colleagues (users.read) but not manage the organisation.
      const csrf = (await context.cookies()).find((c) => c.name === 'kairos_csrf')?.value ?? '';
      const attempt = await page.request.post('/api/departments', { data: { name: '越权部门' }, headers: { 'X-CSRF-Token': csrf } });
      expect(attempt.status()).toBe(403);

      // Switching the language changes what is on screen, and the choice survives a reload.
      await switchLanguage(page, 'en');
      await expectText(page, 'No access');
      await expectNoText(page, '无权访问');
      await nav.getByText('Home', { exact: true }).waitFor();
      await nav.getByText('Opportunities', { exact: true }).waitFor();
      expect(await nav.getByText('Users', { exact: true }).count()).toBe(0);
      await page.reload();
      await expectText(page, 'No access');
      await switchLanguage(page, 'zh-CN');
      await expectText(page, '无权访问');
      await expectNoText(page, 'No access');
      await nav.getByText('商机', { exact: true }).waitFor();

      // A coming-soon module explains itself.
      await openNav(page, '报表');
      await pathIs(page, '/reports');
      await expectText(page, '即将上线');
    });
    await context.close();
  });

  it('renders the main pages in both languages at desktop and phone width without overflow', async () => {
    for (const lang of LANGS) {
      // The browser's language picks the UI language on first visit.
      const context = await newContext(live.browser, live.server.url, lang);
      const page = await context.newPage();
      await onFailureCapture(page, `pages-${lang}`, async () => {
        const en = lang === 'en';
        await page.goto('/login');
        await expectText(page, en ? 'Sign in to Kairos' : '登录 Kairos');
        await page.getByLabel(en ? 'E-mail' : '邮箱').fill(ADMIN.email);
        await page.getByLabel(en ? 'Password' : '密码').fill(ADMIN.password);
        await page.getByRole('button', { name: en ? 'Sign in' : '登录', exact: true }).click();
        await pathIs(page, '/');

        const pages: { name: string; path: string; text: string }[] = [
          { name: 'home', path: '/', text: en ? 'Getting started' : '开始使用' },
          { name: 'users', path: '/admin/users', text: REP.email },
          { name: 'departments', path: '/admin/departments', text: '华东销售部' },
          { name: 'tokens', path: '/account/tokens', text: '数据同步脚本' },
        ];
        for (const width of WIDTHS) {
          await page.setViewportSize(VIEWPORTS[width]);
          for (const p of pages) {
            await page.goto(p.path);
            await expectText(page, p.text);
            if (p.name === 'departments') await page.getByTestId('department-tree').getByText('华东销售部').first().click();
            await screenshot(page, p.name, lang, width);
            expect(await hasHorizontalOverflow(page), `${p.name} overflows at ${width} width in ${lang}`).toBe(false);
          }
          if (width === 'phone') {
            await page.goto('/');
            await page.getByTestId('nav-toggle').click();
            await expectText(page, en ? 'Departments' : '部门');
            await screenshot(page, 'nav', lang, width, { fullPage: false });
          }
        }
      });
      await context.close();
    }
  });
});
