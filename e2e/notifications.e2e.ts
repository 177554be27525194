/**
 * Notifications (通知) in a real browser against a real server. 李娜 (华南) types a company 张伟 (华东)
 * already owns: the duplicate check shows it masked, she asks its owner with a message, and asking again
 * the same day is refused with the server's words; 张伟 sees the bell at 1, reads her sentence and message
 * in the inbox, opens the customer from it and the bell goes to 0. The administrator hands 李娜 a customer
 * (with a note) and two deals at once; her inbox tells both. 张伟 logs a follow-up on a deal mentioning his
 * manager 刘洋 and attaching a PDF quote: the timeline shows the attachment and whom it mentioned (a file
 * added while correcting it and then abandoned is deleted again), and 刘洋's inbox shows the mention.
 * Screenshots of the open inbox (zh-CN and English on desktop, zh-CN at a 390 px phone) and of the
 * follow-up drawer with an attachment land in .test-artifacts/screenshots/ (git-ignored).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { expectText, hasHorizontalOverflow, type Lang, liveServerAndBrowser, newContext, onFailureCapture, screenshot, SCREENSHOT_DIR, settle, VIEWPORTS } from './harness';
import { api, noToasts, pathIs, pickOption, signIn, switchLanguage, type Json } from './steps';

const ADMIN = { workspace: '星辰科技', name: '王建国', email: 'admin@example.com', password: 'admin-pass-123' };
const ZHANG = { name: '张伟', email: 'zhangwei@example.com', password: 'sales-pass-123' };
const LIU = { name: '刘洋', email: 'liuyang@example.com', password: 'manager-pass-123' };
const LI = { name: '李娜', email: 'lina@example.com', password: 'sales-pass-456' };
const CUSTOMER = '杭州西湖数据科技有限公司';
const ASK = '我在展会上认识了他们的 CTO，想一起跟进这家客户，方便时聊聊？';
const HANDED = { name: '苏州工业园区智造有限公司', note: '华东区域调整，请尽快联系采购部' };
const DEAL = '西湖数据私有云二期';
const PDF = '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n';
const QUOTE = '西湖数据私有云报价单.pdf';
const VISIT = '拜访信息中心王主任，确认了二期的节点规模和交付时间，客户希望下周看到正式报价。';
/** The width of a common phone (the harness' phone is 375 px; this checks a slightly wider one too). */
const PHONE_390 = { width: 390, height: 844 };

const live = liveServerAndBrowser();

/** The bell's accessible name, which carries the unread count ("通知（1 条未读）"). */
async function bellLabel(page: Page): Promise<string> {
  return (await page.getByTestId('notification-bell').filter({ visible: true }).first().getAttribute('aria-label')) ?? '';
}

async function openInbox(page: Page) {
  await page.getByTestId('notification-bell').filter({ visible: true }).first().click();
  const drawer = page.getByTestId('notification-drawer');
  await drawer.waitFor();
  return drawer;
}

/** Closes the inbox with its close button (the drawer's ×). */
async function closeInbox(inbox: Locator) {
  await inbox.locator('.ant-drawer-close').click();
  await inbox.waitFor({ state: 'hidden' });
}

/** The inbox's drawer, shot on its own page state (no toasts), and it must not push the page sideways. */
async function shootInbox(page: Page, lang: Lang, width: 'desktop' | 'phone') {
  await noToasts(page);
  await settle(page, 300);
  await screenshot(page, 'notifications-inbox', lang, width, { fullPage: false });
  expect(await hasHorizontalOverflow(page), `the inbox overflows at ${width} width in ${lang}`).toBe(false);
}

