/**
 * Custom fields (零代码) and comments with @mentions in a real browser against a real server. The
 * administrator adds two fields to opportunities from the admin page — 招标编号 (text, required) and 渠道
 * (a choice of 直销 / 伙伴). 张伟, a rep, opens a deal and is stopped until 招标编号 is filled in, sees both
 * values on the deal's page, finds the deal by 渠道 = 伙伴 in the list, and comments on it @mentioning his
 * manager 李强 through the picker. 李强 finds the comment under his mentions (and on his home page), opens
 * the deal from there and reads it on the timeline. Screenshots of the admin page, the deal form with
 * its custom fields, a timeline with comments and the mentions page, in both languages at desktop and
 * phone width, land in .test-artifacts/screenshots/ (git-ignored).
 */
import { describe, expect, it } from 'vitest';

import { expectText, liveServerAndBrowser, newContext, onFailureCapture } from './harness';
import { api, noToasts, openNav, pathIs, pickOption, shootBothWidths, signIn, switchLanguage } from './steps';

const ADMIN = { workspace: '星辰科技', name: '王建国', email: 'admin@example.com', password: 'admin-pass-123' };
const ZHANG = { name: '张伟', email: 'zhangwei@example.com', password: 'sales-pass-123' };
const LI = { name: '李强', email: 'liqiang@example.com', password: 'manager-pass-123' };
const CUSTOMER = { name: '华为技术有限公司', phone: '13800138000', city: '深圳市' };
const DEAL = { name: '华为数据中心扩容', tender: 'ZB-2025-0317' };
const OTHER_DEAL = { name: '华为办公网改造' };
const COMMENT = { before: '请', after: '帮忙看一下报价，客户希望本周内给答复。' };
const CONTACT = { name: '王磊', title: '采购经理', mobile: '13900139000' };
const CONTACT_COMMENT = '王经理下周出差，报价请直接发邮件给他。';

const live = liveServerAndBrowser();

