import { describe, expect, it } from 'vitest';
import { withWorkspace } from '../../testing/factories';
import { MATRIX_SIZE, walkPermissionMatrix } from '../../testing/permissions-matrix';

const env = withWorkspace();

describe('contact permissions matrix', () => {
  it('agrees with the domain policy for each role and owner on list, read, timeline, edit, transfer and delete', async () => {
    const { ws } = env;
    const checks = await walkPermissionMatrix(ws, {
      path: 'contacts',
      edit: { title: '采购总监' },
      // A contact is seen, changed, handed on and deleted by whoever may do so to its customer.
      create: async (ownerId, label) => {
        const customer = await ws.admin.post('/api/customers', { name: `${label}-客户`, ownerId });
        const created = await ws.admin.post('/api/contacts', { customerId: customer.body.id, name: `${label}-联系人` });
        expect(created.status, label).toBe(201);
        return { id: created.body.id, ownerId, departmentId: customer.body.departmentId, version: created.body.version };
      },
    });
    expect(checks).toBe(MATRIX_SIZE);
  });
});
