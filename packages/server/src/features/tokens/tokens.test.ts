import { describe, expect, it } from 'vitest';
import { Caller } from '../../testing/http-client';
import { addMember, withWorkspace } from '../../testing/factories';

const env = withWorkspace();

describe('personal API tokens', () => {
  it('shows the secret once, stores only its hash, and authenticates API calls with it', async () => {
    const created = await env.ws.admin.post('/api/tokens', { name: 'ERP 同步', expiresInDays: 30 });
    expect(created.status).toBe(201);
    const token: string = created.body.token;
    expect(token).toMatch(/^kairos_/);
    const stored = await env.t.core.db.selectFrom('api_tokens').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token);

    const list = await env.ws.admin.get('/api/tokens');
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).not.toHaveProperty('token');
    expect(list.body.items[0].prefix).toBe(token.slice(0, 13));

    const api = new Caller(env.t.app);
    api.bearer = token;
    const me = await api.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(env.ws.adminUser.id);
    expect(me.body.csrfToken).toBeNull();
    // Bearer calls carry no ambient credentials, so writes need no CSRF header.
    expect((await api.post('/api/departments', { name: '接口创建的部门' })).status).toBe(201);
    expect((await env.ws.admin.get('/api/tokens')).body.items[0].lastUsedAt).not.toBeNull();
  });

  it('stops working once revoked', async () => {
    const { body } = await env.ws.admin.post('/api/tokens', { name: 'temp' });
    const api = new Caller(env.t.app, 'en');
    api.bearer = body.token;
    expect((await env.ws.admin.delete(`/api/tokens/${body.id}`)).status).toBe(204);
    const res = await api.get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('token_invalid');
    expect(res.body.detail).toBe('The API token is invalid, expired or revoked.');
  });

  it('expires after its lifetime', async () => {
    const { body } = await env.ws.admin.post('/api/tokens', { name: 'short', expiresInDays: 1 });
    const api = new Caller(env.t.app);
    api.bearer = body.token;
    expect((await api.get('/api/auth/me')).status).toBe(200);
    env.t.clock.advance(86_400_000 + 1000);
    expect((await api.get('/api/auth/me')).status).toBe(401);
  });

  it('acts with the member’s own permissions, and dies with a deactivated member', async () => {
    const rep = await addMember(env.ws, { role: 'sales' });
    const { body } = await rep.caller.post('/api/tokens', { name: 'rep token' });
    const api = new Caller(env.t.app);
    api.bearer = body.token;
    expect((await api.post('/api/users', { name: 'x', email: 'x@example.cn', password: 'password-1', roleIds: [env.ws.roles.get('admin')?.id] })).status).toBe(403);
    await env.ws.admin.patch(`/api/users/${rep.user.id}`, { version: rep.user.version, status: 'deactivated' });
    expect((await api.get('/api/auth/me')).status).toBe(401);
  });

  it('cannot revoke someone else’s token', async () => {
    const rep = await addMember(env.ws, { role: 'sales' });
    const { body } = await env.ws.admin.post('/api/tokens', { name: 'admin token' });
    expect((await rep.caller.delete(`/api/tokens/${body.id}`)).status).toBe(404);
    expect((await env.ws.admin.get('/api/tokens')).body.items[0].revokedAt).toBeNull();
  });

  it('rejects a made-up token', async () => {
    const api = new Caller(env.t.app);
    api.bearer = 'kairos_made-up';
    expect((await api.get('/api/users')).status).toBe(401);
  });
});
