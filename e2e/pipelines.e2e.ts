/**
 * 销售流程设置 (pipelines without code) and the stage panel on a deal, in a real browser against a real
 * server. The administrator opens the pipeline settings, gives 商务谈判 a gate (a 报价单 must be uploaded),
 * a legal task (法务审核合同条款, due in 3 days) and a 20-day time limit, saves, and finds it all kept after
 * a reload and in the API; adds a stage 技术验证 after 需求分析 and saves again; exports the pipeline as a
 * JSON document, reads the version history and restores the first version. 张伟, a rep, opens a new deal and reads 线索获取's guidance and its task 首次联系客户 in
 * the stage panel, and ticks the task off. Screenshots of the settings page (a stage expanded) and of the
 * stage panel, in both languages at desktop and phone width, land in .test-artifacts/screenshots/.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { expectText, launchBrowser, newContext, onFailureCapture, settle, startServer, type RunningServer } from './harness';
import { api, noToasts, openNav, pathIs, pickOption, shootBothWidths, signIn, submitAndWait, switchLanguage } from './steps';

const ADMIN = { workspace: '星辰科技', name: '王建国', email: 'admin@example.com', password: 'admin-pass-123' };
const ZHANG = { name: '张伟', email: 'zhangwei@example.com', password: 'sales-pass-123' };
const CUSTOMER = { name: '华为技术有限公司', phone: '13800138000', city: '深圳市' };
const DEAL = { name: '华为数据中心扩容' };
const TASK = { zh: '法务审核合同条款', en: 'Legal review of the contract terms' };

interface StageJson {
  nameZh: string;
  rules: { timeLimitDays: number | null; gate: { requiredFileCategories: string[] }; tasks: { key: string; titleZh: string; role: string; dueInDays: number | null; required: boolean }[] };
}
interface PipelineJson {
  id: string;
  version: number;
  stages: StageJson[];
}

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The stage card whose title is exactly `name`. */
function stageCard(page: Page, name: string): Locator {
  return page.locator('.ant-collapse-item').filter({ has: page.getByTestId('stage-title').getByText(name, { exact: true }) });
}

async function expand(page: Page, name: string): Promise<Locator> {
  const card = stageCard(page, name);
  if (!(await card.getByTestId('stage-editor').isVisible())) await card.locator('.ant-collapse-header').click();
  await card.getByTestId('stage-editor').waitFor();
  return card;
}

