import { describe, expect, it } from 'vitest';
import type { TimelineItem } from '@kairos/domain/timeline';
import type { FollowUp } from '@kairos/domain/followups';
import { addDepartment, addMember, withWorkspace } from '../../testing/factories';

const env = withWorkspace();

const GOOD = { type: 'visit', content: '拜访采购部王经理，确认预算 50 万，下周安排演示', nextStep: '安排产品演示', nextFollowUpOn: '2026-12-03' };

async function setting() {
  const east = await addDepartment(env.ws, '华东大区');
  const zhang = await addMember(env.ws, { role: 'sales', name: '张伟', departmentId: east.id });
  const li = await addMember(env.ws, { role: 'sales', name: '李娜', departmentId: east.id });
  const customer = (await zhang.caller.post('/api/customers', { name: '华为技术有限公司' })).body;
  return { zhang, li, customer };
}

describe('follow-ups', () => {
  it('refuses a bare "已联系" and says what is missing, in the caller’s language', async () => {
    const { zhang, customer } = await setting();
    zhang.caller.locale = 'en';
    const res = await zhang.caller.post('/api/followups', { targetType: 'customer', targetId: customer.id, type: 'call', content: '已联系' });
    expect(res.status).toBe(422);
    expect(res.body.fields.map((f: { path: string }) => f.path)).toEqual(['content', 'nextStep', 'nextFollowUpOn']);
    expect(res.body.fields[0].message).toBe('Write at least 10 characters about what happened');
    expect(res.body.fields[1].message).toBe('Say what happens next');
  });

  it('logs a follow-up with a next step, updates the customer’s next date, and shows it on the timeline with the changes', async () => {
    const { zhang, customer } = await setting();
    env.t.clock.advance(60_000);
    await zhang.caller.patch(`/api/customers/${customer.id}`, { version: 1, level: 'A' });
    env.t.clock.advance(60_000);
    const res = await zhang.caller.post('/api/followups', { targetType: 'customer', targetId: customer.id, ...GOOD });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ customerId: customer.id, authorId: zhang.user.id, nextStep: '安排产品演示', nextFollowUpOn: '2026-12-03' });
    const after = (await zhang.caller.get(`/api/customers/${customer.id}`)).body;
    expect(after).toMatchObject({ nextFollowUpOn: '2026-12-03', lastFollowUpAt: res.body.occurredAt, version: 2 });

    const timeline: TimelineItem[] = (await zhang.caller.get(`/api/customers/${customer.id}/timeline`)).body.items;
    expect(timeline.map((i) => (i.kind === 'change' ? `${i.change.action}:${i.change.field ?? ''}` : i.kind))).toEqual(['followup', 'update:level', 'create:']);
    const onlyFollowUps = (await zhang.caller.get(`/api/customers/${customer.id}/timeline?kind=followup`)).body.items;
    expect(onlyFollowUps).toHaveLength(1);
  });

  it('needs no next step when the customer is being closed, and follows the workspace’s own rules', async () => {
    const { zhang, customer } = await setting();
    const closing = await zhang.caller.post('/api/followups', { targetType: 'customer', targetId: customer.id, type: 'call', content: '客户确认选择了竞争对手，项目结束', closing: true });
    expect(closing.status).toBe(201);
    expect((await zhang.caller.patch(`/api/followups/${closing.body.id}`, { version: 1, outcome: '输给竞品' })).status).toBe(422);
    expect((await zhang.caller.patch(`/api/followups/${closing.body.id}`, { version: 1, outcome: '输给竞品', closing: true })).status).toBe(200);
    await env.ws.admin.patch('/api/workspace/settings', { followUps: { minContentLength: 0, requireNextStep: false } });
    expect((await zhang.caller.post('/api/followups', { targetType: 'customer', targetId: customer.id, type: 'wechat', content: '已联系' })).status).toBe(201);
  });

  it('refuses a follow-up dated in the future', async () => {
    const { zhang, customer } = await setting();
    const res = await zhang.caller.post('/api/followups', { targetType: 'customer', targetId: customer.id, ...GOOD, occurredAt: new Date(env.t.clock.now().getTime() + 86_400_000).toISOString() });
    expect(res.status).toBe(422);
    expect(res.body.fields[0].path).toBe('occurredAt');
  });

  it('pages a long timeline exactly, newest first, across follow-ups and changes', async () => {
    const { zhang, customer } = await setting();
    let version = 1;
    for (let i = 0; i < 6; i += 1) {
      env.t.clock.advance(60_000);
      await zhang.caller.post('/api/followups', { targetType: 'customer', targetId: customer.id, ...GOOD, content: `第 ${i} 次跟进：沟通需求细节，客户反馈积极` });
      env.t.clock.advance(60_000);
      const edited = await zhang.caller.patch(`/api/customers/${customer.id}`, { version, city: `城市${i}` });
      version = edited.body.version;
    }
    const all: TimelineItem[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: TimelineItem[]; nextCursor: string | null } } = await zhang.caller.get(`/api/customers/${customer.id}/timeline?limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      all.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(all).toHaveLength(13);
    expect(new Set(all.map((i) => i.id)).size).toBe(13);
    const times = all.map((i) => i.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('only lets people who may work on the customer log on it, and only the author correct or remove an entry', async () => {
    const { zhang, li, customer } = await setting();
    expect((await li.caller.post('/api/followups', { targetType: 'customer', targetId: customer.id, ...GOOD })).status).toBe(404);
    const viewer = await addMember(env.ws, { role: 'viewer' });
    await env.ws.admin.post(`/api/customers/${customer.id}/transfer`, { version: 1, toUserId: zhang.user.id });
    expect((await viewer.caller.post('/api/followups', { targetType: 'customer', targetId: customer.id, ...GOOD })).status).toBe(404);

    const entry = (await zhang.caller.post('/api/followups', { targetType: 'customer', targetId: customer.id, ...GOOD })).body;
    expect((await env.ws.admin.patch(`/api/followups/${entry.id}`, { version: 1, content: '管理员改写了这条跟进记录的内容' })).status).toBe(403);
    const fixed = await zhang.caller.patch(`/api/followups/${entry.id}`, { version: 1, nextFollowUpOn: '2026-12-10' });
    expect(fixed.body.nextFollowUpOn).toBe('2026-12-10');
    expect((await zhang.caller.get(`/api/customers/${customer.id}`)).body.nextFollowUpOn).toBe('2026-12-10');
    expect((await zhang.caller.delete(`/api/followups/${entry.id}`)).status).toBe(204);
    expect((await zhang.caller.get(`/api/customers/${customer.id}`)).body).toMatchObject({ nextFollowUpOn: null, lastFollowUpAt: null });
  });

  it('logs once per Idempotency-Key', async () => {
    const { zhang, customer } = await setting();
    const headers = { 'idempotency-key': 'followup-retry-0001' };
    const a = await zhang.caller.post('/api/followups', { targetType: 'customer', targetId: customer.id, ...GOOD }, headers);
    const b = await zhang.caller.post('/api/followups', { targetType: 'customer', targetId: customer.id, ...GOOD }, headers);
    expect(a.body.id).toBe(b.body.id);
    expect(await env.t.core.db.selectFrom('followups').select('id').execute()).toHaveLength(1);
  });

  it('lists follow-ups across what the caller may see — a deal’s by whoever sees the deal — with filters, paging, get and restore', async () => {
    const { zhang, li, customer } = await setting();
    const south = await addDepartment(env.ws, '华南大区');
    const wang = await addMember(env.ws, { role: 'sales', name: '王强', departmentId: south.id });
    const lead = await addMember(env.ws, { role: 'manager', name: '李经理', departmentId: south.id });
    const wangs = (await wang.caller.post('/api/customers', { name: '广州白云贸易有限公司' })).body;
    const deal = (await zhang.caller.post('/api/opportunities', { name: '数据平台', customerId: customer.id })).body;
    const log = async (caller: typeof zhang.caller, targetType: string, targetId: string, type: string) => {
      env.t.clock.advance(60_000);
      const res = await caller.post('/api/followups', { ...GOOD, type, targetType, targetId, occurredAt: env.t.clock.now().toISOString() });
      expect(res.status).toBe(201);
      return res.body as FollowUp;
    };
    const onCustomer = await log(zhang.caller, 'customer', customer.id, 'visit');
    const onDeal = await log(zhang.caller, 'opportunity', deal.id, 'call');
    const elsewhere = await log(wang.caller, 'customer', wangs.id, 'wechat');
    const ids = async (caller: typeof zhang.caller, query = '') => ((await caller.get(`/api/followups${query}`)).body.items as FollowUp[]).map((f) => f.id);

    expect(await ids(zhang.caller)).toEqual([onDeal.id, onCustomer.id]);
    expect(await ids(zhang.caller, '?sort=occurredAt')).toEqual([onCustomer.id, onDeal.id]);
    expect(await ids(zhang.caller, '?type=call')).toEqual([onDeal.id]);
    expect(await ids(zhang.caller, `?targetType=opportunity&targetId=${deal.id}`)).toEqual([onDeal.id]);
    expect(await ids(zhang.caller, `?customerId=${customer.id}&occurredFrom=${encodeURIComponent(onDeal.occurredAt)}`)).toEqual([onDeal.id]);
    expect(await ids(lead.caller)).toEqual([elsewhere.id]);
    expect(await ids(env.ws.admin, `?authorId=${zhang.user.id}`)).toEqual([onDeal.id, onCustomer.id]);
    // A colleague outside both scopes gets a seat on the deal: its follow-ups, not the customer's.
    await zhang.caller.put(`/api/opportunities/${deal.id}/team/${wang.user.id}`, { role: 'presales', access: 'read' });
    expect(await ids(wang.caller)).toEqual([elsewhere.id, onDeal.id]);
    expect((await wang.caller.get(`/api/followups/${onDeal.id}`)).body.id).toBe(onDeal.id);
    expect((await wang.caller.get(`/api/followups/${onCustomer.id}`)).status).toBe(404);
    expect((await wang.caller.get(`/api/followups?customerId=${customer.id}`)).status).toBe(404);
    // Pages are exact and their cursor belongs to the caller and the query.
    const first = (await env.ws.admin.get('/api/followups?limit=2')).body;
    const second = (await env.ws.admin.get(`/api/followups?limit=2&cursor=${first.nextCursor}`)).body;
    expect([...first.items, ...second.items].map((f: FollowUp) => f.id)).toEqual([elsewhere.id, onDeal.id, onCustomer.id]);
    expect((await zhang.caller.get(`/api/followups?limit=2&cursor=${first.nextCursor}`)).status).toBe(400);
    expect((await zhang.caller.get(`/api/followups?targetType=customer`)).status).toBe(422);

    // The author removes an entry and brings it back; nobody else may.
    expect((await zhang.caller.delete(`/api/followups/${onCustomer.id}`)).status).toBe(204);
    expect(await ids(zhang.caller)).toEqual([onDeal.id]);
    expect((await li.caller.post(`/api/followups/${onCustomer.id}/restore`)).status).toBe(404);
    expect((await env.ws.admin.post(`/api/followups/${onCustomer.id}/restore`)).status).toBe(403);
    const back = await zhang.caller.post(`/api/followups/${onCustomer.id}/restore`);
    expect(back.status).toBe(200);
    expect(await ids(zhang.caller)).toEqual([onDeal.id, onCustomer.id]);
    expect((await zhang.caller.get(`/api/customers/${customer.id}`)).body.lastFollowUpAt).toBe(onDeal.occurredAt);
  });
});