describe('notifications', () => {
  let admin: BrowserContext;
  let adminPage: Page;
  const users: Record<string, string> = {};

  beforeAll(async () => {
    // 张伟 (sales) and his manager 刘洋 in 华东; 李娜 (sales) in 华南, who sees none of 张伟's customers.
    admin = await newContext(live.browser, live.server.url, 'zh-CN');
    adminPage = await admin.newPage();
    await api(admin, adminPage.request, 'POST', '/api/setup', { workspaceName: ADMIN.workspace, adminName: ADMIN.name, email: ADMIN.email, password: ADMIN.password, locale: 'zh-CN' });
    const roles = (await api(admin, adminPage.request, 'GET', '/api/roles')) as { items: { id: string; key: string }[] };
    const roleId = (key: string) => roles.items.find((r) => r.key === key)?.id;
    const east = (await api(admin, adminPage.request, 'POST', '/api/departments', { name: '华东销售部' })) as { id: string };
    const south = (await api(admin, adminPage.request, 'POST', '/api/departments', { name: '华南销售部' })) as { id: string };
    for (const [who, department, role] of [
      [ZHANG, east.id, 'sales'],
      [LIU, east.id, 'manager'],
      [LI, south.id, 'sales'],
    ] as const) {
      const created = (await api(admin, adminPage.request, 'POST', '/api/users', { ...who, departmentId: department, roleIds: [roleId(role)] })) as { id: string };
      users[who.name] = created.id;
    }
  }, 120_000);

  afterAll(async () => {
    await admin?.close();
  });

  it('a rep asks the owner of a masked duplicate; the owner reads it in the inbox and opens the customer', async () => {
    const zhang = await newContext(live.browser, live.server.url, 'zh-CN');
    const zhangSetup = await signIn(zhang, ZHANG);
    const customer = (await api(zhang, zhangSetup.request, 'POST', '/api/customers', { name: CUSTOMER, city: '杭州市' })) as { id: string };
    await zhangSetup.close();

    // 李娜 types the same company: masked, with its owner, and a way to ask them.
    const li = await newContext(live.browser, live.server.url, 'zh-CN');
    const liPage = await signIn(li, LI);
    await onFailureCapture(liPage, 'notifications-ask', async () => {
      await liPage.goto('/customers');
      await liPage.getByRole('button', { name: '新建客户' }).first().click();
      let drawer = liPage.getByRole('dialog').filter({ hasText: '新建客户' });
      await drawer.getByLabel('客户名称', { exact: true }).fill(CUSTOMER);
      let alert = drawer.getByTestId('duplicate-alert');
      await alert.waitFor({ timeout: 10_000 });
      expect(await alert.getByTestId('duplicate-masked-name').innerText()).toBe('杭******司');
      expect(await alert.innerText()).toContain(`负责人：${ZHANG.name}`);

      await alert.getByTestId('ask-owner').click();
      const ask = liPage.getByRole('dialog').filter({ hasText: '您不会看到该客户的资料' });
      await ask.waitFor();
      expect(await ask.innerText()).toContain(`我们会通知 ${ZHANG.name}`);
      // A suggestion is there to send as is; she writes her own.
      expect(await ask.getByLabel('留言').inputValue()).toBe('我这边也在跟进这家客户，可否一起协作？');
      await ask.getByLabel('留言').fill(ASK);
      await screenshot(liPage, 'ask-owner-modal', 'zh-CN', 'desktop', { fullPage: false });
      await ask.getByRole('button', { name: '发送' }).click();
      await expectText(liPage, `已通知 ${ZHANG.name}`);
      await ask.waitFor({ state: 'hidden' });
      await alert.getByTestId('ask-owner-done').waitFor();
      expect(await alert.getByTestId('ask-owner-done').innerText()).toContain('已询问');
      await noToasts(liPage);
      for (const [width, viewport] of [
        ['desktop', VIEWPORTS.desktop],
        ['phone', PHONE_390],
      ] as const) {
        await liPage.setViewportSize(viewport);
        await alert.scrollIntoViewIfNeeded();
        await screenshot(liPage, 'ask-owner-asked', 'zh-CN', width, { fullPage: false });
        expect(await hasHorizontalOverflow(liPage), `the asked duplicate overflows at ${width} width`).toBe(false);
      }
      await liPage.setViewportSize(VIEWPORTS.desktop);
      await drawer.getByRole('button', { name: '取消' }).click();
      await drawer.waitFor({ state: 'hidden' });

      // Asking about the same customer again today is refused, with the server's words.
      await liPage.reload();
      await liPage.getByRole('button', { name: '新建客户' }).first().click();
      drawer = liPage.getByRole('dialog').filter({ hasText: '新建客户' });
      await drawer.getByLabel('客户名称', { exact: true }).fill(CUSTOMER);
      alert = drawer.getByTestId('duplicate-alert');
      await alert.getByTestId('ask-owner').click();
      await liPage.getByRole('dialog').filter({ hasText: '您不会看到该客户的资料' }).getByRole('button', { name: '发送' }).click();
      await expectText(liPage, '您今天已经询问过该客户的负责人，请等待对方回复。');
      await alert.getByTestId('ask-owner-done').waitFor();
      await drawer.getByRole('button', { name: '取消' }).click();
      const mine = (await api(li, liPage.request, 'GET', '/api/customers')) as { items: unknown[] };
      expect(mine.items).toHaveLength(0);
    });

    // 张伟 sees the bell at 1, the sentence with her name and words, and opens the customer from it.
    const zhangPage = await zhang.newPage();
    await zhangPage.goto('/');
    await onFailureCapture(zhangPage, 'notifications-owner', async () => {
      await expect.poll(() => bellLabel(zhangPage), { timeout: 15_000 }).toBe('通知（1 条未读）');
      // The bell in the header, at both widths (the header must still fit on a phone).
      for (const [width, viewport] of [
        ['desktop', VIEWPORTS.desktop],
        ['phone', PHONE_390],
        ['phone', VIEWPORTS.phone],
      ] as const) {
        await zhangPage.setViewportSize(viewport);
        await settle(zhangPage, 300);
        await zhangPage.screenshot({ path: `${SCREENSHOT_DIR}/notifications-bell-zh-CN-${width}-${viewport.width}.png`, clip: { x: 0, y: 0, width: viewport.width, height: 64 } });
        expect(await hasHorizontalOverflow(zhangPage), `the header overflows at ${viewport.width} px`).toBe(false);
        expect(await zhangPage.getByTestId('notification-bell').filter({ visible: true }).count()).toBe(1);
      }
      await zhangPage.setViewportSize(VIEWPORTS.desktop);
      let inbox = await openInbox(zhangPage);
      const item = inbox.getByTestId('notification-item').first();
      await item.waitFor();
      expect(await item.getAttribute('data-unread')).toBe('true');
      const text = await item.innerText();
      expect(text).toContain(`${LI.name} 询问您负责的客户「${CUSTOMER}」：`);
      expect(text).toContain(ASK);
      expect(text).toContain('刚刚');
      expect(await inbox.innerText()).toContain('今天');
      await shootInbox(zhangPage, 'zh-CN', 'desktop');

      await zhangPage.setViewportSize(PHONE_390);
      await settle(zhangPage, 300);
      // Full width on a phone.
      expect((await inbox.boundingBox())?.width).toBeGreaterThanOrEqual(PHONE_390.width - 1);
      await shootInbox(zhangPage, 'zh-CN', 'phone');
      await zhangPage.setViewportSize(VIEWPORTS.desktop);
      await settle(zhangPage, 200);

      // In English.
      await closeInbox(inbox);
      await switchLanguage(zhangPage, 'en');
      inbox = await openInbox(zhangPage);
      await inbox.getByText('Unread only').waitFor();
      expect(await inbox.getByTestId('notification-item').first().innerText()).toContain(`${LI.name} asked about your customer “${CUSTOMER}”:`);
      await shootInbox(zhangPage, 'en', 'desktop');
      await closeInbox(inbox);
      await switchLanguage(zhangPage, 'zh-CN');

      // Opening it lands on the customer and reads it.
      inbox = await openInbox(zhangPage);
      await inbox.getByTestId('notification-item').first().click();
      await pathIs(zhangPage, `/customers/${customer.id}`);
      await expectText(zhangPage, '客户信息');
      await expect.poll(() => bellLabel(zhangPage)).toBe('通知');
      inbox = await openInbox(zhangPage);
      await inbox.getByTestId('notification-item').first().waitFor();
      expect(await inbox.getByTestId('notification-item').first().getAttribute('data-unread')).toBe('false');
      // Only the unread ones: none left, and it says so.
      await inbox.getByTestId('notification-unread-only').click();
      await inbox.getByText('没有未读通知').waitFor();
      await noToasts(zhangPage);
      await screenshot(zhangPage, 'notifications-inbox-empty', 'zh-CN', 'desktop', { fullPage: false });
      await zhangPage.keyboard.press('Escape');
    });

    await Promise.all([zhang.close(), li.close()]);
  });

  it('the new owner is told of a handoff with its note, and of deals handed over at once', async () => {
    const handed = (await api(admin, adminPage.request, 'POST', '/api/customers', { name: HANDED.name, city: '苏州市' })) as { id: string; version: number };
    const deals: string[] = [];
    for (const name of ['智造产线数字化', '智造 MES 升级']) {
      const deal = (await api(admin, adminPage.request, 'POST', '/api/opportunities', { name, customerId: handed.id })) as { id: string };
      deals.push(deal.id);
    }
    const li = await newContext(live.browser, live.server.url, 'zh-CN');
    const liPage = await signIn(li, LI);
    await onFailureCapture(liPage, 'notifications-handoff', async () => {
      await expect.poll(() => bellLabel(liPage)).toBe('通知');
      // The customer alone (its deals stay), then both deals in one go.
      await api(admin, adminPage.request, 'POST', `/api/customers/${handed.id}/transfer`, { version: handed.version, toUserId: users[LI.name], note: HANDED.note, moveOpenOpportunities: false, moveContacts: false });
      const bulk = (await api(admin, adminPage.request, 'POST', '/api/opportunities/bulk', { action: 'assign', ids: deals, toUserId: users[LI.name] })) as { results: { ok: boolean }[] };
      expect(bulk.results.every((r) => r.ok)).toBe(true);

      // The bell catches up when she comes back to the tab (and every 30 s while it is in front).
      await liPage.evaluate('window.dispatchEvent(new Event("visibilitychange"))');
      await expect.poll(() => bellLabel(liPage), { timeout: 5_000 }).toBe('通知（2 条未读）');
      const inbox = await openInbox(liPage);
      const items = inbox.getByTestId('notification-item');
      await items.nth(1).waitFor();
      expect(await items.nth(0).innerText()).toContain(`${ADMIN.name} 把 2 个商机转交给您`);
      const single = await items.nth(1).innerText();
      expect(single).toContain(`${ADMIN.name} 把客户「${HANDED.name}」转交给您`);
      expect(single).toContain(`备注：${HANDED.note}`);
      await screenshot(liPage, 'notifications-inbox-handoff', 'zh-CN', 'desktop', { fullPage: false });

      // The bulk one opens her deal list.
      await items.nth(0).click();
      await pathIs(liPage, '/opportunities');
      await expect.poll(() => bellLabel(liPage)).toBe('通知（1 条未读）');
      // "Mark all read" clears the rest.
      const again = await openInbox(liPage);
      await again.getByTestId('notification-mark-all').click();
      await expectText(liPage, '已全部标为已读');
      await expect.poll(() => bellLabel(liPage)).toBe('通知');
      expect(await again.locator('[data-unread="true"]').count()).toBe(0);
    });
    await li.close();
  });

  it('a follow-up mentions a colleague and carries a PDF; the timeline shows both and the colleague is told', async () => {
    const zhang = await newContext(live.browser, live.server.url, 'zh-CN');
    const zhangPage = await signIn(zhang, ZHANG);
    const customer = (await api(zhang, zhangPage.request, 'GET', '/api/customers')) as { items: { id: string; name: string }[] };
    const customerId = customer.items.find((c) => c.name === CUSTOMER)?.id;
    const deal = (await api(zhang, zhangPage.request, 'POST', '/api/opportunities', { name: DEAL, customerId })) as { id: string };

    await onFailureCapture(zhangPage, 'notifications-followup', async () => {
      await zhangPage.goto(`/opportunities/${deal.id}`);
      await zhangPage.getByTestId('followup-log').click();
      const drawer = zhangPage.getByRole('dialog').filter({ hasText: '跟进内容' });
      await drawer.waitFor();
      await drawer.getByTestId('followup-type').getByText('拜访', { exact: true }).click();
      await drawer.getByLabel('跟进内容').fill(VISIT);
      await drawer.getByLabel('下一步计划').fill('整理报价并约技术交流');
      await drawer.getByRole('button', { name: '3 天后' }).click();

      // 刘洋, his manager, is told; the quote goes along (报价单 is the first category, chosen already).
      await drawer.getByLabel('通知同事').click();
      await zhangPage.keyboard.type(LIU.name);
      await pickOption(zhangPage, LIU.name);
      await zhangPage.keyboard.press('Escape');
      expect(await drawer.getByTestId('followup-mentions').innerText()).toContain(LIU.name);
      expect(await drawer.getByTestId('followup-attachment-category').innerText()).toContain('报价单');
      await drawer.getByTestId('followup-attachments').locator('input[type=file]').setInputFiles({ name: QUOTE, mimeType: 'application/pdf', buffer: Buffer.from(PDF) });
      const row = drawer.getByTestId('followup-attachment').first();
      await row.getByTestId('followup-attachment-done').waitFor();
      expect(await row.innerText()).toContain(QUOTE);
      // A name the browser already knows is not allowed is refused there, and can be removed.
      await drawer.getByTestId('followup-attachments').locator('input[type=file]').setInputFiles({ name: 'setup.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
      await drawer.getByText('「setup.exe」的文件类型不支持', { exact: false }).waitFor();
      await drawer.getByRole('button', { name: '移除附件「setup.exe」' }).click();
      await expect.poll(() => drawer.getByTestId('followup-attachment').count()).toBe(1);

      for (const [width, viewport] of [
        ['desktop', VIEWPORTS.desktop],
        ['phone', PHONE_390],
      ] as const) {
        await zhangPage.setViewportSize(viewport);
        await drawer.getByTestId('followup-attachments').scrollIntoViewIfNeeded();
        await noToasts(zhangPage);
        await screenshot(zhangPage, 'followup-drawer-attachment', 'zh-CN', width, { fullPage: false });
        expect(await hasHorizontalOverflow(zhangPage), `the follow-up drawer overflows at ${width} width`).toBe(false);
      }
      await zhangPage.setViewportSize(VIEWPORTS.desktop);
      await drawer.getByTestId('followup-submit').click();
      await expectText(zhangPage, '跟进已记录');
      await drawer.waitFor({ state: 'hidden' });

      // On the timeline: the visit with its attachment (preview and download) and whom it told.
      const timeline = zhangPage.getByTestId('opportunity-timeline');
      const visit = timeline.getByTestId('timeline-event').filter({ hasText: VISIT });
      await visit.waitFor();
      const link = visit.getByTestId('followup-attachment-link');
      expect(await link.innerText()).toContain(QUOTE);
      expect(await link.innerText()).toContain('预览');
      expect(await link.innerText()).toContain('下载');
      expect(await visit.getByTestId('followup-mentioned').innerText()).toContain(`提到了 ${LIU.name}`);
      await noToasts(zhangPage);
      await visit.scrollIntoViewIfNeeded();
      await visit.screenshot({ path: `${SCREENSHOT_DIR}/followup-timeline-attachment-zh-CN-desktop.png` });
      // The upload is told with the follow-up, not again on its own.
      expect(await timeline.getByText(`上传了文件「${QUOTE}」`).count()).toBe(0);
      const href = await link.getByRole('link', { name: '下载' }).getAttribute('href');
      const bytes = await zhangPage.evaluate(async (url: string) => (await fetch(url)).text(), href ?? '');
      expect(bytes).toBe(PDF);
      // And among the deal's files.
      await zhangPage.getByTestId('files-card').getByText(QUOTE).waitFor();

      // Correcting it: the attachment is there and 刘洋 still picked; a file added and then abandoned is deleted again.
      await visit.getByRole('button', { name: '编辑' }).click();
      const edit = zhangPage.getByRole('dialog').filter({ hasText: '编辑跟进' });
      await edit.waitFor();
      expect(await edit.getByTestId('followup-mentions').innerText()).toContain(LIU.name);
      expect(await edit.getByTestId('followup-attachment').first().innerText()).toContain(QUOTE);
      expect(await edit.getByTestId('followup-attachment').first().innerText()).toContain('已附加');
      await edit.getByTestId('followup-attachments').locator('input[type=file]').setInputFiles({ name: '草稿.pdf', mimeType: 'application/pdf', buffer: Buffer.from(PDF) });
      await edit.getByTestId('followup-attachment-done').waitFor();
      await zhangPage.getByTestId('files-card').getByText('草稿.pdf').waitFor();
      await edit.getByRole('button', { name: '取消' }).click();
      await edit.waitFor({ state: 'hidden' });
      await expect.poll(() => zhangPage.getByTestId('files-card').getByText('草稿.pdf').count(), { timeout: 10_000 }).toBe(0);
    });

    const liu = await newContext(live.browser, live.server.url, 'zh-CN');
    const liuPage = await signIn(liu, LIU);
    await onFailureCapture(liuPage, 'notifications-mention', async () => {
      await expect.poll(() => bellLabel(liuPage), { timeout: 15_000 }).toBe('通知（1 条未读）');
      const inbox = await openInbox(liuPage);
      const item = inbox.getByTestId('notification-item').first();
      await item.waitFor();
      const text = await item.innerText();
      expect(text).toContain(`${ZHANG.name} 在商机「${DEAL}」的跟进记录中提到了您：`);
      expect(text).toContain(VISIT.slice(0, 20));
      await item.click();
      await pathIs(liuPage, /^\/opportunities\/[0-9a-f-]+$/);
      await liuPage.getByTestId('opportunity-timeline').getByText(VISIT).waitFor();
      const unread = (await api(liu, liuPage.request, 'GET', '/api/notifications/unread-count')) as Json;
      expect(unread.unreadCount).toBe(0);
    });
    await Promise.all([zhang.close(), liu.close()]);
  });
});
