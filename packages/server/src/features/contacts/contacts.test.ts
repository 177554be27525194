import { describe, expect, it } from 'vitest';
import type { Contact } from '@kairos/domain/contacts';
import { addDepartment, addMember, withWorkspace } from '../../testing/factories';

const env = withWorkspace();

async function setting() {
  const east = await addDepartment(env.ws, '华东大区');
  const south = await addDepartment(env.ws, '华南大区');
  const zhang = await addMember(env.ws, { role: 'sales', name: '张伟', departmentId: east.id });
  const li = await addMember(env.ws, { role: 'sales', name: '李娜', departmentId: south.id });
  const customer = (await zhang.caller.post('/api/customers', { name: '华为技术有限公司' })).body;
  return { zhang, li, customer };
}

describe('contacts', () => {
  it('adds a contact to a customer with a normalised mobile and e-mail', async () => {
    const { zhang, customer } = await setting();
    const res = await zhang.caller.post('/api/contacts', { customerId: customer.id, name: '王采购', title: '采购经理', mobile: '+86 139-0013-9000', email: 'Wang@Huawei.com', decisionRole: 'decision_maker' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ customerId: customer.id, mobile: '13900139000', email: 'wang@huawei.com', ownerId: zhang.user.id, decisionRole: 'decision_maker' });
    const list = await zhang.caller.get(`/api/contacts?customerId=${customer.id}`);
    expect(list.body.items.map((c: Contact) => c.name)).toEqual(['王采购']);
  });

  it('refuses a landline as a mobile and names the field', async () => {
    const { zhang, customer } = await setting();
    zhang.caller.locale = 'en';
    const res = await zhang.caller.post('/api/contacts', { customerId: customer.id, name: '前台', mobile: '010-6552 9988', email: 'not-an-email' });
    expect(res.status).toBe(422);
    expect(res.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['email', 'mobile']);
    expect(res.body.fields.find((f: { path: string }) => f.path === 'mobile').message).toMatch(/Invalid mobile number/);
  });

  it('follows its customer: outside the customer’s scope a contact is a 404, and after a transfer it moves with it', async () => {
    const { zhang, li, customer } = await setting();
    const contact = (await zhang.caller.post('/api/contacts', { customerId: customer.id, name: '王采购', mobile: '13900139000' })).body;
    expect((await li.caller.get(`/api/contacts/${contact.id}`)).status).toBe(404);
    expect((await li.caller.get('/api/contacts')).body.items).toHaveLength(0);
    expect((await li.caller.post('/api/contacts', { customerId: customer.id, name: '插队' })).status).toBe(404);
    await zhang.caller.post(`/api/customers/${customer.id}/transfer`, { version: customer.version, toUserId: li.user.id });
    expect((await li.caller.get(`/api/contacts/${contact.id}`)).status).toBe(200);
    expect((await zhang.caller.get(`/api/contacts/${contact.id}`)).status).toBe(404);
  });

  it('catches a second contact with the same mobile or e-mail anywhere in the workspace, masked for those who may not see it', async () => {
    const { zhang, li } = await setting();
    const own = (await zhang.caller.post('/api/customers', { name: '中兴通讯股份有限公司' })).body;
    await zhang.caller.post('/api/contacts', { customerId: own.id, name: '王采购', mobile: '13900139000', email: 'wang@zte.com.cn' });
    const check = await li.caller.post('/api/duplicates/check', { entity: 'contact', mobile: '139 0013 9000' });
    expect(check.body.matches).toEqual([{ id: null, name: '王*购 · 中******司', matchedOn: ['mobile'], visible: false, owner: { id: zhang.user.id, name: '张伟' }, protected: true, askRef: expect.any(String) }]);
    const liCustomer = (await li.caller.post('/api/customers', { name: '比亚迪股份有限公司' })).body;
    const warned = await li.caller.post('/api/contacts', { customerId: liCustomer.id, name: '王先生', email: 'WANG@zte.com.cn' });
    expect(warned.status).toBe(409);
    expect(warned.body.code).toBe('duplicate_warning');
    await env.ws.admin.patch('/api/workspace/settings', { duplicatePolicy: 'block' });
    const blocked = await li.caller.post('/api/contacts', { customerId: liCustomer.id, name: '王先生', email: 'wang@zte.com.cn', acknowledgeDuplicates: true });
    expect(blocked.body.code).toBe('duplicate_contact');
  });

  it('edits with a version check and records each changed field', async () => {
    const { zhang, customer } = await setting();
    const contact = (await zhang.caller.post('/api/contacts', { customerId: customer.id, name: '王采购' })).body;
    const edited = await zhang.caller.patch(`/api/contacts/${contact.id}`, { version: 1, title: '采购总监', wechat: 'wang_caigou' });
    expect(edited.body).toMatchObject({ title: '采购总监', wechat: 'wang_caigou', version: 2 });
    expect((await zhang.caller.patch(`/api/contacts/${contact.id}`, { version: 1, title: '旧' })).status).toBe(409);
    const audit = await env.ws.admin.get(`/api/audit?entityType=contact&entityId=${contact.id}`);
    expect(audit.body.items.filter((e: { action: string }) => e.action === 'update').map((e: { field: string }) => e.field).sort()).toEqual(['title', 'wechat']);
    expect((await zhang.caller.delete(`/api/contacts/${contact.id}`)).status).toBe(403);
    expect((await env.ws.admin.delete(`/api/contacts/${contact.id}`)).status).toBe(204);
    expect((await zhang.caller.get(`/api/contacts/${contact.id}`)).status).toBe(404);
  });

  it('filters the list by decision role, tag, custom field, department and update time, inside the caller’s scope', async () => {
    const { zhang, li, customer } = await setting();
    await env.ws.admin.post('/api/fields', { entity: 'contact', key: 'hobby', type: 'text', labelZh: '爱好', labelEn: 'Hobby' });
    const boss = (await zhang.caller.post('/api/contacts', { customerId: customer.id, name: '刘总', decisionRole: 'decision_maker', tags: ['关键人'], custom: { hobby: '高尔夫' } })).body as Contact;
    env.t.clock.advance(60_000);
    const since = env.t.clock.now().toISOString();
    await zhang.caller.post('/api/contacts', { customerId: customer.id, name: '小陈', decisionRole: 'user', tags: ['技术'] });
    const other = (await li.caller.post('/api/customers', { name: '深圳南山电子有限公司' })).body;
    await li.caller.post('/api/contacts', { customerId: other.id, name: '周总', decisionRole: 'decision_maker', tags: ['关键人'] });
    const names = async (query: string) => ((await zhang.caller.get(`/api/contacts?${query}`)).body.items as Contact[]).map((c) => c.name).sort();
    expect(await names('decisionRole=decision_maker')).toEqual(['刘总']);
    expect(await names(`tag=${encodeURIComponent('关键人')}`)).toEqual(['刘总']);
    expect(await names(`customKey=hobby&customValue=${encodeURIComponent('高尔夫')}`)).toEqual(['刘总']);
    expect(await names(`updatedFrom=${since}`)).toEqual(['小陈']);
    expect(await names(`departmentId=${zhang.user.departmentId}`)).toEqual(['刘总', '小陈']);
    expect(boss.custom).toEqual({ hobby: '高尔夫' });
    const admin = ((await env.ws.admin.get('/api/contacts?decisionRole=decision_maker')).body.items as Contact[]).map((c) => c.name).sort();
    expect(admin).toEqual(['刘总', '周总']);
    expect((await zhang.caller.get('/api/contacts?customKey=nope&customValue=x')).status).toBe(422);
  });

  it('brings a deleted contact back from the recycle bin, searchable again, within the workspace’s days', async () => {
    const { zhang, li, customer } = await setting();
    const contact = (await zhang.caller.post('/api/contacts', { customerId: customer.id, name: '欧阳娜娜', mobile: '13912345678' })).body as Contact;
    expect((await env.ws.admin.delete(`/api/contacts/${contact.id}`)).status).toBe(204);
    expect((await env.ws.admin.get(`/api/search?q=${encodeURIComponent('欧阳')}`)).body.items).toEqual([]);
    // Sales may not delete, so may not restore; outside the scope it does not exist.
    expect((await zhang.caller.post(`/api/contacts/${contact.id}/restore`)).status).toBe(403);
    expect((await li.caller.post(`/api/contacts/${contact.id}/restore`)).status).toBe(404);
    const back = await env.ws.admin.post(`/api/contacts/${contact.id}/restore`);
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ id: contact.id, deletedAt: null });
    expect((await env.ws.admin.get(`/api/search?q=${encodeURIComponent('欧阳')}`)).body.items.map((i: { id: string }) => i.id)).toEqual([contact.id]);
    expect((await env.ws.admin.post(`/api/contacts/${contact.id}/restore`)).status).toBe(404);
    await env.ws.admin.patch('/api/workspace/settings', { recycleDays: 1 });
    await env.ws.admin.delete(`/api/contacts/${contact.id}`);
    env.t.clock.advance(2 * 86_400_000);
    expect((await env.ws.admin.post(`/api/contacts/${contact.id}/restore`)).status).toBe(409);
  });

  it('hands a contact to a colleague who can see its customer, who is told', async () => {
    const { zhang, li, customer } = await setting();
    const contact = (await zhang.caller.post('/api/contacts', { customerId: customer.id, name: '赵工', title: '技术负责人' })).body as Contact;
    const colleague = await addMember(env.ws, { role: 'manager', name: '孙丽', departmentId: zhang.user.departmentId });
    expect((await li.caller.post(`/api/contacts/${contact.id}/transfer`, { version: contact.version, toUserId: li.user.id })).status).toBe(404);
    // 李娜 (sales, another region) could not see the customer: refused, nothing changes.
    const blind = await zhang.caller.post(`/api/contacts/${contact.id}/transfer`, { version: contact.version, toUserId: li.user.id });
    expect(blind.status).toBe(422);
    expect(blind.body.fields).toMatchObject([{ path: 'toUserId', code: 'owner_cannot_see' }]);
    const moved = await zhang.caller.post(`/api/contacts/${contact.id}/transfer`, { version: contact.version, toUserId: colleague.user.id, note: '技术对接交给孙丽' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ ownerId: colleague.user.id, version: contact.version + 1 });
    expect((await zhang.caller.post(`/api/contacts/${contact.id}/transfer`, { version: contact.version, toUserId: zhang.user.id })).status).toBe(409);
    expect((await colleague.caller.get('/api/notifications')).body.items).toMatchObject([{ kind: 'transfer', recordType: 'contact', recordId: contact.id, message: '技术对接交给孙丽' }]);
    expect((await colleague.caller.get(`/api/contacts/${contact.id}`)).body.ownerId).toBe(colleague.user.id);
  });

  it('tags, assigns and deletes contacts in bulk, each checked on its own, and lists the recycle bin for those who may delete', async () => {
    const { zhang, li, customer } = await setting();
    const a = (await zhang.caller.post('/api/contacts', { customerId: customer.id, name: '甲' })).body as Contact;
    const b = (await zhang.caller.post('/api/contacts', { customerId: customer.id, name: '乙' })).body as Contact;
    const other = (await li.caller.post('/api/customers', { name: '深圳南山电子有限公司' })).body;
    const c = (await li.caller.post('/api/contacts', { customerId: other.id, name: '丙' })).body as Contact;
    const tagged = await zhang.caller.post('/api/contacts/bulk', { action: 'addTag', ids: [a.id, b.id, c.id], tag: '重点' });
    expect(tagged.body.results).toEqual([{ id: a.id, ok: true }, { id: b.id, ok: true }, { id: c.id, ok: false, code: 'not_found' }]);
    expect(((await zhang.caller.get(`/api/contacts?tag=${encodeURIComponent('重点')}`)).body.items as Contact[]).map((x) => x.name).sort()).toEqual(['乙', '甲']);
    expect((await zhang.caller.post('/api/contacts/bulk', { action: 'delete', ids: [a.id] })).body.results).toEqual([{ id: a.id, ok: false, code: 'forbidden' }]);
    expect((await zhang.caller.get('/api/contacts?deleted=true')).status).toBe(403);
    const removed = await env.ws.admin.post('/api/contacts/bulk', { action: 'delete', ids: [a.id, b.id] });
    expect(removed.body.results.every((r: { ok: boolean }) => r.ok)).toBe(true);
    expect(((await env.ws.admin.get('/api/contacts?deleted=true')).body.items as Contact[]).map((x) => x.name).sort()).toEqual(['乙', '甲']);
    expect(((await zhang.caller.get('/api/contacts')).body.items as Contact[])).toEqual([]);
    // Handing 李娜's customer's contact to 张伟, who cannot see that customer, is refused as a whole.
    const blind = await env.ws.admin.post('/api/contacts/bulk', { action: 'assign', ids: [c.id], toUserId: zhang.user.id });
    expect(blind.status).toBe(422);
    expect(blind.body.fields).toMatchObject([{ path: 'toUserId', code: 'owner_cannot_see' }]);
    const assigned = await env.ws.admin.post('/api/contacts/bulk', { action: 'assign', ids: [c.id], toUserId: env.ws.adminUser.id });
    expect(assigned.body.results).toEqual([{ id: c.id, ok: true }]);
    expect((await env.ws.admin.get(`/api/contacts/${c.id}`)).body.ownerId).toBe(env.ws.adminUser.id);
  });

  it('sorts by name or by update time, both ways, a keyset page at a time', async () => {
    const { zhang, customer } = await setting();
    for (const name of ['Carol', 'alice', 'Bob', 'Dave']) {
      await zhang.caller.post('/api/contacts', { customerId: customer.id, name });
      env.t.clock.advance(1000);
    }
    const all = async (sort: string) => {
      const first = (await zhang.caller.get(`/api/contacts?sort=${sort}&limit=2`)).body;
      const second = (await zhang.caller.get(`/api/contacts?sort=${sort}&limit=2&cursor=${first.nextCursor}`)).body;
      return [...first.items, ...second.items].map((c: Contact) => c.name);
    };
    expect(await all('name')).toEqual(['Bob', 'Carol', 'Dave', 'alice']);
    expect(await all('-name')).toEqual(['alice', 'Dave', 'Carol', 'Bob']);
    expect(await all('updatedAt')).toEqual(['Carol', 'alice', 'Bob', 'Dave']);
    expect(await all('-updatedAt')).toEqual(['Dave', 'Bob', 'alice', 'Carol']);
    expect((await zhang.caller.get('/api/contacts?sort=mobile')).status).toBe(422);
  });
});
