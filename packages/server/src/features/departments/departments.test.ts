import { describe, expect, it } from 'vitest';
import type { Department } from '@kairos/domain/departments';
import { addDepartment, addMember, withWorkspace } from '../../testing/factories';

const env = withWorkspace();

const byName = (items: Department[], name: string) => items.find((d) => d.name === name) as Department;

describe('department tree', () => {
  it('builds a tree that every member can read, with member counts', async () => {
    const sales = await addDepartment(env.ws, '销售中心');
    const east = await addDepartment(env.ws, '华东大区', sales.id);
    const rep = await addMember(env.ws, { role: 'sales', departmentId: east.id });
    const list = await rep.caller.get('/api/departments');
    expect(list.status).toBe(200);
    expect(byName(list.body.items, '华东大区')).toMatchObject({ parentId: sales.id, memberCount: 1 });
    expect(byName(list.body.items, '销售中心').memberCount).toBe(0);
  });

  it('moves a department with its whole subtree, and a manager’s subtree scope follows the move', async () => {
    const sales = await addDepartment(env.ws, '销售中心');
    const east = await addDepartment(env.ws, '华东大区', sales.id);
    const shanghai = await addDepartment(env.ws, '上海组', east.id);
    const other = await addDepartment(env.ws, '渠道部');
    const lead = await addMember(env.ws, { role: 'manager', departmentId: other.id });
    const rep = await addMember(env.ws, { role: 'sales', departmentId: shanghai.id });
    expect((await lead.caller.get(`/api/users/${rep.user.id}`)).status).toBe(404);

    const moved = await env.ws.admin.patch(`/api/departments/${east.id}`, { version: east.version, parentId: other.id });
    expect(moved.status).toBe(200);
    expect(moved.body.parentId).toBe(other.id);
    const rows = await env.t.core.db.selectFrom('departments').select(['id', 'path']).execute();
    const path = (id: string) => rows.find((r) => r.id === id)?.path;
    expect(path(shanghai.id)).toBe(`/${other.id}/${east.id}/${shanghai.id}/`);
    expect((await lead.caller.get(`/api/users/${rep.user.id}`)).status).toBe(200);
  });

  it('refuses to move a department under itself or its own sub-department', async () => {
    const a = await addDepartment(env.ws, '甲');
    const b = await addDepartment(env.ws, '乙', a.id);
    const res = await env.ws.admin.patch(`/api/departments/${a.id}`, { version: a.version, parentId: b.id });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('department_cycle');
    expect((await env.ws.admin.patch(`/api/departments/${a.id}`, { version: a.version, parentId: a.id })).status).toBe(422);
  });

  it('renames with a version check', async () => {
    const a = await addDepartment(env.ws, '市场部');
    const ok = await env.ws.admin.patch(`/api/departments/${a.id}`, { version: a.version, name: '市场与品牌部' });
    expect(ok.body).toMatchObject({ name: '市场与品牌部', version: 2 });
    const stale = await env.ws.admin.patch(`/api/departments/${a.id}`, { version: a.version, name: '旧名' });
    expect(stale.status).toBe(409);
    expect(stale.body.current.name).toBe('市场与品牌部');
  });

  it('only deletes an empty department, and says why otherwise', async () => {
    const a = await addDepartment(env.ws, '甲');
    const b = await addDepartment(env.ws, '乙', a.id);
    const rep = await addMember(env.ws, { role: 'sales', departmentId: b.id });
    const refused = await env.ws.admin.delete(`/api/departments/${a.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('department_not_empty');
    expect((await env.ws.admin.delete(`/api/departments/${b.id}`)).status).toBe(409);
    await env.ws.admin.patch(`/api/users/${rep.user.id}`, { version: rep.user.version, departmentId: null });
    expect((await env.ws.admin.delete(`/api/departments/${b.id}`)).status).toBe(204);
    expect((await env.ws.admin.delete(`/api/departments/${a.id}`)).status).toBe(204);
    expect((await env.ws.admin.get('/api/departments')).body.items).toHaveLength(0);
    const audit = await env.ws.admin.get(`/api/audit?entityType=department&entityId=${a.id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['delete', 'create']);
  });

  it('sets a department head who must be a member', async () => {
    const a = await addDepartment(env.ws, '甲');
    const bad = await env.ws.admin.patch(`/api/departments/${a.id}`, { version: a.version, headUserId: '01900000-0000-7000-8000-000000000000' });
    expect(bad.status).toBe(422);
    expect(bad.body.fields[0].path).toBe('headUserId');
    const ok = await env.ws.admin.patch(`/api/departments/${a.id}`, { version: a.version, headUserId: env.ws.adminUser.id });
    expect(ok.body.headUserId).toBe(env.ws.adminUser.id);
  });

  it('is managed by administrators only', async () => {
    const a = await addDepartment(env.ws, '甲');
    const manager = await addMember(env.ws, { role: 'manager' });
    expect((await manager.caller.post('/api/departments', { name: '乙' })).status).toBe(403);
    expect((await manager.caller.patch(`/api/departments/${a.id}`, { version: 1, name: '改名' })).status).toBe(403);
    expect((await manager.caller.delete(`/api/departments/${a.id}`)).status).toBe(403);
    expect((await env.ws.admin.get('/api/departments')).body.items.map((d: Department) => d.name)).toEqual(['甲']);
  });
});
