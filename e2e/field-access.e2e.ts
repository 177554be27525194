/**
 * Field permissions (字段权限) in a real browser against a real server. The administrator opens 字段权限
 * beside the custom fields, hides 商机 金额 from 售前 and makes 客户 电话 read-only for 销售, and saves
 * after a confirmation listing both changes. 张伟 (sales) opens a deal of 128,000.50 元 and brings 赵敏
 * (presales) onto its team. 赵敏 opens the deal: no amount anywhere — a lock marks where it would be, the
 * list has no amount column, filter or sort. 张伟 edits the customer: its phone is shown but locked, and
 * saving his other changes works; on the contact list he filters by decision role and tag and keeps them
 * in a saved view. Screenshots of the matrix (zh-CN and en at desktop width, zh-CN at
 * 390 px) and of 赵敏's deal page land in .test-artifacts/screenshots/ (git-ignored).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectText, hasHorizontalOverflow, liveServerAndBrowser, newContext, onFailureCapture, screenshot, settle, VIEWPORTS } from './harness';
import { api, noToasts, openNav, pathIs, pickOption, shootBothWidths, signIn, switchLanguage, type Json } from './steps';

const ADMIN = { workspace: '星辰科技', name: '王建国', email: 'admin@example.com', password: 'admin-pass-123' };
const ZHANG = { name: '张伟', email: 'zhangwei@example.com', password: 'sales-pass-123' };
const ZHAO = { name: '赵敏', email: 'zhaomin@example.com', password: 'presales-pass-123' };
const CUSTOMER = { name: '华为技术有限公司', phone: '13800138000', city: '深圳市' };
const DEAL = { name: '华为私有化部署项目', amount: '128000.50', shown: '¥128,000.50', minor: 12_800_050 };
/** The phone width the matrix is checked at (a common Android and iPhone width). */
const PHONE_390 = { width: 390, height: 844 };

const live = liveServerAndBrowser();

/** Picks a level in one cell of the matrix (`rule-<field>-<role key>`). */
async function setRule(page: Page, field: string, roleKey: string, level: string) {
  await page.getByTestId(`rule-${field}-${roleKey}`).click();
  await pickOption(page, level);
}

