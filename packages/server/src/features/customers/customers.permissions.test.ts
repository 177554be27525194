import { describe, expect, it } from 'vitest';
import { can, type Action, type Actor } from '@kairos/domain/policy';
import { DEFAULT_ROLES, type Permission } from '@kairos/domain/roles';
import type { Customer } from '@kairos/domain/customers';
import { addDepartment, addMember, withWorkspace } from '../../testing/factories';

const env = withWorkspace();

/**
 * Every role × every kind of record owner, on every customer endpoint: the API must answer exactly what
 * the domain policy says (read → 200 or 404; edit, delete, transfer → 200/204, 403, or 404 when unseen),
 * and a list must hold exactly the records the policy lets the role read.
 */
describe('customer permissions matrix', () => {
  it('agrees with the domain policy for each role and owner', async () => {
    const { ws } = env;
    const sales = await addDepartment(ws, '销售中心');
    const east = await addDepartment(ws, '华东大区', sales.id);
    const eastOne = await addDepartment(ws, '上海组', east.id);
    const south = await addDepartment(ws, '华南大区', sales.id);
    const paths: Record<string, string> = {
      [sales.id]: `/${sales.id}/`,
      [east.id]: `/${sales.id}/${east.id}/`,
      [eastOne.id]: `/${sales.id}/${east.id}/${eastOne.id}/`,
      [south.id]: `/${sales.id}/${south.id}/`,
    };
    const colleague = await addMember(ws, { role: 'sales', name: '同组同事', departmentId: east.id });
    const below = await addMember(ws, { role: 'sales', name: '下级部门销售', departmentId: eastOne.id });
    const elsewhere = await addMember(ws, { role: 'sales', name: '外区销售', departmentId: south.id });

    let checks = 0;
    for (const role of DEFAULT_ROLES) {
      const me = await addMember(ws, { role: role.key, name: `${role.name['zh-CN']}本人`, departmentId: east.id });
      const actor: Actor = {
        userId: me.user.id,
        workspaceId: '',
        permissions: new Set<Permission>(role.permissions),
        dataScope: role.dataScope,
        departmentId: east.id,
        departmentPath: paths[east.id] as string,
        subordinateIds: [],
      };
      const owners = [
        { label: 'own', user: me.user },
        { label: 'colleague', user: colleague.user },
        { label: 'sub-department', user: below.user },
        { label: 'other region', user: elsewhere.user },
      ];
      const records: { label: string; customer: Customer }[] = [];
      for (const owner of owners) {
        const created = await ws.admin.post('/api/customers', { name: `${role.key}-${owner.label}-客户`, ownerId: owner.user.id });
        expect(created.status, `${role.key} ${owner.label}`).toBe(201);
        records.push({ label: owner.label, customer: created.body });
      }
      const visible = new Set(((await me.caller.get('/api/customers?limit=200')).body.items as Customer[]).map((c) => c.id));

      for (const { label, customer } of records) {
        const scoped = { ownerId: customer.ownerId, departmentId: customer.departmentId, departmentPath: customer.departmentId ? (paths[customer.departmentId] ?? null) : null };
        const may = (action: Action) => can(actor, action, scoped);
        const where = `${role.key} → ${label}`;
        const readable = may('read');
        expect(visible.has(customer.id), `${where}: list`).toBe(readable);
        expect((await me.caller.get(`/api/customers/${customer.id}`)).status, `${where}: read`).toBe(readable ? 200 : 404);
        expect((await me.caller.get(`/api/customers/${customer.id}/timeline`)).status, `${where}: timeline`).toBe(readable ? 200 : 404);

        const expected = (action: Action, ok: number) => (!readable ? 404 : may(action) ? ok : 403);
        const current = async () => (await ws.admin.get(`/api/customers/${customer.id}`)).body as Customer;
        expect((await me.caller.patch(`/api/customers/${customer.id}`, { version: (await current()).version, city: '苏州' })).status, `${where}: edit`).toBe(expected('edit', 200));
        expect((await me.caller.post(`/api/customers/${customer.id}/transfer`, { version: (await current()).version, toUserId: customer.ownerId })).status, `${where}: transfer`).toBe(expected('transfer', 200));
        const deleted = (await me.caller.delete(`/api/customers/${customer.id}`)).status;
        expect(deleted, `${where}: delete`).toBe(expected('delete', 204));
        if (deleted === 204) expect((await ws.admin.post(`/api/customers/${customer.id}/restore`)).status).toBe(200);
        checks += 6;
      }
    }
    expect(checks).toBe(DEFAULT_ROLES.length * 4 * 6);
  });
});
