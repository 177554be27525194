import { describe, expect, it } from 'vitest';
import type { TimelineItem } from '@kairos/domain/timeline';
import { addDepartment, addMember, withWorkspace } from '../../testing/factories';

const env = withWorkspace();

const roleId = (key: string) => env.ws.roles.get(key)?.id as string;

async function arrange() {
  const { ws } = env;
  const east = await addDepartment(ws, '华东大区');
  const lead = await addMember(ws, { role: 'manager', name: '李经理', departmentId: east.id });
  const zhang = await addMember(ws, { role: 'sales', name: '张伟', departmentId: east.id, managerId: lead.user.id });
  const wang = await addMember(ws, { role: 'presales', name: '王工', departmentId: east.id });
  await ws.admin.post('/api/fields', { entity: 'opportunity', key: 'budget_note', type: 'text', labelZh: '预算说明', labelEn: 'Budget note' });
  const rules = await ws.admin.patch('/api/workspace/settings', {
    fieldRules: {
      customer: { phone: { [roleId('sales')]: 'hidden', [roleId('manager')]: 'hidden' }, uscc: { [roleId('sales')]: 'readonly' } },
      opportunity: { amount: { [roleId('presales')]: 'hidden' }, 'custom.budget_note': { [roleId('presales')]: 'hidden' }, probability: { [roleId('presales')]: 'readonly' } },
    },
  });
  expect(rules.status).toBe(200);
  const customer = (await ws.admin.post('/api/customers', { name: '苏州工业园区智造科技有限公司', phone: '0512-66881234', ownerId: zhang.user.id })).body;
  return { lead, zhang, wang, customer };
}

