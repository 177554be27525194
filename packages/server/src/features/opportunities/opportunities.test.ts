import { describe, expect, it } from 'vitest';
import type { Opportunity } from '@kairos/domain/opportunities';
import type { Pipeline } from '@kairos/domain/pipelines';
import type { TimelineItem } from '@kairos/domain/timeline';
import { addDepartment, addMember, withWorkspace } from '../../testing/factories';
import type { Caller } from '../../testing/http-client';

const env = withWorkspace();

async function team() {
  const { ws } = env;
  const east = await addDepartment(ws, '华东大区');
  const south = await addDepartment(ws, '华南大区');
  const lead = await addMember(ws, { role: 'manager', name: '李经理', departmentId: east.id });
  const zhang = await addMember(ws, { role: 'sales', name: '张伟', departmentId: east.id, managerId: lead.user.id });
  const li = await addMember(ws, { role: 'sales', name: '李娜', departmentId: south.id });
  const wang = await addMember(ws, { role: 'presales', name: '王工', departmentId: south.id });
  const stages = Object.fromEntries(((await zhang.caller.get<{ items: Pipeline[] }>('/api/pipelines')).body.items[0] as Pipeline).stages.map((s) => [s.nameZh, s]));
  return { east, south, lead, zhang, li, wang, stages };
}

async function customerOf(caller: Caller, name = '华为技术有限公司') {
  const res = await caller.post('/api/customers', { name });
  expect(res.status).toBe(201);
  return res.body as { id: string; name: string; version: number };
}

