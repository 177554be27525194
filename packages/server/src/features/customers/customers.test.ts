import { describe, expect, it } from 'vitest';
import type { Customer } from '@kairos/domain/customers';
import type { TimelineItem } from '@kairos/domain/timeline';
import { addDepartment, addMember, signIn, withWorkspace } from '../../testing/factories';
import type { Caller } from '../../testing/http-client';

const env = withWorkspace();

const HUAWEI = { name: '华为技术有限公司', uscc: '91350100M000100Y43', phone: '+86 138 0013 8000', website: 'www.huawei.com', tags: ['重点客户'] };

async function team() {
  const { ws } = env;
  const east = await addDepartment(ws, '华东大区');
  const south = await addDepartment(ws, '华南大区');
  const lead = await addMember(ws, { role: 'manager', name: '李经理', departmentId: east.id });
  const zhang = await addMember(ws, { role: 'sales', name: '张伟', departmentId: east.id, managerId: lead.user.id });
  const li = await addMember(ws, { role: 'sales', name: '李娜', departmentId: south.id });
  return { east, south, lead, zhang, li };
}

async function create(caller: Caller, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return caller.post('/api/customers', body, headers);
}

const changesOf = (items: TimelineItem[]) => items.flatMap((i) => (i.kind === 'change' ? [i.change] : []));

async function snapshot() {
  const db = env.t.core.db;
  return JSON.stringify([await db.selectFrom('customers').selectAll().orderBy('id').execute(), await db.selectFrom('audit_log').select('id').orderBy('id').execute()]);
}

