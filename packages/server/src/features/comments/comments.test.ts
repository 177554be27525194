import { describe, expect, it } from 'vitest';
import type { Comment } from '@kairos/domain/comments';
import type { TimelineItem } from '@kairos/domain/timeline';
import { addDepartment, addMember, withWorkspace } from '../../testing/factories';

const env = withWorkspace();

async function team() {
  const { ws } = env;
  const east = await addDepartment(ws, '华东大区');
  const south = await addDepartment(ws, '华南大区');
  const lead = await addMember(ws, { role: 'manager', name: '李经理', departmentId: east.id });
  const zhang = await addMember(ws, { role: 'sales', name: '张伟', departmentId: east.id });
  const li = await addMember(ws, { role: 'sales', name: '李娜', departmentId: south.id });
  const wang = await addMember(ws, { role: 'presales', name: '王工', departmentId: south.id });
  const customer = (await zhang.caller.post('/api/customers', { name: '华为技术有限公司' })).body;
  const deal = (await zhang.caller.post('/api/opportunities', { name: '云扩容', customerId: customer.id })).body;
  return { lead, zhang, li, wang, customer, deal };
}

describe('comments', () => {
  it('anyone who sees a record may comment and @mention colleagues; the mentioned find it in their mentions', async () => {
    const { lead, zhang, wang, deal, customer } = await team();
    await zhang.caller.put(`/api/opportunities/${deal.id}/team/${wang.user.id}`, { role: 'presales', access: 'read' });
    // A read-only team member joins the discussion.
    const asked = await wang.caller.post('/api/comments', { targetType: 'opportunity', targetId: deal.id, body: '@张伟 @李经理 客户要求本周出方案，能否提前评审？', mentions: [zhang.user.id, lead.user.id, zhang.user.id] });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ customerId: customer.id, authorId: wang.user.id, mentions: [zhang.user.id, lead.user.id] });
    const inbox = (await lead.caller.get('/api/comments?mentionsMe=true')).body.items as Comment[];
    expect(inbox.map((c) => c.id)).toEqual([asked.body.id]);
    expect((await wang.caller.get('/api/comments?mentionsMe=true')).body.items).toEqual([]);

    const onDeal = (await zhang.caller.get(`/api/opportunities/${deal.id}/timeline?kind=comment`)).body.items as TimelineItem[];
    expect(onDeal.map((i) => i.kind)).toEqual(['comment']);
    const onCustomer = (await zhang.caller.get(`/api/customers/${customer.id}/timeline`)).body.items as TimelineItem[];
    expect(onCustomer.some((i) => i.kind === 'comment' && i.comment.id === asked.body.id)).toBe(true);
    expect((await zhang.caller.get(`/api/comments?targetType=opportunity&targetId=${deal.id}`)).body.items).toHaveLength(1);
  });

  it('refuses records the caller cannot see (404), unknown mentions and empty bodies (422), and others’ edits (403)', async () => {
    const { zhang, li, deal, customer } = await team();
    li.caller.locale = 'en';
    expect((await li.caller.post('/api/comments', { targetType: 'customer', targetId: customer.id, body: '我也在跟这个客户' })).status).toBe(404);
    expect((await li.caller.get(`/api/comments?targetType=customer&targetId=${customer.id}`)).status).toBe(404);
    const bad = await zhang.caller.post('/api/comments', { targetType: 'opportunity', targetId: deal.id, body: '  ', mentions: ['not-an-id'] });
    expect(bad.status).toBe(422);
    expect(bad.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['body', 'mentions.0']);
    const stranger = await zhang.caller.post('/api/comments', { targetType: 'opportunity', targetId: deal.id, body: '看看', mentions: [deal.id] });
    expect(stranger.body.fields).toMatchObject([{ path: 'mentions.0', code: 'unknown_user' }]);
    expect(await env.t.core.db.selectFrom('comments').select('id').execute()).toEqual([]);

    const mine = (await zhang.caller.post('/api/comments', { targetType: 'opportunity', targetId: deal.id, body: '初版' })).body as Comment;
    const edited = await zhang.caller.patch(`/api/comments/${mine.id}`, { version: mine.version, body: '修订版', mentions: [li.user.id] });
    expect(edited.body).toMatchObject({ body: '修订版', mentions: [li.user.id], version: 2 });
    expect((await zhang.caller.patch(`/api/comments/${mine.id}`, { version: 1, body: 'stale' })).status).toBe(409);
    // 李娜 is mentioned but cannot see the deal: her mentions list does not reveal it.
    expect((await li.caller.get('/api/comments?mentionsMe=true')).body.items).toEqual([]);
    const admin = env.ws.admin;
    expect((await admin.delete(`/api/comments/${mine.id}`)).status).toBe(403);
    expect((await zhang.caller.delete(`/api/comments/${mine.id}`)).status).toBe(204);
    expect((await zhang.caller.get(`/api/comments?targetType=opportunity&targetId=${deal.id}`)).body.items).toEqual([]);
    // Removed by mistake: the author brings it back (nobody else may), and it reads like any other.
    expect((await zhang.caller.get(`/api/comments/${mine.id}`)).status).toBe(404);
    expect((await admin.post(`/api/comments/${mine.id}/restore`)).status).toBe(403);
    expect((await zhang.caller.post(`/api/comments/${mine.id}/restore`)).body).toMatchObject({ id: mine.id, body: '修订版' });
    expect((await zhang.caller.get(`/api/comments/${mine.id}`)).body.body).toBe('修订版');
    expect((await li.caller.get(`/api/comments/${mine.id}`)).status).toBe(404);
  });
});
