import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '@kairos/server/app';
import { Caller } from '@kairos/server/testing/http-client';
import { signIn } from '@kairos/server/testing/factories';
import { openTestCore, type TestCore } from '@kairos/server/testing/test-core';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../bin/kairos.mjs', import.meta.url));

let t: TestCore;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  t = await openTestCore();
  env = { ...process.env, KAIROS_LOG_LEVEL: 'warn', ...(t.config.databaseUrl ? { DATABASE_URL: t.config.databaseUrl } : { KAIROS_DATA_DIR: t.config.dataDir }) };
  delete env.PORT;
});
afterAll(async () => {
  await t.close();
});

const kairos = (...args: string[]) => run(process.execPath, [BIN, ...args], { env, timeout: 60_000 });

describe('kairos CLI', () => {
  it('migrates, creates the first administrator and a member, and issues an API token that works', async () => {
    expect((await kairos('migrate')).stdout).toMatch(/up to date|Applied/);
    const admin = await kairos('user', 'create', '--admin', '--email', 'ops@example.cn', '--name', '运维管理员', '--password', 'ops-password-1', '--workspace-name', '测试公司');
    expect(admin.stdout).toContain('Created administrator ops@example.cn');
    const member = await kairos('user', 'create', '--email', 'rep@example.cn', '--name', '销售甲', '--role', 'sales');
    const generated = /password: (\S+)/.exec(member.stdout)?.[1];
    expect(generated).toBeTruthy();

    const token = await kairos('token', 'create', '--email', 'ops@example.cn', '--name', 'ci', '--days', '7');
    const secret = /(kairos_\S+)/.exec(token.stdout)?.[1] as string;
    expect(secret).toBeTruthy();

    const app = await buildApp(t.core, { serveWeb: false });
    try {
      const api = new Caller(app);
      api.bearer = secret;
      const me = await api.get('/api/auth/me');
      expect(me.body.user.email).toBe('ops@example.cn');
      expect(me.body.workspace.name).toBe('测试公司');
      const rep = await signIn(app, 'rep@example.cn', generated as string);
      expect((await rep.get('/api/auth/me')).body.user.roleKeys).toEqual(['sales']);
    } finally {
      await app.close();
    }
  });

  it('explains a mistake instead of failing silently', async () => {
    await expect(kairos('token', 'create', '--email', 'nobody@example.cn')).rejects.toMatchObject({ stderr: expect.stringContaining('No active member') });
    await expect(kairos('frobnicate')).rejects.toMatchObject({ code: 2 });
  });

  it('refuses demo data when a workspace already exists', async () => {
    await expect(kairos('demo')).rejects.toMatchObject({ stderr: expect.stringContaining('already exists') });
  });
});
