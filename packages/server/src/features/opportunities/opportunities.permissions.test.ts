import { describe, expect, it } from 'vitest';
import { withWorkspace } from '../../testing/factories';
import { MATRIX_SIZE, walkPermissionMatrix } from '../../testing/permissions-matrix';

const env = withWorkspace();

describe('opportunity permissions matrix', () => {
  it('agrees with the domain policy for each role and owner on list, read, timeline, edit, transfer and delete', async () => {
    const { ws } = env;
    const checks = await walkPermissionMatrix(ws, {
      path: 'opportunities',
      edit: { amount: 880_000_00 },
      create: async (ownerId, label) => {
        // The deal's customer belongs to the same owner, as it would after a handoff.
        const customer = await ws.admin.post('/api/customers', { name: `${label}-客户`, ownerId });
        const created = await ws.admin.post('/api/opportunities', { name: `${label}-商机`, customerId: customer.body.id, ownerId, amount: 100_000_00 });
        expect(created.status, label).toBe(201);
        return created.body;
      },
    });
    expect(checks).toBe(MATRIX_SIZE);
  });
});
