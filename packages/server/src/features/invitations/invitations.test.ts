import { describe, expect, it } from 'vitest';
import { Caller } from '../../testing/http-client';
import { addDepartment, signIn, withWorkspace } from '../../testing/factories';

const env = withWorkspace();

const tokenOf = (url: string) => url.split('/invite/')[1] as string;

describe('invitation links', () => {
  it('lets the invited person set a password and join with the invited role and department', async () => {
    const dept = await addDepartment(env.ws, '法务部');
    const created = await env.ws.admin.post('/api/invitations', { email: 'Sun.Yue@Example.cn', roleIds: [env.ws.roles.get('legal')?.id], departmentId: dept.id });
    expect(created.status).toBe(201);
    expect(created.body.url).toMatch(/^\/invite\//);
    expect((await env.ws.admin.get('/api/invitations')).body.items).toHaveLength(1);

    const guest = new Caller(env.t.app);
    const token = tokenOf(created.body.url);
    expect((await guest.get(`/api/invitations/${token}/preview`)).body).toEqual({ email: 'sun.yue@example.cn', workspaceName: '星辰智联科技有限公司' });
    const accepted = await guest.post(`/api/invitations/${token}/accept`, { name: '孙悦', password: 'legal-pass-1' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user).toMatchObject({ name: '孙悦', email: 'sun.yue@example.cn', departmentId: dept.id, roleKeys: ['legal'] });
    expect((await guest.get('/api/auth/me')).status).toBe(200);
    await signIn(env.t.app, 'sun.yue@example.cn', 'legal-pass-1');
    expect((await env.ws.admin.get('/api/invitations')).body.items).toHaveLength(0);
  });

  it('works once only', async () => {
    const created = await env.ws.admin.post('/api/invitations', { email: 'once@example.cn', roleIds: [env.ws.roles.get('sales')?.id] });
    const token = tokenOf(created.body.url);
    expect((await new Caller(env.t.app).post(`/api/invitations/${token}/accept`, { name: '甲', password: 'password-1' })).status).toBe(200);
    const again = await new Caller(env.t.app, 'en').post(`/api/invitations/${token}/accept`, { name: '乙', password: 'password-2' });
    expect(again.status).toBe(410);
    expect(again.body.detail).toMatch(/invalid, expired or already used/);
  });

  it('expires, and can be revoked', async () => {
    const a = await env.ws.admin.post('/api/invitations', { email: 'late@example.cn', roleIds: [env.ws.roles.get('sales')?.id], expiresInDays: 1 });
    const b = await env.ws.admin.post('/api/invitations', { email: 'revoked@example.cn', roleIds: [env.ws.roles.get('sales')?.id] });
    expect((await env.ws.admin.delete(`/api/invitations/${b.body.id}`)).status).toBe(204);
    expect((await new Caller(env.t.app).get(`/api/invitations/${tokenOf(b.body.url)}/preview`)).status).toBe(410);
    env.t.clock.advance(2 * 86_400_000);
    expect((await new Caller(env.t.app).post(`/api/invitations/${tokenOf(a.body.url)}/accept`, { name: '迟到', password: 'password-1' })).status).toBe(410);
  });

  it('refuses to invite an e-mail that already has an account', async () => {
    const res = await env.ws.admin.post('/api/invitations', { email: 'admin@example.cn', roleIds: [env.ws.roles.get('sales')?.id] });
    expect(res.status).toBe(409);
  });

  it('rejects a made-up link', async () => {
    expect((await new Caller(env.t.app).get('/api/invitations/not-a-real-token-at-all/preview')).status).toBe(410);
  });
});
