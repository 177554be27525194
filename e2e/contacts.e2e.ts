/**
 * Contacts (联系人) in a real browser against a real server: 张伟 adds a contact on his customer's page
 * (the mobile checked by the domain schema), is warned live when he types the same mobile again and
 * asked to confirm on save, corrects the contact, and finds it on the 联系人 page linked to its customer.
 * Screenshots of the detail page with its contacts and of the contact list, in both languages at desktop
 * and phone width, land in .test-artifacts/screenshots/ (git-ignored).
 */
import { describe, expect, it } from 'vitest';

import { expectText, liveServerAndBrowser, newContext, onFailureCapture } from './harness';
import { api, pathIs, pickOption, shootBothWidths, signIn, switchLanguage } from './steps';

const ADMIN = { workspace: '星辰科技', name: '王建国', email: 'admin@example.com', password: 'admin-pass-123' };
const ZHANG = { name: '张伟', email: 'zhangwei@example.com', password: 'sales-pass-123' };
const CUSTOMER = '华为技术有限公司';

const live = liveServerAndBrowser();

describe('contacts', () => {
  it('adds a contact with a live duplicate check, edits it, and lists it linked to its customer', async () => {
    const admin = await newContext(live.browser, live.server.url, 'zh-CN');
    const adminPage = await admin.newPage();
    await api(admin, adminPage.request, 'POST', '/api/setup', { workspaceName: ADMIN.workspace, adminName: ADMIN.name, email: ADMIN.email, password: ADMIN.password, locale: 'zh-CN' });
    const roles = (await api(admin, adminPage.request, 'GET', '/api/roles')) as { items: { id: string; key: string }[] };
    const salesRoleId = roles.items.find((r) => r.key === 'sales')?.id;
    await api(admin, adminPage.request, 'POST', '/api/users', { name: ZHANG.name, email: ZHANG.email, password: ZHANG.password, roleIds: [salesRoleId] });

    const zhang = await newContext(live.browser, live.server.url, 'zh-CN');
    const page = await signIn(zhang, ZHANG);
    const customer = (await api(zhang, page.request, 'POST', '/api/customers', { name: CUSTOMER, phone: '13800138000', city: '深圳市' })) as { id: string };

    await onFailureCapture(page, 'contacts-zhang', async () => {
      await page.goto(`/customers/${customer.id}`);
      const card = page.getByTestId('customer-contacts');
      await card.getByText('还没有联系人').waitFor();

      // The mobile is checked before anything is sent; then the contact is added.
      await card.getByTestId('contact-add').click();
      const drawer = page.getByRole('dialog').filter({ hasText: '添加联系人' });
      await drawer.waitFor();
      await drawer.getByLabel('姓名').fill('王磊');
      await drawer.getByLabel('职务').fill('采购经理');
      await drawer.getByLabel('手机').fill('12345');
      await drawer.getByTestId('contact-drawer-submit').click();
      await expectText(page, '手机号无效');
      await drawer.getByLabel('手机').fill('139 0013 9000');
      await drawer.getByLabel('邮箱').fill('wanglei@example.com');
      await drawer.getByLabel('决策角色').click();
      await pickOption(page, '决策者');
      await drawer.getByTestId('contact-drawer-submit').click();
      await expectText(page, '联系人已添加');
      const item = card.getByTestId('contact-item').filter({ hasText: '王磊' });
      await item.waitFor();
      const text = await item.innerText();
      expect(text).toContain('采购经理');
      expect(text).toContain('13900139000');
      expect(text).toContain('决策者');
      // Title, mobile, e-mail and decision role are the four default key fields.
      expect(await item.getByTestId('contact-completeness').innerText()).toContain('100%');

      // The same mobile again: warned while typing, asked to confirm on save.
      await card.getByTestId('contact-add').click();
      const again = page.getByRole('dialog').filter({ hasText: '添加联系人' });
      await again.getByLabel('姓名').fill('王磊（重复）');
      await again.getByLabel('手机').fill('13900139000');
      const alert = again.getByTestId('contact-duplicate-alert');
      await alert.waitFor({ timeout: 10_000 });
      expect(await alert.innerText()).toContain('发现 1 个疑似重复的联系人');
      expect(await alert.innerText()).toContain(`王磊 · ${CUSTOMER}`);
      await shootBothWidths(page, 'contact-drawer-duplicate', 'zh-CN', { fullPage: false });
      await again.getByTestId('contact-drawer-submit').click();
      const confirm = page.getByRole('dialog').filter({ hasText: '仍然保存这个联系人？' });
      await confirm.waitFor();
      await confirm.getByRole('button', { name: '取消' }).click();
      await again.getByRole('button', { name: '取消' }).click();
      await again.waitFor({ state: 'hidden' });
      expect(await card.getByTestId('contact-item').count()).toBe(1);

      // He corrects the title.
      await item.getByRole('button', { name: '编辑' }).click();
      const edit = page.getByRole('dialog').filter({ hasText: '编辑联系人' });
      await edit.waitFor();
      expect(await edit.getByLabel('手机').inputValue()).toBe('13900139000');
      await edit.getByLabel('职务').fill('采购总监');
      await edit.getByTestId('contact-drawer-submit').click();
      await expectText(page, '修改已保存');
      await item.getByText('采购总监').waitFor();
      await shootBothWidths(page, 'customer-detail-contacts', 'zh-CN');

      // The 联系人 page lists it, linked to its customer.
      await page.getByTestId('main-nav').getByRole('menuitem', { name: '联系人' }).click();
      await pathIs(page, '/contacts');
      const row = page.getByTestId('contact-row').filter({ hasText: '王磊' });
      await row.waitFor();
      await row.getByTestId('contact-customer-link').getByText(CUSTOMER).waitFor();
      await shootBothWidths(page, 'contacts-list', 'zh-CN');
      await switchLanguage(page, 'en');
      await expectText(page, 'Decision maker');
      await shootBothWidths(page, 'contacts-list', 'en');
      await switchLanguage(page, 'zh-CN');
      await row.getByTestId('contact-customer-link').click();
      await pathIs(page, `/customers/${customer.id}`);
      await expectText(page, '客户信息');
    });

    await Promise.all([admin.close(), zhang.close()]);
  });
});
