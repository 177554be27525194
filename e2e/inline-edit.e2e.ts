/**
 * Editing a deal right in the deal list, in a real browser against a real server: the amount (typed in
 * yuan, stored in fen), the expected close and the stage change in their cells without opening the deal.
 * Then the admin makes 方案报价 require a 报价单, and an inline move there is refused with the gate's
 * items and a link to the deal. Screenshots of the list with an editor open (zh-CN and en, desktop and
 * phone — phones keep the cards, without editors) land in .test-artifacts/screenshots/ (git-ignored).
 */
import { describe, expect, it } from 'vitest';
import type { Pipeline } from '@kairos/domain/pipelines';
import type { Page } from 'playwright-core';
import { liveServerAndBrowser, newContext, onFailureCapture, screenshot } from './harness';
import { api, pathIs, pickOption, setStageGate, shootBothWidths, switchLanguage } from './steps';

const ADMIN = { workspace: '星辰科技', name: '王建国', email: 'admin@example.com', password: 'admin-pass-123' };
const DEAL = '私有云扩容';
const CLOSE_ON = '2027-03-15';

const live = liveServerAndBrowser();

const rowOf = (page: Page, name: string) => page.getByTestId('opportunities-table').getByRole('row').filter({ hasText: name });

/** Runs `action` and waits for the API call it makes to answer; returns the status. */
async function answerOf(page: Page, method: string, path: string, action: () => Promise<void>): Promise<number> {
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname === path, { timeout: 15_000 }), action()]);
  return response.status();
}

