/**
 * Moving many deals to one stage from the deal list, in a real browser against a real server. The admin
 * makes 商务谈判 require a 报价单; of two selected deals in 方案报价 only the one with a quote moves, and the
 * dialog says why the other did not. Screenshots of the result (zh-CN and en, desktop and phone) land in
 * .test-artifacts/screenshots/ (git-ignored).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { liveServerAndBrowser, newContext, onFailureCapture } from './harness';
import { api, pickOption, setStageGate, shootBothWidths, switchLanguage } from './steps';

const ADMIN = { workspace: '星辰科技', name: '王建国', email: 'admin@example.com', password: 'admin-pass-123' };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const live = liveServerAndBrowser();

const rowOf = (page: Page, name: string) => page.getByTestId('opportunities-table').getByRole('row').filter({ hasText: name });

describe('bulk move', () => {
  it('moves the selected deals that pass the gate and explains the ones it stops', async () => {
    const admin = await newContext(live.browser, live.server.url, 'zh-CN');
    const page = await admin.newPage();
    await api(admin, page.request, 'POST', '/api/setup', { workspaceName: ADMIN.workspace, adminName: ADMIN.name, email: ADMIN.email, password: ADMIN.password, locale: 'zh-CN' });
    const pipeline = await setStageGate(admin, page.request, '商务谈判', { requiredFileCategories: ['quote'] });
    const proposal = pipeline.stages.find((s) => s.nameZh === '方案报价')!;
    const negotiation = pipeline.stages.find((s) => s.nameZh === '商务谈判')!;
    const customer = (await api(admin, page.request, 'POST', '/api/customers', { name: '华为技术有限公司' })) as { id: string };
    const quoted = (await api(admin, page.request, 'POST', '/api/opportunities', { name: '私有云扩容', customerId: customer.id, amount: 120_000_00, stageId: proposal.id })) as { id: string };
    const unquoted = (await api(admin, page.request, 'POST', '/api/opportunities', { name: '数据中台', customerId: customer.id, amount: 80_000_00, stageId: proposal.id })) as { id: string };
    const csrf = (await admin.cookies()).find((c) => c.name === 'kairos_csrf')?.value ?? '';
    const upload = await page.request.post(`/api/files?targetType=opportunity&targetId=${quoted.id}&category=quote&name=${encodeURIComponent('报价单.pdf')}`, { data: PDF, headers: { 'X-CSRF-Token': csrf, 'Content-Type': 'application/octet-stream' } });
    expect(upload.status()).toBe(201);

    await onFailureCapture(page, 'bulk-move', async () => {
      await page.goto('/opportunities');
      await rowOf(page, '私有云扩容').waitFor();
      await rowOf(page, '私有云扩容').getByRole('checkbox').check();
      await rowOf(page, '数据中台').getByRole('checkbox').check();
      await page.getByTestId('bulk-move').click();
      const dialog = page.getByRole('dialog').filter({ hasText: '把 2 个商机移动到' });
      await dialog.getByTestId('bulk-move-stage').click();
      await pickOption(page, '商务谈判');
      await dialog.getByRole('button', { name: '确 定' }).or(dialog.getByRole('button', { name: '确定' })).click();
      const result = page.getByTestId('bulk-move-result');
      await result.waitFor();
      await page.getByText('1 个已移动，1 个未移动').filter({ visible: true }).first().waitFor();
      expect(await result.innerText()).toContain('数据中台 请上传「报价单」');

      const after = async (id: string) => ((await api(admin, page.request, 'GET', `/api/opportunities/${id}`)) as { stageId: string }).stageId;
      expect(await after(quoted.id)).toBe(negotiation.id);
      expect(await after(unquoted.id)).toBe(proposal.id);

      await shootBothWidths(page, 'bulk-move-result', 'zh-CN', { fullPage: false });
      await page.getByRole('button', { name: /知道了|确 定|确定|OK/ }).last().click();
      await switchLanguage(page, 'en');
      await rowOf(page, '数据中台').getByRole('checkbox').check();
      await page.getByTestId('bulk-move').click();
      const english = page.getByRole('dialog').filter({ hasText: 'Move the selected deals (1) to' });
      await english.getByTestId('bulk-move-stage').click();
      await pickOption(page, 'Negotiation');
      await english.getByRole('button', { name: 'Confirm' }).click();
      await page.getByTestId('bulk-move-result').waitFor();
      await page.getByText('0 moved, 1 not moved').filter({ visible: true }).first().waitFor();
      await shootBothWidths(page, 'bulk-move-result', 'en', { fullPage: false });
      await page.getByRole('button', { name: 'OK' }).last().click();

      // The board's 列表 switch opens the list on one pipeline; the filter shows and can be cleared.
      await page.goto(`/opportunities?pipelineId=${pipeline.id}`);
      const pipelineTag = page.getByTestId('filter-pipeline');
      await pipelineTag.getByText('New business').waitFor();
      await rowOf(page, '数据中台').waitFor();
      await pipelineTag.locator('.ant-tag-close-icon').click();
      await pipelineTag.waitFor({ state: 'detached' });
      expect(new URL(page.url()).searchParams.get('pipelineId')).toBeNull();
    });
    await admin.close();
  });
});
