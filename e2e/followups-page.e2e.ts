/**
 * The follow-ups page (跟进) in a real browser against a real server: 张伟 and 李娜, two reps in 华东,
 * log follow-ups on their own customers, a deal and a contact (through the API, to keep it fast); their
 * manager 刘洋 opens 跟进 and sees both, by day, with each record's name and link, the overdue next step
 * marked; he filters by person, kind and day (the link keeps the filters), opens a deal from its entry,
 * loads more; 李娜 sees only her own; a new rep sees how to start.
 * Screenshots (zh-CN and en at desktop width, zh-CN at a 390 px phone) land in .test-artifacts/screenshots/.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { expectText, hasHorizontalOverflow, liveServerAndBrowser, newContext, onFailureCapture, screenshot, settle } from './harness';
import { api, noToasts, openNav, pathIs, pickOption, signIn, switchLanguage } from './steps';

const ADMIN = { workspace: '星辰科技', name: '王建国', email: 'admin@example.com', password: 'admin-pass-123' };
const ZHANG = { name: '张伟', email: 'zhangwei@example.com', password: 'sales-pass-123' };
const LI = { name: '李娜', email: 'lina@example.com', password: 'sales-pass-456' };
const LIU = { name: '刘洋', email: 'liuyang@example.com', password: 'manager-pass-123' };
const WANG = { name: '王芳', email: 'wangfang@example.com', password: 'sales-pass-789' };
const HUAWEI = '华为技术有限公司';
const BYD = '比亚迪股份有限公司';
const DEAL = '华为私有化部署项目';
const CONTACT = '王经理';
const PDF = '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n';
const PHONE = { width: 390, height: 844 };
const TZ = 'Asia/Shanghai';

const live = liveServerAndBrowser();

/** Today's date in the workspace's timezone, moved by `days`. */
function day(days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: TZ }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A moment on a day in Shanghai (UTC+8, no DST), `hour` o'clock. */
function at(date: string, hour: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + (hour - 8) * 3_600_000).toISOString();
}

/** A moment earlier today, never before midnight (a run just after midnight stays on today). */
function earlierToday(minutes: number): string {
  return new Date(Math.max(Date.now() - minutes * 60_000, Date.parse(at(day(), 0)) + 1000)).toISOString();
}

