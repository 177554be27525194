/**
 * Files on deals and customers, the CSV export and merging a duplicate customer, in a real browser
 * against a real server. 张伟, a rep, uploads a small quote PDF (报价单) to his deal from the files card,
 * sees it in the card and on the timeline, and downloads the same bytes back; a renamed .exe (x.pdf
 * starting with "MZ") is refused with the server's localised message, and a .exe name is stopped in the
 * live.browser. The administrator then merges a duplicate customer into 张伟's and sees its contact moved.
 * Screenshots of the files card (both languages, desktop and phone) and of the merge dialog land in
 * .test-artifacts/screenshots/ (git-ignored).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { expectText, hasHorizontalOverflow, type Lang, liveServerAndBrowser, newContext, onFailureCapture, screenshot, SCREENSHOT_DIR, settle, VIEWPORTS } from './harness';
import { api, noToasts, pickOption, signIn, switchLanguage, WIDTHS } from './steps';

const ADMIN = { workspace: '星辰科技', name: '王建国', email: 'admin@example.com', password: 'admin-pass-123' };
const ZHANG = { name: '张伟', email: 'zhangwei@example.com', password: 'sales-pass-123' };
const CUSTOMER = { name: '华为技术有限公司', phone: '13800138000', city: '深圳市' };
const DUPLICATE = { name: '华为（深圳）', city: '深圳市' };
const DUPLICATE_CONTACT = { name: '王磊', title: '采购经理', mobile: '13900139000' };
const DEAL = { name: '华为数据中心扩容' };
const PDF = '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n';

const live = liveServerAndBrowser();

/** The files card alone, at both widths, and the page must not overflow sideways. */
async function shootFilesCard(page: Page, lang: Lang) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  for (const width of WIDTHS) {
    await page.setViewportSize(VIEWPORTS[width]);
    await settle(page, 300);
    const card = page.getByTestId('files-card');
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: join(SCREENSHOT_DIR, `files-card-${lang}-${width}.png`) });
    expect(await hasHorizontalOverflow(page), `files card overflows at ${width} width in ${lang}`).toBe(false);
  }
  await page.setViewportSize(VIEWPORTS.desktop);
  await settle(page, 200);
}

