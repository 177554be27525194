import { describe, expect, it } from 'vitest';
import { can, listScope, matchesScope, widestScope, type Actor, type ScopedRecord } from './policy';
import { DEFAULT_ROLES, type DataScope, type Permission } from './roles';

function actorWith(roleKey: string, overrides: Partial<Actor> = {}): Actor {
  const role = DEFAULT_ROLES.find((r) => r.key === roleKey);
  if (!role) throw new Error(roleKey);
  return {
    userId: 'me',
    workspaceId: 'ws',
    permissions: new Set<Permission>(role.permissions),
    roleIds: [role.key],
    dataScope: role.dataScope,
    departmentId: 'east',
    departmentPath: '/sales/east/',
    subordinateIds: [],
    ...overrides,
  };
}

const mine: ScopedRecord = { ownerId: 'me', departmentId: 'east', departmentPath: '/sales/east/' };
const colleagueSameDept: ScopedRecord = { ownerId: 'colleague', departmentId: 'east', departmentPath: '/sales/east/' };
const subTeam: ScopedRecord = { ownerId: 'x', departmentId: 'east-1', departmentPath: '/sales/east/east-1/' };
const otherRegion: ScopedRecord = { ownerId: 'y', departmentId: 'south', departmentPath: '/sales/south/' };
const onTeam: ScopedRecord = { ownerId: 'y', departmentId: 'south', departmentPath: '/sales/south/', teamUserIds: ['me'] };
const reportOwns: ScopedRecord = { ownerId: 'report', departmentId: 'south', departmentPath: '/sales/south/' };

describe('permission policy', () => {
  it('a sales rep sees their own records and deals they are on the team of, nothing else', () => {
    const rep = actorWith('sales');
    expect([mine, colleagueSameDept, subTeam, otherRegion, onTeam].map((r) => can(rep, 'read', r))).toEqual([true, false, false, false, true]);
  });

  it('deal-team access: read members only read; edit members also edit; neither may delete, transfer or export', () => {
    const rep = actorWith('sales');
    const readMember: ScopedRecord = { ...otherRegion, teamUserIds: ['me'], teamEditorIds: [] };
    const editMember: ScopedRecord = { ...otherRegion, teamUserIds: ['me'], teamEditorIds: ['me'] };
    const actions = ['read', 'edit', 'delete', 'transfer'] as const;
    expect(actions.map((a) => can(rep, a, readMember))).toEqual([true, false, false, false]);
    expect(actions.map((a) => can(rep, a, editMember))).toEqual([true, true, false, false]);
    expect(can(actorWith('admin'), 'export', editMember)).toBe(true);
  });

  it('a manager sees their department and every department below it, and their reports', () => {
    const manager = actorWith('manager', { subordinateIds: ['report'] });
    expect([mine, colleagueSameDept, subTeam, otherRegion, reportOwns].map((r) => can(manager, 'read', r))).toEqual([true, true, true, false, true]);
  });

  it('department scope covers the department itself but not its sub-departments', () => {
    const viewer = actorWith('viewer');
    expect([colleagueSameDept, subTeam].map((r) => can(viewer, 'read', r))).toEqual([true, false]);
  });

  it('legal reads everything but may not edit, delete or export', () => {
    const legal = actorWith('legal');
    expect(can(legal, 'read', otherRegion)).toBe(true);
    expect((['edit', 'delete', 'transfer', 'export'] as const).map((a) => can(legal, a, otherRegion))).toEqual([false, false, false, false]);
  });

  it('a rep can edit and transfer their own deal but not delete or export it', () => {
    const rep = actorWith('sales');
    expect((['edit', 'transfer', 'delete', 'export'] as const).map((a) => can(rep, a, mine))).toEqual([true, true, false, false]);
  });

  it('an admin may do everything to every record', () => {
    const admin = actorWith('admin');
    for (const action of ['read', 'edit', 'delete', 'transfer', 'export'] as const) expect(can(admin, action, otherRegion)).toBe(true);
  });

  it('the list scope is "none" without the permission, whatever the data scope', () => {
    const presales = actorWith('presales');
    expect(listScope(presales, 'records.export')).toEqual({ kind: 'none' });
    expect(matchesScope({ kind: 'none' }, mine)).toBe(false);
  });

  it('the list scope names exactly the owners, departments and subtree the SQL must filter by', () => {
    expect(listScope(actorWith('manager', { subordinateIds: ['r1'] }))).toEqual({
      kind: 'limited',
      ownerIds: ['me', 'r1'],
      departmentIds: [],
      departmentPathPrefix: '/sales/east/',
      teamUserId: 'me',
    });
    expect(listScope(actorWith('viewer'))).toMatchObject({ departmentIds: ['east'], departmentPathPrefix: null });
  });

  it('a user without a department in subtree scope still sees their own records only', () => {
    const manager = actorWith('manager', { departmentId: null, departmentPath: null });
    expect([mine, colleagueSameDept].map((r) => can(manager, 'read', r))).toEqual([true, false]);
  });

  it('several roles combine to the widest scope', () => {
    const scopes: DataScope[] = ['own', 'subtree', 'department'];
    expect(widestScope(scopes)).toBe('subtree');
    expect(widestScope([])).toBe('own');
  });
});
