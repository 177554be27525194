import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Caller } from '../testing/http-client';
import { setUpWorkspace, type Workspace } from '../testing/factories';
import { openTestApp, type TestApp } from '../testing/test-core';

let t: TestApp;
let ws: Workspace;
beforeAll(async () => {
  t = await openTestApp();
  ws = await setUpWorkspace(t.app);
});
afterAll(async () => {
  await t.close();
});

describe('API surface', () => {
  it('reports liveness and database readiness', async () => {
    const anon = new Caller(t.app);
    expect((await anon.get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await anon.get('/readyz')).body).toEqual({ status: 'ready' });
  });

  it('publishes an OpenAPI 3.1 document generated from the schemas', async () => {
    const doc = (await new Caller(t.app).get('/api/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/api/setup', '/api/auth/login', '/api/auth/me', '/api/users', '/api/users/{id}', '/api/departments', '/api/roles', '/api/tokens', '/api/invitations']) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    const createUser = doc.paths['/api/users'].post.requestBody.content['application/json'].schema;
    expect(createUser.required).toEqual(expect.arrayContaining(['name', 'email', 'password', 'roleIds']));
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBeLessThan(400);
  });

  it('never puts internal columns on the wire', async () => {
    const bodies = await Promise.all(['/api/auth/me', '/api/users', `/api/users/${ws.adminUser.id}`, '/api/roles', '/api/departments', '/api/tokens'].map((u) => ws.admin.get(u)));
    const text = JSON.stringify(bodies.map((b) => b.body));
    for (const column of ['workspace_id', 'account_id', 'password_hash', 'token_hash', 'deleted_at', 'accountId', 'passwordHash']) expect(text).not.toContain(column);
  });

  it('answers every error as problem+json with a stable code and the request id', async () => {
    const res = await new Caller(t.app, 'en').get('/api/users');
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 401, code: 'unauthenticated', detail: 'Please sign in first.' });
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
    const missing = await new Caller(t.app).get('/api/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('route_not_found');
  });

  it('sends a strict content security policy and no-store on API answers', async () => {
    const res = await ws.admin.get('/api/auth/me');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('lists the seven default roles with names in both languages', async () => {
    const roles = (await ws.admin.get('/api/roles')).body.items;
    expect(roles.map((r: { key: string }) => r.key)).toEqual(['admin', 'manager', 'sales', 'presales', 'legal', 'finance', 'viewer']);
    expect(roles.find((r: { key: string }) => r.key === 'legal').name).toEqual({ 'zh-CN': '法务', en: 'Legal' });
  });

  it('lets an administrator narrow a role, but never the admin role', async () => {
    const roles = (await ws.admin.get('/api/roles')).body.items;
    const viewer = roles.find((r: { key: string }) => r.key === 'viewer');
    const res = await ws.admin.patch(`/api/roles/${viewer.id}`, { version: viewer.version, dataScope: 'own' });
    expect(res.body.dataScope).toBe('own');
    const admin = roles.find((r: { key: string }) => r.key === 'admin');
    expect((await ws.admin.patch(`/api/roles/${admin.id}`, { version: admin.version, permissions: [] })).status).toBe(403);
  });
});