describe('files, export and merge', () => {
  // Made by the first journey, used by the second.
  let admin: BrowserContext;
  let adminPage: Page;
  let customer: { id: string };

  it('a rep attaches a quote to a deal, sees it on the timeline and downloads the same bytes', async () => {
    admin = await newContext(live.browser, live.server.url, 'zh-CN');
    adminPage = await admin.newPage();
    await api(admin, adminPage.request, 'POST', '/api/setup', { workspaceName: ADMIN.workspace, adminName: ADMIN.name, email: ADMIN.email, password: ADMIN.password, locale: 'zh-CN' });
    const roles = (await api(admin, adminPage.request, 'GET', '/api/roles')) as { items: { id: string; key: string }[] };
    const salesRole = roles.items.find((r) => r.key === 'sales')?.id;
    const department = (await api(admin, adminPage.request, 'POST', '/api/departments', { name: '华东销售部' })) as { id: string };
    await api(admin, adminPage.request, 'POST', '/api/users', { ...ZHANG, departmentId: department.id, roleIds: [salesRole] });

    const zhang = await newContext(live.browser, live.server.url, 'zh-CN');
    const zhangPage = await signIn(zhang, ZHANG);
    customer = (await api(zhang, zhangPage.request, 'POST', '/api/customers', CUSTOMER)) as { id: string };
    const deal = (await api(zhang, zhangPage.request, 'POST', '/api/opportunities', { name: DEAL.name, customerId: customer.id })) as { id: string };

    await onFailureCapture(zhangPage, 'files-upload', async () => {
      await zhangPage.goto(`/opportunities/${deal.id}`);
      const card = zhangPage.getByTestId('files-card');
      await card.waitFor();
      await expectText(zhangPage, '还没有文件');
      expect(await card.innerText()).toContain('上传报价单、合同等文件');
      // 报价单 is the first category, so it is already chosen.
      expect(await card.getByTestId('file-upload-category').innerText()).toContain('报价单');

      const input = card.locator('input[type=file]');
      await input.setInputFiles({ name: '华为报价单.pdf', mimeType: 'application/pdf', buffer: Buffer.from(PDF) });
      await expectText(zhangPage, '已上传「华为报价单.pdf」');
      const row = card.getByTestId('file-row').first();
      await row.waitFor();
      const rowText = await row.innerText();
      expect(rowText).toContain('华为报价单.pdf');
      expect(rowText).toContain('报价单');
      expect(rowText).toContain('张伟');
      expect(rowText).toMatch(/\d+ B/);

      // On the timeline, with a download link.
      const timeline = zhangPage.getByTestId('opportunity-timeline');
      await timeline.getByText('上传了文件「华为报价单.pdf」').waitFor();
      expect(await timeline.getByTestId('timeline-file-links').first().innerText()).toContain('下载');

      // The download link returns the very bytes uploaded.
      const href = await row.getByTestId('file-download-link').getAttribute('href');
      expect(href).toMatch(/^\/api\/files\/[0-9a-f-]+\/content$/);
      const bytes = await zhangPage.evaluate(async (url: string) => {
        const response = await fetch(url);
        return { status: response.status, text: await response.text(), disposition: response.headers.get('content-disposition') };
      }, href ?? '');
      expect(bytes.status).toBe(200);
      expect(bytes.text).toBe(PDF);
      expect(bytes.disposition).toMatch(/attachment/);

      // A renamed .exe is refused by the server, in the UI language.
      await input.setInputFiles({ name: 'x.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff') });
      const error = card.getByTestId('file-upload-error');
      await error.waitFor();
      expect(await error.innerText()).toContain('文件内容与扩展名不符');
      // A name the browser already knows is not allowed never reaches the server.
      await input.setInputFiles({ name: 'setup.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
      await expect.poll(() => error.innerText()).toContain('「setup.exe」的文件类型不支持');
      expect(await card.getByTestId('file-row').count()).toBe(1);

      // The preview opens in a modal.
      await row.getByTestId('file-preview-button').click();
      const preview = zhangPage.getByRole('dialog').filter({ hasText: '预览：华为报价单.pdf' });
      await preview.waitFor();
      expect(await preview.locator('iframe').getAttribute('src')).toMatch(/content\?inline=true$/);
      await preview.getByRole('button', { name: /close|关闭/i }).first().click();
      await preview.waitFor({ state: 'hidden' });

      await error.getByRole('button').last().click().catch(() => undefined);
      await noToasts(zhangPage);
      await shootFilesCard(zhangPage, 'zh-CN');

      await switchLanguage(zhangPage, 'en');
      await card.getByText('Files', { exact: true }).waitFor();
      await expectText(zhangPage, 'Quote');
      expect(await card.innerText()).toContain('Upload a file');
      await shootFilesCard(zhangPage, 'en');
      await switchLanguage(zhangPage, 'zh-CN');
    });

    // The rep has no export permission; the admin sees 导出 with the filters in the link.
    await onFailureCapture(zhangPage, 'files-export-rep', async () => {
      await zhangPage.goto('/customers');
      await zhangPage.getByTestId('customer-search').waitFor();
      expect(await zhangPage.getByTestId('export-button').count()).toBe(0);
    });
    await zhang.close();
  });

  it('an admin exports with the filters, merges a duplicate customer and adds a file category', async () => {
    // The administrator merges a duplicate (with a contact) into 张伟's customer.
    const duplicate = (await api(admin, adminPage.request, 'POST', '/api/customers', DUPLICATE)) as { id: string };
    await api(admin, adminPage.request, 'POST', '/api/contacts', { ...DUPLICATE_CONTACT, customerId: duplicate.id });
    await onFailureCapture(adminPage, 'files-merge', async () => {
      await adminPage.goto('/customers');
      await adminPage.getByTestId('customer-search').fill('华为');
      const exportLink = adminPage.getByTestId('export-button');
      await expect.poll(() => exportLink.getAttribute('href')).toContain('q=%E5%8D%8E%E4%B8%BA');
      expect(await exportLink.getAttribute('href')).toMatch(/^\/api\/customers\/export\?/);

      await adminPage.goto(`/customers/${customer.id}`);
      await adminPage.getByTestId('customer-merge').click();
      const dialog = adminPage.getByRole('dialog').filter({ hasText: '合并重复客户' });
      await dialog.waitFor();
      await dialog.getByTestId('merge-pick').click();
      await adminPage.keyboard.type('华为');
      await settle(adminPage, 500);
      await pickOption(adminPage, DUPLICATE.name);
      await dialog.getByTestId('merge-explain').waitFor();
      expect(await dialog.getByTestId('merge-kept').innerText()).toContain(CUSTOMER.name);
      expect(await dialog.getByTestId('merge-duplicate').innerText()).toContain(DUPLICATE.name);
      expect(await dialog.getByTestId('merge-explain').innerText()).toContain('无法恢复');
      await settle(adminPage, 300);
      await screenshot(adminPage, 'merge-dialog', 'zh-CN', 'desktop', { fullPage: false });

      await dialog.getByTestId('merge-confirm').click();
      await expectText(adminPage, `已把「${DUPLICATE.name}」并入当前客户`);
      await dialog.waitFor({ state: 'hidden' });
      await adminPage.getByTestId('customer-contacts').getByText(DUPLICATE_CONTACT.name).waitFor();
      // The files of the customer's deals show on its page too.
      await adminPage.getByTestId('files-card').getByText('华为报价单.pdf').waitFor();
    });
    const gone = await adminPage.request.get(`/api/customers/${duplicate.id}`);
    expect(gone.status()).toBe(404);

    // The administrator adds a file category (发票) on the workspace settings page.
    await onFailureCapture(adminPage, 'files-categories', async () => {
      await adminPage.goto('/admin/settings');
      const editor = adminPage.getByTestId('settings-file-categories');
      await editor.waitFor();
      expect(await editor.getByTestId('settings-file-category').count()).toBe(5);
      await editor.getByTestId('settings-file-category-add').click();
      const row = editor.getByTestId('settings-file-category').last();
      await row.getByLabel('标识').fill('Invoice');
      await row.getByLabel('中文名称').fill('发票');
      await row.getByLabel('英文名称').fill('Invoice');
      await adminPage.getByTestId('settings-save').click();
      await expectText(adminPage, '标识需以小写字母开头，只含小写字母、数字和下划线（最多 30 个字符）');
      await row.getByLabel('标识').fill('invoice');
      await adminPage.getByTestId('settings-save').click();
      await expectText(adminPage, '设置已保存');
      const settings = (await api(admin, adminPage.request, 'GET', '/api/workspace/settings')) as { fileCategories: { key: string; labelZh: string }[] };
      expect(settings.fileCategories.map((c) => c.key)).toEqual(['quote', 'contract', 'requirements', 'proposal', 'other', 'invoice']);
      await editor.scrollIntoViewIfNeeded();
      await editor.screenshot({ path: join(SCREENSHOT_DIR, 'file-categories-zh-CN-desktop.png') });
    });

    await admin.close();
  });
});
