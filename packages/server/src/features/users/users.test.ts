import { describe, expect, it } from 'vitest';
import type { User } from '@kairos/domain/users';
import { Caller } from '../../testing/http-client';
import { addDepartment, addMember, signIn, withWorkspace } from '../../testing/factories';

const env = withWorkspace();

async function snapshot() {
  const db = env.t.core.db;
  return JSON.stringify([
    await db.selectFrom('users').selectAll().orderBy('id').execute(),
    await db.selectFrom('accounts').selectAll().orderBy('id').execute(),
    await db.selectFrom('user_roles').selectAll().orderBy('user_id').orderBy('role_id').execute(),
    await db.selectFrom('departments').selectAll().orderBy('id').execute(),
    await db.selectFrom('audit_log').select('id').orderBy('id').execute(),
  ]);
}

describe('members', () => {
  it('an administrator adds a member who can then sign in with the given password', async () => {
    const dept = await addDepartment(env.ws, '华东大区');
    const res = await env.ws.admin.post('/api/users', { name: '张伟', email: 'Zhang.Wei@Example.cn', password: 'sales-pass-1', roleIds: [env.ws.roles.get('sales')?.id], departmentId: dept.id });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: '张伟', email: 'zhang.wei@example.cn', status: 'active', departmentId: dept.id, version: 1 });
    const rep = await signIn(env.t.app, 'zhang.wei@example.cn', 'sales-pass-1');
    expect((await rep.get('/api/auth/me')).body.user.roleKeys).toEqual(['sales']);
  });

  it('refuses a second member with the same e-mail', async () => {
    await addMember(env.ws, { role: 'sales' });
    const res = await env.ws.admin.post('/api/users', { name: '重复', email: 'admin@example.cn', password: 'password-12', roleIds: [env.ws.roles.get('sales')?.id] });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('email_taken');
    expect(res.body.fields[0].path).toBe('email');
  });

  it('names unknown departments, managers and roles as failing fields', async () => {
    const res = await env.ws.admin.post('/api/users', {
      name: '李四',
      email: 'li@example.cn',
      password: 'password-12',
      roleIds: [env.ws.roles.get('sales')?.id, '01900000-0000-7000-8000-000000000000'],
      departmentId: '01900000-0000-7000-8000-000000000001',
      managerId: '01900000-0000-7000-8000-000000000002',
    });
    expect(res.status).toBe(422);
    expect(res.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['departmentId', 'managerId', 'roleIds.1']);
    expect(res.body.fields.find((f: { path: string }) => f.path === 'departmentId').message).toBe('部门不存在');
  });

  it('a sales rep may not add members, and the refusal changes nothing', async () => {
    const rep = await addMember(env.ws, { role: 'sales' });
    const before = await snapshot();
    const res = await rep.caller.post('/api/users', { name: '冒充', email: 'fake@example.cn', password: 'password-12', roleIds: [env.ws.roles.get('admin')?.id] });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
    for (const attempt of [
      rep.caller.patch(`/api/users/${rep.user.id}`, { version: rep.user.version, roleIds: [env.ws.roles.get('admin')?.id] }),
      rep.caller.post(`/api/users/${env.ws.adminUser.id}/password`, { newPassword: 'hijacked-123' }),
      rep.caller.post('/api/departments', { name: '私设部门' }),
      rep.caller.post('/api/invitations', { email: 'friend@example.cn', roleIds: [env.ws.roles.get('admin')?.id] }),
      rep.caller.patch(`/api/roles/${env.ws.roles.get('sales')?.id}`, { version: 1, dataScope: 'all' }),
      rep.caller.get('/api/audit'),
    ]) {
      expect((await attempt).status).toBe(403);
    }
    expect(await snapshot()).toBe(before);
  });

  it('a sales rep sees only themself; a manager sees their department subtree; an admin sees everyone', async () => {
    const sales = await addDepartment(env.ws, '销售中心');
    const east = await addDepartment(env.ws, '华东大区', sales.id);
    const south = await addDepartment(env.ws, '华南大区', sales.id);
    const director = await addMember(env.ws, { role: 'manager', name: '王总监', departmentId: sales.id });
    const eastLead = await addMember(env.ws, { role: 'manager', name: '李经理', departmentId: east.id });
    const eastRep = await addMember(env.ws, { role: 'sales', name: '张伟', departmentId: east.id, managerId: eastLead.user.id });
    const southRep = await addMember(env.ws, { role: 'sales', name: '黄磊', departmentId: south.id });

    const names = async (caller: Caller) => ((await caller.get('/api/users?limit=200')).body.items as User[]).map((u) => u.name).sort();
    expect(await names(eastRep.caller)).toEqual(['张伟']);
    expect(await names(eastLead.caller)).toEqual(['张伟', '李经理'].sort());
    expect(await names(director.caller)).toEqual(['张伟', '李经理', '王总监', '黄磊'].sort());
    expect((await names(env.ws.admin)).length).toBe(5);

    // Outside the scope a member is a 404, not a 403: its existence is not revealed.
    expect((await eastRep.caller.get(`/api/users/${southRep.user.id}`)).status).toBe(404);
    expect((await eastLead.caller.get(`/api/users/${eastRep.user.id}`)).status).toBe(200);
    expect((await eastLead.caller.get(`/api/users/${southRep.user.id}`)).status).toBe(404);
  });

  it('a manager sees reports assigned to them even in another department', async () => {
    const lead = await addMember(env.ws, { role: 'manager', name: '李经理' });
    const rep = await addMember(env.ws, { role: 'sales', name: '远程销售', managerId: lead.user.id });
    expect((await lead.caller.get(`/api/users/${rep.user.id}`)).status).toBe(200);
  });

  it('refuses a stale version with 409 and the current record, so two admins never overwrite each other', async () => {
    const rep = await addMember(env.ws, { role: 'sales', name: '张伟' });
    const first = await env.ws.admin.patch(`/api/users/${rep.user.id}`, { version: rep.user.version, name: '张伟（华东）' });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(rep.user.version + 1);
    const stale = await env.ws.admin.patch(`/api/users/${rep.user.id}`, { version: rep.user.version, name: '张伟（华南）' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    expect(stale.body.current.name).toBe('张伟（华东）');
  });

  it('deactivating a member signs them out everywhere and blocks sign-in with a clear message; reactivating restores it', async () => {
    const rep = await addMember(env.ws, { role: 'sales' });
    const off = await env.ws.admin.patch(`/api/users/${rep.user.id}`, { version: rep.user.version, status: 'deactivated' });
    expect(off.body.status).toBe('deactivated');
    expect((await rep.caller.get('/api/auth/me')).status).toBe(401);
    const login = await new Caller(env.t.app, 'en').post('/api/auth/login', { email: rep.email, password: rep.password });
    expect(login.status).toBe(403);
    expect(login.body.detail).toContain('deactivated');
    await env.ws.admin.patch(`/api/users/${rep.user.id}`, { version: off.body.version, status: 'active' });
    await signIn(env.t.app, rep.email, rep.password);
  });

  it('keeps at least one active administrator and never lets an admin deactivate themself', async () => {
    const self = await env.ws.admin.patch(`/api/users/${env.ws.adminUser.id}`, { version: env.ws.adminUser.version, status: 'deactivated' });
    expect(self.body.code).toBe('cannot_deactivate_self');
    const demote = await env.ws.admin.patch(`/api/users/${env.ws.adminUser.id}`, { version: env.ws.adminUser.version, roleIds: [env.ws.roles.get('sales')?.id] });
    expect(demote.status).toBe(409);
    expect(demote.body.code).toBe('last_admin');
    const second = await addMember(env.ws, { role: 'admin' });
    const ok = await env.ws.admin.patch(`/api/users/${env.ws.adminUser.id}`, { version: env.ws.adminUser.version, roleIds: [env.ws.roles.get('manager')?.id] });
    expect(ok.status).toBe(200);
    expect((await second.caller.get('/api/users')).status).toBe(200);
  });

  it('refuses a manager chain that loops', async () => {
    const a = await addMember(env.ws, { role: 'manager' });
    const b = await addMember(env.ws, { role: 'sales', managerId: a.user.id });
    const res = await env.ws.admin.patch(`/api/users/${a.user.id}`, { version: a.user.version, managerId: b.user.id });
    expect(res.status).toBe(422);
    expect(res.body.fields[0]).toMatchObject({ path: 'managerId', code: 'manager_cycle' });
  });

  it('an administrator resets a password: the old one stops working and the member is signed out', async () => {
    const rep = await addMember(env.ws, { role: 'sales' });
    expect((await env.ws.admin.post(`/api/users/${rep.user.id}/password`, { newPassword: 'reset-pass-99' })).status).toBe(204);
    expect((await rep.caller.get('/api/auth/me')).status).toBe(401);
    expect((await new Caller(env.t.app).post('/api/auth/login', { email: rep.email, password: rep.password })).status).toBe(401);
    await signIn(env.t.app, rep.email, 'reset-pass-99');
  });

  it('writes who changed what, with before and after, to the audit log', async () => {
    const dept = await addDepartment(env.ws, '华南大区');
    const rep = await addMember(env.ws, { role: 'sales', name: '黄磊' });
    await env.ws.admin.patch(`/api/users/${rep.user.id}`, { version: rep.user.version, departmentId: dept.id, roleIds: [env.ws.roles.get('manager')?.id] });
    const audit = await env.ws.admin.get(`/api/audit?entityType=user&entityId=${rep.user.id}`);
    const update = audit.body.items.filter((e: { action: string }) => e.action === 'update');
    expect(update.map((e: { field: string }) => e.field).sort()).toEqual(['departmentId', 'roleIds']);
    const deptChange = update.find((e: { field: string }) => e.field === 'departmentId');
    expect(deptChange).toMatchObject({ actorId: env.ws.adminUser.id, before: null, after: dept.id });
    expect(deptChange.requestId).toBeTruthy();
    expect(audit.body.items.some((e: { action: string }) => e.action === 'create')).toBe(true);
    await env.ws.admin.post(`/api/users/${rep.user.id}/password`, { newPassword: 'another-pass-1' });
    const rows = await env.t.core.db.selectFrom('audit_log').selectAll().where('action', '=', 'reset_password').execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toMatch(/argon|another-pass/);
  });

  it('pages through members with an opaque cursor that cannot be tampered with or replayed by someone else', async () => {
    for (let i = 0; i < 6; i += 1) await addMember(env.ws, { role: 'sales', name: `销售${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/users?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page: { status: number; body: { items: User[]; nextCursor: string | null } } = await env.ws.admin.get(url);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((u) => u.id));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);

    const first = await env.ws.admin.get('/api/users?limit=2');
    const tampered = `${first.body.nextCursor.slice(0, -2)}xx`;
    const bad = await env.ws.admin.get(`/api/users?limit=2&cursor=${encodeURIComponent(tampered)}`);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('cursor_invalid');
    const other = await addMember(env.ws, { role: 'admin' });
    expect((await other.caller.get(`/api/users?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`)).status).toBe(400);
    expect((await env.ws.admin.get(`/api/users?limit=2&q=x&cursor=${encodeURIComponent(first.body.nextCursor)}`)).status).toBe(400);
  });

  it('filters by name or e-mail fragment, department and status', async () => {
    const dept = await addDepartment(env.ws, '华东大区');
    await addMember(env.ws, { role: 'sales', name: '欧阳娜娜', departmentId: dept.id });
    const other = await addMember(env.ws, { role: 'sales', name: '司马懿' });
    await env.ws.admin.patch(`/api/users/${other.user.id}`, { version: other.user.version, status: 'deactivated' });
    const byName = await env.ws.admin.get(`/api/users?q=${encodeURIComponent('欧阳')}`);
    expect(byName.body.items.map((u: User) => u.name)).toEqual(['欧阳娜娜']);
    expect((await env.ws.admin.get(`/api/users?departmentId=${dept.id}`)).body.items).toHaveLength(1);
    expect((await env.ws.admin.get('/api/users?status=deactivated')).body.items.map((u: User) => u.name)).toEqual(['司马懿']);
    expect((await env.ws.admin.get(`/api/users?q=${encodeURIComponent('100%_')}`)).body.items).toHaveLength(0);
  });
});
