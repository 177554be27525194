/**
 * Follow-ups (跟进记录) in a real browser against a real server: the administrator finds the follow-up
 * rules and the key fields on Workspace settings; 张伟 tries to log a bare "已联系" and is told all three
 * rules it breaks, then logs a real visit with a next step and a date (a quick pick), corrects it, logs
 * and deletes a second one; after he hands the customer to 李娜, she sees the visit on the timeline (not
 * his to edit) and the next follow-up date on the record.
 * Screenshots of the form and the detail page, in both languages at desktop and phone width, land in
 * .test-artifacts/screenshots/ (git-ignored).
 */
import { describe, expect, it } from 'vitest';

import { expectText, type Lang, liveServerAndBrowser, newContext, onFailureCapture } from './harness';
import { api, shootBothWidths, signIn, switchLanguage, type Json } from './steps';

const ADMIN = { workspace: '星辰科技', name: '王建国', email: 'admin@example.com', password: 'admin-pass-123' };
const ZHANG = { name: '张伟', email: 'zhangwei@example.com', password: 'sales-pass-123' };
const LI = { name: '李娜', email: 'lina@example.com', password: 'sales-pass-456' };
const CUSTOMER = '华为技术有限公司';
const VISIT = {
  content: '上门拜访采购部王经理，介绍了私有化部署方案，客户很关心数据安全和交付周期。',
  outcome: '客户同意安排技术交流',
  nextStep: '发送报价单并约技术交流',
};

const live = liveServerAndBrowser();