describe('field permissions', () => {
  it('an admin hides the deal amount from presales and locks the customer phone for sales; both see the difference', async () => {
    const admin = await newContext(live.browser, live.server.url, 'zh-CN');
    const adminPage = await admin.newPage();
    await api(admin, adminPage.request, 'POST', '/api/setup', { workspaceName: ADMIN.workspace, adminName: ADMIN.name, email: ADMIN.email, password: ADMIN.password, locale: 'zh-CN' });
    const roles = (await api(admin, adminPage.request, 'GET', '/api/roles')) as { items: { id: string; key: string }[] };
    const roleId = (key: string) => roles.items.find((r) => r.key === key)?.id ?? '';
    const zhangUser = (await api(admin, adminPage.request, 'POST', '/api/users', { ...ZHANG, roleIds: [roleId('sales')] })) as { id: string };
    const zhaoUser = (await api(admin, adminPage.request, 'POST', '/api/users', { ...ZHAO, roleIds: [roleId('presales')] })) as { id: string };
    expect(zhangUser.id && zhaoUser.id).toBeTruthy();
    // 张伟's customer, phone and all (once the phone is read-only for sales, a rep cannot set it).
    const customer = (await api(admin, adminPage.request, 'POST', '/api/customers', { ...CUSTOMER, ownerId: zhangUser.id })) as { id: string };

    // A setting changed earlier, which saving the field rules must leave alone.
    await api(admin, adminPage.request, 'PATCH', '/api/workspace/settings', { recycleDays: 14 });

    // The administrator finds 字段权限 beside the custom fields and sets two rules.
    await onFailureCapture(adminPage, 'field-access-admin', async () => {
      await adminPage.goto('/');
      await openNav(adminPage, '自定义字段');
      await pathIs(adminPage, '/admin/fields');
      await adminPage.getByTestId('fields-page-switch').getByText('字段权限').click();
      await expectText(adminPage, '成员有多个角色时，以最宽松的权限为准。隐藏的字段不会出现在列表、详情、导出和搜索中。');
      const table = adminPage.getByTestId('field-rules-table');
      await table.waitFor();
      // Built-in fields under their usual names, the roles as columns.
      for (const label of ['统一社会信用代码', '电话', '客户等级']) await table.getByText(label, { exact: true }).first().waitFor();
      for (const role of ['销售', '售前 / 技术', '管理员']) await table.getByRole('columnheader', { name: role }).waitFor();
      expect(await adminPage.getByTestId('field-rules-save').isDisabled()).toBe(true);

      await adminPage.getByTestId('field-rules-tabs').getByRole('tab', { name: '商机' }).click();
      await table.getByText('预计成交日期', { exact: true }).waitFor();
      await setRule(adminPage, 'amount', 'presales', '隐藏');
      await adminPage.getByTestId('field-rules-tabs').getByRole('tab', { name: '客户' }).click();
      await setRule(adminPage, 'phone', 'sales', '只读');
      await adminPage.getByTestId('field-rules-pending').getByText('2 处修改未保存').waitFor();
      await adminPage.getByTestId('field-rules-tabs').getByRole('tab', { name: '商机' }).click();
      await screenshot(adminPage, 'field-access-matrix-pending', 'zh-CN', 'desktop');

      await adminPage.getByTestId('field-rules-save').click();
      const confirm = adminPage.getByRole('dialog').filter({ hasText: '保存字段权限？' });
      await confirm.waitFor();
      const summary = await confirm.getByTestId('field-rules-confirm').innerText();
      expect(summary).toContain('将修改 2 条规则');
      expect(summary).toContain('商机 · 金额 · 售前 / 技术：可编辑 → 隐藏');
      expect(summary).toContain('客户 · 电话 · 销售：可编辑 → 只读');
      await confirm.getByRole('button', { name: '保存权限' }).click();
      await expectText(adminPage, '字段权限已保存');
      await adminPage.getByTestId('field-rules-pending').getByText('没有未保存的修改').waitFor();
      const settings = (await api(admin, adminPage.request, 'GET', '/api/workspace/settings')) as { fieldRules: Json; recycleDays: number };
      expect(settings.fieldRules).toMatchObject({ opportunity: { amount: { [roleId('presales')]: 'hidden' } }, customer: { phone: { [roleId('sales')]: 'readonly' } } });
      expect(settings.recycleDays).toBe(14);

      // The matrix as saved, in Chinese at desktop width and at 390 px, then in English.
      await noToasts(adminPage);
      expect(await adminPage.getByTestId('rule-amount-presales').innerText()).toContain('隐藏');
      await screenshot(adminPage, 'field-access-matrix', 'zh-CN', 'desktop');
      expect(await hasHorizontalOverflow(adminPage), 'the matrix overflows at desktop width').toBe(false);
      await adminPage.setViewportSize(PHONE_390);
      await adminPage.evaluate('window.scrollTo(0, 0)');
      await settle(adminPage, 300);
      await adminPage.getByTestId('field-rules-entity').waitFor();
      await screenshot(adminPage, 'field-access-matrix-390', 'zh-CN', 'phone');
      expect(await hasHorizontalOverflow(adminPage), 'the matrix overflows the page at 390 px').toBe(false);
      // The table scrolls inside its card, the field column stays put.
      const scroller = adminPage.getByTestId('field-rules-table').locator('.ant-table-content, .ant-table-body').first();
      expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      await adminPage.setViewportSize(VIEWPORTS.desktop);
      await settle(adminPage, 200);
      await switchLanguage(adminPage, 'en');
      await adminPage.getByTestId('field-rules-table').getByRole('columnheader', { name: 'Presales / engineer' }).waitFor();
      expect(await adminPage.getByTestId('rule-amount-presales').innerText()).toContain('Hidden');
      await expectText(adminPage, 'Field permissions');
      await screenshot(adminPage, 'field-access-matrix', 'en', 'desktop');
      expect(await hasHorizontalOverflow(adminPage), 'the matrix overflows at desktop width in English').toBe(false);
      await switchLanguage(adminPage, 'zh-CN');

      // Saving the other workspace settings keeps the field rules.
      await openNav(adminPage, '工作区设置');
      await pathIs(adminPage, '/admin/settings');
      await adminPage.getByTestId('settings-save').click();
      await expectText(adminPage, '设置已保存');
      const after = (await api(admin, adminPage.request, 'GET', '/api/workspace/settings')) as { fieldRules: Json; recycleDays: number };
      expect(after.fieldRules).toEqual(settings.fieldRules);
      expect(after.recycleDays).toBe(14);
    });
    await admin.close();

    // 张伟 opens the deal, typing its amount, and brings 赵敏 onto the team.
    const zhang = await newContext(live.browser, live.server.url, 'zh-CN');
    const zhangPage = await signIn(zhang, ZHANG);
    let dealId = '';
    await onFailureCapture(zhangPage, 'field-access-deal', async () => {
      await openNav(zhangPage, '商机');
      await pathIs(zhangPage, '/opportunities');
      await zhangPage.getByRole('button', { name: '创建第一个商机' }).click();
      const drawer = zhangPage.getByRole('dialog').filter({ hasText: '新建商机' });
      await drawer.waitFor();
      await drawer.getByLabel('商机名称').fill(DEAL.name);
      await drawer.getByLabel('客户', { exact: true }).click();
      await zhangPage.keyboard.type('华为');
      await pickOption(zhangPage, CUSTOMER.name);
      await drawer.getByLabel('金额').fill(DEAL.amount);
      await drawer.getByTestId('opportunity-drawer-submit').click();
      await expectText(zhangPage, '商机已创建');
      await drawer.waitFor({ state: 'hidden' });
      const row = zhangPage.getByRole('row').filter({ hasText: DEAL.name });
      expect(await row.innerText()).toContain(DEAL.shown);
      const list = (await api(zhang, zhangPage.request, 'GET', '/api/opportunities')) as { items: { id: string; amount: number }[] };
      expect(list.items[0]?.amount).toBe(DEAL.minor);
      dealId = list.items[0]?.id ?? '';

      await row.getByRole('link', { name: DEAL.name }).click();
      await pathIs(zhangPage, `/opportunities/${dealId}`);
      expect(await zhangPage.getByTestId('deal-amount').innerText()).toContain(DEAL.shown);
      await zhangPage.getByTestId('team-add').click();
      const teamModal = zhangPage.getByRole('dialog').filter({ hasText: '添加团队成员' });
      await teamModal.getByLabel('成员').click();
      await pickOption(zhangPage, ZHAO.name);
      await teamModal.getByTestId('team-submit').click();
      await expectText(zhangPage, `已将 ${ZHAO.name} 加入团队`);
    });

    // 赵敏 sees the deal she is on the team of, but not its amount: not on the page, not in the list.
    const zhao = await newContext(live.browser, live.server.url, 'zh-CN');
    const zhaoPage = await signIn(zhao, ZHAO);
    await onFailureCapture(zhaoPage, 'field-access-presales', async () => {
      await openNav(zhaoPage, '商机');
      const table = zhaoPage.getByTestId('opportunities-table');
      const row = table.getByRole('row').filter({ hasText: DEAL.name });
      await row.waitFor();
      const headers = await table.locator('thead th').allInnerTexts();
      expect(headers.join('|')).not.toContain('金额');
      expect(headers.join('|')).toContain('赢率');
      expect(await row.innerText()).not.toContain('128,000');
      expect(await zhaoPage.getByTestId('filter-amount').count()).toBe(0);
      expect(await zhaoPage.getByTestId('filter-amount-min').count()).toBe(0);
      // No sorting by what she may not see, and no amount column to pick.
      await zhaoPage.getByTestId('opportunity-sort').click();
      await zhaoPage.locator('.ant-select-item-option').filter({ visible: true }).first().waitFor();
      const sorts = await zhaoPage.locator('.ant-select-item-option').filter({ visible: true }).allInnerTexts();
      expect(sorts.join('|')).not.toContain('金额');
      await zhaoPage.keyboard.press('Escape');
      await zhaoPage.getByTestId('columns-button').click();
      await zhaoPage.getByTestId('column-picker').waitFor();
      expect(await zhaoPage.getByTestId('column-toggle-amount').count()).toBe(0);
      expect(await zhaoPage.getByTestId('column-toggle-probability').count()).toBe(1);
      await zhaoPage.getByTestId('column-picker').getByRole('button', { name: '完成' }).click();

      await row.getByRole('link', { name: DEAL.name }).click();
      await pathIs(zhaoPage, `/opportunities/${dealId}`);
      await expectText(zhaoPage, '商机信息');
      const figure = zhaoPage.getByTestId('deal-amount');
      await figure.getByTestId('hidden-value').waitFor();
      expect(await figure.innerText()).not.toContain('¥');
      const body = await zhaoPage.locator('body').innerText();
      for (const text of ['128,000', '128000', DEAL.shown]) expect(body).not.toContain(text);
      // The figure and the field list both mark the amount as hidden.
      expect(await zhaoPage.getByTestId('hidden-value').count()).toBeGreaterThanOrEqual(2);
      await figure.getByTestId('hidden-value').hover();
      await expectText(zhaoPage, '无权查看：该字段对您的角色隐藏');
      await zhaoPage.mouse.move(0, 0);
      const deal = (await api(zhao, zhaoPage.request, 'GET', `/api/opportunities/${dealId}`)) as Json;
      expect(deal).not.toHaveProperty('amount');
      await shootBothWidths(zhaoPage, 'field-access-presales-deal', 'zh-CN');
    });
    await zhao.close();

    // 张伟 edits the customer: the phone is shown but locked; his other changes save.
    await onFailureCapture(zhangPage, 'field-access-sales-edit', async () => {
      await zhangPage.goto(`/customers/${customer.id}`);
      await expectText(zhangPage, '客户信息');
      await zhangPage.getByTestId('customer-edit').click();
      const drawer = zhangPage.getByRole('dialog').filter({ hasText: '编辑客户' });
      await drawer.waitFor();
      const phone = drawer.getByTestId('customer-phone');
      expect(await phone.inputValue()).toBe(CUSTOMER.phone);
      expect(await phone.isDisabled()).toBe(true);
      await drawer.getByTestId('read-only-mark').first().waitFor();
      await drawer.getByLabel('城市').fill('东莞市');
      await drawer.getByLabel('行业').fill('通信设备');
      await drawer.getByTestId('customer-drawer-submit').click();
      await expectText(zhangPage, '修改已保存');
      await drawer.waitFor({ state: 'hidden' });
      const saved = (await api(zhang, zhangPage.request, 'GET', `/api/customers/${customer.id}`)) as Json;
      expect(saved).toMatchObject({ phone: CUSTOMER.phone, city: '东莞市', industry: '通信设备' });
    });

    // The contact list filters by decision role and tag, and a saved view keeps them.
    await onFailureCapture(zhangPage, 'field-access-contact-filters', async () => {
      await api(zhang, zhangPage.request, 'POST', '/api/contacts', { customerId: customer.id, name: '王磊', title: '采购总监', decisionRole: 'decision_maker', tags: ['关键人'] });
      await api(zhang, zhangPage.request, 'POST', '/api/contacts', { customerId: customer.id, name: '李静', title: 'IT 经理', decisionRole: 'user' });
      await openNav(zhangPage, '联系人');
      await pathIs(zhangPage, '/contacts');
      const rows = zhangPage.getByTestId('contacts-table').getByTestId('contact-row');
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);
      await zhangPage.getByTestId('filter-decision-role').click();
      await pickOption(zhangPage, '决策者');
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
      const tag = zhangPage.getByRole('textbox', { name: '标签', exact: true });
      // The typed tag applies after a pause; the list asks for it before the view can keep it.
      const tagListed = zhangPage.waitForResponse((r) => r.url().includes('/api/contacts?') && new URL(r.url()).searchParams.get('tag') === '关键人');
      await tag.fill('关键人');
      await tagListed;
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
      expect(await rows.first().innerText()).toContain('王磊');
      await zhangPage.getByTestId('view-save-as').click();
      const dialog = zhangPage.getByRole('dialog').filter({ hasText: '另存为视图' });
      await dialog.getByLabel('视图名称').fill('关键决策人');
      await dialog.getByRole('button', { name: '保存' }).click();
      await expectText(zhangPage, '视图「关键决策人」已保存');
      const views = (await api(zhang, zhangPage.request, 'GET', '/api/views?entity=contact')) as { items: { id: string; filters: Json }[] };
      expect(views.items[0]?.filters).toEqual({ decisionRole: 'decision_maker', tag: '关键人' });
      // Opening the view by link puts its filters back into the controls.
      await zhangPage.goto(`/contacts?view=${views.items[0]?.id}`);
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
      expect(await zhangPage.getByTestId('filter-decision-role').innerText()).toContain('决策者');
      expect(await tag.inputValue()).toBe('关键人');
    });
    await zhang.close();
  });
});
