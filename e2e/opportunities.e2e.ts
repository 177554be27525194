/**
 * Opportunities (商机) in a real browser against a real server: 张伟 opens a deal for 华为 from the empty
 * list, with 128,000.50 元 typed in yuan (stored as 12800050 fen), sees it in the list as ¥128,000.50,
 * brings 李娜 onto the deal team with read access, moves it from 线索获取 to 方案报价 and logs a visit.
 * 李娜 then sees the deal (read only: no edit, no team or stage controls) with its whole timeline. The
 * global search finds the customer by a two-character fragment and by pinyin initials, and opens it
 * from the keyboard. Screenshots of the list, the detail page and the search dropdown, in both languages
 * at desktop and phone width, land in .test-artifacts/screenshots/ (git-ignored).
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { expectText, hasHorizontalOverflow, type Lang, liveServerAndBrowser, newContext, onFailureCapture, screenshot, settle, VIEWPORTS } from './harness';
import { api, pathIs, pickOption, shootBothWidths, signIn, switchLanguage, WIDTHS, type Json } from './steps';

const ADMIN = { workspace: '星辰科技', name: '王建国', email: 'admin@example.com', password: 'admin-pass-123' };
const ZHANG = { name: '张伟', email: 'zhangwei@example.com', password: 'sales-pass-123' };
const LI = { name: '李娜', email: 'lina@example.com', password: 'sales-pass-456' };
const CUSTOMER = { name: '华为技术有限公司', phone: '13800138000', city: '深圳市' };
const DEAL = { name: '华为私有化部署项目', amount: '128000.50', shown: '¥128,000.50', minor: 12_800_050 };
const VISIT = { content: '拜访华为采购部，演示了私有化部署方案，客户关注交付周期和数据安全。', nextStep: '发送正式报价单' };

const live = liveServerAndBrowser();
/** Shared by the two journeys of this file (they run in order). */
const state: { zhang?: BrowserContext; zhangPage?: Page; dealId?: string; customerId?: string } = {};

afterAll(async () => {
  await state.zhang?.close();
});

/** A calendar date (YYYY-MM-DD) `days` after today in the workspace's timezone. */
function dayFromToday(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Asia/Shanghai' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function openNav(page: Page, label: string) {
  if ((page.viewportSize()?.width ?? 1280) <= 768) await page.getByTestId('nav-toggle').click();
  await page.getByTestId('main-nav').filter({ visible: true }).getByRole('menuitem', { name: label }).click();
}

/** Types into the header search (behind an icon on phones) and waits for the dropdown's answer. */
async function searchFor(page: Page, text: string) {
  if ((page.viewportSize()?.width ?? 1280) <= 768) await page.getByTestId('global-search-open').click();
  const input = page.getByTestId('global-search-input').filter({ visible: true });
  await input.fill(text);
  return input;
}

function searchPopup(page: Page) {
  return page.locator('.kairos-search-popup').filter({ visible: true });
}

/** The dropdown's hits of one type (a deal's subtitle names its customer, so the type tells them apart). */
function searchHits(page: Page, type: 'customer' | 'contact' | 'opportunity') {
  return searchPopup(page).locator(`[data-testid="search-hit"][data-type="${type}"]`);
}