async function uploadPdf(context: BrowserContext, page: Page, target: { type: string; id: string }, name: string): Promise<string> {
  const csrf = (await context.cookies()).find((c) => c.name === 'kairos_csrf')?.value ?? '';
  const query = new URLSearchParams({ targetType: target.type, targetId: target.id, category: 'quote', name });
  const response = await page.request.fetch(`/api/files?${query}`, { method: 'POST', data: Buffer.from(PDF), headers: { 'Content-Type': 'application/octet-stream', 'X-CSRF-Token': csrf } });
  if (!response.ok()) throw new Error(`upload → ${response.status()}: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

const entries = (page: Page) => page.getByTestId('followups-feed').getByTestId('followup-entry');
const entryWith = (page: Page, text: string) => entries(page).filter({ hasText: text });

async function expectEntryCount(page: Page, count: number) {
  await expect.poll(async () => (await page.getByTestId('followups-feed').getAttribute('aria-busy')) === 'false' && (await entries(page).count()), { timeout: 10_000 }).toBe(count);
}

describe('follow-ups page', () => {
  it('a manager sees what both reps did, by day, filters it and opens a record; a rep sees only their own', async () => {
    // 张伟 and 李娜 (sales) and their manager 刘洋, all in 华东; 王芳 (sales) has done nothing yet.
    const admin = await newContext(live.browser, live.server.url, 'zh-CN');
    const adminPage = await admin.newPage();
    await api(admin, adminPage.request, 'POST', '/api/setup', { workspaceName: ADMIN.workspace, adminName: ADMIN.name, email: ADMIN.email, password: ADMIN.password, locale: 'zh-CN' });
    const roles = (await api(admin, adminPage.request, 'GET', '/api/roles')) as { items: { id: string; key: string }[] };
    const roleId = (key: string) => roles.items.find((r) => r.key === key)?.id;
    const east = (await api(admin, adminPage.request, 'POST', '/api/departments', { name: '华东销售部' })) as { id: string };
    const users: Record<string, string> = {};
    for (const [who, role] of [
      [ZHANG, 'sales'],
      [LI, 'sales'],
      [LIU, 'manager'],
      [WANG, 'sales'],
    ] as const) {
      const created = (await api(admin, adminPage.request, 'POST', '/api/users', { ...who, departmentId: east.id, roleIds: [roleId(role)] })) as { id: string };
      users[who.name] = created.id;
    }
    await admin.close();

    // 张伟: a visit to 华为 today (with the quote attached), a call on its deal last night whose next
    // step was due yesterday (overdue: nothing since), and a WeChat chat with its contact a week ago.
    const zhang = await newContext(live.browser, live.server.url, 'zh-CN');
    const zhangPage = await signIn(zhang, ZHANG);
    const huawei = (await api(zhang, zhangPage.request, 'POST', '/api/customers', { name: HUAWEI, city: '深圳市' })) as { id: string };
    const deal = (await api(zhang, zhangPage.request, 'POST', '/api/opportunities', { name: DEAL, customerId: huawei.id })) as { id: string };
    const contact = (await api(zhang, zhangPage.request, 'POST', '/api/contacts', { customerId: huawei.id, name: CONTACT, title: '采购经理' })) as { id: string };
    const quote = await uploadPdf(zhang, zhangPage, { type: 'customer', id: huawei.id }, '华为报价单.pdf');
    const log = (context: BrowserContext, page: Page, body: Record<string, unknown>) => api(context, page.request, 'POST', '/api/followups', body);
    await log(zhang, zhangPage, {
      targetType: 'customer',
      targetId: huawei.id,
      type: 'visit',
      occurredAt: earlierToday(30),
      content: '上门拜访采购部，介绍了私有化部署方案，客户关心数据安全。',
      outcome: '客户同意安排技术交流',
      nextStep: '发送报价单',
      nextFollowUpOn: day(3),
      fileIds: [quote],
    });
    await log(zhang, zhangPage, {
      targetType: 'opportunity',
      targetId: deal.id,
      type: 'call',
      occurredAt: at(day(-1), 21),
      content: '电话确认技术交流的参会人员和议程。',
      nextStep: '确认技术交流时间',
      nextFollowUpOn: day(-1),
    });
    await log(zhang, zhangPage, {
      targetType: 'contact',
      targetId: contact.id,
      type: 'wechat',
      occurredAt: at(day(-8), 10),
      content: '微信同步了预算审批的进度，预计下月初完成。',
      nextStep: '跟进预算审批结果',
      nextFollowUpOn: day(14),
      mentions: [users[LIU.name]],
    });

    // 李娜: a meeting at 比亚迪 today; an e-mail three days ago whose next step the meeting settled.
    const li = await newContext(live.browser, live.server.url, 'zh-CN');
    const liPage = await signIn(li, LI);
    const byd = (await api(li, liPage.request, 'POST', '/api/customers', { name: BYD, city: '深圳市' })) as { id: string };
    await log(li, liPage, {
      targetType: 'customer',
      targetId: byd.id,
      type: 'email',
      occurredAt: at(day(-3), 15),
      content: '邮件发送了产品白皮书和案例集。',
      nextStep: '约见信息部负责人',
      nextFollowUpOn: day(-2),
    });
    await log(li, liPage, {
      targetType: 'customer',
      targetId: byd.id,
      type: 'meeting',
      occurredAt: earlierToday(10),
      content: '与信息部负责人开会，梳理了数据平台的需求。',
      outcome: '确认了三个重点场景',
      nextStep: '整理需求文档',
      nextFollowUpOn: day(1),
    });

    const liu = await newContext(live.browser, live.server.url, 'zh-CN');
    const liuPage = await signIn(liu, LIU);
    await onFailureCapture(liuPage, 'followups-page-manager', async () => {
      await openNav(liuPage, '跟进');
      await pathIs(liuPage, '/followups');
      await expectText(liuPage, '团队最近做了什么：您能查看的客户、联系人和商机上的每一条跟进，按天汇总。');
      await expectEntryCount(liuPage, 5);
      await expectText(liuPage, '显示您可查看的全部跟进');

      // By day, newest first: today's two, then yesterday's call, then the older ones under their dates.
      const headings = await liuPage.getByTestId('followups-day-heading').allInnerTexts();
      expect(headings.slice(0, 2)).toEqual(['今天', '昨天']);
      expect(headings).toHaveLength(4);
      const texts = await entries(liuPage).allInnerTexts();
      expect(texts[0]).toContain(`${LI.name} 记录了一次会议`);
      expect(texts[1]).toContain(`${ZHANG.name} 记录了一次拜访`);
      expect(texts[2]).toContain(`${ZHANG.name} 记录了一次电话沟通`);

      // Each entry names its record (a deal and a contact with their customer), and what comes next.
      const visit = entryWith(liuPage, '上门拜访采购部');
      await visit.getByText(`客户：${HUAWEI}`).waitFor();
      expect(await visit.innerText()).toContain('结果：客户同意安排技术交流');
      expect(await visit.innerText()).toContain('下一步：发送报价单');
      expect(await visit.getByTestId('followup-attachment-link').innerText()).toContain('华为报价单.pdf');
      expect(await visit.getByTestId('followup-overdue').count()).toBe(0);
      const call = entryWith(liuPage, '电话确认技术交流');
      await call.getByText(`商机：${DEAL} · ${HUAWEI}`).waitFor();
      await call.getByTestId('followup-overdue').waitFor();
      const chat = entryWith(liuPage, '微信同步了预算审批');
      await chat.getByText(`联系人：${CONTACT} · ${HUAWEI}`).waitFor();
      expect(await chat.getByTestId('followup-mentioned').innerText()).toContain(`提到了 ${LIU.name}`);
      // The e-mail's next step is past, but the meeting since settled it: not overdue.
      const mail = entryWith(liuPage, '邮件发送了产品白皮书');
      await mail.getByText(`客户：${BYD}`).waitFor();
      expect(await mail.getByTestId('followup-overdue').count()).toBe(0);
      expect(await chat.getByTestId('followup-record').getAttribute('href')).toBe(`/customers/${huawei.id}?contact=${contact.id}`);

      await noToasts(liuPage);
      await screenshot(liuPage, 'followups-page', 'zh-CN', 'desktop');
      expect(await hasHorizontalOverflow(liuPage)).toBe(false);

      // Only 张伟's: three entries, and the link says so.
      await liuPage.getByTestId('followups-author').click();
      await pickOption(liuPage, ZHANG.name);
      await expectEntryCount(liuPage, 3);
      expect(new URL(liuPage.url()).searchParams.get('author')).toBe(users[ZHANG.name]);
      await liuPage.getByTestId('followups-chip-author').getByText(`跟进人：${ZHANG.name}`).waitFor();

      // His visits only; then anyone's visits (the author chip removed).
      await liuPage.getByTestId('followups-type').click();
      await pickOption(liuPage, '拜访');
      await expect.poll(async () => (await entries(liuPage).allInnerTexts()).map((text) => text.split('\n')[0])).toEqual([`${ZHANG.name} 记录了一次拜访`]);
      await liuPage.getByTestId('followups-chip-type').getByText('方式：拜访').waitFor();
      await liuPage.getByLabel(`移除筛选：跟进人：${ZHANG.name}`).click();
      await expectEntryCount(liuPage, 1);
      expect(new URL(liuPage.url()).searchParams.get('author')).toBeNull();
      // Meetings: 李娜's.
      await liuPage.getByTestId('followups-type').click();
      await pickOption(liuPage, '会议');
      await expect.poll(async () => (await entries(liuPage).allInnerTexts()).map((text) => text.split('\n')[0])).toEqual([`${LI.name} 记录了一次会议`]);
      await liuPage.getByLabel('移除筛选：方式：会议').click();
      await expectEntryCount(liuPage, 5);

      // Today's only, oldest first.
      await liuPage.getByTestId('followups-period').getByText('今天', { exact: true }).click();
      await expectEntryCount(liuPage, 2);
      await liuPage.getByTestId('followups-chip-period').getByText('时间：今天').waitFor();
      await liuPage.getByTestId('followups-sort').click();
      await expect.poll(() => new URL(liuPage.url()).searchParams.get('sort')).toBe('occurredAt');
      await expect.poll(async () => (await entries(liuPage).first().innerText()).includes(`${ZHANG.name} 记录了一次拜访`)).toBe(true);
      expect(new URL(liuPage.url()).searchParams.get('period')).toBe('today');

      // Chosen days, from a link: the three days before today.
      await liuPage.goto(`/followups?from=${day(-3)}&to=${day(-1)}`);
      await expectEntryCount(liuPage, 2);
      expect(await liuPage.getByTestId('followups-chip-period').innerText()).toMatch(/^时间：\d+月\d+日 – \d+月\d+日$/);
      await liuPage.getByTestId('followups-range').first().waitFor();
      await screenshot(liuPage, 'followups-page-range', 'zh-CN', 'desktop', { fullPage: false });

      // A link reproduces a view: 张伟's calls.
      await liuPage.goto(`/followups?author=${users[ZHANG.name]}&type=call`);
      await expectEntryCount(liuPage, 1);
      await liuPage.getByTestId('followups-chip-author').getByText(`跟进人：${ZHANG.name}`).waitFor();
      await liuPage.getByTestId('followups-chip-type').getByText('方式：电话').waitFor();
      await liuPage.getByTestId('followups-clear').click();
      await expectEntryCount(liuPage, 5);
      expect(new URL(liuPage.url()).search).toBe('');

      // An entry opens its record.
      await entryWith(liuPage, '电话确认技术交流').getByTestId('followup-record').click();
      await pathIs(liuPage, `/opportunities/${deal.id}`);
      await expectText(liuPage, DEAL);
      await liuPage.goBack();
      await pathIs(liuPage, '/followups');
      await expectEntryCount(liuPage, 5);

      // In English.
      await switchLanguage(liuPage, 'en');
      await expectText(liuPage, 'Showing every follow-up you can see');
      const headingsEn = await liuPage.getByTestId('followups-day-heading').allInnerTexts();
      expect(headingsEn.slice(0, 2)).toEqual(['Today', 'Yesterday']);
      expect(await entryWith(liuPage, '电话确认技术交流').innerText()).toContain(`Deal: ${DEAL} · ${HUAWEI}`);
      await entryWith(liuPage, '电话确认技术交流').getByText('Overdue').waitFor();
      await liuPage.getByTestId('followups-period').getByText('This week', { exact: true }).click();
      await liuPage.getByTestId('followups-chip-period').getByText('When: This week').waitFor();
      await liuPage.getByTestId('followups-period').getByText('All', { exact: true }).click();
      await expectEntryCount(liuPage, 5);
      await screenshot(liuPage, 'followups-page', 'en', 'desktop');
      expect(await hasHorizontalOverflow(liuPage)).toBe(false);
      await switchLanguage(liuPage, 'zh-CN');

      // At phone width the filters wait behind a button, in a drawer.
      await liuPage.setViewportSize(PHONE);
      await liuPage.goto(`/followups?author=${users[ZHANG.name]}`);
      await expectEntryCount(liuPage, 3);
      expect(await liuPage.getByTestId('followups-filters').count()).toBe(0);
      await liuPage.evaluate('window.scrollTo(0, 0)');
      await settle(liuPage, 300);
      await screenshot(liuPage, 'followups-page', 'zh-CN', 'phone');
      expect(await hasHorizontalOverflow(liuPage)).toBe(false);
      await liuPage.getByTestId('followups-filter-toggle').click();
      const drawer = liuPage.getByTestId('followups-filter-drawer');
      await drawer.getByTestId('followups-filters').waitFor();
      await drawer.getByTestId('followups-from').waitFor();
      await screenshot(liuPage, 'followups-page-filters', 'zh-CN', 'phone', { fullPage: false });
      // From today on: picking a day is a custom period.
      await drawer.getByTestId('followups-from').click();
      // Once the calendar has finished opening (a click during its animation may not pick).
      await settle(liuPage, 300);
      await liuPage.locator('.ant-picker-dropdown').filter({ visible: true }).locator('.ant-picker-cell-today').click();
      await expect.poll(() => new URL(liuPage.url()).searchParams.get('from')).toBe(day());
      await drawer.getByTestId('followups-filter-done').click();
      await expectEntryCount(liuPage, 1);
      await liuPage.getByTestId('followups-chip-period').getByText(/^时间：.+ 起$/).waitFor();
      await liuPage.getByTestId('followups-chip-period').getByLabel(/^移除筛选/).click();
      await expectEntryCount(liuPage, 3);
      await liuPage.getByTestId('followups-filter-toggle').click();
      await drawer.getByTestId('followups-type').click();
      await pickOption(liuPage, '微信');
      await drawer.getByTestId('followups-filter-done').click();
      await expectEntryCount(liuPage, 1);
      await liuPage.getByTestId('followups-chip-type').getByText('方式：微信').waitFor();
      expect(await hasHorizontalOverflow(liuPage)).toBe(false);
      // The drawer in English, whose words are longer.
      await switchLanguage(liuPage, 'en');
      await liuPage.getByTestId('followups-filter-toggle').click();
      await drawer.getByTestId('followups-filters').waitFor();
      await screenshot(liuPage, 'followups-page-filters', 'en', 'phone', { fullPage: false });
      await drawer.getByTestId('followups-filter-done').click();
      await switchLanguage(liuPage, 'zh-CN');
      await liuPage.setViewportSize({ width: 1280, height: 800 });
    });

    // 李娜 sees only her own two.
    await onFailureCapture(liPage, 'followups-page-rep', async () => {
      await liPage.goto('/followups');
      await expectEntryCount(liPage, 2);
      for (const text of await entries(liPage).allInnerTexts()) expect(text).toContain(LI.name);
      expect(await entryWith(liPage, '上门拜访采购部').count()).toBe(0);
    });

    // 王芳 has logged nothing: the page says where follow-ups are written, and takes her to customers.
    const wang = await newContext(live.browser, live.server.url, 'zh-CN');
    const wangPage = await signIn(wang, WANG);
    await onFailureCapture(wangPage, 'followups-page-empty', async () => {
      await wangPage.goto('/followups');
      await expectText(wangPage, '还没有跟进记录');
      await screenshot(wangPage, 'followups-page-empty', 'zh-CN', 'desktop');
      await wangPage.goto('/followups?type=visit');
      await expectText(wangPage, '没有符合筛选条件的跟进');
      await wangPage.getByRole('button', { name: '清除筛选' }).last().click();
      await expectText(wangPage, '还没有跟进记录');
      await wangPage.getByRole('button', { name: '去客户列表' }).click();
      await pathIs(wangPage, '/customers');
    });

    // Many follow-ups come a page at a time.
    await onFailureCapture(liuPage, 'followups-page-more', async () => {
      for (let i = 0; i < 28; i++) {
        await log(zhang, zhangPage, { targetType: 'customer', targetId: huawei.id, type: 'call', occurredAt: at(day(-20), 9 + (i % 10)), content: `例行电话回访第 ${i + 1} 次，客户运行正常。`, closing: true });
      }
      await liuPage.goto('/followups');
      await expectEntryCount(liuPage, 30);
      await liuPage.getByTestId('followups-more').click();
      await expectEntryCount(liuPage, 33);
      await expectText(liuPage, '没有更多了');
    });
  });
});