describe('pipeline settings and the stage panel', () => {
  it('an admin sets a gate, a task and a limit on 商务谈判, adds a stage and exports; a rep ticks a stage task', async () => {
    const admin = await newContext(browser, server.url, 'zh-CN');
    const adminPage = await admin.newPage();
    await api(admin, adminPage.request, 'POST', '/api/setup', { workspaceName: ADMIN.workspace, adminName: ADMIN.name, email: ADMIN.email, password: ADMIN.password, locale: 'zh-CN' });
    const roles = (await api(admin, adminPage.request, 'GET', '/api/roles')) as { items: { id: string; key: string }[] };
    const roleId = (key: string) => roles.items.find((r) => r.key === key)?.id;
    await api(admin, adminPage.request, 'POST', '/api/users', { ...ZHANG, roleIds: [roleId('sales')] });
    const pipelineOf = async () => ((await api(admin, adminPage.request, 'GET', '/api/pipelines')) as { items: PipelineJson[] }).items[0] as PipelineJson;

    await onFailureCapture(adminPage, 'pipelines-admin', async () => {
      await adminPage.goto('/');
      await openNav(adminPage, '销售流程');
      await pathIs(adminPage, '/admin/pipelines');
      await expectText(adminPage, '线索获取');

      // 商务谈判: a quote must be uploaded before a deal enters it, legal reviews the terms, 20 days at most.
      const card = await expand(adminPage, '商务谈判');
      const files = card.getByTestId('gate-files');
      await files.click();
      // A click during the dropdown's opening animation can miss: pick until the select shows it.
      await expect
        .poll(async () => {
          if (!(await files.innerText()).includes('报价单')) await pickOption(adminPage, '报价单').catch(() => undefined);
          return files.innerText();
        })
        .toContain('报价单');
      await adminPage.keyboard.press('Escape');
      await card.getByTestId('task-add').click();
      const row = card.getByTestId('task-row').last();
      await row.getByTestId('task-title-zh').fill(TASK.zh);
      await row.getByTestId('task-title-en').fill(TASK.en);
      await row.getByTestId('task-role').click();
      await pickOption(adminPage, '法务');
      await row.getByLabel('期限（天）').fill('3');
      await card.getByLabel('停留时限').fill('20');
      await expectText(adminPage, '有未保存的修改');
      await submitAndWait(adminPage, adminPage.getByTestId('pipeline-save'), 'PUT', /^\/api\/pipelines\/[^/]+$/);
      await expectText(adminPage, '流程已保存');
      await expectText(adminPage, '所有修改均已保存');

      // Kept: after a reload the page shows it, and the API has it.
      await adminPage.reload();
      const again = await expand(adminPage, '商务谈判');
      await expect.poll(() => again.getByTestId('gate-files').innerText()).toContain('报价单');
      expect(await again.getByTestId('task-title-zh').last().inputValue()).toBe(TASK.zh);
      expect(await again.getByLabel('停留时限').inputValue()).toBe('20');
      const saved = (await pipelineOf()).stages.find((s) => s.nameZh === '商务谈判');
      expect(saved?.rules.gate.requiredFileCategories).toEqual(['quote']);
      expect(saved?.rules.timeLimitDays).toBe(20);
      // The default task keeps its key; the new one got a generated key.
      expect(saved?.rules.tasks).toEqual([
        expect.objectContaining({ key: 'terms', titleZh: '确认合同条款' }),
        expect.objectContaining({ key: 'task-2', titleZh: TASK.zh, role: 'legal', dueInDays: 3, required: true }),
      ]);

      // A new stage 技术验证, moved up to follow 需求分析.
      await adminPage.getByTestId('stage-add').click();
      const added = await expand(adminPage, '新阶段');
      // The card is found by its title, which follows the Chinese name: that one last.
      await added.getByTestId('stage-name-en').fill('Proof of concept');
      await added.getByTestId('stage-name-zh').fill('技术验证');
      const fresh = stageCard(adminPage, '技术验证');
      for (let i = 0; i < 3; i++) await fresh.getByTestId('stage-up').click();
      await expect.poll(() => adminPage.getByTestId('stage-title').allInnerTexts()).toEqual(['线索获取', '需求分析', '技术验证', '方案报价', '商务谈判', '合同签署', '赢单', '输单']);
      // Won and lost stay last: 合同签署 cannot move down, 赢单 not up.
      expect(await stageCard(adminPage, '合同签署').getByTestId('stage-down').isDisabled()).toBe(true);
      expect(await stageCard(adminPage, '赢单').getByTestId('stage-up').isDisabled()).toBe(true);
      await submitAndWait(adminPage, adminPage.getByTestId('pipeline-save'), 'PUT', /^\/api\/pipelines\/[^/]+$/);
      await expectText(adminPage, '流程已保存');
      const withStage = await pipelineOf();
      expect(withStage.stages.map((s) => s.nameZh)).toEqual(['线索获取', '需求分析', '技术验证', '方案报价', '商务谈判', '合同签署', '赢单', '输单']);

      // The settings page with 商务谈判 open, in both languages.
      await adminPage.reload();
      await expand(adminPage, '商务谈判');
      await noToasts(adminPage);
      await shootBothWidths(adminPage, 'pipelines-settings', 'zh-CN');
      await switchLanguage(adminPage, 'en');
      await expectText(adminPage, 'Stage gate');
      await expectText(adminPage, 'Negotiation');
      await shootBothWidths(adminPage, 'pipelines-settings', 'en');
      await switchLanguage(adminPage, 'zh-CN');
      await expectText(adminPage, '阶段门槛');
      await settle(adminPage);

      // Export: the JSON document of the whole definition.
      const [download] = await Promise.all([adminPage.waitForEvent('download'), adminPage.getByTestId('pipeline-export').click()]);
      const document = JSON.parse(await readFile(await download.path(), 'utf8')) as { kind: string; definition: { stages: StageJson[] } };
      expect(document.kind).toBe('kairos.pipeline');
      expect(document.definition.stages.map((s) => s.nameZh)).toContain('技术验证');

      // The version history: three versions, the newest says what it changed; restoring the first
      // takes 技术验证 (no deals in it) and 商务谈判's gate away again, as a fourth version.
      await adminPage.getByTestId('pipeline-history-open').click();
      const history = adminPage.getByRole('dialog').filter({ has: adminPage.getByTestId('pipeline-version') });
      const closeHistory = async () => {
        await history.locator('.ant-drawer-close').click();
        await history.waitFor({ state: 'hidden' });
      };
      await expect.poll(() => history.getByTestId('pipeline-version').count()).toBe(3);
      const versions = history.getByTestId('pipeline-version');
      expect(await versions.first().getByTestId('pipeline-version-changes').innerText()).toContain('新增阶段「技术验证」');
      expect(await versions.nth(1).getByTestId('pipeline-version-changes').innerText()).toContain('修改了「商务谈判」的说明、准入条件、任务或时限');
      expect(await versions.last().getAttribute('data-action')).toBe('create');
      await expect.poll(() => versions.first().innerText()).toContain(ADMIN.name);
      await versions.last().getByRole('button', { name: '查看这个版本的阶段' }).click();
      await expect.poll(() => versions.last().getByTestId('pipeline-version-stages').innerText()).toContain('商务谈判 · 75%');
      await settle(adminPage);
      await shootBothWidths(adminPage, 'pipeline-history', 'zh-CN', { fullPage: false });
      await versions.last().getByTestId('pipeline-version-restore').click();
      await adminPage.locator('.ant-popconfirm').getByRole('button', { name: '恢复' }).click();
      await expectText(adminPage, /^已恢复到 .+ 的版本$/);
      await expect.poll(() => adminPage.getByTestId('stage-title').allInnerTexts()).toEqual(['线索获取', '需求分析', '方案报价', '商务谈判', '合同签署', '赢单', '输单']);
      const restored = await pipelineOf();
      expect(restored.stages.find((s) => s.nameZh === '商务谈判')?.rules.gate.requiredFileCategories).toEqual([]);
      expect(restored.version).toBe(withStage.version + 1);
      await adminPage.getByTestId('pipeline-history-open').click();
      await expect.poll(() => history.getByTestId('pipeline-version').count()).toBe(4);
      expect(await versions.first().getAttribute('data-action')).toBe('restore');
      expect(await versions.first().innerText()).toContain('恢复了一个早先的版本');
      await closeHistory();
      await switchLanguage(adminPage, 'en');
      await adminPage.getByTestId('pipeline-history-open').click();
      await expect.poll(() => versions.first().innerText()).toContain('Restored an earlier version');
      await settle(adminPage);
      await shootBothWidths(adminPage, 'pipeline-history', 'en', { fullPage: false });
      await closeHistory();
      await switchLanguage(adminPage, 'zh-CN');
      await expectText(adminPage, '阶段门槛');
    });

    // 张伟 opens a new deal: 线索获取's guidance and its task, which he ticks off.
    const zhang = await newContext(browser, server.url, 'zh-CN');
    const zhangPage = await signIn(zhang, ZHANG);
    const customer = (await api(zhang, zhangPage.request, 'POST', '/api/customers', CUSTOMER)) as { id: string };
    const deal = (await api(zhang, zhangPage.request, 'POST', '/api/opportunities', { name: DEAL.name, customerId: customer.id })) as { id: string };

    await onFailureCapture(zhangPage, 'pipelines-stage-panel', async () => {
      await zhangPage.goto(`/opportunities/${deal.id}`);
      const panel = zhangPage.getByTestId('stage-panel');
      await panel.waitFor();
      await expectText(zhangPage, '确认客户有真实需求和联系人，记录来源。');
      await expectText(zhangPage, '首次联系客户');
      await expect.poll(() => panel.getByTestId('stage-age').innerText()).toContain('时限 14 天');
      await expect.poll(() => panel.innerText()).toContain('本阶段建议至少每 7 天跟进一次');
      const task = panel.getByTestId('deal-task').filter({ hasText: '首次联系客户' });
      expect(await task.innerText()).toContain('张伟');
      await submitAndWait(zhangPage, task.getByTestId('deal-task-check'), 'POST', /\/tasks\/[^/]+$/);
      await expectText(zhangPage, '已完成「首次联系客户」');
      await expect.poll(() => task.getAttribute('data-done')).toBe('true');
      await expect.poll(() => panel.getByTestId('deal-task-progress').innerText()).toBe('已完成 1/1');
      const tasks = (await api(zhang, zhangPage.request, 'GET', `/api/opportunities/${deal.id}/tasks`)) as { items: { titleZh: string; doneAt: string | null; doneBy: string | null }[] };
      expect(tasks.items.find((t) => t.titleZh === '首次联系客户')?.doneAt).toBeTruthy();

      await noToasts(zhangPage);
      await panel.scrollIntoViewIfNeeded();
      await shootBothWidths(zhangPage, 'deal-stage-panel', 'zh-CN');
      await switchLanguage(zhangPage, 'en');
      await expectText(zhangPage, 'Stage guide · Lead');
      await expectText(zhangPage, 'Confirm a real need and a contact person; record where the lead came from.');
      await settle(zhangPage);
      await shootBothWidths(zhangPage, 'deal-stage-panel', 'en');
      await switchLanguage(zhangPage, 'zh-CN');
      // The language is saved with the profile: wait until it is back before the next page loads.
      await expectText(zhangPage, '阶段指引 · 线索获取');
      await settle(zhangPage);
    });

    // Another deal is lost: the dialog asks for a loss reason and the competitor; the panel shows both.
    const lostDeal = (await api(zhang, zhangPage.request, 'POST', '/api/opportunities', { name: '华为园区网络', customerId: customer.id })) as { id: string };
    await onFailureCapture(zhangPage, 'pipelines-lost-deal', async () => {
      await zhangPage.goto(`/opportunities/${lostDeal.id}`);
      await zhangPage.getByTestId('deal-lost').click();
      const dialog = zhangPage.getByRole('dialog').filter({ hasText: '确认输单？' });
      await dialog.waitFor();
      // Without a reason the dialog stays open and says so.
      await dialog.getByRole('button', { name: '输单' }).click();
      await expectText(zhangPage, '请选择输单原因');
      await dialog.getByTestId('move-loss-reason').click();
      await pickOption(zhangPage, '价格');
      await dialog.getByTestId('move-competitor').fill('某友商');
      await submitAndWait(zhangPage, dialog.getByRole('button', { name: '输单' }), 'POST', /\/move$/);
      await expectText(zhangPage, '商机已标记为输单');
      await expect.poll(() => zhangPage.getByTestId('deal-loss-reason').innerText()).toBe('价格');
      expect(await zhangPage.getByTestId('deal-competitor').innerText()).toBe('某友商');
      const closed = (await api(zhang, zhangPage.request, 'GET', `/api/opportunities/${lostDeal.id}`)) as { status: string; lossReason: string; competitor: string };
      expect(closed).toMatchObject({ status: 'lost', lossReason: 'price', competitor: '某友商' });
    });

    // 线索获取 now holds 张伟's open deal: removing it is refused, and the stage comes back with the reason on it.
    await onFailureCapture(adminPage, 'pipelines-stage-has-deals', async () => {
      await adminPage.goto('/admin/pipelines');
      const lead = stageCard(adminPage, '线索获取');
      await lead.getByTestId('stage-remove').click();
      const dialog = adminPage.getByRole('dialog').filter({ hasText: '删除阶段「线索获取」？' });
      await dialog.getByRole('button', { name: '删除' }).click();
      await expect.poll(() => adminPage.getByTestId('stage-title').allInnerTexts()).not.toContain('线索获取');
      await adminPage.getByTestId('pipeline-save').click();
      await expectText(adminPage, '该阶段还有进行中的商机，不能删除或改变结果；请先把商机移到其他阶段。');
      expect((await adminPage.getByTestId('stage-title').allInnerTexts())[0]).toBe('线索获取');
      expect((await pipelineOf()).stages.map((s) => s.nameZh)[0]).toBe('线索获取');
    });
  });
});
