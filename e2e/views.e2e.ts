/**
 * Saved views (视图) and column choice in a real browser against a real server. The administrator adds a
 * custom text field to opportunities (区域编码), two deals carry different tags and region codes; she
 * filters the list by tag, picks columns (the custom field in, 赢率 out, moved up one place), saves it
 * all as a shared view, and a link with `?view=` opens the same filter and columns. Saving a change
 * writes it into the view; when someone else changed the view first, the list says so and shows their
 * version. A sales rep sees the shared view (marked) and uses it, but may not change or share views;
 * the administrator deletes it after confirming, and the list is back to "全部" with her own columns.
 * Screenshots of the list with the view bar (zh-CN and English at desktop width, zh-CN at 390 px) land
 * in .test-artifacts/screenshots/ (git-ignored).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectText, hasHorizontalOverflow, liveServerAndBrowser, newContext, onFailureCapture, screenshot, settle, VIEWPORTS } from './harness';
import { api, noToasts, openNav, pickOption, signIn, switchLanguage } from './steps';

const ADMIN = { workspace: '星辰科技', name: '王建国', email: 'admin@example.com', password: 'admin-pass-123' };
const ZHANG = { name: '张伟', email: 'zhangwei@example.com', password: 'sales-pass-123' };
const FIELD = { entity: 'opportunity', key: 'region_code', labelZh: '区域编码', labelEn: 'Region code', type: 'text' };
const CUSTOMER = { name: '华为技术有限公司', city: '深圳市' };
const VIP_DEAL = { name: '华为私有云项目', tags: ['VIP'], amount: 50_000_000, region: 'EAST-01' };
const PLAIN_DEAL = { name: '华为办公网改造', tags: ['普通'], amount: 8_000_000, region: 'WEST-02' };
const VIEW_NAME = 'VIP 商机';
/** The width the brief asks the phone layout to hold at (a common phone, a little wider than the harness's). */
const PHONE_390 = { width: 390, height: 844 };

const live = liveServerAndBrowser();

type ViewJson = { id: string; name: string; shared: boolean; filters: Record<string, string>; columns: string[]; version: number };

async function listViews(page: Page): Promise<ViewJson[]> {
  const response = await page.request.get('/api/views?entity=opportunity');
  return ((await response.json()) as { items: ViewJson[] }).items;
}

function dealRows(page: Page) {
  return page.getByTestId('opportunities-table').locator('tbody tr.ant-table-row');
}

/** Waits until the table lists exactly these deals. */
async function expectDeals(page: Page, names: string[]) {
  const shown = async () => {
    const rows = await dealRows(page).allInnerTexts();
    return rows.length === names.length && names.every((name) => rows.some((row) => row.includes(name)));
  };
  await expect.poll(shown, { timeout: 10_000, message: `the list shows exactly ${names.join(', ')}` }).toBe(true);
}

async function headers(page: Page): Promise<string[]> {
  return (await page.getByTestId('opportunities-table').locator('thead th').allInnerTexts()).map((h) => h.trim()).filter(Boolean);
}

function viewBar(page: Page) {
  return page.getByTestId('view-bar');
}

async function openColumns(page: Page) {
  await page.getByTestId('columns-button').click();
  const picker = page.getByTestId('column-picker');
  await picker.waitFor();
  return picker;
}

async function closeColumns(page: Page) {
  await page.getByTestId('column-picker').getByRole('button', { name: /完成|Done/ }).click();
  await page.getByTestId('column-picker').waitFor({ state: 'hidden' });
}