describe('opportunities', () => {
  it('opens a deal in yuan, brings a colleague onto its team, moves it and logs a visit; the colleague sees it read-only', async () => {
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
    // The administrator finds the key fields of an opportunity among the workspace settings.
    await onFailureCapture(adminPage, 'opportunities-settings', async () => {
      await adminPage.goto('/admin/settings');
      const keyFields = adminPage.getByTestId('settings-opportunity-key-fields');
      await keyFields.waitFor();
      for (const field of ['联系人', '金额', '预计成交日期']) expect(await keyFields.getByRole('checkbox', { name: field }).isChecked()).toBe(true);
      expect(await keyFields.getByRole('checkbox', { name: '商机来源' }).isChecked()).toBe(false);
    });
    await admin.close();

    const zhang = await newContext(live.browser, live.server.url, 'zh-CN');
    const zhangPage = await signIn(zhang, ZHANG);
    state.zhang = zhang;
    state.zhangPage = zhangPage;
    const customer = (await api(zhang, zhangPage.request, 'POST', '/api/customers', CUSTOMER)) as { id: string };
    state.customerId = customer.id;
    const closeOn = dayFromToday(45);

    // 张伟 opens the deal from an empty list that tells him what to do, typing the amount in yuan.
    await onFailureCapture(zhangPage, 'opportunities-create', async () => {
      await openNav(zhangPage, '商机');
      await pathIs(zhangPage, '/opportunities');
      await expectText(zhangPage, '还没有商机');
      await zhangPage.getByRole('button', { name: '创建第一个商机' }).click();
      const drawer = zhangPage.getByRole('dialog').filter({ hasText: '新建商机' });
      await drawer.waitFor();
      await drawer.getByLabel('商机名称').fill(DEAL.name);
      await drawer.getByLabel('客户', { exact: true }).click();
      await zhangPage.keyboard.type('华为');
      await pickOption(zhangPage, CUSTOMER.name);
      // Three decimals are refused before anything is sent, not rounded.
      await drawer.getByLabel('金额').fill('128000.505');
      await drawer.getByTestId('opportunity-drawer-submit').click();
      await expectText(zhangPage, '请输入有效金额，最多两位小数');
      await drawer.getByLabel('金额').fill(DEAL.amount);
      expect(await drawer.getByTestId('opportunity-stage').innerText()).toContain('线索获取');
      await drawer.getByLabel('预计成交日期').click();
      await drawer.getByLabel('预计成交日期').fill(closeOn);
      await zhangPage.keyboard.press('Enter');
      await drawer.getByLabel('商机来源').click();
      await pickOption(zhangPage, '客户推荐');
      await shootBothWidths(zhangPage, 'opportunity-drawer', 'zh-CN', { fullPage: false });
      await drawer.getByTestId('opportunity-drawer-submit').click();
      await expectText(zhangPage, '商机已创建');
      await drawer.waitFor({ state: 'hidden' });

      const row = zhangPage.getByRole('row').filter({ hasText: DEAL.name });
      await row.waitFor();
      const text = await row.innerText();
      expect(text).toContain(DEAL.shown);
      expect(text).toContain('线索获取');
      expect(text).toContain(CUSTOMER.name);
      expect(text).toContain(ZHANG.name);
      const list = (await api(zhang, zhangPage.request, 'GET', '/api/opportunities')) as { items: { id: string; amount: number; currency: string; expectedCloseOn: string; source: string }[] };
      expect(list.items).toHaveLength(1);
      expect(list.items[0]).toMatchObject({ amount: DEAL.minor, currency: 'CNY', expectedCloseOn: closeOn, source: 'referral' });
      state.dealId = list.items[0]?.id;

      // Ticking a row selects it (without opening it); the selection gets a tag in one go.
      await row.getByRole('checkbox').check();
      await zhangPage.getByTestId('bulk-bar').getByText('已选 1 项').waitFor();
      await pathIs(zhangPage, '/opportunities');
      // A rep may not delete, so the bar does not offer it.
      expect(await zhangPage.getByTestId('bulk-delete').count()).toBe(0);
      await zhangPage.getByTestId('bulk-tag').click();
      const tagModal = zhangPage.getByRole('dialog').filter({ hasText: '为 1 个商机添加标签' });
      await tagModal.getByLabel('标签').fill('重点项目');
      await tagModal.getByRole('button', { name: '确定' }).click();
      await expectText(zhangPage, '1 个商机已处理');
      await row.getByText('重点项目', { exact: true }).waitFor();
      expect(await zhangPage.getByTestId('bulk-bar').count()).toBe(0);
      await shootBothWidths(zhangPage, 'opportunities-list', 'zh-CN');
    });

    // He opens it, brings 李娜 onto the team with read access, moves it to 方案报价 and logs a visit.
    await onFailureCapture(zhangPage, 'opportunities-work', async () => {
      await zhangPage.getByRole('row').filter({ hasText: DEAL.name }).getByRole('link', { name: DEAL.name }).click();
      await pathIs(zhangPage, `/opportunities/${state.dealId}`);
      await expectText(zhangPage, '商机信息');
      expect(await zhangPage.getByTestId('deal-amount').innerText()).toContain(DEAL.shown);
      expect(await zhangPage.getByTestId('opportunity-header').innerText()).toContain(CUSTOMER.name);

      await zhangPage.getByTestId('team-add').click();
      const teamModal = zhangPage.getByRole('dialog').filter({ hasText: '添加团队成员' });
      await teamModal.waitFor();
      await teamModal.getByLabel('成员').click();
      await pickOption(zhangPage, LI.name);
      expect(await teamModal.getByRole('radio', { name: /只读/ }).isChecked()).toBe(true);
      await teamModal.getByTestId('team-submit').click();
      await expectText(zhangPage, `已将 ${LI.name} 加入团队`);
      const member = zhangPage.getByTestId('team-member').filter({ hasText: LI.name });
      await member.waitFor();
      expect(await member.innerText()).toContain('只读');

      await zhangPage.getByTestId('stage-steps').getByText('方案报价', { exact: true }).click();
      const confirm = zhangPage.getByRole('dialog').filter({ hasText: '推进到「方案报价」？' });
      await confirm.waitFor();
      await confirm.getByRole('button', { name: '确认' }).click();
      await expectText(zhangPage, '已进入「方案报价」');
      const timeline = zhangPage.getByTestId('opportunity-timeline');
      await timeline.getByText('将阶段从「线索获取」推进到「方案报价」', { exact: false }).waitFor();
      expect(await zhangPage.getByTestId('opportunity-header').innerText()).toContain('方案报价');

      await zhangPage.getByTestId('followup-log').click();
      const drawer = zhangPage.getByRole('dialog').filter({ hasText: '跟进内容' });
      await drawer.waitFor();
      await drawer.getByTestId('followup-type').getByText('拜访', { exact: true }).click();
      await drawer.getByLabel('跟进内容').fill(VISIT.content);
      await drawer.getByLabel('下一步计划').fill(VISIT.nextStep);
      await drawer.getByRole('button', { name: '3 天后' }).click();
      expect(await drawer.innerText()).toContain('商机已结束（无需下一步）');
      await drawer.getByTestId('followup-submit').click();
      await expectText(zhangPage, '跟进已记录');
      await drawer.waitFor({ state: 'hidden' });
      const first = timeline.getByTestId('timeline-event').first();
      await first.getByText(VISIT.content).waitFor();
      expect(await first.innerText()).toContain(`${ZHANG.name} 记录了一次拜访`);

      const events = await timeline.getByTestId('timeline-event').allInnerTexts();
      expect(events.some((e) => e.includes(`将 ${LI.name} 加入团队（售前，只读）`))).toBe(true);
      expect(events[events.length - 1]).toContain(`${ZHANG.name} 创建了商机`);
      const deal = (await api(zhang, zhangPage.request, 'GET', `/api/opportunities/${state.dealId}`)) as { team: Json[]; probability: number; nextFollowUpOn: string };
      expect(deal.team).toMatchObject([{ userId: users[LI.name], role: 'presales', access: 'read' }]);
      expect(deal.probability).toBe(50);
      expect(deal.nextFollowUpOn).toBe(dayFromToday(3));
      await shootBothWidths(zhangPage, 'opportunity-detail', 'zh-CN');

      // The customer's page lists the deal; handing the customer over offers to take its deals and contacts along.
      await zhangPage.getByTestId('deal-customer-link').click();
      await pathIs(zhangPage, `/customers/${customer.id}`);
      const card = zhangPage.getByTestId('customer-opportunities');
      await card.getByText(DEAL.name).waitFor();
      expect(await card.innerText()).toContain(DEAL.shown);
      await zhangPage.getByTestId('customer-transfer').click();
      const transfer = zhangPage.getByRole('dialog').filter({ hasText: '转移客户' });
      await transfer.waitFor();
      expect(await transfer.getByRole('checkbox', { name: '同时转移该客户进行中的商机' }).isChecked()).toBe(true);
      expect(await transfer.getByRole('checkbox', { name: '同时转移该客户的联系人' }).isChecked()).toBe(true);
      await transfer.getByRole('button', { name: '取消' }).click();
    });

    // 李娜 sees the deal she is on the team of, read-only, with its whole timeline.
    const li = await newContext(live.browser, live.server.url, 'zh-CN');
    const liPage = await signIn(li, LI);
    await onFailureCapture(liPage, 'opportunities-li', async () => {
      await openNav(liPage, '商机');
      const row = liPage.getByRole('row').filter({ hasText: DEAL.name });
      await row.waitFor();
      expect(await row.innerText()).toContain('方案报价');
      await row.getByRole('link', { name: DEAL.name }).click();
      await pathIs(liPage, `/opportunities/${state.dealId}`);
      await expectText(liPage, '商机信息');
      await liPage.getByTestId('team-seat-notice').getByText('只读', { exact: false }).waitFor();
      for (const control of ['opportunity-edit', 'opportunity-transfer', 'opportunity-delete', 'team-add', 'team-remove', 'deal-won', 'deal-lost']) {
        expect(await liPage.getByTestId(control).count(), control).toBe(0);
      }
      const timeline = liPage.getByTestId('opportunity-timeline');
      await timeline.getByText(VISIT.content).waitFor();
      const text = await timeline.innerText();
      expect(text).toContain(`${ZHANG.name} 将阶段从「线索获取」推进到「方案报价」`);
      expect(text).toContain(`下一步：${VISIT.nextStep}`);
      // Not hers to correct.
      expect(await timeline.getByTestId('followup-actions').count()).toBe(0);
      await shootBothWidths(liPage, 'opportunity-detail-readonly', 'zh-CN');

      await switchLanguage(liPage, 'en');
      await liPage.getByTestId('deal-team').getByText('Deal team', { exact: false }).waitFor();
      await liPage.getByTestId('team-seat-notice').getByText('read only', { exact: false }).waitFor();
      expect(await timeline.innerText()).toContain(`${ZHANG.name} moved the stage from "Lead" to "Proposal"`);
      expect(await liPage.getByTestId('deal-amount').innerText()).toContain(DEAL.shown);
      await switchLanguage(liPage, 'zh-CN');
    });
    await li.close();

    // The same pages in English, from 张伟's side (who may do everything).
    await onFailureCapture(zhangPage, 'opportunities-en', async () => {
      await switchLanguage(zhangPage, 'en');
      await zhangPage.goto(`/opportunities/${state.dealId}`);
      await zhangPage.getByTestId('deal-team').getByText('Deal team', { exact: false }).waitFor();
      await expectText(zhangPage, 'Won');
      expect(await zhangPage.getByTestId('opportunity-header').innerText()).toContain('Proposal');
      await shootBothWidths(zhangPage, 'opportunity-detail', 'en');
      await zhangPage.goto('/opportunities');
      const row = zhangPage.getByRole('row').filter({ hasText: DEAL.name });
      await row.waitFor();
      expect(await row.innerText()).toContain(DEAL.shown);
      await shootBothWidths(zhangPage, 'opportunities-list', 'en');
      await switchLanguage(zhangPage, 'zh-CN');
    });

    // 张伟 wins the deal; it closes, and the customer's page shows it among its opportunities.
    await onFailureCapture(zhangPage, 'opportunities-won', async () => {
      await zhangPage.goto(`/opportunities/${state.dealId}`);
      await zhangPage.getByTestId('deal-won').click();
      const confirm = zhangPage.getByRole('dialog').filter({ hasText: '确认赢单？' });
      await confirm.getByRole('button', { name: '赢单' }).click();
      await expectText(zhangPage, '恭喜，商机已赢单！');
      await zhangPage.getByTestId('deal-closed').getByText('该商机已赢单').waitFor();
      expect(await zhangPage.getByTestId('deal-won').count()).toBe(0);
      await zhangPage.getByTestId('opportunity-timeline').getByText('赢单了（方案报价 → 赢单）', { exact: false }).waitFor();
      const deal = (await api(zhang, zhangPage.request, 'GET', `/api/opportunities/${state.dealId}`)) as { status: string; probability: number; closedAt: string | null };
      expect(deal).toMatchObject({ status: 'won', probability: 100 });
      expect(deal.closedAt).not.toBeNull();
      await shootBothWidths(zhangPage, 'opportunity-won', 'zh-CN');
      await zhangPage.goto(`/customers/${customer.id}`);
      await zhangPage.getByTestId('customer-opportunities').getByText(DEAL.name).waitFor();
      await shootBothWidths(zhangPage, 'customer-detail-opportunities', 'zh-CN');
    });
  });

  it('finds the customer from the header by a two-character fragment and by pinyin initials', async () => {
    const page = state.zhangPage;
    if (!page) throw new Error('the first journey did not run');
    for (const lang of ['zh-CN', 'en'] as const satisfies Lang[]) {
      await onFailureCapture(page, `opportunities-search-${lang}`, async () => {
        if (lang === 'en') await switchLanguage(page, 'en');
        await page.goto('/opportunities');
        for (const width of WIDTHS) {
          await page.setViewportSize(VIEWPORTS[width]);
          await settle(page, 300);
          // 为技: two characters from the middle of the name.
          const input = await searchFor(page, '为技');
          const hit = searchHits(page, 'customer').filter({ hasText: CUSTOMER.name });
          await hit.waitFor();
          await searchPopup(page).getByText(lang === 'en' ? 'Customers' : '客户', { exact: true }).waitFor();
          await screenshot(page, 'search-dropdown', lang, width, { fullPage: false });
          expect(await hasHorizontalOverflow(page), `search overflows at ${width} in ${lang}`).toBe(false);
          await input.press('Escape');
          if (width === 'phone') await page.getByTestId('global-search-input').filter({ visible: true }).waitFor({ state: 'hidden' }).catch(() => undefined);
        }
        await page.setViewportSize(VIEWPORTS.desktop);
        await settle(page, 200);
      });
    }

    // Pinyin initials (华为技术 → hwjs) find it too, and the keyboard opens it.
    await onFailureCapture(page, 'opportunities-search-pinyin', async () => {
      await switchLanguage(page, 'zh-CN');
      await page.goto('/opportunities');
      const input = await searchFor(page, 'hwjs');
      await searchHits(page, 'customer').filter({ hasText: CUSTOMER.name }).waitFor();
      // The deal's name starts with 华为 too, so 华为 finds both, grouped.
      await input.fill('华为');
      await searchHits(page, 'opportunity').filter({ hasText: DEAL.name }).waitFor();
      await searchPopup(page).getByText('商机', { exact: true }).waitFor();
      await input.fill('hwjs');
      await searchHits(page, 'customer').filter({ hasText: CUSTOMER.name }).waitFor();
      await input.press('ArrowDown');
      await input.press('ArrowUp');
      await input.press('Enter');
      await pathIs(page, `/customers/${state.customerId}`);
      await expectText(page, '客户信息');
      expect(await page.getByTestId('global-search-input').inputValue()).toBe('');
    });
  });
});