async function deal(caller: Caller, customerId: string, body: Record<string, unknown> = {}): Promise<Opportunity> {
  const res = await caller.post('/api/opportunities', { name: '华为云数据中心扩容', customerId, amount: 128_000_050, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const changesOf = (items: TimelineItem[]) => items.flatMap((i) => (i.kind === 'change' ? [i.change] : []));

describe('opportunities', () => {
  it('a rep opens a deal on their customer: default pipeline, first stage, exact amount, workspace currency', async () => {
    const { zhang, stages } = await team();
    const customer = await customerOf(zhang.caller);
    const d = await deal(zhang.caller, customer.id, { expectedCloseOn: '2027-03-31', tags: ['云'] });
    expect(d).toMatchObject({
      customerName: '华为技术有限公司',
      stageId: stages['线索获取']?.id,
      status: 'open',
      amount: 128_000_050,
      currency: 'CNY',
      probability: 10,
      probabilityOverridden: false,
      ownerId: zhang.user.id,
      departmentId: zhang.user.departmentId,
      team: [],
      closedAt: null,
      version: 1,
    });
    expect(d.completeness).toEqual({ percent: 67, missing: ['contactId'] });
    const events = await env.t.core.db.selectFrom('stage_events').selectAll().where('opportunity_id', '=', d.id).execute();
    expect(events).toMatchObject([{ from_stage_id: null, to_stage_id: stages['线索获取']?.id, amount_minor: 128_000_050, seconds_in_from: null }]);
  });

  it('refuses fractional, negative and oversized amounts and a contact of another customer, naming each field', async () => {
    const { zhang } = await team();
    zhang.caller.locale = 'en';
    const customer = await customerOf(zhang.caller);
    const other = await customerOf(zhang.caller, '腾讯科技');
    const contact = await zhang.caller.post('/api/contacts', { customerId: other.id, name: '马化腾' });
    for (const amount of [12.5, -1, 2 ** 60, '100']) {
      const res = await zhang.caller.post('/api/opportunities', { name: 'x', customerId: customer.id, amount });
      expect(res.status, String(amount)).toBe(422);
      expect(new Set(res.body.fields.map((f: { path: string }) => f.path))).toEqual(new Set(['amount']));
    }
    const wrongContact = await zhang.caller.post('/api/opportunities', { name: 'x', customerId: customer.id, contactId: contact.body.id });
    expect(wrongContact.status).toBe(422);
    expect(wrongContact.body.fields).toMatchObject([{ path: 'contactId', code: 'unknown_contact' }]);
    expect(await env.t.core.db.selectFrom('opportunities').select('id').execute()).toEqual([]);
  });

  it('moves through stages with a stage event each, closes on won, re-opens, and keeps an override only until the next move', async () => {
    const { zhang, stages } = await team();
    const customer = await customerOf(zhang.caller);
    let d = await deal(zhang.caller, customer.id);
    d = (await zhang.caller.patch(`/api/opportunities/${d.id}`, { version: d.version, probability: 35 })).body;
    expect(d).toMatchObject({ probability: 35, probabilityOverridden: true });
    env.t.clock.advance(3_600_000);
    d = (await zhang.caller.post(`/api/opportunities/${d.id}/move`, { version: d.version, stageId: stages['方案报价']?.id })).body;
    expect(d).toMatchObject({ stageId: stages['方案报价']?.id, probability: 50, probabilityOverridden: false, status: 'open' });
    const stale = await zhang.caller.post(`/api/opportunities/${d.id}/move`, { version: 1, stageId: stages['商务谈判']?.id });
    expect(stale.status).toBe(409);
    expect(stale.body.current.version).toBe(d.version);
    d = (await zhang.caller.post(`/api/opportunities/${d.id}/move`, { version: d.version, stageId: stages['赢单']?.id })).body;
    expect(d).toMatchObject({ status: 'won', probability: 100 });
    expect(d.closedAt).not.toBeNull();
    // Re-opening a won deal needs a reason (the default pipeline asks for one on every move back).
    const silent = await zhang.caller.post(`/api/opportunities/${d.id}/move`, { version: d.version, stageId: stages['商务谈判']?.id });
    expect(silent.status).toBe(422);
    expect(silent.body.code).toBe('stage_gate_failed');
    expect(silent.body.unmet).toEqual([expect.objectContaining({ code: 'reason_required' })]);
    d = (await zhang.caller.post(`/api/opportunities/${d.id}/move`, { version: d.version, stageId: stages['商务谈判']?.id, reason: '客户追加了二期需求' })).body;
    expect(d).toMatchObject({ status: 'open', closedAt: null });
    const events = await env.t.core.db.selectFrom('stage_events').selectAll().where('opportunity_id', '=', d.id).orderBy('at').orderBy('id').execute();
    expect(events.map((e) => [e.from_stage_id, e.to_stage_id])).toEqual([
      [null, stages['线索获取']?.id],
      [stages['线索获取']?.id, stages['方案报价']?.id],
      [stages['方案报价']?.id, stages['赢单']?.id],
      [stages['赢单']?.id, stages['商务谈判']?.id],
    ]);
    expect(events[1]?.seconds_in_from).toBe(3600);
    const other = await zhang.caller.post(`/api/opportunities/${d.id}/move`, { version: d.version, stageId: customer.id });
    expect(other.status).toBe(422);
    const moves = changesOf((await zhang.caller.get(`/api/opportunities/${d.id}/timeline?kind=change`)).body.items).filter((c) => c.action === 'move' && c.field === 'stageId');
    expect(moves).toHaveLength(3);
  });

  it('deal team: read members see the deal, edit members change it, neither deletes it nor manages the team', async () => {
    const { zhang, li, wang } = await team();
    const customer = await customerOf(zhang.caller);
    const d = await deal(zhang.caller, customer.id);
    expect((await wang.caller.get(`/api/opportunities/${d.id}`)).status).toBe(404);

    const added = await zhang.caller.put(`/api/opportunities/${d.id}/team/${wang.user.id}`, { role: 'presales', access: 'read' });
    expect(added.status).toBe(200);
    expect(added.body.team).toMatchObject([{ userId: wang.user.id, role: 'presales', access: 'read' }]);
    expect((await wang.caller.get(`/api/opportunities/${d.id}`)).body.can).toEqual({ edit: false, delete: false, transfer: false, manageTeam: false });
    expect((await zhang.caller.get(`/api/opportunities/${d.id}`)).body.can).toEqual({ edit: true, delete: false, transfer: true, manageTeam: true });
    expect((await wang.caller.get('/api/opportunities')).body.items.map((o: Opportunity) => o.id)).toEqual([d.id]);
    expect((await wang.caller.patch(`/api/opportunities/${d.id}`, { version: added.body.version, amount: 1 })).status).toBe(403);
    // A team seat opens the deal, not its customer.
    expect((await wang.caller.get(`/api/customers/${customer.id}`)).status).toBe(404);

    await zhang.caller.put(`/api/opportunities/${d.id}/team/${wang.user.id}`, { role: 'technical', access: 'edit' });
    expect((await wang.caller.get(`/api/opportunities/${d.id}`)).body.can).toMatchObject({ edit: true, manageTeam: false });
    const edited = await wang.caller.patch(`/api/opportunities/${d.id}`, { version: added.body.version, amount: 99_000_000 });
    expect(edited.status).toBe(200);
    expect((await wang.caller.delete(`/api/opportunities/${d.id}`)).status).toBe(403);
    expect((await wang.caller.put(`/api/opportunities/${d.id}/team/${li.user.id}`, { role: 'sales', access: 'edit' })).status).toBe(403);
    expect((await li.caller.put(`/api/opportunities/${d.id}/team/${li.user.id}`, { role: 'sales', access: 'edit' })).status).toBe(404);
    expect((await zhang.caller.put(`/api/opportunities/${d.id}/team/${zhang.user.id}`, { role: 'sales' })).status).toBe(422);

    const removed = await zhang.caller.delete(`/api/opportunities/${d.id}/team/${wang.user.id}`);
    expect(removed.body.team).toEqual([]);
    expect((await wang.caller.get(`/api/opportunities/${d.id}`)).status).toBe(404);
    const teamChanges = changesOf((await zhang.caller.get(`/api/opportunities/${d.id}/timeline`)).body.items).filter((c) => c.action === 'team');
    expect(teamChanges).toHaveLength(3);
  });

  it('lists with filters and every sort, paging exactly by cursor', async () => {
    const { zhang, stages } = await team();
    const customer = await customerOf(zhang.caller);
    const amounts = [5, 300, 300, 42, 7_000, 0, 999, 300, 1, 64];
    for (const [i, amount] of amounts.entries()) {
      await deal(zhang.caller, customer.id, { name: `${i % 2 ? '扩容' : 'Cloud'} 项目 ${i}`, amount, tags: i % 3 === 0 ? ['重点'] : [], expectedCloseOn: `2027-0${(i % 9) + 1}-15` });
      env.t.clock.advance(1000);
    }
    const all = async (query: string) => {
      const seen: Opportunity[] = [];
      let cursor: string | null = null;
      do {
        const res: { status: number; body: { items: Opportunity[]; nextCursor: string | null } } = await zhang.caller.get(`/api/opportunities?limit=3&${query}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        seen.push(...res.body.items);
        cursor = res.body.nextCursor;
      } while (cursor);
      return seen;
    };
    expect((await all('sort=-amount')).map((o) => o.amount)).toEqual([...amounts].sort((a, b) => b - a));
    expect((await all('sort=amount&amountMin=42&amountMax=999')).map((o) => o.amount)).toEqual([42, 64, 300, 300, 300, 999]);
    expect((await all('sort=name&q=cloud')).map((o) => o.name)).toEqual(['Cloud 项目 0', 'Cloud 项目 2', 'Cloud 项目 4', 'Cloud 项目 6', 'Cloud 项目 8']);
    expect((await all('tag=重点')).length).toBe(4);
    expect((await all('closeFrom=2027-02-01&closeTo=2027-03-31')).length).toBe(2);
    expect((await all(`stageId=${stages['线索获取']?.id}&status=open`)).length).toBe(10);
    expect((await all('status=won')).length).toBe(0);
    expect((await all('sort=createdAt')).map((o) => o.name)).toEqual(amounts.map((_, i) => `${i % 2 ? '扩容' : 'Cloud'} 项目 ${i}`));
    const tampered = await zhang.caller.get('/api/opportunities?cursor=abc.def');
    expect(tampered.status).toBe(400);
  });

  it('honours Idempotency-Key: a retried create makes one deal', async () => {
    const { zhang } = await team();
    const customer = await customerOf(zhang.caller);
    const body = { name: '重试的商机', customerId: customer.id, amount: 100 };
    const first = await zhang.caller.post('/api/opportunities', body, { 'idempotency-key': 'retry-0001' });
    const again = await zhang.caller.post('/api/opportunities', body, { 'idempotency-key': 'retry-0001' });
    expect(again.body.id).toBe(first.body.id);
    expect((await zhang.caller.get('/api/opportunities')).body.items).toHaveLength(1);
  });

  it('a customer handoff takes its open deals and contacts to the new owner; closed deals stay; the new owner sees the history', async () => {
    const { zhang, li, lead, stages } = await team();
    const customer = await customerOf(zhang.caller);
    await zhang.caller.post('/api/contacts', { customerId: customer.id, name: '余承东', mobile: '13900139000' });
    const open = await deal(zhang.caller, customer.id);
    const won = await deal(zhang.caller, customer.id, { name: '已签单' });
    await zhang.caller.post(`/api/opportunities/${won.id}/move`, { version: won.version, stageId: stages['赢单']?.id });
    await zhang.caller.post('/api/followups', { targetType: 'opportunity', targetId: open.id, type: 'visit', content: '拜访客户 CIO，确认扩容预算与时间表', nextStep: '发送方案', nextFollowUpOn: '2027-01-05' });

    const c = (await lead.caller.get(`/api/customers/${customer.id}`)).body;
    const handed = await lead.caller.post(`/api/customers/${customer.id}/transfer`, { version: c.version, toUserId: li.user.id });
    expect(handed.status).toBe(200);
    const deals = (await li.caller.get(`/api/opportunities?customerId=${customer.id}`)).body.items as Opportunity[];
    expect(deals.map((d) => d.name)).toEqual(['华为云数据中心扩容']);
    expect(deals[0]?.ownerId).toBe(li.user.id);
    expect((await zhang.caller.get(`/api/opportunities/${won.id}`)).body.ownerId).toBe(zhang.user.id);
    const contacts = (await li.caller.get(`/api/contacts?customerId=${customer.id}`)).body.items;
    expect(contacts[0]).toMatchObject({ ownerId: li.user.id, customerName: '华为技术有限公司' });
    const timeline = (await li.caller.get(`/api/opportunities/${open.id}/timeline`)).body.items as TimelineItem[];
    const kinds = timeline.map((i) => (i.kind === 'change' ? i.change.action : i.kind));
    expect(kinds.filter((k, n) => k !== kinds[n - 1])).toEqual(['transfer', 'followup', 'create']);

    const kept = await env.ws.admin.post(`/api/customers/${customer.id}/transfer`, { version: handed.body.version, toUserId: zhang.user.id, moveOpenOpportunities: false, moveContacts: false });
    expect(kept.status).toBe(200);
    expect((await li.caller.get(`/api/opportunities/${open.id}`)).body.ownerId).toBe(li.user.id);
  });

  it('follow-ups on a deal and a contact keep their own and their customer’s "last" and "next" dates and show on each timeline', async () => {
    const { zhang } = await team();
    const customer = await customerOf(zhang.caller);
    const contact = (await zhang.caller.post('/api/contacts', { customerId: customer.id, name: '余承东' })).body;
    const d = await deal(zhang.caller, customer.id, { contactId: contact.id });
    const onDeal = await zhang.caller.post('/api/followups', { targetType: 'opportunity', targetId: d.id, type: 'meeting', content: '方案评审会，技术团队认可架构', nextStep: '报价', nextFollowUpOn: '2027-01-10' });
    expect(onDeal.status).toBe(201);
    env.t.clock.advance(60_000);
    const onContact = await zhang.caller.post('/api/followups', { targetType: 'contact', targetId: contact.id, type: 'wechat', content: '微信确认下周评审的参会人员', nextStep: '发会议邀请', nextFollowUpOn: '2027-01-03' });
    expect(onContact.status).toBe(201);
    expect((await zhang.caller.get(`/api/opportunities/${d.id}`)).body).toMatchObject({ lastFollowUpAt: onDeal.body.occurredAt, nextFollowUpOn: '2027-01-10' });
    expect((await zhang.caller.get(`/api/contacts/${contact.id}`)).body).toMatchObject({ lastFollowUpAt: onContact.body.occurredAt, nextFollowUpOn: '2027-01-03' });
    expect((await zhang.caller.get(`/api/customers/${customer.id}`)).body).toMatchObject({ lastFollowUpAt: onContact.body.occurredAt, nextFollowUpOn: '2027-01-03' });
    const kinds = async (path: string) => ((await zhang.caller.get(`${path}/timeline?kind=followup`)).body.items as TimelineItem[]).map((i) => i.id);
    expect(await kinds(`/api/opportunities/${d.id}`)).toEqual([onDeal.body.id]);
    expect(await kinds(`/api/contacts/${contact.id}`)).toEqual([onContact.body.id]);
    expect(await kinds(`/api/customers/${customer.id}`)).toEqual([onContact.body.id, onDeal.body.id]);

    await zhang.caller.delete(`/api/followups/${onDeal.body.id}`);
    expect((await zhang.caller.get(`/api/opportunities/${d.id}`)).body).toMatchObject({ lastFollowUpAt: null, nextFollowUpOn: null });
  });

  it('the recycle bin: a deleted deal is hidden and restorable; deleting the customer hides its deals until it is restored', async () => {
    const { zhang, lead } = await team();
    const customer = await customerOf(zhang.caller);
    const d = await deal(zhang.caller, customer.id);
    expect((await zhang.caller.delete(`/api/opportunities/${d.id}`)).status).toBe(403);
    expect((await lead.caller.delete(`/api/opportunities/${d.id}`)).status).toBe(204);
    expect((await zhang.caller.get(`/api/opportunities/${d.id}`)).status).toBe(404);
    expect((await lead.caller.get('/api/opportunities?deleted=true')).body.items.map((o: Opportunity) => o.id)).toEqual([d.id]);
    expect((await lead.caller.post(`/api/opportunities/${d.id}/restore`)).status).toBe(200);
    expect((await lead.caller.delete(`/api/customers/${customer.id}`)).status).toBe(204);
    expect((await zhang.caller.get('/api/opportunities')).body.items).toEqual([]);
    await lead.caller.post(`/api/customers/${customer.id}/restore`);
    expect((await zhang.caller.get('/api/opportunities')).body.items.map((o: Opportunity) => o.id)).toEqual([d.id]);
  });

  it('bulk actions check each deal on its own and report it', async () => {
    const { zhang, li, lead } = await team();
    const mine = await deal(zhang.caller, (await customerOf(zhang.caller)).id);
    const hers = await deal(li.caller, (await customerOf(li.caller, '小米科技')).id);
    const tagged = await lead.caller.post('/api/opportunities/bulk', { action: 'addTag', ids: [mine.id, hers.id], tag: '年底冲刺' });
    expect(tagged.body.results).toEqual([
      { id: mine.id, ok: true },
      { id: hers.id, ok: false, code: 'not_found' },
    ]);
    expect((await zhang.caller.get(`/api/opportunities/${mine.id}`)).body.tags).toEqual(['年底冲刺']);
    const assigned = await lead.caller.post('/api/opportunities/bulk', { action: 'assign', ids: [mine.id], toUserId: lead.user.id });
    expect(assigned.body.results).toEqual([{ id: mine.id, ok: true }]);
    expect((await lead.caller.get(`/api/opportunities/${mine.id}`)).body.ownerId).toBe(lead.user.id);
  });
});