describe('saved views', () => {
  it('filters, picks columns with a custom field, shares the view, opens it by link; a rep uses it but cannot change it; the admin deletes it', async () => {
    const admin = await newContext(live.browser, live.server.url, 'zh-CN');
    const adminSetup = await admin.newPage();
    await api(admin, adminSetup.request, 'POST', '/api/setup', { workspaceName: ADMIN.workspace, adminName: ADMIN.name, email: ADMIN.email, password: ADMIN.password, locale: 'zh-CN' });
    const roles = (await api(admin, adminSetup.request, 'GET', '/api/roles')) as { items: { id: string; key: string }[] };
    const rep = (await api(admin, adminSetup.request, 'POST', '/api/users', { name: ZHANG.name, email: ZHANG.email, password: ZHANG.password, roleIds: [roles.items.find((r) => r.key === 'sales')?.id] })) as { id: string };
    await api(admin, adminSetup.request, 'POST', '/api/fields', FIELD);
    const customer = (await api(admin, adminSetup.request, 'POST', '/api/customers', CUSTOMER)) as { id: string };
    for (const deal of [VIP_DEAL, PLAIN_DEAL]) {
      await api(admin, adminSetup.request, 'POST', '/api/opportunities', {
        name: deal.name,
        customerId: customer.id,
        amount: deal.amount,
        tags: deal.tags,
        custom: { region_code: deal.region },
        // The rep owns the VIP deal, so the shared view shows him something.
        ...(deal === VIP_DEAL ? { ownerId: rep.id } : {}),
      });
    }
    // Setting up the workspace signed her in.
    const page = adminSetup;
    await page.goto('/');
    let viewId = '';

    // No views yet: the bar offers "全部" and a hint. She filters by tag and picks the columns.
    await onFailureCapture(page, 'views-build', async () => {
      await openNav(page, '商机');
      await expectDeals(page, [VIP_DEAL.name, PLAIN_DEAL.name]);
      await viewBar(page).getByText('全部', { exact: true }).waitFor();
      await viewBar(page).getByTestId('view-empty-hint').getByText('将当前筛选保存为视图').waitFor();
      expect(await headers(page)).toEqual(['商机名称', '客户', '阶段', '金额', '赢率', '预计成交', '负责人']);

      await page.getByTestId('opportunity-filters').getByLabel('标签', { exact: true }).fill('VIP');
      await expectDeals(page, [VIP_DEAL.name]);

      const picker = await openColumns(page);
      // The name column always stays.
      expect(await picker.getByTestId('column-toggle-name').isDisabled()).toBe(true);
      await picker.getByTestId('column-toggle-custom.region_code').click();
      await picker.getByTestId('column-toggle-probability').click();
      await picker.getByRole('button', { name: '上移「区域编码」' }).click();
      await closeColumns(page);
      expect(await headers(page)).toEqual(['商机名称', '客户', '阶段', '金额', '预计成交', '区域编码', '负责人']);
      const row = dealRows(page).filter({ hasText: VIP_DEAL.name });
      expect(await row.getByTestId('cell-custom.region_code').innerText()).toBe(VIP_DEAL.region);
      await noToasts(page);
      await screenshot(page, 'views-opportunities-unsaved', 'zh-CN', 'desktop');
    });

    // Saved as a shared view: it is selected, in the URL, and stored with the filter and the columns.
    await onFailureCapture(page, 'views-save-as', async () => {
      await page.getByTestId('view-save-as').click();
      const dialog = page.getByRole('dialog').filter({ hasText: '另存为视图' });
      await dialog.waitFor();
      await dialog.getByLabel('视图名称').fill(VIEW_NAME);
      await dialog.getByTestId('view-shared').click();
      await dialog.getByRole('button', { name: '保存' }).click();
      await expectText(page, `视图「${VIEW_NAME}」已保存`);
      await dialog.waitFor({ state: 'hidden' });
      const views = await listViews(page);
      expect(views).toHaveLength(1);
      viewId = views[0]?.id ?? '';
      expect(views[0]).toMatchObject({ name: VIEW_NAME, shared: true, filters: { tag: 'VIP' }, columns: ['name', 'customerName', 'stageId', 'amount', 'expectedCloseOn', 'custom.region_code', 'ownerId'] });
      await page.waitForURL((url) => url.searchParams.get('view') === viewId);
      await viewBar(page).locator('.ant-segmented-item-selected').getByText(VIEW_NAME).waitFor();
      await viewBar(page).locator(`[data-view-id="${viewId}"]`).getByTestId('view-shared-mark').waitFor();
      expect(await page.getByTestId('view-empty-hint').count()).toBe(0);
    });

    // A link opens the same filter and columns.
    await onFailureCapture(page, 'views-link', async () => {
      await page.goto(`/opportunities?view=${viewId}`);
      await expectDeals(page, [VIP_DEAL.name]);
      expect(await page.getByTestId('opportunity-filters').getByLabel('标签', { exact: true }).inputValue()).toBe('VIP');
      expect(await headers(page)).toEqual(['商机名称', '客户', '阶段', '金额', '预计成交', '区域编码', '负责人']);
      expect(await dealRows(page).first().getByTestId('cell-custom.region_code').innerText()).toBe(VIP_DEAL.region);
      await viewBar(page).locator('.ant-segmented-item-selected').getByText(VIEW_NAME).waitFor();
      // Nothing changed yet, so there is nothing to save.
      expect(await page.getByTestId('view-save').isDisabled()).toBe(true);
      await screenshot(page, 'views-opportunities', 'zh-CN', 'desktop');
    });

    // A change is saved into the view; a change someone else saved first is shown instead, with a warning.
    await onFailureCapture(page, 'views-update', async () => {
      await page.getByTestId('opportunity-sort').click();
      await pickOption(page, '金额从高到低');
      await expect.poll(() => page.getByTestId('view-save').isEnabled()).toBe(true);
      await page.getByTestId('view-save').click();
      await expectText(page, `视图「${VIEW_NAME}」已更新`);
      await expect.poll(async () => (await listViews(page))[0]?.filters).toEqual({ tag: 'VIP', sort: '-amount' });
      const saved = (await listViews(page))[0];

      // Someone else adds the status column meanwhile; her own change of columns then meets a conflict.
      await api(admin, page.request, 'PATCH', `/api/views/${viewId}`, { version: saved?.version, columns: [...(saved?.columns ?? []), 'status'] });
      const picker = await openColumns(page);
      await picker.getByTestId('column-toggle-source').click();
      await closeColumns(page);
      await page.getByTestId('view-save').click();
      await expectText(page, '这个视图刚被其他人修改，已为您加载最新版本，请确认后再保存。');
      await expect.poll(() => headers(page)).toEqual(['商机名称', '客户', '阶段', '金额', '预计成交', '区域编码', '负责人', '状态']);
      expect(await page.getByTestId('view-save').isDisabled()).toBe(true);
    });

    // The same list in English, and at 390 px where the views are a dropdown and the columns still reachable.
    await onFailureCapture(page, 'views-languages', async () => {
      await noToasts(page);
      await switchLanguage(page, 'en');
      await viewBar(page).getByText('All', { exact: true }).waitFor();
      await viewBar(page).getByText('Save as view').waitFor();
      expect(await headers(page)).toContain('Region code');
      await screenshot(page, 'views-opportunities', 'en', 'desktop');
      expect(await hasHorizontalOverflow(page)).toBe(false);
      await switchLanguage(page, 'zh-CN');

      await page.setViewportSize(PHONE_390);
      await settle(page, 300);
      const select = page.getByTestId('view-select');
      await select.waitFor();
      expect(await select.innerText()).toContain(VIEW_NAME);
      await page.getByTestId('opportunity-cards').getByText(VIP_DEAL.name).waitFor();
      // The cards show the custom field chosen as a column.
      expect(await page.getByTestId('card-custom-values').first().innerText()).toContain(`区域编码：${VIP_DEAL.region}`);
      await screenshot(page, 'views-opportunities', 'zh-CN', 'phone');
      expect(await hasHorizontalOverflow(page), 'the list overflows at 390 px').toBe(false);
      await select.click();
      await page.locator('.ant-select-item-option').filter({ hasText: '全部' }).filter({ visible: true }).waitFor();
      await screenshot(page, 'views-opportunities-select', 'zh-CN', 'phone', { fullPage: false });
      await page.keyboard.press('Escape');
      await page.getByTestId('columns-button').click();
      await page.getByTestId('column-picker').waitFor();
      await screenshot(page, 'views-opportunities-columns', 'zh-CN', 'phone', { fullPage: false });
      expect(await hasHorizontalOverflow(page), 'the column picker overflows at 390 px').toBe(false);
      await page.getByTestId('column-picker').getByRole('button', { name: '完成' }).click();
      await page.setViewportSize(VIEWPORTS.desktop);
      await settle(page, 300);
    });

    // A sales rep sees the shared view, marked, and uses it; he may not change it, nor share a view of his own.
    const zhang = await newContext(live.browser, live.server.url, 'zh-CN');
    const zhangPage = await signIn(zhang, ZHANG);
    await onFailureCapture(zhangPage, 'views-rep', async () => {
      await openNav(zhangPage, '商机');
      const option = viewBar(zhangPage).locator(`[data-view-id="${viewId}"]`);
      await option.getByTestId('view-shared-mark').waitFor();
      await option.click();
      await zhangPage.waitForURL((url) => url.searchParams.get('view') === viewId);
      // He sees only his own deals anyway; the view fills the tag filter.
      await expect.poll(() => zhangPage.getByTestId('opportunity-filters').getByLabel('标签', { exact: true }).inputValue()).toBe('VIP');
      await expectDeals(zhangPage, [VIP_DEAL.name]);
      expect(await headers(zhangPage)).toContain('区域编码');
      for (const control of ['view-save', 'view-actions']) expect(await zhangPage.getByTestId(control).count(), control).toBe(0);
      await zhangPage.getByTestId('view-save-as').click();
      const dialog = zhangPage.getByRole('dialog').filter({ hasText: '另存为视图' });
      await dialog.waitFor();
      expect(await dialog.getByTestId('view-shared').count()).toBe(0);
      await dialog.getByRole('button', { name: '取消' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await screenshot(zhangPage, 'views-opportunities-rep', 'zh-CN', 'desktop');
    });
    await zhang.close();

    // The administrator deletes the view after confirming; the list is back to "全部" with her own columns.
    await onFailureCapture(page, 'views-delete', async () => {
      await page.getByTestId('view-actions').click();
      await page.getByRole('menuitem', { name: '删除视图' }).click();
      const confirm = page.getByRole('dialog').filter({ hasText: `删除视图「${VIEW_NAME}」？` });
      await confirm.waitFor();
      expect(await confirm.innerText()).toContain('这是共享视图');
      await confirm.getByRole('button', { name: '删除' }).click();
      await expectText(page, `视图「${VIEW_NAME}」已删除`);
      await page.waitForURL((url) => !url.searchParams.has('view'));
      await viewBar(page).getByTestId('view-empty-hint').waitFor();
      expect(await listViews(page)).toEqual([]);
      await expectDeals(page, [VIP_DEAL.name, PLAIN_DEAL.name]);
      // Chosen before any view existed, these columns are remembered on this device.
      await page.reload();
      await expectDeals(page, [VIP_DEAL.name, PLAIN_DEAL.name]);
      expect(await headers(page)).toEqual(['商机名称', '客户', '阶段', '金额', '预计成交', '区域编码', '负责人']);
      // A link to the deleted view says it is gone and shows everything.
      await page.goto(`/opportunities?view=${viewId}`);
      await expectText(page, '该视图不存在或已被删除，已为您显示全部记录。');
      await page.waitForURL((url) => !url.searchParams.has('view'));
      await expectDeals(page, [VIP_DEAL.name, PLAIN_DEAL.name]);
    });
    await admin.close();
  });
});