describe('custom fields and comments', () => {
  it('an admin adds deal fields; a rep fills them, filters by them and @mentions his manager, who finds it', async () => {
    // The workspace: 张伟 (sales) and his manager 李强 in one department, so 李强 sees 张伟's deals.
    const admin = await newContext(live.browser, live.server.url, 'zh-CN');
    const adminPage = await admin.newPage();
    await api(admin, adminPage.request, 'POST', '/api/setup', { workspaceName: ADMIN.workspace, adminName: ADMIN.name, email: ADMIN.email, password: ADMIN.password, locale: 'zh-CN' });
    const roles = (await api(admin, adminPage.request, 'GET', '/api/roles')) as { items: { id: string; key: string }[] };
    const roleId = (key: string) => roles.items.find((r) => r.key === key)?.id;
    const department = (await api(admin, adminPage.request, 'POST', '/api/departments', { name: '华东销售部' })) as { id: string };
    const zhangUser = (await api(admin, adminPage.request, 'POST', '/api/users', { ...ZHANG, departmentId: department.id, roleIds: [roleId('sales')] })) as { id: string };
    const liUser = (await api(admin, adminPage.request, 'POST', '/api/users', { ...LI, departmentId: department.id, roleIds: [roleId('manager')] })) as { id: string };
    expect(zhangUser.id).toBeTruthy();

    // The administrator adds 招标编号 (required text) and 渠道 (a choice) to opportunities, from the admin page.
    await onFailureCapture(adminPage, 'fields-admin', async () => {
      await adminPage.goto('/');
      await openNav(adminPage, '自定义字段');
      await pathIs(adminPage, '/admin/fields');
      await adminPage.getByTestId('field-tabs').getByRole('tab', { name: '商机' }).click();
      await expectText(adminPage, '商机还没有自定义字段');

      await adminPage.getByTestId('field-add').click();
      let drawer = adminPage.getByRole('dialog').filter({ hasText: '添加商机字段' });
      await drawer.waitFor();
      await drawer.getByLabel('中文名称').fill('招标编号');
      await drawer.getByLabel('英文名称').fill('Tender No.');
      // The key follows the English name until one is typed.
      expect(await drawer.getByLabel('字段标识').inputValue()).toBe('tender_no');
      await drawer.getByTestId('field-required').click();
      await drawer.getByTestId('field-drawer-submit').click();
      await expectText(adminPage, '字段已添加');
      await drawer.waitFor({ state: 'hidden' });

      await adminPage.getByTestId('field-add').click();
      drawer = adminPage.getByRole('dialog').filter({ hasText: '添加商机字段' });
      await drawer.waitFor();
      await drawer.getByLabel('中文名称').fill('渠道');
      await drawer.getByLabel('英文名称').fill('Channel');
      await drawer.getByTestId('field-type').click();
      await pickOption(adminPage, '单选');
      // A choice field needs options: saving without any says so.
      await drawer.getByTestId('field-drawer-submit').click();
      await expectText(adminPage, '单选或多选字段至少需要一个选项');
      for (const [zh, en] of [
        ['直销', 'Direct'],
        ['伙伴', 'Partner'],
      ] as const) {
        await drawer.getByTestId('field-option-add').click();
        const row = drawer.getByTestId('field-option').last();
        await row.getByLabel('中文名称').fill(zh);
        await row.getByLabel('英文名称（选填）').fill(en);
      }
      await shootBothWidths(adminPage, 'custom-field-drawer', 'zh-CN', { fullPage: false });
      await drawer.getByTestId('field-drawer-submit').click();
      await expectText(adminPage, '字段已添加');
      await drawer.waitFor({ state: 'hidden' });

      const rows = adminPage.getByTestId('field-row');
      await rows.nth(1).waitFor();
      expect(await rows.nth(0).innerText()).toContain('招标编号');
      expect(await rows.nth(0).innerText()).toContain('必填');
      expect(await rows.nth(1).innerText()).toContain('直销、伙伴');
      const fields = (await api(admin, adminPage.request, 'GET', '/api/fields?entity=opportunity')) as { items: Record<string, unknown>[] };
      expect(fields.items).toMatchObject([
        { key: 'tender_no', type: 'text', required: true, labelEn: 'Tender No.' },
        {
          key: 'channel',
          type: 'select',
          required: false,
          options: [
            { value: 'direct', labelZh: '直销', labelEn: 'Direct' },
            { value: 'partner', labelZh: '伙伴', labelEn: 'Partner' },
          ],
        },
      ]);
      await noToasts(adminPage);
      await shootBothWidths(adminPage, 'custom-fields', 'zh-CN');

      await switchLanguage(adminPage, 'en');
      await adminPage.getByTestId('field-tabs').getByRole('tab', { name: 'Opportunities' }).waitFor();
      await expectText(adminPage, 'Single choice');
      await shootBothWidths(adminPage, 'custom-fields', 'en');
      await switchLanguage(adminPage, 'zh-CN');
      // Follow-ups get a field too (through the API here); their entries on timelines show it.
      await api(admin, adminPage.request, 'POST', '/api/fields', { entity: 'followup', key: 'place', labelZh: '拜访地点', labelEn: 'Place', type: 'text' });
    });
    await admin.close();

    // 张伟 opens a deal: the form asks for both fields and will not save without 招标编号.
    const zhang = await newContext(live.browser, live.server.url, 'zh-CN');
    const zhangPage = await signIn(zhang, ZHANG);
    const customer = (await api(zhang, zhangPage.request, 'POST', '/api/customers', CUSTOMER)) as { id: string };
    await api(zhang, zhangPage.request, 'POST', '/api/opportunities', { name: OTHER_DEAL.name, customerId: customer.id, custom: { tender_no: 'ZB-2025-0001', channel: 'direct' } });
    let dealId = '';
    await onFailureCapture(zhangPage, 'fields-deal', async () => {
      await openNav(zhangPage, '商机');
      await pathIs(zhangPage, '/opportunities');
      await zhangPage.getByTestId('opportunity-new').click();
      const drawer = zhangPage.getByRole('dialog').filter({ hasText: '新建商机' });
      await drawer.waitFor();
      await drawer.getByLabel('商机名称').fill(DEAL.name);
      await drawer.getByLabel('客户', { exact: true }).click();
      await zhangPage.keyboard.type('华为');
      await pickOption(zhangPage, CUSTOMER.name);
      await drawer.getByTestId('custom-field-inputs').scrollIntoViewIfNeeded();
      await drawer.getByLabel('渠道').click();
      await pickOption(zhangPage, '伙伴');
      await drawer.getByTestId('opportunity-drawer-submit').click();
      const tender = drawer.locator('.ant-form-item').filter({ has: zhangPage.getByLabel('招标编号') });
      await tender.getByText('请填写此项').waitFor();
      expect(await zhangPage.getByText('商机已创建').count()).toBe(0);
      await shootBothWidths(zhangPage, 'opportunity-form-custom', 'zh-CN', { fullPage: false });
      await drawer.getByLabel('招标编号').fill(DEAL.tender);
      await tender.getByText('请填写此项').waitFor({ state: 'detached' });
      await drawer.getByTestId('opportunity-drawer-submit').click();
      await expectText(zhangPage, '商机已创建');
      await drawer.waitFor({ state: 'hidden' });

      const row = zhangPage.getByRole('row').filter({ hasText: DEAL.name });
      await row.getByRole('link', { name: DEAL.name }).click();
      await pathIs(zhangPage, /^\/opportunities\/[^/]+$/);
      dealId = new URL(zhangPage.url()).pathname.split('/').pop() ?? '';
      await zhangPage.getByTestId('custom-value-tender_no').getByText(DEAL.tender).waitFor();
      expect(await zhangPage.getByTestId('custom-value-channel').innerText()).toBe('伙伴');
      const deal = (await api(zhang, zhangPage.request, 'GET', `/api/opportunities/${dealId}`)) as { custom: unknown; can: unknown };
      expect(deal.custom).toEqual({ tender_no: DEAL.tender, channel: 'partner' });
      expect(deal.can).toMatchObject({ edit: true, delete: false });
      // The server says a rep may not delete: no delete button, whatever the page would have guessed.
      expect(await zhangPage.getByTestId('opportunity-delete').count()).toBe(0);

      // A follow-up's custom values show on its timeline entry.
      await api(zhang, zhangPage.request, 'POST', '/api/followups', {
        targetType: 'opportunity',
        targetId: dealId,
        type: 'visit',
        content: '到客户总部沟通扩容需求和招标时间表。',
        nextStep: '准备技术方案',
        nextFollowUpOn: '2099-01-01',
        custom: { place: '深圳总部' },
      });
      await zhangPage.reload();
      await zhangPage.getByTestId('opportunity-timeline').getByTestId('followup-custom').getByText('深圳总部').waitFor();
      expect(await zhangPage.getByTestId('followup-custom').innerText()).toContain('拜访地点：深圳总部');
    });

    // The list filters by 渠道 = 伙伴: only the new deal stays.
    await onFailureCapture(zhangPage, 'fields-filter', async () => {
      await zhangPage.goto('/opportunities');
      await zhangPage.getByRole('row').filter({ hasText: OTHER_DEAL.name }).waitFor();
      await zhangPage.getByTestId('custom-filter-field').click();
      await pickOption(zhangPage, '渠道');
      await zhangPage.getByTestId('custom-filter-value').click();
      await pickOption(zhangPage, '伙伴');
      await zhangPage.getByRole('row').filter({ hasText: OTHER_DEAL.name }).waitFor({ state: 'detached' });
      await zhangPage.getByRole('row').filter({ hasText: DEAL.name }).waitFor();
      const filtered = (await api(zhang, zhangPage.request, 'GET', '/api/opportunities?customKey=channel&customValue=partner')) as { items: { name: string }[] };
      expect(filtered.items.map((d) => d.name)).toEqual([DEAL.name]);
      await shootBothWidths(zhangPage, 'opportunities-custom-filter', 'zh-CN');
    });

    // He comments on the deal, picking 李强 from the @ list; then corrects it, and removes a stray one.
    await onFailureCapture(zhangPage, 'comments-write', async () => {
      await zhangPage.goto(`/opportunities/${dealId}`);
      const timeline = zhangPage.getByTestId('opportunity-timeline');
      const box = timeline.getByTestId('comment-composer').locator('textarea');
      await box.click();
      await zhangPage.keyboard.type(COMMENT.before);
      await zhangPage.keyboard.type('@');
      const picker = zhangPage.locator('.ant-mentions-dropdown').filter({ visible: true });
      await picker.getByText(LI.name, { exact: true }).click();
      await zhangPage.keyboard.type(COMMENT.after);
      expect(await box.inputValue()).toBe(`${COMMENT.before} @${LI.name} ${COMMENT.after}`);
      await timeline.getByTestId('comment-submit').click();
      await expectText(zhangPage, '评论已发表');
      const first = timeline.getByTestId('timeline-event').first();
      await first.getByText(COMMENT.after, { exact: false }).waitFor();
      expect(await first.innerText()).toContain(`${ZHANG.name} 发表了评论`);
      expect(await first.getByTestId('comment-mention').innerText()).toBe(`@${LI.name}`);
      expect(await box.inputValue()).toBe('');
      const comments = (await api(zhang, zhangPage.request, 'GET', `/api/comments?targetType=opportunity&targetId=${dealId}`)) as { items: { body: string; mentions: string[] }[] };
      expect(comments.items).toMatchObject([{ mentions: [liUser.id] }]);

      // Correcting it keeps the mention (the text still has it).
      await first.getByTestId('comment-edit').click();
      const editor = first.getByTestId('comment-editor').locator('textarea');
      await editor.press('Control+End');
      await zhangPage.keyboard.type('谢谢！');
      await first.getByTestId('comment-save').click();
      await expectText(zhangPage, '评论已更新');
      await first.getByText('（已编辑）').waitFor();
      expect(await first.getByTestId('comment-body').innerText()).toContain('谢谢！');
      const edited = (await api(zhang, zhangPage.request, 'GET', `/api/comments?targetType=opportunity&targetId=${dealId}`)) as { items: { mentions: string[] }[] };
      expect(edited.items[0]?.mentions).toEqual([liUser.id]);

      // A stray comment goes, after a confirmation.
      await box.fill('这条发错了');
      await timeline.getByTestId('comment-submit').click();
      await expectText(zhangPage, '评论已发表');
      const stray = timeline.getByTestId('timeline-event').filter({ hasText: '这条发错了' });
      await stray.getByTestId('comment-delete').click();
      const confirm = zhangPage.getByRole('dialog').filter({ hasText: '删除这条评论？' });
      await confirm.getByRole('button', { name: '删除' }).click();
      await expectText(zhangPage, '评论已删除');
      await stray.waitFor({ state: 'detached' });

      // The filter shows comments alone.
      await timeline.getByTestId('timeline-kind').getByText('评论', { exact: true }).click();
      await timeline.getByTestId('timeline-event').filter({ hasText: '创建了商机' }).waitFor({ state: 'detached' });
      await timeline.getByTestId('timeline-event').filter({ hasText: COMMENT.after }).waitFor();
      expect(await timeline.getByTestId('timeline-event').count()).toBe(1);
      await timeline.getByTestId('timeline-kind').getByText('全部', { exact: true }).click();
      await timeline.getByTestId('timeline-event').filter({ hasText: '创建了商机' }).waitFor();
      await noToasts(zhangPage);
      await shootBothWidths(zhangPage, 'opportunity-comments', 'zh-CN');

      await switchLanguage(zhangPage, 'en');
      await timeline.getByText('commented', { exact: false }).first().waitFor();
      expect(await timeline.getByTestId('timeline-event').first().innerText()).toContain(`${ZHANG.name} commented`);
      expect(await zhangPage.getByTestId('custom-value-channel').innerText()).toBe('Partner');
      await shootBothWidths(zhangPage, 'opportunity-comments', 'en');
      await zhangPage.getByTestId('opportunity-edit').click();
      const drawer = zhangPage.getByRole('dialog').filter({ hasText: 'Edit opportunity' });
      await drawer.getByTestId('custom-field-inputs').scrollIntoViewIfNeeded();
      expect(await drawer.getByLabel('Tender No.').inputValue()).toBe(DEAL.tender);
      await shootBothWidths(zhangPage, 'opportunity-form-custom', 'en', { fullPage: false });
      await drawer.getByRole('button', { name: 'Cancel' }).click();
      await switchLanguage(zhangPage, 'zh-CN');
    });

    // A contact has no page of its own: its activity opens from the customer's page, comments included.
    await onFailureCapture(zhangPage, 'comments-contact', async () => {
      await api(zhang, zhangPage.request, 'POST', '/api/contacts', { ...CONTACT, customerId: customer.id });
      await zhangPage.goto(`/customers/${customer.id}`);
      await zhangPage.getByTestId('contact-item').filter({ hasText: CONTACT.name }).getByTestId('contact-activity-open').click();
      const activity = zhangPage.getByRole('dialog').filter({ hasText: `${CONTACT.name} 的动态` });
      await activity.waitFor();
      await activity.getByText('添加了联系人', { exact: false }).first().waitFor();
      const box = activity.getByTestId('comment-composer').locator('textarea');
      await box.click();
      await zhangPage.keyboard.type('@');
      await zhangPage.locator('.ant-mentions-dropdown').filter({ visible: true }).getByText(LI.name, { exact: true }).click();
      await zhangPage.keyboard.type(CONTACT_COMMENT);
      await activity.getByTestId('comment-submit').click();
      await expectText(zhangPage, '评论已发表');
      await activity.getByTestId('timeline-event').filter({ hasText: CONTACT_COMMENT }).waitFor();
      await noToasts(zhangPage);
      await shootBothWidths(zhangPage, 'contact-activity', 'zh-CN', { fullPage: false });
    });
    await zhang.close();

    // 李强 finds the mention on his home page and under @我的, and opens the deal from it.
    const li = await newContext(live.browser, live.server.url, 'zh-CN');
    const liPage = await signIn(li, LI);
    await onFailureCapture(liPage, 'comments-mentions', async () => {
      await liPage.getByTestId('home-mentions').getByText(COMMENT.after, { exact: false }).waitFor();
      await openNav(liPage, '@我的');
      await pathIs(liPage, '/mentions');
      const item = liPage.getByTestId('mention-item').filter({ hasText: COMMENT.after });
      await item.getByText(DEAL.name).waitFor();
      const text = await item.innerText();
      expect(text).toContain(`${ZHANG.name}`);
      expect(text).toContain('在评论中提到了您');
      expect(await item.getByTestId('comment-mention').innerText()).toBe(`@${LI.name}`);
      await shootBothWidths(liPage, 'mentions', 'zh-CN');
      await switchLanguage(liPage, 'en');
      await item.getByText('mentioned you in a comment').waitFor();
      await shootBothWidths(liPage, 'mentions', 'en');
      await switchLanguage(liPage, 'zh-CN');

      // The mention on the contact opens its customer's page with the contact's activity.
      await liPage.getByTestId('mention-item').filter({ hasText: CONTACT_COMMENT }).click();
      await pathIs(liPage, `/customers/${customer.id}`);
      const activity = liPage.getByRole('dialog').filter({ hasText: `${CONTACT.name} 的动态` });
      await activity.getByTestId('timeline-event').filter({ hasText: CONTACT_COMMENT }).locator('.kairos-mention-me').waitFor();
      await activity.locator('.ant-drawer-close').click();
      await activity.waitFor({ state: 'hidden' });

      await liPage.goto('/mentions');
      await item.click();
      await pathIs(liPage, `/opportunities/${dealId}`);
      const timeline = liPage.getByTestId('opportunity-timeline');
      const comment = timeline.getByTestId('timeline-event').filter({ hasText: COMMENT.after });
      await comment.waitFor();
      expect(await comment.locator('.kairos-mention-me').innerText()).toBe(`@${LI.name}`);
      // Not his to correct; his manager's scope lets him edit the deal itself.
      expect(await comment.getByTestId('comment-actions').count()).toBe(0);
      await liPage.getByTestId('opportunity-edit').waitFor();
    });
    await li.close();
  });
});
