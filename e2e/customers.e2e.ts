/**
 * Customers in a real browser against a real server: the administrator makes duplicates a hard stop,
 * one sales rep (张伟) records a customer, a second rep (李娜) is warned live while typing the same
 * company under another legal form — masked name, owner, protected — and cannot save it; 张伟 edits the
 * phone and hands the customer to 李娜, who then sees it and its whole history. A second journey covers
 * the "warn" policy (confirm and save anyway), deleting with undo, and the recycle bin.
 * Screenshots of the list, the drawer with the duplicate warning and the detail page, in both languages
 * at desktop and phone width, land in .test-artifacts/screenshots/ (git-ignored).
 */
import { describe, expect, it } from 'vitest';

import { expectText, liveServerAndBrowser, newContext, onFailureCapture } from './harness';
import { api, pathIs, pickOption, shootBothWidths, signIn, switchLanguage } from './steps';

const ADMIN = { workspace: '星辰科技', name: '王建国', email: 'admin@example.com', password: 'admin-pass-123' };
const ZHANG = { name: '张伟', email: 'zhangwei@example.com', password: 'sales-pass-123' };
const LI = { name: '李娜', email: 'lina@example.com', password: 'sales-pass-456' };
const HUAWEI = { name: '华为技术有限公司', uscc: '91350100M000100Y43', phone: '13800138000', newPhone: '13900139000' };

const live = liveServerAndBrowser();

/** Calls the API as the context's signed-in user (cookie + CSRF), for arranging data quickly. */
/** Screenshots the current page at both widths, checking nothing overflows sideways; back to desktop after. */
/** The workspace with its administrator signed in, and two sales reps. */
async function arrangeWorkspace() {
  const admin = await newContext(live.browser, live.server.url, 'zh-CN');
  const adminPage = await admin.newPage();
  await api(admin, adminPage.request, 'POST', '/api/setup', { workspaceName: ADMIN.workspace, adminName: ADMIN.name, email: ADMIN.email, password: ADMIN.password, locale: 'zh-CN' });
  const roles = (await api(admin, adminPage.request, 'GET', '/api/roles')) as { items: { id: string; key: string }[] };
  const salesRoleId = roles.items.find((r) => r.key === 'sales')?.id;
  const users: Record<string, string> = {};
  for (const rep of [ZHANG, LI]) {
    const created = (await api(admin, adminPage.request, 'POST', '/api/users', { name: rep.name, email: rep.email, password: rep.password, roleIds: [salesRoleId] })) as { id: string };
    users[rep.name] = created.id;
  }
  return { admin, adminPage, users };
}

