import { describe, expect, it } from 'vitest';
import { startServer } from './main';
import { openTestCore } from './testing/test-core';

describe('server process', () => {
  it('finishes a request that is in flight when asked to shut down, then closes the database', async () => {
    const t = await openTestCore();
    const server = await startServer({ ...t.config, port: 0, host: '127.0.0.1', webDist: '/nonexistent' }, { installSignalHandlers: false });
    try {
      // Setup hashes a password, so it is still running when shutdown begins.
      const setup = fetch(`${server.url}/api/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ workspaceName: '关停测试', adminName: '管理员', email: 'stop@example.cn', password: 'password-123' }),
      });
      while (server.app.inFlight() === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      const stopping = server.stop();
      expect((await setup).status).toBe(200);
      await stopping;
      await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
      const admins = await t.core.db.selectFrom('accounts').select('email').execute();
      expect(admins.map((a) => a.email)).toEqual(['stop@example.cn']);
    } finally {
      await server.stop();
      await t.close();
    }
  });
});
