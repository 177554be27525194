import { describe, expect, it } from 'vitest';
import type { CustomField } from '@kairos/domain/custom-fields';
import type { Opportunity } from '@kairos/domain/opportunities';
import { addMember, withWorkspace } from '../../testing/factories';

const env = withWorkspace();

async function define() {
  const admin = env.ws.admin;
  const field = async (body: Record<string, unknown>) => {
    const res = await admin.post('/api/fields', { entity: 'opportunity', ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as CustomField;
  };
  return {
    budget: await field({ key: 'budget', labelZh: '预算', labelEn: 'Budget', type: 'money', required: true }),
    channel: await field({ key: 'channel', labelZh: '渠道', labelEn: 'Channel', type: 'select', options: [{ value: 'direct', labelZh: '直销', labelEn: 'Direct' }, { value: 'partner', labelZh: '伙伴', labelEn: 'Partner' }] }),
    rivals: await field({ key: 'rivals', labelZh: '竞争对手', labelEn: 'Competitors', type: 'multiselect', options: ['salesforce', 'zoho', 'twenty'].map((v) => ({ value: v, labelZh: v, labelEn: v })) }),
    tender: await field({ key: 'tender_no', labelZh: '招标编号', labelEn: 'Tender no.', type: 'text' }),
    hotline: await field({ key: 'hotline', labelZh: '项目热线', labelEn: 'Project hotline', type: 'phone' }),
  };
}

describe('custom fields', () => {
  it('only an administrator defines fields; keys are unique per record type; choice fields need options', async () => {
    const rep = await addMember(env.ws, { role: 'sales' });
    expect((await rep.caller.post('/api/fields', { entity: 'customer', key: 'x', labelZh: '甲', labelEn: 'X', type: 'text' })).status).toBe(403);
    await define();
    const taken = await env.ws.admin.post('/api/fields', { entity: 'opportunity', key: 'budget', labelZh: '预算2', labelEn: 'Budget 2', type: 'number' });
    expect(taken.body.fields).toMatchObject([{ path: 'key', code: 'key_taken' }]);
    expect((await env.ws.admin.post('/api/fields', { entity: 'customer', key: 'budget', labelZh: '预算', labelEn: 'Budget', type: 'number' })).status).toBe(201);
    const noOptions = await env.ws.admin.post('/api/fields', { entity: 'contact', key: 'hobby', labelZh: '爱好', labelEn: 'Hobby', type: 'select' });
    expect(noOptions.body.fields).toMatchObject([{ path: 'options', code: 'options_required' }]);
    expect((await rep.caller.get('/api/fields?entity=opportunity')).body.items.map((f: CustomField) => f.key)).toEqual(['budget', 'channel', 'rivals', 'tender_no', 'hotline']);
  });

  it('validates values like built-in fields: required, type, options, unknown keys — each named in the caller’s language', async () => {
    await define();
    const rep = await addMember(env.ws, { role: 'sales' });
    rep.caller.locale = 'en';
    const customer = (await rep.caller.post('/api/customers', { name: '华为技术有限公司' })).body;
    const bad = await rep.caller.post('/api/opportunities', { name: '扩容', customerId: customer.id, custom: { channel: 'tv', rivals: ['oracle'], hotline: '123', nope: 1 } });
    expect(bad.status).toBe(422);
    const byPath = Object.fromEntries(bad.body.fields.map((f: { path: string; code: string; message: string }) => [f.path, `${f.code}: ${f.message}`]));
    expect(byPath).toEqual({
      'custom.nope': 'unknown_field: No such field',
      'custom.budget': 'required: Required',
      'custom.channel': 'option: Not one of the options',
      'custom.rivals': 'option: Not one of the options',
      'custom.hotline': 'phone: Invalid phone number',
    });
    const ok = await rep.caller.post('/api/opportunities', { name: '扩容', customerId: customer.id, custom: { budget: 50_000_000, channel: 'partner', rivals: ['zoho', 'zoho', 'twenty'], hotline: '138 0013 8000', tender_no: 'ZB-2026-118' } });
    expect(ok.status).toBe(201);
    expect(ok.body.custom).toEqual({ budget: 50_000_000, channel: 'partner', rivals: ['zoho', 'twenty'], hotline: '13800138000', tender_no: 'ZB-2026-118' });
    const cleared = await rep.caller.patch(`/api/opportunities/${ok.body.id}`, { version: 1, custom: { tender_no: null, channel: 'direct' } });
    expect(cleared.body.custom).toEqual({ budget: 50_000_000, channel: 'direct', rivals: ['zoho', 'twenty'], hotline: '13800138000' });
    const changes = (await rep.caller.get(`/api/opportunities/${ok.body.id}/timeline?kind=change`)).body.items.map((i: { change: { field: string; before: unknown; after: unknown } }) => i.change);
    expect(changes.filter((c: { field: string }) => c.field?.startsWith('custom.'))).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'custom.tender_no', before: 'ZB-2026-118', after: null }), expect.objectContaining({ field: 'custom.channel', before: 'partner', after: 'direct' })]),
    );
    const requiredCleared = await rep.caller.patch(`/api/opportunities/${ok.body.id}`, { version: 2, custom: { budget: null } });
    expect(requiredCleared.body.fields).toMatchObject([{ path: 'custom.budget', code: 'required' }]);
  });

  it('filters lists by any custom field, finds text values in search, and hides a deleted field everywhere', async () => {
    const { rivals } = await define();
    const rep = await addMember(env.ws, { role: 'sales' });
    const customer = (await rep.caller.post('/api/customers', { name: '华为技术有限公司' })).body;
    const make = async (name: string, custom: Record<string, unknown>) => (await rep.caller.post('/api/opportunities', { name, customerId: customer.id, custom: { budget: 100, ...custom } })).body as Opportunity;
    const a = await make('甲项目', { channel: 'direct', rivals: ['zoho'], budget: 300 });
    const b = await make('乙项目', { channel: 'partner', rivals: ['zoho', 'twenty'], tender_no: 'ZB-2026-118' });
    await make('丙项目', {});
    const ids = async (query: string) => ((await rep.caller.get(`/api/opportunities?${query}`)).body.items as Opportunity[]).map((o) => o.id).sort();
    expect(await ids('customKey=channel&customValue=partner')).toEqual([b.id]);
    expect(await ids('customKey=rivals&customValue=zoho')).toEqual([a.id, b.id].sort());
    expect(await ids('customKey=budget&customValue=300')).toEqual([a.id]);
    expect((await rep.caller.get('/api/opportunities?customKey=nope&customValue=1')).status).toBe(422);
    const found = (await rep.caller.get('/api/search?q=ZB-2026')).body.items;
    expect(found.map((h: { id: string }) => h.id)).toEqual([b.id]);

    expect((await env.ws.admin.delete(`/api/fields/${rivals.id}`)).status).toBe(204);
    expect(Object.keys((await rep.caller.get(`/api/opportunities/${b.id}`)).body.custom).sort()).toEqual(['budget', 'channel', 'tender_no']);
    expect((await rep.caller.get('/api/opportunities?customKey=rivals&customValue=zoho')).status).toBe(422);
    expect((await env.ws.admin.post('/api/fields', { entity: 'opportunity', key: 'rivals', labelZh: '对手', labelEn: 'Rivals', type: 'text' })).status).toBe(201);
  });

  it('follow-ups carry custom fields too', async () => {
    await env.ws.admin.post('/api/fields', { entity: 'followup', key: 'attendees', labelZh: '参会人数', labelEn: 'Attendees', type: 'number' });
    const rep = await addMember(env.ws, { role: 'sales' });
    const customer = (await rep.caller.post('/api/customers', { name: '华为技术有限公司' })).body;
    const res = await rep.caller.post('/api/followups', { targetType: 'customer', targetId: customer.id, type: 'meeting', content: '方案评审会，客户 CIO 到场', nextStep: '报价', nextFollowUpOn: '2027-01-05', custom: { attendees: 6 } });
    expect(res.status).toBe(201);
    expect(res.body.custom).toEqual({ attendees: 6 });
    const timeline = (await rep.caller.get(`/api/customers/${customer.id}/timeline?kind=followup`)).body.items;
    expect(timeline[0].followUp.custom).toEqual({ attendees: 6 });
  });
});