describe('customers', () => {
  it('a rep creates a customer they own, with validated and normalised details', async () => {
    const { zhang } = await team();
    const res = await create(zhang.caller, HUAWEI);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: '华为技术有限公司', uscc: '91350100M000100Y43', phone: '13800138000', website: 'https://www.huawei.com', ownerId: zhang.user.id, departmentId: zhang.user.departmentId, status: 'prospect', version: 1 });
    expect((await zhang.caller.get(`/api/customers/${res.body.id}`)).body.name).toBe('华为技术有限公司');
  });

  it('shows how complete each customer is against the workspace’s key fields, and what is missing', async () => {
    const { zhang } = await team();
    const c = (await create(zhang.caller, HUAWEI)).body;
    expect(c.completeness).toEqual({ percent: 33, missing: ['industry', 'province', 'city', 'level'] });
    const filled = await zhang.caller.patch(`/api/customers/${c.id}`, { version: 1, industry: '通信设备', province: '广东', city: '深圳', level: 'A' });
    expect(filled.body.completeness).toEqual({ percent: 100, missing: [] });
    await env.ws.admin.patch('/api/workspace/settings', { keyFields: { customer: ['address', 'website'], contact: [] } });
    expect((await zhang.caller.get(`/api/customers/${c.id}`)).body.completeness).toEqual({ percent: 50, missing: ['address'] });
  });

  it('names every invalid field in the caller’s language', async () => {
    const { zhang } = await team();
    zhang.caller.locale = 'en';
    const res = await create(zhang.caller, { name: '', uscc: '91350100M000100Y44', phone: '12345', website: 'not a site', level: 'Z' });
    expect(res.status).toBe(422);
    const byPath = Object.fromEntries(res.body.fields.map((f: { path: string; message: string }) => [f.path, f.message]));
    expect(Object.keys(byPath).sort()).toEqual(['level', 'name', 'phone', 'uscc', 'website']);
    expect(byPath.uscc).toMatch(/unified social credit code/);
    expect(byPath.phone).toBe('Invalid phone number');
  });

  it('keeps each rep to their own customers, a manager to their department subtree, and reveals nothing outside scope', async () => {
    const { zhang, li, lead } = await team();
    const mine = (await create(zhang.caller, HUAWEI)).body;
    await create(li.caller, { name: '比亚迪股份有限公司' });
    const names = async (caller: Caller) => ((await caller.get('/api/customers')).body.items as Customer[]).map((c) => c.name).sort();
    expect(await names(zhang.caller)).toEqual(['华为技术有限公司']);
    expect(await names(li.caller)).toEqual(['比亚迪股份有限公司']);
    expect(await names(lead.caller)).toEqual(['华为技术有限公司']);
    expect((await names(env.ws.admin)).length).toBe(2);
    const before = await snapshot();
    expect((await li.caller.get(`/api/customers/${mine.id}`)).status).toBe(404);
    expect((await li.caller.patch(`/api/customers/${mine.id}`, { version: 1, name: '抢单' })).status).toBe(404);
    expect((await li.caller.post(`/api/customers/${mine.id}/transfer`, { version: 1, toUserId: li.user.id })).status).toBe(404);
    expect((await li.caller.get(`/api/customers/${mine.id}/timeline`)).status).toBe(404);
    expect(await snapshot()).toBe(before);
  });

  it('warns about a duplicate across the whole workspace, masked for a rep who may not see it, and saves once acknowledged', async () => {
    const { zhang, li } = await team();
    await create(zhang.caller, HUAWEI);
    const check = await li.caller.post('/api/duplicates/check', { name: '华为技术股份有限公司' });
    expect(check.body.policy).toBe('warn');
    expect(check.body.matches).toEqual([{ id: null, name: '华******司', matchedOn: ['name'], visible: false, owner: { id: zhang.user.id, name: '张伟' }, protected: true, askRef: expect.any(String) }]);

    const warned = await create(li.caller, { name: '华为技术（股份）有限公司' });
    expect(warned.status).toBe(409);
    expect(warned.body.code).toBe('duplicate_warning');
    expect(warned.body.matches[0].owner.name).toBe('张伟');
    const saved = await create(li.caller, { name: '华为技术（股份）有限公司', acknowledgeDuplicates: true });
    expect(saved.status).toBe(201);

    const byKeys = await env.ws.admin.post('/api/duplicates/check', { name: '别名', uscc: '9135 0100 M000 100Y43', phone: '13800138000', website: 'https://huawei.com/cn' });
    expect(byKeys.body.matches[0]).toMatchObject({ visible: true, name: '华为技术有限公司', matchedOn: ['uscc', 'phone', 'domain'] });
  });

  it('blocks a duplicate outright when the workspace says so', async () => {
    const { zhang, li } = await team();
    await create(zhang.caller, HUAWEI);
    expect((await li.caller.patch('/api/workspace/settings', { duplicatePolicy: 'block' })).status).toBe(403);
    expect((await env.ws.admin.patch('/api/workspace/settings', { duplicatePolicy: 'block' })).body).toMatchObject({ duplicatePolicy: 'block', recycleDays: 30 });
    const before = await snapshot();
    const res = await create(li.caller, { name: 'Huawei', uscc: '91350100M000100Y43', acknowledgeDuplicates: true });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('duplicate_customer');
    expect(res.body.detail).toContain('已存在');
    expect(await snapshot()).toBe(before);
  });

  it('checks an edit that makes a customer collide with another', async () => {
    const { zhang } = await team();
    await create(zhang.caller, HUAWEI);
    const other = (await create(zhang.caller, { name: '中兴通讯股份有限公司' })).body;
    const res = await zhang.caller.patch(`/api/customers/${other.id}`, { version: other.version, phone: '13800138000' });
    expect(res.body.code).toBe('duplicate_warning');
    const renamed = await zhang.caller.patch(`/api/customers/${other.id}`, { version: other.version, name: '中兴通讯有限公司' });
    expect(renamed.status).toBe(200);
  });

  it('refuses a stale edit with 409 and the current record, and records each changed field on the timeline', async () => {
    const { zhang } = await team();
    const c = (await create(zhang.caller, HUAWEI)).body;
    const first = await zhang.caller.patch(`/api/customers/${c.id}`, { version: 1, phone: '13900139000', level: 'A', tags: ['重点客户', '战略'] });
    expect(first.body).toMatchObject({ phone: '13900139000', level: 'A', version: 2 });
    const stale = await zhang.caller.patch(`/api/customers/${c.id}`, { version: 1, city: '深圳' });
    expect(stale.status).toBe(409);
    expect(stale.body.current.phone).toBe('13900139000');
    const timeline = changesOf((await zhang.caller.get(`/api/customers/${c.id}/timeline`)).body.items);
    expect(timeline.map((e) => `${e.action}:${e.field ?? ''}`).sort()).toEqual(['create:', 'update:level', 'update:phone', 'update:tags']);
    expect(timeline.find((e) => e.field === 'phone')).toMatchObject({ before: '13800138000', after: '13900139000', actorId: zhang.user.id });
  });

  it('hands a customer to a colleague, who then sees it and its whole history', async () => {
    const { zhang, li, south } = await team();
    const c = (await create(zhang.caller, HUAWEI)).body;
    await zhang.caller.patch(`/api/customers/${c.id}`, { version: 1, address: '深圳市龙岗区坂田' });
    const moved = await zhang.caller.post(`/api/customers/${c.id}/transfer`, { version: 2, toUserId: li.user.id, note: '李娜负责华南' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ ownerId: li.user.id, departmentId: south.id, version: 3 });
    expect((await zhang.caller.get(`/api/customers/${c.id}`)).status).toBe(404);
    const timeline = changesOf((await li.caller.get(`/api/customers/${c.id}/timeline`)).body.items);
    expect(timeline.map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'update', 'transfer']));
    expect(timeline.find((e) => e.field === 'note')?.after).toBe('李娜负责华南');
    const bad = await li.caller.post(`/api/customers/${c.id}/transfer`, { version: 3, toUserId: '01900000-0000-7000-8000-000000000000' });
    expect(bad.status).toBe(422);
  });

  it('moves deleted customers to a recycle bin they can be restored from, for the configured days', async () => {
    const { zhang, lead } = await team();
    const c = (await create(zhang.caller, HUAWEI)).body;
    expect((await zhang.caller.delete(`/api/customers/${c.id}`)).status).toBe(403);
    expect((await lead.caller.delete(`/api/customers/${c.id}`)).status).toBe(204);
    expect((await zhang.caller.get('/api/customers')).body.items).toHaveLength(0);
    expect((await zhang.caller.get(`/api/customers/${c.id}`)).status).toBe(404);
    expect((await zhang.caller.get('/api/customers?deleted=true')).status).toBe(403);
    expect((await lead.caller.get('/api/customers?deleted=true')).body.items.map((x: Customer) => x.id)).toEqual([c.id]);
    // A deleted customer is no longer a duplicate.
    expect((await zhang.caller.post('/api/duplicates/check', { name: HUAWEI.name })).body.matches).toEqual([]);
    const restored = await lead.caller.post(`/api/customers/${c.id}/restore`);
    expect(restored.body.deletedAt).toBeNull();
    expect((await zhang.caller.get(`/api/customers/${c.id}`)).status).toBe(200);

    await lead.caller.delete(`/api/customers/${c.id}`);
    env.t.clock.advance(31 * 86_400_000);
    const leadAgain = await signIn(env.t.app, lead.email, lead.password);
    const late = await leadAgain.post(`/api/customers/${c.id}/restore`);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('not_restorable');
  });

  it('creates once per Idempotency-Key, even when the client retries', async () => {
    const { zhang } = await team();
    const key = { 'idempotency-key': 'create-huawei-0001' };
    const [a, b] = await Promise.all([create(zhang.caller, HUAWEI, key), create(zhang.caller, HUAWEI, key)]);
    const again = await create(zhang.caller, HUAWEI, key);
    expect([a.status, b.status, again.status]).toEqual([201, 201, 201]);
    expect(new Set([a.body.id, b.body.id, again.body.id]).size).toBe(1);
    expect(await env.t.core.db.selectFrom('customers').select('id').execute()).toHaveLength(1);
    const reused = await create(zhang.caller, { name: '别的公司' }, key);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
  });

  it('lets only roles with the create permission create, and only the transfer right assign another owner', async () => {
    const { zhang, li } = await team();
    const viewer = await addMember(env.ws, { role: 'viewer' });
    const presales = await addMember(env.ws, { role: 'presales' });
    expect((await create(viewer.caller, { name: '只读公司' })).status).toBe(403);
    expect((await create(presales.caller, { name: '售前公司' })).status).toBe(403);
    const assigned = await create(env.ws.admin, { name: '分配公司', ownerId: li.user.id });
    expect(assigned.body.ownerId).toBe(li.user.id);
    const massAssigned = await create(zhang.caller, { name: '自己的公司', workspaceId: '01900000-0000-7000-8000-000000000000', version: 7, deletedAt: '2020-01-01T00:00:00Z' });
    expect(massAssigned.body).toMatchObject({ ownerId: zhang.user.id, version: 1, deletedAt: null });
  });

  it('filters by name prefix, tag, status and owner, sorts on an allow-list and pages with a keyset cursor', async () => {
    const { zhang } = await team();
    const names = ['阿里巴巴网络技术有限公司', '百度在线网络技术有限公司', '华为技术有限公司', '华为终端有限公司', '腾讯科技有限公司', '小米科技有限责任公司', 'Acme Co., Ltd.'];
    for (const [i, name] of names.entries()) await create(zhang.caller, { name, tags: i % 2 ? ['重点'] : [], status: i < 3 ? 'active' : 'prospect' });
    const get = async (query: string) => (await env.ws.admin.get(`/api/customers?${query}`)).body.items.map((c: Customer) => c.name);
    expect(await get(`q=${encodeURIComponent('华为')}`)).toHaveLength(2);
    expect(await get('q=acme')).toEqual(['Acme Co., Ltd.']);
    expect(await get(`tag=${encodeURIComponent('重点')}`)).toHaveLength(3);
    expect(await get('status=active')).toHaveLength(3);
    expect(await get(`ownerId=${zhang.user.id}`)).toHaveLength(7);
    expect((await env.ws.admin.get('/api/customers?sort=secret_column')).status).toBe(422);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Customer[]; nextCursor: string | null } } = await env.ws.admin.get(`/api/customers?sort=name&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.body.items.map((c) => c.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(seen[0]).toBe('Acme Co., Ltd.');
    const byName = await get('sort=name&limit=200');
    expect(seen).toEqual(byName);
    const first = await env.ws.admin.get('/api/customers?sort=name&limit=3');
    expect((await env.ws.admin.get(`/api/customers?sort=-name&limit=3&cursor=${encodeURIComponent(first.body.nextCursor)}`)).status).toBe(400);
  });

  it('applies bulk actions id by id: what the caller may not touch is reported, not done, and nothing else is held up', async () => {
    const { zhang, li, lead } = await team();
    const a = (await create(zhang.caller, { name: '甲公司' })).body;
    const b = (await create(zhang.caller, { name: '乙公司' })).body;
    const foreign = (await create(li.caller, { name: '丙公司' })).body;
    const tagged = await zhang.caller.post('/api/customers/bulk', { action: 'addTag', ids: [a.id, b.id, foreign.id], tag: '年底冲刺' });
    expect(tagged.body.results).toEqual([
      { id: a.id, ok: true },
      { id: b.id, ok: true },
      { id: foreign.id, ok: false, code: 'not_found' },
    ]);
    expect((await zhang.caller.get(`/api/customers/${a.id}`)).body.tags).toEqual(['年底冲刺']);
    expect((await li.caller.get(`/api/customers/${foreign.id}`)).body.tags).toEqual([]);

    const deleted = await zhang.caller.post('/api/customers/bulk', { action: 'delete', ids: [a.id] });
    expect(deleted.body.results[0]).toEqual({ id: a.id, ok: false, code: 'forbidden' });
    const assigned = await lead.caller.post('/api/customers/bulk', { action: 'assign', ids: [a.id, b.id], toUserId: li.user.id });
    expect(assigned.body.results.every((r: { ok: boolean }) => r.ok)).toBe(true);
    expect((await li.caller.get('/api/customers')).body.items).toHaveLength(3);
    expect((await zhang.caller.post('/api/customers/bulk', { action: 'delete', ids: [] })).status).toBe(422);
  });

  it('lists exactly the given ids inside the caller’s scope (names for a page of follow-ups in one call)', async () => {
    const a = (await env.ws.admin.post('/api/customers', { name: '甲方科技有限公司' })).body;
    const b = (await env.ws.admin.post('/api/customers', { name: '乙方贸易有限公司' })).body;
    await env.ws.admin.post('/api/customers', { name: '丙方物流有限公司' });
    const names = async (ids: string) => ((await env.ws.admin.get(`/api/customers?ids=${ids}`)).body.items as { name: string }[]).map((c) => c.name).sort();
    expect(await names(`${a.id},${b.id},${a.id}`)).toEqual(['乙方贸易有限公司', '甲方科技有限公司']);
    expect(await names(',')).toEqual([]);
    expect((await env.ws.admin.get('/api/customers?ids=not-an-id')).status).toBe(422);
    const rep = await addMember(env.ws, { role: 'sales', name: '外人' });
    expect((await rep.caller.get(`/api/customers?ids=${a.id}`)).body.items).toEqual([]);
  });
});
