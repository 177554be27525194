import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Caller } from '../testing/http-client';
import { addMember, setUpWorkspace, type Workspace } from '../testing/factories';
import { openTestApp, type TestApp } from '../testing/test-core';

let t: TestApp;
let ws: Workspace;
let targetUserId: string;
let customerId: string;
let opportunityId: string;
beforeAll(async () => {
  t = await openTestApp();
  ws = await setUpWorkspace(t.app);
  targetUserId = (await addMember(ws, { role: 'sales' })).user.id;
  customerId = (await ws.admin.post('/api/customers', { name: '模糊测试客户' })).body.id;
  opportunityId = (await ws.admin.post('/api/opportunities', { name: '模糊测试商机', customerId })).body.id;
});
afterAll(async () => {
  await t.close();
});

/** A small deterministic PRNG so a failure reproduces. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const NASTY: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 53 + 1,
  Number.MAX_VALUE,
  '',
  ' ',
  'a'.repeat(70_000),
  '张'.repeat(5000),
  '\u0000',
  'x\u0000y',
  '\ud800',
  'e\u0301',
  '<script>alert(1)</script>',
  "' or 1=1 --",
  '%_\\',
  '01900000-0000-7000-8000-000000000000',
  'not-a-uuid',
  '2026-13-45',
  [],
  [1, 2, 3],
  ['a', null],
  {},
  { nested: { deep: [1, { x: 'y' }] } },
  { __proto__: { admin: true } },
  { constructor: { prototype: { polluted: true } } },
];

function randomBody(next: () => number, keys: string[]): unknown {
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)] as T;
  const shape = next();
  if (shape < 0.1) return pick(NASTY);
  const body: Record<string, unknown> = {};
  for (const key of keys) if (next() < 0.7) body[key] = pick(NASTY);
  if (next() < 0.3) body[pick(['workspaceId', 'version', 'id', 'status', '__proto__', 'roleIds', 'extra'])] = pick(NASTY);
  return body;
}

describe('malformed input never causes a 500', () => {
  const endpoints: { method: 'POST' | 'PATCH'; url: () => string; keys: string[]; anonymous?: boolean }[] = [
    { method: 'POST', url: () => '/api/setup', keys: ['workspaceName', 'adminName', 'email', 'password', 'locale'], anonymous: true },
    { method: 'POST', url: () => '/api/auth/login', keys: ['email', 'password'], anonymous: true },
    { method: 'POST', url: () => '/api/auth/password', keys: ['currentPassword', 'newPassword'] },
    { method: 'PATCH', url: () => '/api/auth/me', keys: ['name', 'locale'] },
    { method: 'POST', url: () => '/api/users', keys: ['name', 'email', 'password', 'roleIds', 'departmentId', 'managerId', 'locale'] },
    { method: 'PATCH', url: () => `/api/users/${targetUserId}`, keys: ['version', 'name', 'departmentId', 'managerId', 'roleIds', 'status'] },
    { method: 'POST', url: () => `/api/users/${targetUserId}/password`, keys: ['newPassword'] },
    { method: 'POST', url: () => '/api/departments', keys: ['name', 'parentId', 'headUserId', 'sort'] },
    { method: 'POST', url: () => '/api/tokens', keys: ['name', 'expiresInDays'] },
    { method: 'POST', url: () => '/api/invitations', keys: ['email', 'roleIds', 'departmentId', 'expiresInDays'] },
    { method: 'POST', url: () => '/api/invitations/abcdefghijklmnop/accept', keys: ['name', 'password', 'locale'], anonymous: true },
    { method: 'POST', url: () => '/api/customers', keys: ['name', 'type', 'uscc', 'phone', 'website', 'tags', 'level', 'status', 'source', 'ownerId', 'acknowledgeDuplicates'] },
    { method: 'PATCH', url: () => `/api/customers/${customerId}`, keys: ['version', 'name', 'uscc', 'phone', 'website', 'tags', 'city', 'status'] },
    { method: 'POST', url: () => `/api/customers/${customerId}/transfer`, keys: ['version', 'toUserId', 'note'] },
    { method: 'POST', url: () => '/api/duplicates/check', keys: ['name', 'uscc', 'phone', 'website', 'excludeId'] },
    { method: 'PATCH', url: () => '/api/workspace/settings', keys: ['duplicatePolicy', 'recycleDays', 'followUps', 'fileCategories', 'keyFields', 'fieldRules'] },
    { method: 'POST', url: () => '/api/contacts', keys: ['customerId', 'name', 'title', 'mobile', 'phone', 'email', 'wechat', 'decisionRole', 'tags'] },
    { method: 'POST', url: () => '/api/followups', keys: ['targetType', 'targetId', 'type', 'occurredAt', 'content', 'nextStep', 'nextFollowUpOn', 'closing', 'mentions', 'fileIds'] },
    { method: 'POST', url: () => '/api/duplicates/ask-owner', keys: ['ref', 'message'] },
    { method: 'POST', url: () => '/api/notifications/read', keys: ['ids', 'all'] },
    { method: 'POST', url: () => '/api/opportunities', keys: ['name', 'customerId', 'contactId', 'pipelineId', 'stageId', 'amount', 'currency', 'probability', 'expectedCloseOn', 'source', 'tags', 'ownerId', 'team'] },
    { method: 'PATCH', url: () => `/api/opportunities/${opportunityId}`, keys: ['version', 'name', 'contactId', 'amount', 'currency', 'probability', 'expectedCloseOn', 'tags'] },
    { method: 'POST', url: () => `/api/opportunities/${opportunityId}/move`, keys: ['version', 'stageId'] },
    { method: 'POST', url: () => '/api/opportunities/bulk', keys: ['action', 'ids', 'toUserId', 'tag'] },
    { method: 'POST', url: () => '/api/comments', keys: ['targetType', 'targetId', 'body', 'mentions'] },
    { method: 'POST', url: () => '/api/fields', keys: ['entity', 'key', 'labelZh', 'labelEn', 'type', 'required', 'options', 'position'] },
    { method: 'PATCH', url: () => `/api/opportunities/${opportunityId}`, keys: ['version', 'custom'] },
  ];

  for (const endpoint of endpoints) {
    it(`${endpoint.method} ${endpoint.url().replace(/[0-9a-f-]{36}/, ':id')} answers 4xx problem+json to 60 random bodies`, async () => {
      const next = rng(endpoint.url().length * 7919 + endpoint.keys.length);
      for (let i = 0; i < 60; i += 1) {
        const caller = endpoint.anonymous ? new Caller(t.app) : ws.admin;
        const body = randomBody(next, endpoint.keys);
        const res = await caller.request(endpoint.method, endpoint.url(), JSON.stringify(body));
        if (res.status >= 500 || (res.status >= 400 && !String(res.headers['content-type']).includes('application/problem+json'))) {
          throw new Error(`${res.status} for ${JSON.stringify(body).slice(0, 300)}: ${JSON.stringify(res.body).slice(0, 300)}`);
        }
      }
    });
  }

  it('answers list queries with hostile parameters with 200 or 4xx', async () => {
    const next = rng(42);
    const params = ['q', 'ownerId', 'departmentId', 'status', 'level', 'tag', 'updatedFrom', 'updatedTo', 'deleted', 'sort', 'limit', 'cursor', 'amountMin', 'amountMax', 'closeFrom', 'stageId', 'type', 'customKey', 'customValue'];
    const values = ['', '%', '_', '\\', "'", '"重点"', '华', 'x'.repeat(300), '-1', '0', '201', 'true', 'name', '-name', '2026-02-30T00:00:00Z', '01900000-0000-7000-8000-000000000000', '%00', '%E4%B8', '99999999999999999999', 'open', 'customer', '2027-02-30', '"华" OR *', 'NEAR(a b)'];
    for (let i = 0; i < 80; i += 1) {
      const query = params.filter(() => next() < 0.3).map((p) => `${p}=${encodeURIComponent(values[Math.floor(next() * values.length)] as string)}`).join('&');
      for (const url of [`/api/customers?${query}`, `/api/opportunities?${query}`, `/api/search?${query}`, `/api/users?${query}`, `/api/directory?${query}`]) {
        const res = await ws.admin.get(url);
        if (res.status >= 500) throw new Error(`${res.status} for ${url}: ${JSON.stringify(res.body).slice(0, 300)}`);
      }
    }
  });

  it('answers broken JSON, wrong content types, bad ids and huge bodies with 4xx', async () => {
    const send = (payload: string, headers: Record<string, string>, url = '/api/auth/login') =>
      t.app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'application/json', ...headers } });
    const cases = [
      await send('{"email": "a@b.c", "password": ', {}),
      await send('', {}),
      await send('email=a&password=b', { 'content-type': 'application/x-www-form-urlencoded' }),
      await send('{}', { 'content-type': 'application/xml' }),
      await send(JSON.stringify({ email: 'a@b.cn', password: 'x'.repeat(2 * 1024 * 1024) }), {}),
      await ws.admin.get('/api/users/not-a-uuid'),
      await ws.admin.get('/api/users?limit=100000'),
      await ws.admin.get('/api/users?limit=abc&cursor=%00%00'),
      await ws.admin.get(`/api/users?cursor=${'x'.repeat(1000)}`),
      await ws.admin.delete('/api/departments/%E0%A4%A'),
    ];
    const statuses = cases.map((c) => ('statusCode' in c ? c.statusCode : c.status));
    for (const status of statuses) expect(status).toBeGreaterThanOrEqual(400);
    for (const status of statuses) expect(status).toBeLessThan(500);
    expect(statuses[4]).toBe(413);
  });

  it('ignores mass-assigned fields: a body cannot set the workspace, version or id', async () => {
    const res = await ws.admin.post('/api/departments', { name: '正常部门', workspaceId: '01900000-0000-7000-8000-000000000000', id: '01900000-0000-7000-8000-000000000001', version: 99 });
    expect(res.status).toBe(201);
    expect(res.body.id).not.toBe('01900000-0000-7000-8000-000000000001');
    expect(res.body.version).toBe(1);
    const row = await t.core.db.selectFrom('departments').select('workspace_id').where('id', '=', res.body.id).executeTakeFirstOrThrow();
    expect(row.workspace_id).toBe(ws.adminUser && (await ws.admin.get('/api/auth/me')).body.workspace.id);
  });
});
