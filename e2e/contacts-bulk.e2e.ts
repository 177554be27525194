/**
 * The contacts list's bulk actions, recycle bin and transfer in a real browser against a real server. 张伟
 * (sales, 华东) owns a customer with three contacts; the admin selects two and tags them, deletes one after
 * confirming, finds it in 回收站 and restores it, then hands a contact to 张伟's manager 刘洋 with a note —
 * 李娜 (sales, 华南) cannot see the customer, so handing it to her is refused, one by one and in bulk.
 * Screenshots of the list with the bulk bar and of the recycle bin (zh-CN and en, desktop and phone) land in
 * .test-artifacts/screenshots/ (git-ignored).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectText, liveServerAndBrowser, newContext, onFailureCapture } from './harness';
import { api, noToasts, pickOption, shootBothWidths, signIn, switchLanguage } from './steps';

const ADMIN = { workspace: '星辰科技', name: '王建国', email: 'admin@example.com', password: 'admin-pass-123' };
const ZHANG = { name: '张伟', email: 'zhangwei@example.com', password: 'sales-pass-123' };
const LIU = { name: '刘洋', email: 'liuyang@example.com', password: 'manager-pass-123' };
const LI = { name: '李娜', email: 'lina@example.com', password: 'sales-pass-456' };
const CUSTOMER = '华为技术有限公司';
const REFUSED = '新负责人看不到该联系人所属的客户，请转移客户';

const live = liveServerAndBrowser();

const row = (page: Page, name: string) => page.getByTestId('contact-row').filter({ hasText: name });

describe('contacts bulk actions, recycle bin and transfer', () => {
  it('an admin tags and deletes selected contacts, restores one from the recycle bin, and transfers one', async () => {
    const admin = await newContext(live.browser, live.server.url, 'zh-CN');
    const page = await admin.newPage();
    await api(admin, page.request, 'POST', '/api/setup', { workspaceName: ADMIN.workspace, adminName: ADMIN.name, email: ADMIN.email, password: ADMIN.password, locale: 'zh-CN' });
    const roles = (await api(admin, page.request, 'GET', '/api/roles')) as { items: { id: string; key: string }[] };
    const roleId = (key: string) => roles.items.find((r) => r.key === key)?.id;
    const east = (await api(admin, page.request, 'POST', '/api/departments', { name: '华东销售部' })) as { id: string };
    const south = (await api(admin, page.request, 'POST', '/api/departments', { name: '华南销售部' })) as { id: string };
    const users: Record<string, string> = {};
    for (const [who, department, role] of [
      [ZHANG, east.id, 'sales'],
      [LIU, east.id, 'manager'],
      [LI, south.id, 'sales'],
    ] as const) {
      const created = (await api(admin, page.request, 'POST', '/api/users', { ...who, departmentId: department, roleIds: [roleId(role)] })) as { id: string };
      users[who.name] = created.id;
    }

    // 张伟's customer and its three contacts, through the API.
    const zhang = await newContext(live.browser, live.server.url, 'zh-CN');
    const zhangPage = await signIn(zhang, ZHANG);
    const customer = (await api(zhang, zhangPage.request, 'POST', '/api/customers', { name: CUSTOMER, city: '深圳市' })) as { id: string };
    const contactIds: Record<string, string> = {};
    for (const [name, title] of [
      ['王磊', '采购经理'],
      ['陈静', '技术总监'],
      ['赵敏', '财务经理'],
    ] as const) {
      const created = (await api(zhang, zhangPage.request, 'POST', '/api/contacts', { customerId: customer.id, name, title })) as { id: string };
      contactIds[name] = created.id;
    }
    await zhang.close();

    await onFailureCapture(page, 'contacts-bulk', async () => {
      await page.goto('/contacts');
      await row(page, '王磊').waitFor();

      // Two selected, one tag for both.
      await row(page, '王磊').getByRole('checkbox').check();
      await row(page, '陈静').getByRole('checkbox').check();
      const bar = page.getByTestId('bulk-bar');
      await bar.getByText('已选 2 项').waitFor();
      await page.getByTestId('bulk-tag').click();
      const tagModal = page.getByRole('dialog').filter({ hasText: '为 2 个联系人添加标签' });
      await tagModal.getByLabel('标签').fill('关键人');
      await tagModal.getByRole('button', { name: '确定' }).click();
      await expectText(page, '已处理 2 个联系人');
      await row(page, '王磊').getByText('关键人', { exact: true }).waitFor();
      await row(page, '陈静').getByText('关键人', { exact: true }).waitFor();
      expect(await row(page, '赵敏').getByText('关键人', { exact: true }).count()).toBe(0);
      expect(await bar.count()).toBe(0);

      // Assigning to a rep who cannot see the customer is refused as a whole, on the picker.
      await row(page, '赵敏').getByRole('checkbox').check();
      await page.getByTestId('bulk-assign').click();
      const assignModal = page.getByRole('dialog').filter({ hasText: '将 1 个联系人分配给' });
      await assignModal.getByLabel('新负责人').click();
      await pickOption(page, LI.name);
      await assignModal.getByRole('button', { name: '确定' }).click();
      await assignModal.getByText(REFUSED).waitFor();
      await assignModal.getByRole('button', { name: '取消' }).click();
      await assignModal.waitFor({ state: 'hidden' });

      // The list with its bulk bar, in both languages and at both widths.
      await noToasts(page);
      await shootBothWidths(page, 'contacts-bulk-bar', 'zh-CN');
      await switchLanguage(page, 'en');
      await page.getByTestId('bulk-bar').getByRole('button', { name: 'Assign owner' }).waitFor();
      await shootBothWidths(page, 'contacts-bulk-bar', 'en');
      await switchLanguage(page, 'zh-CN');
      await page.getByTestId('bulk-clear').click();

      // Deleting asks first; the contact leaves the list for the recycle bin.
      await row(page, '王磊').getByRole('checkbox').check();
      await page.getByTestId('bulk-delete').click();
      const confirm = page.getByRole('dialog').filter({ hasText: '删除选中的 1 个联系人？' });
      await confirm.getByText('联系人会移入回收站，30 天内可以恢复。').waitFor();
      await confirm.getByRole('button', { name: '删除' }).click();
      await expectText(page, '已处理 1 个联系人');
      await row(page, '王磊').waitFor({ state: 'detached' });

      await page.getByRole('tab', { name: '回收站' }).click();
      await page.waitForURL(/tab=recycle/);
      const deleted = page.getByTestId('contact-recycle-row').filter({ hasText: '王磊' });
      await deleted.waitFor();
      expect(await deleted.innerText()).toContain(CUSTOMER);
      await noToasts(page);
      await shootBothWidths(page, 'contacts-recycle', 'zh-CN');
      await switchLanguage(page, 'en');
      await page.getByRole('tab', { name: 'Recycle bin' }).waitFor();
      await shootBothWidths(page, 'contacts-recycle', 'en');
      await switchLanguage(page, 'zh-CN');
      await deleted.getByRole('button', { name: '恢复' }).click();
      await expectText(page, '联系人已恢复');
      await expectText(page, '回收站是空的');
      await page.getByRole('tab', { name: '联系人列表' }).click();
      await row(page, '王磊').waitFor();

      // 转交 one contact: refused for 李娜, done for 刘洋 with a note.
      await row(page, '陈静').getByTestId('contact-transfer').click();
      const transfer = page.getByRole('dialog').filter({ hasText: '转交联系人' });
      await transfer.getByLabel('新负责人').click();
      await pickOption(page, LI.name);
      await transfer.getByLabel('备注').fill('技术对接由刘洋负责');
      await transfer.getByRole('button', { name: '确认转移' }).click();
      await transfer.getByText(REFUSED).waitFor();
      await transfer.getByLabel('新负责人').click();
      await pickOption(page, LIU.name);
      await transfer.getByRole('button', { name: '确认转移' }).click();
      await expectText(page, `已转交给 ${LIU.name}`);
      await transfer.waitFor({ state: 'hidden' });
    });

    const moved = (await api(admin, page.request, 'GET', `/api/contacts/${contactIds['陈静']}`)) as { ownerId: string };
    expect(moved.ownerId).toBe(users[LIU.name]);
    const stayed = (await api(admin, page.request, 'GET', `/api/contacts/${contactIds['赵敏']}`)) as { ownerId: string };
    expect(stayed.ownerId).toBe(users[ZHANG.name]);
    await admin.close();
  });
});
