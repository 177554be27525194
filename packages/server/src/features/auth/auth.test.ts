import { describe, expect, it } from 'vitest';
import { Caller } from '../../testing/http-client';
import { ADMIN, addMember, setUpWorkspace, signIn, withWorkspace } from '../../testing/factories';
import { openTestApp } from '../../testing/test-core';

const env = withWorkspace();

describe('sign-in', () => {
  it('sets an httpOnly, SameSite=Lax session cookie and a readable CSRF cookie', async () => {
    const caller = new Caller(env.t.app);
    const res = await caller.post('/api/auth/login', { email: ADMIN.email, password: ADMIN.password });
    expect(res.status).toBe(200);
    const session = res.raw.cookies.find((c) => c.name === 'kairos_session');
    const csrf = res.raw.cookies.find((c) => c.name === 'kairos_csrf');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(session?.secure).toBeFalsy();
    expect(csrf?.httpOnly).toBeFalsy();
    expect(csrf?.value).toBe(res.body.csrfToken);
  });

  it('marks the cookie Secure when served over TLS behind a trusted proxy', async () => {
    const proxied = await openTestApp({ trustProxy: true });
    try {
      await setUpWorkspace(proxied.app);
      const res = await new Caller(proxied.app).post('/api/auth/login', { email: ADMIN.email, password: ADMIN.password }, { 'x-forwarded-proto': 'https' });
      expect(res.raw.cookies.find((c) => c.name === 'kairos_session')?.secure).toBe(true);
    } finally {
      await proxied.close();
    }
  });

  it('accepts the e-mail in any case', async () => {
    expect((await new Caller(env.t.app).post('/api/auth/login', { email: ADMIN.email.toUpperCase(), password: ADMIN.password })).status).toBe(200);
  });

  it('answers a wrong password and an unknown e-mail the same way', async () => {
    const wrong = await new Caller(env.t.app).post('/api/auth/login', { email: ADMIN.email, password: 'nope-nope' });
    const unknown = await new Caller(env.t.app).post('/api/auth/login', { email: 'ghost@example.cn', password: 'nope-nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.code).toBe('invalid_credentials');
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });

  it('locks an account after five failures with a clear message, backs off, and lets the owner in later', async () => {
    const caller = new Caller(env.t.app, 'en');
    for (let i = 0; i < 5; i += 1) expect((await caller.post('/api/auth/login', { email: ADMIN.email, password: `wrong-${i}` })).status).toBe(401);
    const locked = await caller.post('/api/auth/login', { email: ADMIN.email, password: ADMIN.password });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('sign_in_locked');
    expect(locked.body.detail).toBe('Too many failed sign-in attempts. Try again in 1 minute(s).');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    const zh = await new Caller(env.t.app, 'zh-CN').post('/api/auth/login', { email: ADMIN.email, password: ADMIN.password });
    expect(zh.body.detail).toBe('登录失败次数过多，请在 1 分钟后重试。');

    env.t.clock.advance(61_000);
    expect((await caller.post('/api/auth/login', { email: ADMIN.email, password: 'wrong-again' })).status).toBe(401);
    const longer = await caller.post('/api/auth/login', { email: ADMIN.email, password: ADMIN.password });
    expect(longer.status).toBe(429);
    expect(longer.body.detail).toContain('2 minute');

    env.t.clock.advance(121_000);
    expect((await caller.post('/api/auth/login', { email: ADMIN.email, password: ADMIN.password })).status).toBe(200);
    // A success clears the account's failures.
    expect((await caller.post('/api/auth/login', { email: ADMIN.email, password: 'wrong' })).status).toBe(401);
  });

  it('locks an IP that tries many accounts', async () => {
    const caller = new Caller(env.t.app);
    for (let i = 0; i < 30; i += 1) await caller.post('/api/auth/login', { email: `user${i}@example.cn`, password: 'guess-guess' });
    const res = await caller.post('/api/auth/login', { email: ADMIN.email, password: ADMIN.password });
    expect(res.status).toBe(429);
  });

  it('signs out: the cookie no longer works', async () => {
    const admin = await signIn(env.t.app, ADMIN.email, ADMIN.password);
    const stolen = { ...admin.cookies };
    expect((await admin.post('/api/auth/logout')).status).toBe(204);
    const replay = new Caller(env.t.app);
    replay.cookies = stolen;
    expect((await replay.get('/api/auth/me')).status).toBe(401);
  });

  it('expires sessions after the configured number of days', async () => {
    const admin = await signIn(env.t.app, ADMIN.email, ADMIN.password);
    env.t.clock.advance(15 * 86_400_000);
    expect((await admin.get('/api/auth/me')).status).toBe(401);
  });

  it('never returns or logs a password hash', async () => {
    const me = await env.ws.admin.get('/api/auth/me');
    const users = await env.ws.admin.get('/api/users');
    expect(JSON.stringify([me.body, users.body])).not.toMatch(/argon2|password/i);
  });
});

describe('CSRF protection for cookie sessions', () => {
  it('refuses a write without the CSRF header and changes nothing', async () => {
    const res = await env.ws.admin.request('POST', '/api/departments', { name: '销售部' }, { 'x-csrf-token': 'forged' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('csrf_failed');
    expect((await env.ws.admin.get('/api/departments')).body.items).toHaveLength(0);
  });

  it('refuses a write from another origin', async () => {
    const res = await env.ws.admin.request('POST', '/api/departments', { name: '销售部' }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
  });

  it('refuses text/plain bodies (the classic cross-site form trick)', async () => {
    const res = await env.ws.admin.request('POST', '/api/departments', undefined, { 'content-type': 'text/plain', 'x-csrf-token': env.ws.admin.csrfToken ?? '' });
    expect([400, 415]).toContain(res.status);
    const raw = await env.t.app.inject({ method: 'POST', url: '/api/departments', payload: '{"name":"x"}', headers: { 'content-type': 'text/plain', cookie: `kairos_session=${env.ws.admin.cookies.kairos_session}`, 'x-csrf-token': env.ws.admin.csrfToken ?? '' } });
    expect(raw.statusCode).toBe(415);
    expect((await env.ws.admin.get('/api/departments')).body.items).toHaveLength(0);
  });

  it('accepts the write with the session’s token from our own origin', async () => {
    const res = await env.ws.admin.request('POST', '/api/departments', { name: '销售部' }, { origin: 'http://localhost:3000', host: 'localhost:3000' });
    expect(res.status).toBe(201);
  });
});

describe('own password', () => {
  it('needs the current password, then signs out the other sessions', async () => {
    const rep = await addMember(env.ws, { role: 'sales' });
    const otherDevice = await signIn(env.t.app, rep.email, rep.password);
    const wrong = await rep.caller.post('/api/auth/password', { currentPassword: 'not-it', newPassword: 'new-password-1' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.fields[0].path).toBe('currentPassword');

    expect((await rep.caller.post('/api/auth/password', { currentPassword: rep.password, newPassword: 'new-password-1' })).status).toBe(204);
    expect((await rep.caller.get('/api/auth/me')).status).toBe(200);
    expect((await otherDevice.get('/api/auth/me')).status).toBe(401);
    expect((await new Caller(env.t.app).post('/api/auth/login', { email: rep.email, password: rep.password })).status).toBe(401);
    await signIn(env.t.app, rep.email, 'new-password-1');
  });

  it('changes the own name and language', async () => {
    const res = await env.ws.admin.patch('/api/auth/me', { name: '周总', locale: 'en' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ name: '周总', locale: 'en' });
  });
});
