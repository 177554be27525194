/**
 * The administrator's everyday work in a real browser: editing people (including a concurrent edit),
 * deactivating, resetting a password, inviting someone who then joins through the link, reshaping
 * departments, revoking a token, and a user's own profile and password.
 */
import { describe, expect, it } from 'vitest';
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { expectText, liveServerAndBrowser, newContext, onFailureCapture, settle } from './harness';
import { submitAndWait } from './steps';

const ADMIN = { workspace: '远航贸易', name: '王芳', email: 'wang@example.com', password: 'admin-pass-123' };

const live = liveServerAndBrowser();

/** Calls the API as the context's signed-in user (cookie + CSRF), for arranging data quickly. */
async function api(context: BrowserContext, request: APIRequestContext, method: 'GET' | 'POST' | 'PATCH', path: string, data?: unknown) {
  const csrf = (await context.cookies()).find((c) => c.name === 'kairos_csrf')?.value ?? '';
  const response = await request.fetch(path, { method, data, headers: { 'X-CSRF-Token': csrf } });
  if (!response.ok()) throw new Error(`${method} ${path} → ${response.status()}: ${await response.text()}`);
  return response.status() === 204 ? null : ((await response.json()) as Record<string, unknown>);
}

async function pathIs(page: Page, path: string) {
  await page.waitForURL((url) => url.pathname === path, { timeout: 15_000 });
}

async function pickOption(page: Page, text: string | RegExp) {
  await page.locator('.ant-select-item-option, .ant-select-tree-treenode').filter({ hasText: text }).filter({ visible: true }).first().click();
}

