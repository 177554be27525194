import { describe, expect, it } from 'vitest';
import type { Notification } from '@kairos/domain/notifications';
import type { DuplicateMatch } from '@kairos/domain/customers';
import type { FollowUp } from '@kairos/domain/followups';
import type { TimelineItem } from '@kairos/domain/timeline';
import { addDepartment, addMember, withWorkspace } from '../../testing/factories';

const env = withWorkspace();

async function team() {
  const { ws } = env;
  const east = await addDepartment(ws, '华东大区');
  const south = await addDepartment(ws, '华南大区');
  const zhang = await addMember(ws, { role: 'sales', name: '张伟', departmentId: east.id });
  const li = await addMember(ws, { role: 'sales', name: '李娜', departmentId: south.id });
  const wang = await addMember(ws, { role: 'presales', name: '王工', departmentId: south.id });
  const customer = (await zhang.caller.post('/api/customers', { name: '杭州西湖数据科技有限公司', phone: '0571-88886666' })).body;
  return { zhang, li, wang, customer };
}

const inbox = async (caller: { get: (url: string) => Promise<{ body: { items: Notification[]; unreadCount: number } }> }, query = '') => (await caller.get(`/api/notifications${query}`)).body;

describe('notifications', () => {
  it('"ask the owner": a rep stopped by the duplicate check asks the owner, once a day, without learning the customer id', async () => {
    const { zhang, li, customer } = await team();
    const check = await li.caller.post('/api/duplicates/check', { name: '杭州西湖数据科技' });
    const match = (check.body.matches as DuplicateMatch[])[0];
    expect(match).toMatchObject({ id: null, visible: false, owner: { id: zhang.user.id, name: '张伟' } });
    expect(match?.askRef).toEqual(expect.any(String));
    expect(match?.askRef).not.toContain(customer.id);
    // The owner's own check has nobody to ask.
    expect(((await zhang.caller.post('/api/duplicates/check', { name: '杭州西湖数据科技' })).body.matches as DuplicateMatch[])[0]?.askRef).toBeNull();

    const asked = await li.caller.post('/api/duplicates/ask-owner', { ref: match?.askRef, message: '客户主动联系我，想了解华南分公司的合作，能否一起跟进？' });
    expect(asked.status).toBe(200);
    expect(asked.body).toEqual({ sent: true, ownerName: '张伟' });
    const zhangs = await inbox(zhang.caller);
    expect(zhangs.unreadCount).toBe(1);
    expect(zhangs.items).toMatchObject([{ kind: 'ask_owner', recordType: 'customer', recordId: customer.id, recordName: customer.name, actorId: li.user.id, actorName: '李娜', message: expect.stringContaining('华南分公司'), readAt: null }]);

    // Asking again the same day is refused with a clear message; the next day it is allowed.
    const again = await li.caller.post('/api/duplicates/ask-owner', { ref: match?.askRef });
    expect(again.status).toBe(429);
    expect(again.body.code).toBe('already_asked');
    env.t.clock.advance(25 * 3600_000);
    const fresh = ((await li.caller.post('/api/duplicates/check', { phone: '0571-88886666' })).body.matches as DuplicateMatch[])[0];
    expect((await li.caller.post('/api/duplicates/ask-owner', { ref: fresh?.askRef })).status).toBe(200);

    // A reference is sealed to whoever ran the check, and cannot be forged or expired ones reused.
    const stolen = await env.ws.admin.post('/api/duplicates/ask-owner', { ref: fresh?.askRef });
    expect(stolen.status).toBe(422);
    expect(stolen.body.fields).toMatchObject([{ path: 'ref', code: 'expired' }]);
    const ref = String(fresh?.askRef);
    const tampered = `${ref.slice(0, 10)}${ref[10] === 'A' ? 'B' : 'A'}${ref.slice(11)}`;
    expect((await li.caller.post('/api/duplicates/ask-owner', { ref: tampered })).status).toBe(422);
    env.t.clock.advance(25 * 3600_000);
    expect((await li.caller.post('/api/duplicates/ask-owner', { ref: fresh?.askRef })).status).toBe(422);
    // The asker learns nothing from their own inbox either.
    expect((await inbox(li.caller)).items).toEqual([]);
  });

  it('the new owner is told about a handoff; a bulk handoff is one notification; marking read clears the count', async () => {
    const { zhang, li, customer } = await team();
    const admin = env.ws.admin;
    const deal = (await zhang.caller.post('/api/opportunities', { name: '数据中台', customerId: customer.id })).body;
    const moved = await admin.post(`/api/customers/${customer.id}/transfer`, { version: customer.version, toUserId: li.user.id, note: '张伟调岗，客户交给李娜' });
    expect(moved.status).toBe(200);
    let lis = await inbox(li.caller);
    expect(lis.items).toMatchObject([{ kind: 'transfer', recordType: 'customer', recordId: customer.id, recordName: customer.name, actorName: '周立新', message: '张伟调岗，客户交给李娜' }]);
    // The previous owner, who can no longer see the customer, is not told anything about it.
    expect((await inbox(zhang.caller)).items).toEqual([]);

    const other = (await admin.post('/api/customers', { name: '宁波港信息技术有限公司' })).body;
    const deals = await Promise.all(['一期', '二期', '三期'].map(async (name) => (await admin.post('/api/opportunities', { name, customerId: other.id })).body.id as string));
    const bulk = await admin.post('/api/opportunities/bulk', { action: 'assign', ids: [...deals, deal.id], toUserId: zhang.user.id });
    expect(bulk.body.results.filter((r: { ok: boolean }) => r.ok)).toHaveLength(4);
    const zhangs = await inbox(zhang.caller);
    expect(zhangs.items).toMatchObject([{ kind: 'transfer', recordType: 'opportunity', recordId: null, count: 4 }]);

    lis = await inbox(li.caller, '?unread=true');
    expect(lis.unreadCount).toBe(1);
    const first = lis.items[0] as Notification;
    expect((await li.caller.post('/api/notifications/read', { ids: [first.id] })).body).toEqual({ unreadCount: 0 });
    expect((await inbox(li.caller, '?unread=true')).items).toEqual([]);
    expect((await inbox(li.caller)).items[0]?.readAt).toEqual(expect.any(String));
    // Nobody can mark someone else's notifications read.
    await li.caller.post('/api/notifications/read', { all: true });
    expect((await zhang.caller.get('/api/notifications/unread-count')).body).toEqual({ unreadCount: 1 });
    expect((await zhang.caller.post('/api/notifications/read', {})).status).toBe(422);
  });

  it('follow-ups @mention colleagues and carry attachments; the mentioned are told, those who cannot see the record are not shown it', async () => {
    const { zhang, li, wang, customer } = await team();
    const deal = (await zhang.caller.post('/api/opportunities', { name: '数据中台', customerId: customer.id })).body;
    await zhang.caller.put(`/api/opportunities/${deal.id}/team/${wang.user.id}`, { role: 'presales', access: 'read' });
    expect((await inbox(wang.caller)).items).toMatchObject([{ kind: 'team_added', recordId: deal.id, message: 'presales' }]);

    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const quote = (await zhang.caller.upload(`/api/files?targetType=opportunity&targetId=${deal.id}&category=quote&name=${encodeURIComponent('报价单.pdf')}`, pdf)).body;
    const elsewhere = (await zhang.caller.upload(`/api/files?targetType=customer&targetId=${customer.id}&category=quote&name=x.pdf`, pdf)).body;
    const content = '与客户 CIO 会谈，确认报价单并要求王工下周做 POC 演示。';
    const refused = await zhang.caller.post('/api/followups', { targetType: 'opportunity', targetId: deal.id, type: 'meeting', content, nextStep: 'POC 演示', nextFollowUpOn: '2030-01-08', mentions: [wang.user.id, deal.id], fileIds: [quote.id, elsewhere.id] });
    expect(refused.status).toBe(422);
    expect(refused.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['fileIds.1', 'mentions.1']);
    expect(await env.t.core.db.selectFrom('followups').select('id').execute()).toEqual([]);

    const logged = await zhang.caller.post('/api/followups', { targetType: 'opportunity', targetId: deal.id, type: 'meeting', content, nextStep: 'POC 演示', nextFollowUpOn: '2030-01-08', mentions: [wang.user.id, li.user.id], fileIds: [quote.id] });
    expect(logged.status).toBe(201);
    const followUp = logged.body as FollowUp;
    expect(followUp.mentions).toEqual([wang.user.id, li.user.id]);
    expect(followUp.attachments).toMatchObject([{ id: quote.id, name: '报价单.pdf', followUpId: followUp.id }]);
    expect((await inbox(wang.caller)).items[0]).toMatchObject({ kind: 'mention', source: 'followup', recordType: 'opportunity', recordId: deal.id, recordName: '数据中台', message: content });
    // 李娜 was mentioned but cannot see the deal: her inbox does not reveal it.
    expect((await inbox(li.caller)).items).toEqual([]);

    // The timeline shows the follow-up with its attachment; a file already on a follow-up cannot be moved to another.
    const timeline = (await zhang.caller.get(`/api/opportunities/${deal.id}/timeline?kind=followup`)).body.items as TimelineItem[];
    expect(timeline[0]).toMatchObject({ kind: 'followup', followUp: { id: followUp.id, attachments: [{ id: quote.id }] } });
    const second = await zhang.caller.post('/api/followups', { targetType: 'opportunity', targetId: deal.id, type: 'call', content: '电话确认 POC 时间与参与人员。', nextStep: '发会议邀请', nextFollowUpOn: '2030-01-09', fileIds: [quote.id] });
    expect(second.body.fields).toMatchObject([{ path: 'fileIds.0', code: 'not_attachable' }]);

    // Editing adds mentions: only the newly mentioned are told.
    const edited = await zhang.caller.patch(`/api/followups/${followUp.id}`, { version: followUp.version, mentions: [wang.user.id, env.ws.adminUser.id] });
    expect(edited.status).toBe(200);
    expect((await inbox(wang.caller)).items.filter((n) => n.kind === 'mention')).toHaveLength(1);
    expect((await inbox(env.ws.admin)).items).toMatchObject([{ kind: 'mention', recordId: deal.id }]);
    // Comments notify too.
    await wang.caller.post('/api/comments', { targetType: 'opportunity', targetId: deal.id, body: '@张伟 POC 环境已准备好', mentions: [zhang.user.id] });
    expect((await inbox(zhang.caller)).items).toMatchObject([{ kind: 'mention', source: 'comment', actorName: '王工' }]);
  });

  it('pages through a long inbox with a cursor bound to its owner', async () => {
    const { zhang, li, customer } = await team();
    const deal = (await zhang.caller.post('/api/opportunities', { name: '数据中台', customerId: customer.id })).body;
    for (let i = 0; i < 5; i += 1) {
      await zhang.caller.post('/api/comments', { targetType: 'opportunity', targetId: deal.id, body: `第 ${i} 条`, mentions: [env.ws.adminUser.id] });
      env.t.clock.advance(1000);
    }
    const first = (await env.ws.admin.get('/api/notifications?limit=2')).body;
    expect(first.items.map((n: Notification) => n.message)).toEqual(['第 4 条', '第 3 条']);
    const second = (await env.ws.admin.get(`/api/notifications?limit=2&cursor=${first.nextCursor}`)).body;
    expect(second.items.map((n: Notification) => n.message)).toEqual(['第 2 条', '第 1 条']);
    expect((await li.caller.get(`/api/notifications?limit=2&cursor=${first.nextCursor}`)).status).toBe(400);
  });
});
