import { describe, expect, it } from 'vitest';
import type { View } from '@kairos/domain/views';
import { addMember, withWorkspace } from '../../testing/factories';

const env = withWorkspace();

describe('saved views', () => {
  it('a rep saves personal views; a manager shares one with everyone; filters and columns are checked against the list', async () => {
    const { ws } = env;
    const rep = await addMember(ws, { role: 'sales', name: '张伟' });
    const other = await addMember(ws, { role: 'sales', name: '李娜' });
    const manager = await addMember(ws, { role: 'manager', name: '李经理' });
    const mine = await rep.caller.post('/api/views', { entity: 'opportunity', name: '本月大单', filters: { status: 'open', amountMin: '10000000', sort: '-amount' }, columns: ['name', 'customerName', 'amount', 'custom.budget'] });
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({ shared: false, ownerId: rep.user.id, filters: { status: 'open', amountMin: '10000000', sort: '-amount' } });
    // The saved filters are exactly what the list accepts.
    const query = new URLSearchParams((mine.body as View).filters).toString();
    expect((await rep.caller.get(`/api/opportunities?${query}`)).status).toBe(200);

    const bad = await rep.caller.post('/api/views', { entity: 'opportunity', name: 'x', filters: { status: 'maybe', colour: 'red' }, columns: ['name', 'password'] });
    expect(bad.status).toBe(422);
    expect(bad.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['columns.1', 'filters.colour', 'filters.status']);
    expect((await rep.caller.post('/api/views', { entity: 'customer', name: '全员视图', shared: true })).status).toBe(403);
    const shared = await manager.caller.post('/api/views', { entity: 'customer', name: '重点客户', shared: true, filters: { level: 'A' } });
    expect(shared.status).toBe(201);

    const names = async (caller: typeof rep.caller) => ((await caller.get('/api/views')).body.items as View[]).map((v) => v.name);
    expect(await names(rep.caller)).toEqual(['重点客户', '本月大单']);
    expect(await names(other.caller)).toEqual(['重点客户']);
    expect((await other.caller.patch(`/api/views/${mine.body.id}`, { version: 1, name: '偷改' })).status).toBe(404);
    expect((await other.caller.patch(`/api/views/${shared.body.id}`, { version: 1, name: '偷改' })).status).toBe(403);
    const renamed = await rep.caller.patch(`/api/views/${mine.body.id}`, { version: 1, name: '大单', columns: ['name', 'amount'] });
    expect(renamed.body).toMatchObject({ name: '大单', columns: ['name', 'amount'], version: 2 });
    expect((await rep.caller.patch(`/api/views/${mine.body.id}`, { version: 1, name: '旧' })).status).toBe(409);
    expect((await rep.caller.patch(`/api/views/${mine.body.id}`, { version: 2, filters: { stageId: 'nope' } })).status).toBe(422);
    expect((await rep.caller.delete(`/api/views/${mine.body.id}`)).status).toBe(204);
    expect(await names(rep.caller)).toEqual(['重点客户']);
  });
});