describe('administration', () => {
  it('manages people, invitations, departments, tokens and the own account', async () => {
    const context = await newContext(live.browser, live.server.url, 'zh-CN');
    const page = await context.newPage();
    await onFailureCapture(page, 'admin-flows', async () => {
      // Arrange: a workspace, signed in as its administrator, and one sales rep.
      await api(context, page.request, 'POST', '/api/setup', {
        workspaceName: ADMIN.workspace,
        adminName: ADMIN.name,
        email: ADMIN.email,
        password: ADMIN.password,
        locale: 'zh-CN',
      });
      const roles = (await api(context, page.request, 'GET', '/api/roles')) as { items: { id: string; key: string }[] };
      const salesRoleId = roles.items.find((r) => r.key === 'sales')?.id;
      const rep = (await api(context, page.request, 'POST', '/api/users', {
        name: '赵磊',
        email: 'zhao@example.com',
        password: 'sales-pass-123',
        roleIds: [salesRoleId],
      })) as { id: string; version: number };

      // Edit a user through the drawer.
      await page.goto('/admin/users');
      const row = page.getByRole('row').filter({ hasText: 'zhao@example.com' });
      await row.getByRole('button', { name: '编辑' }).click();
      const drawer = page.getByRole('dialog').filter({ hasText: '编辑用户' });
      await drawer.getByLabel('姓名').fill('赵磊磊');
      await drawer.getByRole('button', { name: '保存' }).click();
      await expectText(page, '修改已保存');
      await page.getByRole('row').filter({ hasText: '赵磊磊' }).waitFor();

      // Someone else saves first: the drawer reloads the latest version and says so.
      await row.getByRole('button', { name: '编辑' }).click();
      await drawer.waitFor();
      const latest = (await api(context, page.request, 'GET', `/api/users/${rep.id}`)) as { version: number };
      await api(context, page.request, 'PATCH', `/api/users/${rep.id}`, { version: latest.version, name: '赵磊（已改）' });
      await drawer.getByLabel('姓名').fill('我的修改');
      await drawer.getByRole('button', { name: '保存' }).click();
      await expectText(page, '该记录已被他人修改，已为您加载最新内容，请确认后重新保存。');
      expect(await drawer.getByLabel('姓名').inputValue()).toBe('赵磊（已改）');
      await drawer.getByRole('button', { name: '取消' }).click();

      // Deactivate after confirming, then reactivate.
      await row.getByRole('button', { name: '更多' }).click();
      await page.getByRole('menuitem', { name: '停用' }).click();
      await expectText(page, '停用后该用户将无法登录，其数据和记录会保留，可随时重新启用。');
      await page.getByRole('dialog').getByRole('button', { name: '停用' }).click();
      await expectText(page, '已停用该用户');
      await row.getByText('已停用').waitFor();
      await row.getByRole('button', { name: '更多' }).click();
      await page.getByRole('menuitem', { name: '重新启用' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '重新启用' }).click();
      await expectText(page, '已重新启用该用户');

      // Reset a password: the schema's minimum length is checked before anything is sent.
      await row.getByRole('button', { name: '更多' }).click();
      await page.getByRole('menuitem', { name: '重置密码' }).click();
      const reset = page.getByRole('dialog').filter({ hasText: '重置「' });
      await reset.getByLabel('新密码').fill('short');
      await reset.getByRole('button', { name: '重置密码' }).click();
      await expectText(page, '至少需要 8 个字符');
      await reset.getByLabel('新密码').fill('a-new-pass-456');
      await reset.getByRole('button', { name: '重置密码' }).click();
      await expectText(page, '密码已重置');

      // Invite someone; they open the link in their own browser and join.
      await page.getByRole('button', { name: '邀请成员' }).first().click();
      const invite = page.getByRole('dialog').filter({ hasText: '邀请成员' });
      await invite.getByLabel('邮箱').fill('new.hire@example.com');
      await invite.getByLabel('角色').click();
      await pickOption(page, /^销售$/);
      await page.keyboard.press('Escape');
      await invite.getByRole('button', { name: '生成邀请链接' }).click();
      await expectText(page, '邀请链接已生成');
      const link = await page.getByTestId('invitation-link').inputValue();
      expect(link).toMatch(/\/invite\//);
      await page.getByRole('button', { name: '完成' }).click();
      await page.getByRole('tab', { name: '邀请' }).click();
      await page.getByRole('row').filter({ hasText: 'new.hire@example.com' }).getByText('待接受').waitFor();

      const invitee = await newContext(live.browser, live.server.url, 'en');
      const inviteePage = await invitee.newPage();
      await inviteePage.goto(new URL(link).pathname);
      await expectText(inviteePage, `You have been invited to join “${ADMIN.workspace}”`);
      expect(await inviteePage.getByLabel('E-mail').inputValue()).toBe('new.hire@example.com');
      await inviteePage.getByLabel('Your name').fill('Lin Hao');
      await inviteePage.getByLabel('Choose a password').fill('joined-pass-789');
      await inviteePage.getByLabel('Confirm password').fill('joined-pass-789');
      await inviteePage.getByRole('button', { name: 'Join and sign in' }).click();
      await pathIs(inviteePage, '/');
      await expectText(inviteePage, /Lin Hao/);
      await expectText(inviteePage, 'Sales rep');
      await invitee.close();

      // Departments: create two, move one under the other, and delete only what is empty.
      await page.goto('/admin/departments');
      for (const name of ['销售中心', '华南区']) {
        await page.getByRole('button', { name: '新建一级部门' }).first().click();
        const modal = page.getByRole('dialog').filter({ hasText: '新建一级部门' });
        await modal.getByLabel('部门名称').fill(name);
        await modal.getByRole('button', { name: '创建' }).click();
        await page.getByTestId('department-tree').getByText(name, { exact: true }).waitFor();
        await settle(page, 300);
      }
      const tree = page.getByTestId('department-tree');
      await tree.getByText('华南区', { exact: true }).click();
      await page.getByLabel('上级部门').click();
      await pickOption(page, '销售中心');
      await page.getByLabel('部门负责人').click();
      await pickOption(page, ADMIN.name);
      await page.getByRole('button', { name: '保存修改' }).click();
      await expectText(page, '部门已保存');
      // 华南区 is now a child of 销售中心, headed by the administrator.
      const departments = (await api(context, page.request, 'GET', '/api/departments')) as { items: { id: string; name: string; parentId: string | null; headUserId: string | null }[] };
      const centre = departments.items.find((d) => d.name === '销售中心');
      const south = departments.items.find((d) => d.name === '华南区');
      expect(south?.parentId).toBe(centre?.id);
      expect(south?.headUserId).not.toBeNull();
      await tree.getByText('销售中心', { exact: true }).click();
      await page.getByTestId('department-delete').click();
      await page.locator('.ant-popconfirm').filter({ visible: true }).getByRole('button', { name: '删除', exact: true }).click();
      await expectText(page, /该部门下还有成员或子部门/);
      await tree.getByText('华南区', { exact: true }).click();
      await page.getByTestId('department-delete').click();
      await page.locator('.ant-popconfirm').filter({ visible: true }).getByRole('button', { name: '删除', exact: true }).click();
      await expectText(page, '部门已删除');
      await expect.poll(() => tree.getByText('华南区', { exact: true }).count()).toBe(0);

      // Tokens: create, then revoke after confirming.
      await page.goto('/account/tokens');
      await page.getByRole('button', { name: '创建令牌' }).first().click();
      await page.getByLabel('名称').fill('BI 报表同步');
      await submitAndWait(page, page.getByRole('dialog').getByRole('button', { name: '创建' }), 'POST', '/api/tokens');
      await expectText(page, '请立即复制您的令牌');
      await page.getByRole('button', { name: '完成' }).click();
      const tokenRow = page.getByRole('row').filter({ hasText: 'BI 报表同步' });
      await tokenRow.getByText('有效').waitFor();
      await tokenRow.getByRole('button', { name: '撤销' }).click();
      await page.locator('.ant-popconfirm').filter({ visible: true }).getByRole('button', { name: '撤销' }).click();
      await expectText(page, '令牌已撤销');
      await tokenRow.getByText('已撤销').waitFor();

      // Own password: a wrong current password is marked on its field.
      await page.goto('/account/password');
      await page.getByLabel('当前密码').fill('not-my-password');
      await page.getByLabel('新密码', { exact: true }).fill('admin-pass-456');
      await page.getByLabel('确认新密码').fill('admin-pass-456');
      await page.getByRole('button', { name: '修改密码' }).last().click();
      await expectText(page, /当前密码不正确/);
      await page.getByLabel('当前密码').fill(ADMIN.password);
      await page.getByRole('button', { name: '修改密码' }).last().click();
      await expectText(page, '密码已修改');

      // Own profile: a new name shows in the header; choosing English switches the UI.
      await page.goto('/account/profile');
      await page.getByLabel('姓名').fill('王芳芳');
      await page.getByLabel('界面语言').click();
      await pickOption(page, 'English');
      await page.getByRole('button', { name: '保存修改' }).click();
      await expectText(page, 'Profile saved');
      expect(await page.getByTestId('user-menu').innerText()).toContain('王芳芳');
      await expectText(page, 'Interface language');
    });
    await context.close();
  });
});
