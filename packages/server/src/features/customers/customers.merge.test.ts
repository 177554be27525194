import { describe, expect, it } from 'vitest';
import type { Customer } from '@kairos/domain/customers';
import type { TimelineItem } from '@kairos/domain/timeline';
import { addMember, withWorkspace } from '../../testing/factories';

const env = withWorkspace();

describe('merging duplicate customers', () => {
  it('moves every child and both histories to the survivor, fills empty fields and retires the duplicate', async () => {
    const { ws } = env;
    const zhang = await addMember(ws, { role: 'sales', name: '张伟' });
    const li = await addMember(ws, { role: 'sales', name: '李娜' });
    await ws.admin.patch('/api/workspace/settings', { duplicatePolicy: 'warn' });
    const survivor = (await zhang.caller.post('/api/customers', { name: '华为技术有限公司', tags: ['重点'] })).body as Customer;
    const duplicate = (await li.caller.post('/api/customers', { name: '华为技术', phone: '0755-28780808', city: '深圳', tags: ['华南'], acknowledgeDuplicates: true })).body as Customer;
    const contact = (await li.caller.post('/api/contacts', { customerId: duplicate.id, name: '余承东', mobile: '13900139000' })).body;
    const deal = (await li.caller.post('/api/opportunities', { name: '终端云项目', customerId: duplicate.id })).body;
    const followUp = (await li.caller.post('/api/followups', { targetType: 'customer', targetId: duplicate.id, type: 'visit', content: '拜访深圳总部，确认采购窗口', nextStep: '发方案', nextFollowUpOn: '2027-01-08' })).body;
    await li.caller.post('/api/comments', { targetType: 'customer', targetId: duplicate.id, body: '这家和张伟的华为是同一家' });

    const denied = await zhang.caller.post(`/api/customers/${survivor.id}/merge`, { version: survivor.version, duplicateId: duplicate.id, duplicateVersion: duplicate.version });
    expect(denied.status, JSON.stringify([denied.body, duplicate])).toBe(404);
    const stale = await ws.admin.post(`/api/customers/${survivor.id}/merge`, { version: survivor.version, duplicateId: duplicate.id, duplicateVersion: 99 });
    expect(stale.status).toBe(409);
    const self = await ws.admin.post(`/api/customers/${survivor.id}/merge`, { version: survivor.version, duplicateId: survivor.id, duplicateVersion: survivor.version });
    expect(self.status).toBe(422);

    const merged = await ws.admin.post(`/api/customers/${survivor.id}/merge`, { version: survivor.version, duplicateId: duplicate.id, duplicateVersion: duplicate.version });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ id: survivor.id, name: '华为技术有限公司', phone: '075528780808', city: '深圳', tags: ['重点', '华南'], ownerId: zhang.user.id, nextFollowUpOn: '2027-01-08' });

    expect((await zhang.caller.get(`/api/contacts?customerId=${survivor.id}`)).body.items.map((c: { id: string }) => c.id)).toEqual([contact.id]);
    expect((await ws.admin.get(`/api/opportunities/${deal.id}`)).body.customerId).toBe(survivor.id);
    const timeline = (await zhang.caller.get(`/api/customers/${survivor.id}/timeline?limit=200`)).body.items as TimelineItem[];
    expect(timeline.some((i) => i.kind === 'followup' && i.followUp.id === followUp.id)).toBe(true);
    expect(timeline.some((i) => i.kind === 'comment')).toBe(true);
    const actions = timeline.flatMap((i) => (i.kind === 'change' ? [`${i.change.entityId === survivor.id ? 'survivor' : 'duplicate'}:${i.change.action}`] : []));
    expect(actions).toEqual(expect.arrayContaining(['survivor:merge', 'duplicate:merged', 'duplicate:create', 'survivor:create']));

    expect((await ws.admin.get(`/api/customers/${duplicate.id}`)).status).toBe(404);
    expect((await ws.admin.get('/api/customers?deleted=true')).body.items).toEqual([]);
    const restore = await ws.admin.post(`/api/customers/${duplicate.id}/restore`);
    expect(restore.body).toMatchObject({ status: 409, code: 'merged_record', mergedIntoId: survivor.id });
    const found = (await ws.admin.get(`/api/search?q=${encodeURIComponent('华为技术')}&type=customer`)).body.items;
    expect(found.map((h: { id: string }) => h.id)).toEqual([survivor.id]);
  });
});
