import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { Caller } from '../../testing/http-client';
import { ADMIN, setUpWorkspace, signIn } from '../../testing/factories';
import { openTestApp, type TestApp } from '../../testing/test-core';

let t: TestApp;
beforeEach(async () => {
  t = await openTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('first-run setup', () => {
  it('is open on an empty installation and closes for good once a workspace exists', async () => {
    const anon = new Caller(t.app);
    expect((await anon.get('/api/setup')).body).toEqual({ setupRequired: true });
    const ws = await setUpWorkspace(t.app);
    expect(ws.adminUser.name).toBe(ADMIN.name);
    expect((await anon.get('/api/setup')).body).toEqual({ setupRequired: false });
    const again = await anon.post('/api/setup', { workspaceName: '第二家', adminName: '攻击者', email: 'evil@example.com', password: 'password-123' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('setup_already_done');
    expect((await anon.post('/api/auth/login', { email: 'evil@example.com', password: 'password-123' })).status).toBe(401);
  });

  it('signs the new administrator in with every permission and Chinese defaults', async () => {
    const admin = new Caller(t.app);
    const res = await admin.post('/api/setup', { workspaceName: '星辰智联', adminName: '周立新', email: ADMIN.email, password: ADMIN.password });
    expect(res.status).toBe(200);
    expect(res.body.workspace).toMatchObject({ name: '星辰智联', currency: 'CNY', timezone: 'Asia/Shanghai' });
    expect(res.body.user.roleKeys).toEqual(['admin']);
    expect(res.body.permissions).toContain('users.manage');
    expect(res.body.dataScope).toBe('all');
    expect((await admin.get('/api/auth/me')).status).toBe(200);
  });

  it('lets exactly one of two simultaneous setups win', async () => {
    const attempts = await Promise.all(
      [1, 2, 3].map((i) => new Caller(t.app).post('/api/setup', { workspaceName: `公司${i}`, adminName: `管理员${i}`, email: `admin${i}@example.cn`, password: 'password-123' })),
    );
    expect(attempts.map((a) => a.status).sort()).toEqual([200, 409, 409]);
    expect(await t.core.db.selectFrom('workspaces').select('id').execute()).toHaveLength(1);
  });

  it('refuses an incomplete form with every failing field named, in the caller’s language', async () => {
    const anon = new Caller(t.app, 'en');
    const res = await anon.post('/api/setup', { workspaceName: '', email: 'not-an-email', password: 'short' });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.detail).toMatch(/invalid/i);
    expect(res.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['adminName', 'email', 'password', 'workspaceName']);
    expect(res.body.fields.find((f: { path: string }) => f.path === 'adminName').message).toBe('Required');
    expect((await anon.get('/api/setup')).body.setupRequired).toBe(true);
  });

  it('keeps the administrator after a restart', async () => {
    await setUpWorkspace(t.app);
    await t.app.close();
    const core = await t.reopen();
    const app = await buildApp(core, { serveWeb: false });
    t.app = app;
    const admin = await signIn(app, ADMIN.email, ADMIN.password);
    const me = await admin.get('/api/auth/me');
    expect(me.body.user.email).toBe(ADMIN.email);
    expect((await new Caller(app).get('/api/setup')).body.setupRequired).toBe(false);
  });
});