describe('field-level access', () => {
  it('a hidden amount is absent from every deal response, list, filter, sort, timeline and conflict for presales; read-only fields cannot be written', async () => {
    const { zhang, wang, customer } = await arrange();
    const created = await zhang.caller.post('/api/opportunities', { name: 'MES 二期', customerId: customer.id, amount: 880_000_00, custom: { budget_note: '客户预算 90 万封顶' } });
    expect(created.body).toMatchObject({ amount: 880_000_00, custom: { budget_note: '客户预算 90 万封顶' } });
    const deal = (await zhang.caller.patch(`/api/opportunities/${created.body.id}`, { version: created.body.version, amount: 900_000_00 })).body;
    await zhang.caller.put(`/api/opportunities/${deal.id}/team/${wang.user.id}`, { role: 'presales', access: 'edit' });

    const seen = (await wang.caller.get(`/api/opportunities/${deal.id}`)).body;
    expect(seen.name).toBe('MES 二期');
    expect(seen).not.toHaveProperty('amount');
    expect(seen.custom).toEqual({});
    expect(seen.probability).toEqual(expect.any(Number));
    const listed = (await wang.caller.get('/api/opportunities')).body.items;
    expect(listed.map((o: { id: string }) => o.id)).toEqual([deal.id]);
    expect(listed[0]).not.toHaveProperty('amount');

    // Probing the amount through filters or sorting is refused, in the caller's language.
    wang.caller.locale = 'en';
    const probe = await wang.caller.get('/api/opportunities?amountMin=800000&sort=-amount&customKey=budget_note&customValue=x');
    expect(probe.status).toBe(422);
    expect(probe.body.fields.map((f: { path: string; code: string }) => `${f.path}:${f.code}`).sort()).toEqual(['amountMin:hidden_field', 'customKey:hidden_field', 'sort:hidden_field']);
    expect(probe.body.fields[0].message).toBe('This field is hidden from you and cannot be used to filter or sort');

    // An edit member may change the name, not the hidden amount nor the read-only probability; nothing is written.
    const refused = await wang.caller.patch(`/api/opportunities/${deal.id}`, { version: deal.version, amount: 1, probability: 90, custom: { budget_note: 'x' } });
    expect(refused.status).toBe(422);
    expect(refused.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['amount', 'custom.budget_note', 'probability']);
    expect((await zhang.caller.get(`/api/opportunities/${deal.id}`)).body).toMatchObject({ amount: 900_000_00, version: deal.version });
    const renamed = await wang.caller.patch(`/api/opportunities/${deal.id}`, { version: deal.version, name: 'MES 二期（含 WMS）' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).not.toHaveProperty('amount');
    const stale = await wang.caller.patch(`/api/opportunities/${deal.id}`, { version: deal.version, name: '旧版本' });
    expect(stale.status).toBe(409);
    expect(stale.body.current.name).toBe('MES 二期（含 WMS）');
    expect(stale.body.current).not.toHaveProperty('amount');

    // The timeline keeps the rename but not the amount change, nor the amount in the creation snapshot.
    const timeline = (await wang.caller.get(`/api/opportunities/${deal.id}/timeline?kind=change`)).body.items as TimelineItem[];
    const changes = timeline.flatMap((i) => (i.kind === 'change' ? [i.change] : []));
    expect(changes.some((c) => c.field === 'name')).toBe(true);
    expect(changes.some((c) => c.field === 'amount' || c.field === 'custom.budget_note')).toBe(false);
    expect(JSON.stringify(changes)).not.toContain('88000000');
    // The owner still sees everything.
    const ownerView = (await zhang.caller.get(`/api/opportunities/${deal.id}/timeline?kind=change`)).body.items as TimelineItem[];
    expect(ownerView.some((i) => i.kind === 'change' && i.change.field === 'amount')).toBe(true);
    expect((await wang.caller.get('/api/fields/access')).body.opportunity).toEqual({ hidden: ['amount', 'custom.budget_note'], readOnly: ['probability'] });
  });

  it('a hidden phone is absent from customers, search and export; read-only fields stay shown but unwritable', async () => {
    const { lead, zhang, customer } = await arrange();
    const mine = (await zhang.caller.get(`/api/customers/${customer.id}`)).body;
    expect(mine).not.toHaveProperty('phone');
    expect(mine.completeness.missing).not.toContain('phone');
    expect((await zhang.caller.get('/api/customers')).body.items[0]).not.toHaveProperty('phone');
    // Search finds the customer by name, never by the hidden phone; the admin finds it by phone.
    expect((await zhang.caller.get(`/api/search?q=${encodeURIComponent('智造科技')}`)).body.items.map((i: { id: string }) => i.id)).toEqual([customer.id]);
    expect((await zhang.caller.get('/api/search?q=66881234')).body.items).toEqual([]);
    expect((await env.ws.admin.get('/api/search?q=66881234')).body.items.map((i: { id: string }) => i.id)).toEqual([customer.id]);

    const blocked = await zhang.caller.patch(`/api/customers/${customer.id}`, { version: mine.version, phone: '0512-11112222', uscc: '91350100M000100Y43' });
    expect(blocked.status).toBe(422);
    expect(blocked.body.fields.map((f: { path: string; code: string }) => `${f.path}:${f.code}`).sort()).toEqual(['phone:read_only', 'uscc:read_only']);
    expect(blocked.body.fields[0].message).toBe('您无权修改此字段');
    const allowed = await zhang.caller.patch(`/api/customers/${customer.id}`, { version: mine.version, industry: '智能制造' });
    expect(allowed.body).toMatchObject({ industry: '智能制造', uscc: null });
    expect((await zhang.caller.post('/api/customers', { name: '无锡新材料有限公司', phone: '0510-88886666' })).status).toBe(422);
    expect((await zhang.caller.get('/api/fields/access')).body.customer).toEqual({ hidden: ['phone'], readOnly: ['uscc'] });

    // The manager (phone hidden too) exports: no phone column, no phone in any row.
    const phone = (await env.ws.admin.get(`/api/customers/${customer.id}`)).body.phone as string;
    expect(phone).toMatch(/66881234/);
    const csv = await lead.caller.get('/api/customers/export');
    expect(csv.status).toBe(200);
    expect(csv.body).toContain('苏州工业园区智造科技有限公司');
    expect(csv.body).not.toContain(phone);
    expect(String(csv.body).split('\n')[0]).not.toMatch(/电话/);
    expect((await env.ws.admin.get('/api/customers/export')).body).toContain(phone);
  });

  it('refuses rules on fields that cannot be restricted and on unknown roles', async () => {
    const bad = await env.ws.admin.patch('/api/workspace/settings', { fieldRules: { customer: { name: { [roleId('sales')]: 'hidden' } } } });
    expect(bad.status).toBe(422);
    expect(bad.body.fields).toMatchObject([{ path: 'fieldRules.customer.name', code: 'unknown_field' }]);
    const unknownRole = await env.ws.admin.patch('/api/workspace/settings', { fieldRules: { opportunity: { amount: { '0190a000-0000-7000-8000-000000000001': 'hidden' } } } });
    expect(unknownRole.status).toBe(422);
    expect(unknownRole.body.fields[0].code).toBe('unknown_role');
    const sales = await addMember(env.ws, { role: 'sales', name: '赵六' });
    expect((await sales.caller.patch('/api/workspace/settings', { fieldRules: {} })).status).toBe(403);
  });

  it('saving one setting leaves the others as they were (field rules survive a duplicate-policy change and back)', async () => {
    const { admin } = env.ws;
    await admin.patch('/api/workspace/settings', { recycleDays: 45, duplicatePolicy: 'block' });
    await admin.patch('/api/workspace/settings', { fieldRules: { opportunity: { amount: { [roleId('presales')]: 'hidden' } } } });
    await admin.patch('/api/workspace/settings', { duplicatePolicy: 'warn' });
    const settings = (await admin.get('/api/workspace/settings')).body;
    expect(settings).toMatchObject({ recycleDays: 45, duplicatePolicy: 'warn', fieldRules: { opportunity: { amount: { [roleId('presales')]: 'hidden' } } } });
  });

  it('a required custom field hidden from a role is not required of that role (others must still fill it)', async () => {
    const { ws } = env;
    const sales = await addMember(ws, { role: 'sales', name: '钱七' });
    expect((await ws.admin.post('/api/fields', { entity: 'customer', key: 'credit_limit', type: 'number', labelZh: '授信额度', labelEn: 'Credit limit', required: true })).status).toBe(201);
    await ws.admin.patch('/api/workspace/settings', { fieldRules: { customer: { 'custom.credit_limit': { [roleId('sales')]: 'hidden' } } } });
    const byRep = await sales.caller.post('/api/customers', { name: '合肥新能源有限公司' });
    expect(byRep.status).toBe(201);
    expect(byRep.body.custom).toEqual({});
    const byAdmin = await ws.admin.post('/api/customers', { name: '芜湖汽车配件有限公司' });
    expect(byAdmin.status).toBe(422);
    expect(byAdmin.body.fields).toMatchObject([{ path: 'custom.credit_limit', code: 'required' }]);
  });
});
