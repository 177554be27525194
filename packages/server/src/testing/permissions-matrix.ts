import { expect } from 'vitest';
import { can, type Action, type Actor } from '@kairos/domain/policy';
import { DEFAULT_ROLES, type Permission } from '@kairos/domain/roles';
import { addDepartment, addMember, type Workspace } from './factories';

interface OwnedRecord {
  id: string;
  ownerId: string | null;
  departmentId: string | null;
  version: number;
}

/**
 * Every role × every kind of record owner, on every endpoint of a record type: the API must answer
 * exactly what the domain policy says (read → 200 or 404; edit, delete, transfer → 2xx, 403, or 404 when
 * unseen), and the list must hold exactly the records the policy lets the role read. Returns the number
 * of checks made, so a caller can assert the matrix was walked in full.
 */
export async function walkPermissionMatrix(
  ws: Workspace,
  resource: { path: string; create: (ownerId: string, label: string) => Promise<OwnedRecord>; edit: Record<string, unknown> },
): Promise<number> {
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
  const base = `/api/${resource.path}`;

  let checks = 0;
  for (const role of DEFAULT_ROLES) {
    const me = await addMember(ws, { role: role.key, name: `${role.name['zh-CN']}本人`, departmentId: east.id });
    const actor: Actor = {
      userId: me.user.id,
      workspaceId: '',
      permissions: new Set<Permission>(role.permissions),
      roleIds: me.user.roleIds,
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
    const records: { label: string; record: OwnedRecord }[] = [];
    for (const owner of owners) records.push({ label: owner.label, record: await resource.create(owner.user.id, `${role.key}-${owner.label}`) });
    const visible = new Set(((await me.caller.get(`${base}?limit=200`)).body.items as OwnedRecord[]).map((c) => c.id));

    for (const { label, record } of records) {
      const scoped = { ownerId: record.ownerId, departmentId: record.departmentId, departmentPath: record.departmentId ? (paths[record.departmentId] ?? null) : null };
      const may = (action: Action) => can(actor, action, scoped);
      const where = `${role.key} → ${label}`;
      const readable = may('read');
      expect(visible.has(record.id), `${where}: list`).toBe(readable);
      expect((await me.caller.get(`${base}/${record.id}`)).status, `${where}: read`).toBe(readable ? 200 : 404);
      expect((await me.caller.get(`${base}/${record.id}/timeline`)).status, `${where}: timeline`).toBe(readable ? 200 : 404);

      const expected = (action: Action, ok: number) => (!readable ? 404 : may(action) ? ok : 403);
      const current = async () => (await ws.admin.get(`${base}/${record.id}`)).body as OwnedRecord;
      expect((await me.caller.patch(`${base}/${record.id}`, { version: (await current()).version, ...resource.edit })).status, `${where}: edit`).toBe(expected('edit', 200));
      expect((await me.caller.post(`${base}/${record.id}/transfer`, { version: (await current()).version, toUserId: record.ownerId })).status, `${where}: transfer`).toBe(expected('transfer', 200));
      const deleted = (await me.caller.delete(`${base}/${record.id}`)).status;
      expect(deleted, `${where}: delete`).toBe(expected('delete', 204));
      if (deleted === 204) expect((await ws.admin.post(`${base}/${record.id}/restore`)).status).toBe(200);
      checks += 6;
    }
  }
  return checks;
}

export const MATRIX_SIZE = DEFAULT_ROLES.length * 4 * 6;
