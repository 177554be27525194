import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach } from 'vitest';
import { openTestApp, type TestApp } from './test-core';
import type { Role } from '@kairos/domain/roles';
import type { User } from '@kairos/domain/users';
import type { Department } from '@kairos/domain/departments';
import { Caller } from './http-client';

export const ADMIN = { email: 'admin@example.cn', password: 'correct-horse-42', name: '周立新' };

export interface Workspace {
  admin: Caller;
  adminUser: User;
  roles: Map<string, Role>;
  app: FastifyInstance;
}

/** Runs first-run setup through the API and returns the signed-in administrator. */
export async function setUpWorkspace(app: FastifyInstance, locale = 'zh-CN'): Promise<Workspace> {
  const admin = new Caller(app, locale);
  const setup = await admin.post('/api/setup', { workspaceName: '星辰智联科技有限公司', adminName: ADMIN.name, email: ADMIN.email, password: ADMIN.password });
  if (setup.status !== 200) throw new Error(`setup failed: ${setup.status} ${JSON.stringify(setup.body)}`);
  const roles = await admin.get<{ items: Role[] }>('/api/roles');
  const adminUser = await admin.get<User>(`/api/users/${setup.body.user.id}`);
  return { admin, adminUser: adminUser.body, roles: new Map(roles.body.items.map((r) => [r.key, r])), app };
}

let counter = 0;

/** Adds a member through the admin API and returns them signed in. */
export async function addMember(
  ws: Workspace,
  input: { role: string; name?: string; departmentId?: string | null; managerId?: string | null; password?: string },
): Promise<{ user: User; caller: Caller; email: string; password: string }> {
  counter += 1;
  const email = `member${counter}.${Date.now().toString(36)}@example.cn`;
  const password = input.password ?? 'member-pass-123';
  const role = ws.roles.get(input.role);
  if (!role) throw new Error(`no role ${input.role}`);
  const created = await ws.admin.post<User>('/api/users', {
    name: input.name ?? `成员${counter}`,
    email,
    password,
    roleIds: [role.id],
    departmentId: input.departmentId ?? null,
    managerId: input.managerId ?? null,
  });
  if (created.status !== 201) throw new Error(`create user failed: ${created.status} ${JSON.stringify(created.body)}`);
  const caller = await signIn(ws.app, email, password);
  return { user: created.body, caller, email, password };
}

export async function signIn(app: FastifyInstance, email: string, password: string, locale = 'zh-CN'): Promise<Caller> {
  const caller = new Caller(app, locale);
  const res = await caller.post('/api/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return caller;
}

export async function addDepartment(ws: Workspace, name: string, parentId: string | null = null): Promise<Department> {
  const res = await ws.admin.post<Department>('/api/departments', { name, parentId });
  if (res.status !== 201) throw new Error(`create department failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * A fresh database, app and set-up workspace for each test of the calling file, closed afterwards.
 * Read `env.t` and `env.ws` inside tests (they change between tests).
 */
export function withWorkspace(): { t: TestApp; ws: Workspace } {
  const env = {} as { t: TestApp; ws: Workspace };
  beforeEach(async () => {
    env.t = await openTestApp();
    env.ws = await setUpWorkspace(env.t.app);
  });
  afterEach(async () => {
    await env.t.close();
  });
  return env;
}