describe('inline editing in the deal list', () => {
  it('changes amount, expected close and stage in their cells, and shows what a stage gate asks for', async () => {
    const admin = await newContext(live.browser, live.server.url, 'zh-CN');
    const page = await admin.newPage();
    await api(admin, page.request, 'POST', '/api/setup', { workspaceName: ADMIN.workspace, adminName: ADMIN.name, email: ADMIN.email, password: ADMIN.password, locale: 'zh-CN' });
    const pipeline = ((await api(admin, page.request, 'GET', '/api/pipelines')) as { items: Pipeline[] }).items[0]!;
    const stage = (nameZh: string) => pipeline.stages.find((s) => s.nameZh === nameZh)!;
    const lead = stage('线索获取');
    const analysis = stage('需求分析');
    const proposal = stage('方案报价');
    const customer = (await api(admin, page.request, 'POST', '/api/customers', { name: '华为技术有限公司' })) as { id: string };
    const deal = (await api(admin, page.request, 'POST', '/api/opportunities', { name: DEAL, customerId: customer.id, amount: 0, stageId: lead.id })) as { id: string };
    const path = `/api/opportunities/${deal.id}`;
    const read = async () => (await api(admin, page.request, 'GET', path)) as { version: number; amount: number; expectedCloseOn: string | null; stageId: string };

    await onFailureCapture(page, 'inline-edit', async () => {
      await page.goto('/opportunities');
      const row = rowOf(page, DEAL);
      await row.waitFor();

      // Pointing at an editable cell shows that it can be edited.
      await row.getByRole('button', { name: '修改金额' }).hover();
      await screenshot(page, 'inline-edit-hover', 'zh-CN', 'desktop', { fullPage: false });

      // The amount: typed in yuan, Enter saves; the row shows the new amount and the deal did not open.
      await row.getByRole('button', { name: '修改金额' }).click();
      await row.getByLabel('修改金额').fill('120000');
      expect(await answerOf(page, 'PATCH', path, () => page.keyboard.press('Enter'))).toBe(200);
      await row.getByText('¥120,000.00').waitFor();
      await pathIs(page, '/opportunities');
      // By keyboard: Enter opens the editor, Escape puts the value back (nothing sent) and focus returns to the cell; Tab goes on to the next one.
      const focused = () => page.evaluate('document.activeElement?.getAttribute("aria-label")');
      await row.getByRole('button', { name: '修改金额' }).focus();
      await page.keyboard.press('Enter');
      await row.getByTestId('inline-amount-input').waitFor();
      await page.keyboard.type('1');
      await page.keyboard.press('Escape');
      await row.getByRole('button', { name: '修改金额' }).waitFor();
      expect(await row.innerText()).toContain('¥120,000.00');
      await expect.poll(focused).toBe('修改金额');
      await page.keyboard.press('Tab');
      await expect.poll(focused).toBe('修改预计成交日期');

      // The expected close: a typed day and Enter.
      await row.getByRole('button', { name: '修改预计成交日期' }).click();
      await row.getByLabel('修改预计成交日期').fill(CLOSE_ON);
      expect(await answerOf(page, 'PATCH', path, () => page.keyboard.press('Enter'))).toBe(200);
      await row.getByRole('button', { name: '修改预计成交日期' }).waitFor();

      // The stage: the select lists the pipeline's open stages; picking one moves the deal.
      await row.getByRole('button', { name: '修改阶段' }).click();
      await page.locator('.ant-select-item-option').filter({ hasText: '需求分析' }).filter({ visible: true }).first().waitFor();
      await shootBothWidths(page, 'inline-edit-stage', 'zh-CN', { fullPage: false });
      await row.getByRole('button', { name: '修改阶段' }).click();
      expect(await answerOf(page, 'POST', `${path}/move`, () => pickOption(page, '需求分析'))).toBe(200);
      await row.getByRole('button', { name: '修改阶段' }).filter({ hasText: '需求分析' }).waitFor();

      const after = await read();
      expect(after.amount).toBe(120_000_00);
      expect(after.expectedCloseOn).toBe(CLOSE_ON);
      expect(after.stageId).toBe(analysis.id);

      // Someone else changes the deal meanwhile: the stale edit is refused (409), said, and the row shows theirs.
      await api(admin, page.request, 'PATCH', path, { version: after.version, amount: 150_000_00 });
      await row.getByRole('button', { name: '修改金额' }).click();
      await row.getByLabel('修改金额').fill('125000');
      expect(await answerOf(page, 'PATCH', path, () => page.keyboard.press('Enter'))).toBe(409);
      await page.getByText('该商机刚被其他人修改', { exact: false }).first().waitFor();
      await row.getByText('¥150,000.00').waitFor();
      expect((await read()).amount).toBe(150_000_00);

      // 方案报价 now requires a 报价单: the inline move is refused and the dialog lists what is missing.
      await setStageGate(admin, page.request, '方案报价', { requiredFileCategories: ['quote'] });
      await row.getByRole('button', { name: '修改阶段' }).click();
      expect(await answerOf(page, 'POST', `${path}/move`, () => pickOption(page, '方案报价'))).toBe(422);
      const gate = page.getByTestId('inline-gate');
      await gate.waitFor();
      expect(await page.getByTestId('inline-gate-reasons').innerText()).toContain('请上传「报价单」');
      expect(await read().then((d) => d.stageId)).toBe(analysis.id);
      await row.getByRole('button', { name: '修改阶段' }).filter({ hasText: '需求分析' }).waitFor();
      await shootBothWidths(page, 'inline-edit-gate', 'zh-CN', { fullPage: false });
      await gate.getByRole('link', { name: '打开商机补齐' }).click();
      await pathIs(page, `/opportunities/${deal.id}`);

      // In English: the same editors, labelled in English.
      await page.goto('/opportunities');
      await switchLanguage(page, 'en');
      await row.getByRole('button', { name: 'Edit amount' }).click();
      await row.getByLabel('Edit amount').waitFor();
      await shootBothWidths(page, 'inline-edit-amount', 'en', { fullPage: false });
      await row.getByRole('button', { name: 'Edit stage' }).click();
      await page.locator('.ant-select-item-option').filter({ hasText: analysis.nameEn }).filter({ visible: true }).first().waitFor();
      await shootBothWidths(page, 'inline-edit-stage', 'en', { fullPage: false });
      await row.getByRole('button', { name: 'Edit stage' }).click();
      expect(await answerOf(page, 'POST', `${path}/move`, () => pickOption(page, proposal.nameEn))).toBe(422);
      await page.getByTestId('inline-gate').getByRole('link', { name: 'Open the deal to complete them' }).waitFor();
      await shootBothWidths(page, 'inline-edit-gate', 'en', { fullPage: false });
    });
    await admin.close();
  });
});