describe('customers', () => {
  it('blocks a duplicate live and on save, then hands the customer over with its whole history', async () => {
    const { admin, adminPage, users } = await arrangeWorkspace();

    // The administrator makes duplicates a hard stop in Workspace settings.
    await onFailureCapture(adminPage, 'customers-settings', async () => {
      await adminPage.goto('/');
      await adminPage.getByTestId('main-nav').getByRole('menuitem', { name: '工作区设置' }).click();
      await pathIs(adminPage, '/admin/settings');
      await expectText(adminPage, '提醒后可继续保存');
      expect(await adminPage.getByRole('radio', { name: /提醒后可继续保存/ }).isChecked()).toBe(true);
      await adminPage.getByText('禁止重复创建', { exact: true }).click();
      await adminPage.getByTestId('settings-save').click();
      await expectText(adminPage, '设置已保存');
      const settings = await api(admin, adminPage.request, 'GET', '/api/workspace/settings');
      expect(settings).toMatchObject({ duplicatePolicy: 'block', recycleDays: 30 });
      await shootBothWidths(adminPage, 'workspace-settings', 'zh-CN');
    });

    // 张伟 records 华为 from an empty list that tells him what to do.
    const zhang = await newContext(live.browser, live.server.url, 'zh-CN');
    const zhangPage = await signIn(zhang, ZHANG);
    await onFailureCapture(zhangPage, 'customers-zhang-create', async () => {
      await zhangPage.getByTestId('main-nav').getByRole('menuitem', { name: '客户' }).click();
      await pathIs(zhangPage, '/customers');
      await expectText(zhangPage, '还没有客户');
      // A rep may not delete, so there is no recycle bin tab for him.
      expect(await zhangPage.getByRole('tab', { name: '回收站' }).count()).toBe(0);
      await zhangPage.getByRole('button', { name: '新建第一个客户' }).click();
      const drawer = zhangPage.getByRole('dialog').filter({ hasText: '新建客户' });
      await drawer.waitFor();
      // The domain schema checks the 统一社会信用代码 before anything is sent.
      await drawer.getByLabel('客户名称').fill(HUAWEI.name);
      await drawer.getByLabel('统一社会信用代码').fill('91350100M000100Y44');
      await drawer.getByRole('button', { name: '创建' }).click();
      await expectText(zhangPage, '统一社会信用代码无效（18 位，校验位不符）');
      await drawer.getByLabel('统一社会信用代码').fill(HUAWEI.uscc);
      await drawer.getByLabel('电话').fill(HUAWEI.phone);
      await drawer.getByLabel('城市').fill('深圳市');
      await drawer.getByLabel('客户等级').click();
      await pickOption(zhangPage, 'A 级（重点）');
      await drawer.getByLabel('标签').fill('战略客户');
      await zhangPage.keyboard.press('Enter');
      await drawer.getByRole('button', { name: '创建' }).click();
      await expectText(zhangPage, '客户已创建');
      const row = zhangPage.getByRole('row').filter({ hasText: HUAWEI.name });
      await row.waitFor();
      expect(await row.innerText()).toContain('战略客户');
      expect(await row.innerText()).toContain(ZHANG.name);
    });

    // 李娜 starts typing the same company under another legal form: warned live, and cannot save.
    const li = await newContext(live.browser, live.server.url, 'zh-CN');
    const liPage = await signIn(li, LI);
    await onFailureCapture(liPage, 'customers-li-duplicate', async () => {
      await liPage.goto('/customers');
      await expectText(liPage, '还没有客户');
      for (const lang of ['zh-CN', 'en'] as const) {
        const en = lang === 'en';
        if (en) await switchLanguage(liPage, 'en');
        await liPage.getByRole('button', { name: en ? 'New customer' : '新建客户' }).first().click();
        const drawer = liPage.getByRole('dialog').filter({ hasText: en ? 'New customer' : '新建客户' });
        await drawer.getByLabel(en ? 'Name' : '客户名称', { exact: true }).fill('华为技术股份有限公司');
        const alert = drawer.getByTestId('duplicate-alert');
        await alert.waitFor({ timeout: 10_000 });
        await expectText(liPage, en ? 'This customer already exists and cannot be created again' : '该客户已存在，不能重复创建');
        expect(await alert.getByTestId('duplicate-masked-name').innerText()).toBe('华******司');
        const alertText = await alert.innerText();
        expect(alertText).toContain(en ? `Owner: ${ZHANG.name}` : `负责人：${ZHANG.name}`);
        expect(alertText).toContain(en ? 'Protected' : '已被保护');
        expect(alertText).toContain(en ? 'contact its owner' : '请联系负责人');
        expect(alertText).not.toContain(HUAWEI.name);
        await shootBothWidths(liPage, 'customer-drawer-duplicate', lang, { fullPage: false });

        if (!en) {
          // The server refuses to save it, and says so with the owner to ask.
          await drawer.getByRole('button', { name: '创建' }).click();
          const blocked = drawer.getByTestId('duplicate-blocked');
          await blocked.waitFor();
          expect(await blocked.innerText()).toContain(`负责人：${ZHANG.name}`);
          await expectText(liPage, '该客户已存在，不能重复创建');
        }
        await drawer.getByRole('button', { name: en ? 'Cancel' : '取消' }).click();
        await drawer.waitFor({ state: 'hidden' });
      }
      await switchLanguage(liPage, 'zh-CN');
      const mine = (await api(li, liPage.request, 'GET', '/api/customers')) as { items: unknown[] };
      expect(mine.items).toHaveLength(0);
      const all = (await api(admin, adminPage.request, 'GET', '/api/customers')) as { items: { name: string }[] };
      expect(all.items.map((c) => c.name)).toEqual([HUAWEI.name]);
    });

    // 张伟 changes the phone, then hands the customer to 李娜 and no longer sees it.
    await onFailureCapture(zhangPage, 'customers-zhang-transfer', async () => {
      await zhangPage.getByRole('row').filter({ hasText: HUAWEI.name }).getByRole('link', { name: HUAWEI.name }).click();
      await pathIs(zhangPage, /^\/customers\/[0-9a-f-]+$/);
      await expectText(zhangPage, '客户信息');
      // A rep may edit and transfer, but not delete.
      expect(await zhangPage.getByTestId('customer-delete').count()).toBe(0);
      await zhangPage.getByTestId('customer-edit').click();
      const drawer = zhangPage.getByRole('dialog').filter({ hasText: '编辑客户' });
      await drawer.waitFor();
      expect(await drawer.getByLabel('电话').inputValue()).toBe(HUAWEI.phone);
      await drawer.getByLabel('电话').fill(HUAWEI.newPhone);
      await drawer.getByRole('button', { name: '保存' }).click();
      await expectText(zhangPage, '修改已保存');
      const timeline = zhangPage.getByTestId('customer-timeline');
      await timeline.getByText(`「${HUAWEI.newPhone}」`, { exact: false }).waitFor();

      await zhangPage.getByTestId('customer-transfer').click();
      const modal = zhangPage.getByRole('dialog').filter({ hasText: '转移客户' });
      await modal.getByRole('button', { name: '确认转移' }).click();
      await expectText(zhangPage, '请填写此项');
      await modal.getByLabel('新负责人').click();
      await pickOption(zhangPage, LI.name);
      await modal.getByLabel('备注').fill('华南区域调整，由李娜跟进');
      await modal.getByRole('button', { name: '确认转移' }).click();
      await expectText(zhangPage, `已转移给 ${LI.name}，您已不再能查看该客户。`);
      await pathIs(zhangPage, '/customers');
      await expectText(zhangPage, '还没有客户');
    });

    // 李娜 now sees it in her list, with its whole history.
    await onFailureCapture(liPage, 'customers-li-history', async () => {
      await liPage.reload();
      const row = liPage.getByRole('row').filter({ hasText: HUAWEI.name });
      await row.waitFor();
      expect(await row.innerText()).toContain(LI.name);
      await row.getByRole('link', { name: HUAWEI.name }).click();
      await pathIs(liPage, /^\/customers\/[0-9a-f-]+$/);
      const header = liPage.getByTestId('customer-header');
      await header.waitFor();
      expect(await header.innerText()).toContain(`负责人：${LI.name}`);
      // 统一社会信用代码, city, phone and level of the six default key fields: 4 of 6.
      expect(await liPage.getByTestId('customer-completeness').innerText()).toContain('67%');
      const timeline = liPage.getByTestId('customer-timeline');
      await timeline.getByText('创建了客户', { exact: false }).waitFor();
      const events = await timeline.getByTestId('timeline-event').allInnerTexts();
      expect(events).toHaveLength(3);
      // Newest first: the transfer, the phone change, the creation — each by 张伟, by name.
      expect(events[0]).toContain(`${ZHANG.name} 将客户转移给 ${LI.name}（原负责人：${ZHANG.name}）`);
      expect(events[0]).toContain('备注：华南区域调整，由李娜跟进');
      expect(events[1]).toContain(`${ZHANG.name} 将电话从「${HUAWEI.phone}」改为「${HUAWEI.newPhone}」`);
      expect(events[2]).toContain(`${ZHANG.name} 创建了客户`);
      await shootBothWidths(liPage, 'customer-detail', 'zh-CN');

      await switchLanguage(liPage, 'en');
      await expectText(liPage, 'Activity');
      const english = await timeline.getByTestId('timeline-event').allInnerTexts();
      expect(english[0]).toContain(`${ZHANG.name} transferred the customer to ${LI.name} (previously ${ZHANG.name})`);
      expect(english[1]).toContain(`${ZHANG.name} changed Phone from "${HUAWEI.phone}" to "${HUAWEI.newPhone}"`);
      expect(english[2]).toContain(`${ZHANG.name} created the customer`);
      await shootBothWidths(liPage, 'customer-detail', 'en');
      await switchLanguage(liPage, 'zh-CN');
    });

    // The list as the administrator sees it, with a few more customers, in both languages.
    await onFailureCapture(adminPage, 'customers-list', async () => {
      const more = [
        { name: '比亚迪股份有限公司', city: '深圳市', status: 'active', level: 'B', tags: ['新能源', '制造业'], ownerId: users[ZHANG.name] },
        { name: '上海浦东发展银行', city: '上海市', status: 'dormant', level: 'C', tags: ['金融'], ownerId: users[LI.name] },
        { name: '杭州云栖科技有限公司', city: '杭州市', status: 'prospect', level: null, tags: [] },
        { name: '陈静', type: 'individual', city: '北京市', status: 'lost', level: 'D', tags: [] },
      ];
      for (const customer of more) await api(admin, adminPage.request, 'POST', '/api/customers', customer);
      await adminPage.goto('/customers');
      await adminPage.getByRole('row').filter({ hasText: '陈静' }).waitFor();
      expect(await adminPage.getByRole('row').count()).toBe(6);
      // Search matches the start of the name, whatever the legal form.
      await adminPage.getByTestId('customer-search').fill('华为技术股份');
      await expectText(adminPage, HUAWEI.name);
      await expect.poll(() => adminPage.getByTestId('customers-table').locator('tbody tr.ant-table-row').count(), { timeout: 10_000 }).toBe(1);
      await adminPage.getByTestId('customer-search').fill('');
      await adminPage.getByRole('row').filter({ hasText: '陈静' }).waitFor();
      await shootBothWidths(adminPage, 'customers-list', 'zh-CN');
      await switchLanguage(adminPage, 'en');
      await expectText(adminPage, 'Customers', 10_000);
      await expectText(adminPage, 'Recently updated');
      await shootBothWidths(adminPage, 'customers-list', 'en');
      await switchLanguage(adminPage, 'zh-CN');
    });

    await Promise.all([admin.close(), zhang.close(), li.close()]);
  });

  it('warns, then saves on confirmation; deletes with undo and restores from the recycle bin', async () => {
    const admin = await newContext(live.browser, live.server.url, 'zh-CN');
    const page = await signIn(admin, ADMIN);
    await onFailureCapture(page, 'customers-warn-recycle', async () => {
      await api(admin, page.request, 'PATCH', '/api/workspace/settings', { duplicatePolicy: 'warn' });

      // Under "warn", a duplicate asks for confirmation and then saves.
      await page.goto('/customers');
      await page.getByRole('row').filter({ hasText: '陈静' }).waitFor();
      await page.getByRole('button', { name: '新建客户' }).first().click();
      const drawer = page.getByRole('dialog').filter({ hasText: '新建客户' });
      await drawer.getByLabel('客户名称').fill('比亚迪有限公司');
      await drawer.getByTestId('duplicate-alert').waitFor();
      await expectText(page, '发现 1 个疑似重复的客户');
      // The administrator may read it, so it links to the record.
      await drawer.getByTestId('duplicate-alert').getByRole('link', { name: /比亚迪股份有限公司/ }).waitFor();
      await drawer.getByRole('button', { name: '创建' }).click();
      const confirm = page.getByRole('dialog').filter({ hasText: '仍然保存这个客户？' });
      await confirm.waitFor();
      await confirm.getByRole('button', { name: '仍然保存' }).click();
      await expectText(page, '客户已创建');
      await page.getByRole('row').filter({ hasText: '比亚迪有限公司' }).waitFor();
      const byd = (await api(admin, page.request, 'GET', `/api/customers?q=${encodeURIComponent('比亚迪')}`)) as { items: { name: string }[] };
      expect(byd.items.map((c) => c.name).sort()).toEqual(['比亚迪有限公司', '比亚迪股份有限公司'].sort());

      // Delete, then undo from the message.
      await page.getByRole('row').filter({ hasText: '比亚迪有限公司' }).getByRole('link').click();
      await pathIs(page, /^\/customers\/[0-9a-f-]+$/);
      const detailPath = new URL(page.url()).pathname;
      await page.getByTestId('customer-delete').click();
      await expectText(page, '客户会移入回收站，30 天内可以恢复。');
      await page.getByRole('dialog').getByRole('button', { name: '删除' }).click();
      await pathIs(page, '/customers');
      await page.getByText('已移入回收站').waitFor();
      await page.getByTestId('undo-delete').click();
      await expectText(page, '已撤销删除');
      await pathIs(page, detailPath);
      await page.getByTestId('customer-timeline').getByText(`${ADMIN.name} 从回收站恢复了客户`, { exact: false }).waitFor();

      // Delete again; it waits in the recycle bin with its days left, and comes back from there.
      await page.getByTestId('customer-delete').click();
      await page.getByRole('dialog').getByRole('button', { name: '删除' }).click();
      await pathIs(page, '/customers');
      await page.getByRole('tab', { name: '回收站' }).click();
      const binRow = page.getByRole('row').filter({ hasText: '比亚迪有限公司' });
      await binRow.waitFor();
      expect(await binRow.innerText()).toContain('剩 30 天');
      await shootBothWidths(page, 'customers-recycle', 'zh-CN');
      await binRow.getByRole('button', { name: '恢复' }).click();
      await expectText(page, '客户已恢复');
      await expectText(page, '回收站是空的');
      await page.getByRole('tab', { name: '客户', exact: true }).click();
      await page.getByRole('row').filter({ hasText: '比亚迪有限公司' }).waitFor();
    });
    await admin.close();
  });
});
