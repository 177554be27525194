import { describe, expect, it } from 'vitest';
import { withWorkspace } from '../../testing/factories';
import { MATRIX_SIZE, walkPermissionMatrix } from '../../testing/permissions-matrix';

const env = withWorkspace();

describe('customer permissions matrix', () => {
  it('agrees with the domain policy for each role and owner on list, read, timeline, edit, transfer and delete', async () => {
    const { ws } = env;
    const checks = await walkPermissionMatrix(ws, {
      path: 'customers',
      edit: { city: '苏州' },
      create: async (ownerId, label) => {
        const created = await ws.admin.post('/api/customers', { name: `${label}-客户`, ownerId });
        expect(created.status, label).toBe(201);
        return created.body;
      },
    });
    expect(checks).toBe(MATRIX_SIZE);
  });
});