/** A calendar date (YYYY-MM-DD) `days` after today in the workspace's timezone. */
function dayFromToday(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Asia/Shanghai' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** How the detail page shows a calendar date. */
function shownDate(date: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

describe('follow-ups', () => {
  it('holds a follow-up to the rules, logs a visit with its next step, and hands it over with the customer', async () => {
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

    // The administrator finds the follow-up rules and the key fields on Workspace settings.
    await onFailureCapture(adminPage, 'followups-settings', async () => {
      await adminPage.goto('/admin/settings');
      await expectText(adminPage, '跟进规则');
      expect(await adminPage.getByLabel('跟进内容最少字数').inputValue()).toBe('10');
      expect(await adminPage.getByTestId('settings-require-next-step').getAttribute('aria-checked')).toBe('true');
      // 网址 becomes a key field of a customer; 微信 one of a contact.
      await adminPage.getByTestId('settings-customer-key-fields').getByText('网址', { exact: true }).click();
      await adminPage.getByTestId('settings-contact-key-fields').getByText('微信', { exact: true }).click();
      await adminPage.getByTestId('settings-save').click();
      await expectText(adminPage, '设置已保存');
      const settings = (await api(admin, adminPage.request, 'GET', '/api/workspace/settings')) as { followUps: Json; keyFields: { customer: string[]; contact: string[] } };
      expect(settings.followUps).toEqual({ minContentLength: 10, requireNextStep: true });
      expect(settings.keyFields.customer).toContain('website');
      expect(settings.keyFields.contact).toContain('wechat');
      await shootBothWidths(adminPage, 'workspace-settings-rules', 'zh-CN');
      // Back to the defaults, so the rest reads as usual.
      await api(admin, adminPage.request, 'PATCH', '/api/workspace/settings', {
        keyFields: { customer: ['uscc', 'industry', 'province', 'city', 'phone', 'level'], contact: ['title', 'mobile', 'email', 'decisionRole'] },
      });
    });

    const zhang = await newContext(live.browser, live.server.url, 'zh-CN');
    const zhangPage = await signIn(zhang, ZHANG);
    const customer = (await api(zhang, zhangPage.request, 'POST', '/api/customers', { name: CUSTOMER, phone: '13800138000', city: '深圳市' })) as { id: string };
    const visitDate = dayFromToday(3);

    await onFailureCapture(zhangPage, 'followups-zhang', async () => {
      await zhangPage.goto(`/customers/${customer.id}`);
      await expectText(zhangPage, '客户信息');
      await expectText(zhangPage, '尚未跟进');

      // A bare "已联系" breaks all three rules, and says so before anything is sent.
      await zhangPage.getByTestId('followup-log').click();
      const drawer = zhangPage.getByRole('dialog').filter({ hasText: '跟进内容' });
      await drawer.waitFor();
      await drawer.getByLabel('跟进内容').fill('已联系');
      await expectText(zhangPage, '已写 3 字，至少 10 字');
      await drawer.getByTestId('followup-submit').click();
      await expectText(zhangPage, '跟进内容至少 10 个字，请写清楚沟通了什么');
      await expectText(zhangPage, '请填写下一步计划');
      await expectText(zhangPage, '请选择下次跟进日期');
      const untouched = (await api(zhang, zhangPage.request, 'GET', `/api/customers/${customer.id}`)) as Json;
      expect(untouched.lastFollowUpAt).toBeNull();

      // Closing the customer needs no next step: those fields switch off (and their errors go).
      await drawer.getByText('客户已结束（无需下一步）').click();
      await expect.poll(() => drawer.getByLabel('下一步计划').isDisabled()).toBe(true);
      await expect.poll(() => drawer.getByText('请填写下一步计划', { exact: true }).count()).toBe(0);
      await drawer.getByText('客户已结束（无需下一步）').click();
      await expect.poll(() => drawer.getByLabel('下一步计划').isDisabled()).toBe(false);

      // A real visit, with what comes next.
      await drawer.getByTestId('followup-type').getByText('拜访', { exact: true }).click();
      await drawer.getByLabel('跟进内容').fill(VISIT.content);
      await drawer.getByLabel('结果').fill(VISIT.outcome);
      await drawer.getByLabel('下一步计划').fill(VISIT.nextStep);
      await drawer.getByRole('button', { name: '3 天后' }).click();
      expect(await drawer.getByLabel('下次跟进日期').inputValue()).toBe(visitDate);
      await shootBothWidths(zhangPage, 'followup-form', 'zh-CN', { fullPage: false });
      await drawer.getByTestId('followup-submit').click();
      await expectText(zhangPage, '跟进已记录');
      await drawer.waitFor({ state: 'hidden' });

      const timeline = zhangPage.getByTestId('customer-timeline');
      const first = timeline.getByTestId('timeline-event').first();
      await first.getByText(VISIT.content).waitFor();
      expect(await first.innerText()).toContain(`${ZHANG.name} 记录了一次拜访`);
      expect(await first.innerText()).toContain(`下一步：${VISIT.nextStep}（${visitDate}）`);
      await expectText(zhangPage, shownDate(visitDate, 'zh-CN'));

      // His own follow-up: he corrects the outcome.
      await first.getByRole('button', { name: '编辑' }).click();
      const edit = zhangPage.getByRole('dialog').filter({ hasText: '编辑跟进' });
      await edit.waitFor();
      expect(await edit.getByLabel('跟进内容').inputValue()).toBe(VISIT.content);
      await edit.getByLabel('结果').fill(`${VISIT.outcome}，下周确认时间`);
      await edit.getByTestId('followup-submit').click();
      await expectText(zhangPage, '修改已保存');
      await first.getByText(`结果：${VISIT.outcome}，下周确认时间`).waitFor();

      // A second, quick call moves the next date to tomorrow; deleting it moves it back.
      await zhangPage.getByTestId('followup-log').click();
      const second = zhangPage.getByRole('dialog').filter({ hasText: '跟进内容' });
      await second.getByLabel('跟进内容').fill('电话确认技术交流的参会人员，共三位。');
      await second.getByLabel('下一步计划').fill('准备演示环境');
      await second.getByRole('button', { name: '明天' }).click();
      await second.getByTestId('followup-submit').click();
      await expectText(zhangPage, '跟进已记录');
      await expectText(zhangPage, shownDate(dayFromToday(1), 'zh-CN'));
      const latest = timeline.getByTestId('timeline-event').first();
      await latest.getByText('记录了一次电话沟通', { exact: false }).waitFor();
      await latest.getByRole('button', { name: '删除' }).click();
      const confirm = zhangPage.getByRole('dialog').filter({ hasText: '删除这条跟进？' });
      await confirm.getByRole('button', { name: '删除' }).click();
      await expectText(zhangPage, '跟进已删除');
      await expectText(zhangPage, shownDate(visitDate, 'zh-CN'));
      await expect.poll(() => timeline.getByText('记录了一次电话沟通', { exact: false }).count(), { timeout: 10_000 }).toBe(0);

      // He hands the customer to 李娜.
      const current = (await api(zhang, zhangPage.request, 'GET', `/api/customers/${customer.id}`)) as { version: number; nextFollowUpOn: string };
      expect(current.nextFollowUpOn).toBe(visitDate);
      await api(zhang, zhangPage.request, 'POST', `/api/customers/${customer.id}/transfer`, { version: current.version, toUserId: users[LI.name], note: '华南区域调整' });
    });

    // 李娜 sees the visit and its next step, and the next follow-up date on the record; it is not hers to edit.
    const li = await newContext(live.browser, live.server.url, 'zh-CN');
    const liPage = await signIn(li, LI);
    await onFailureCapture(liPage, 'followups-li', async () => {
      await liPage.goto(`/customers/${customer.id}`);
      const timeline = liPage.getByTestId('customer-timeline');
      await timeline.getByText(VISIT.content).waitFor();
      const visit = timeline.getByTestId('timeline-event').filter({ hasText: VISIT.content });
      expect(await visit.innerText()).toContain(`${ZHANG.name} 记录了一次拜访`);
      expect(await visit.innerText()).toContain(`下一步：${VISIT.nextStep}（${visitDate}）`);
      expect(await visit.getByTestId('followup-actions').count()).toBe(0);
      await expectText(liPage, shownDate(visitDate, 'zh-CN'));
      await shootBothWidths(liPage, 'followup-detail', 'zh-CN');

      await switchLanguage(liPage, 'en');
      await expectText(liPage, 'Activity');
      expect(await visit.innerText()).toContain(`${ZHANG.name} logged a visit`);
      expect(await visit.innerText()).toContain(`Next: ${VISIT.nextStep} (${visitDate})`);
      await expectText(liPage, shownDate(visitDate, 'en'));
      await shootBothWidths(liPage, 'followup-detail', 'en');

      // The form in English, with the rules' messages.
      await liPage.getByTestId('followup-log').click();
      const drawer = liPage.getByRole('dialog').filter({ hasText: 'What happened' });
      await drawer.waitFor();
      await drawer.getByLabel('What happened').fill('Called');
      await drawer.getByTestId('followup-submit').click();
      await expectText(liPage, 'Write at least 10 characters about what was discussed');
      await expectText(liPage, 'Add the next step');
      await expectText(liPage, 'Pick the next follow-up date');
      await shootBothWidths(liPage, 'followup-form', 'en', { fullPage: false });
      await drawer.getByRole('button', { name: 'Cancel' }).click();
      await switchLanguage(liPage, 'zh-CN');
    });

    await Promise.all([admin.close(), zhang.close(), li.close()]);
  });
});
