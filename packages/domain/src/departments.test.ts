import { describe, expect, it } from 'vitest';
import { buildDepartmentTree, type Department } from './departments';

const d = (id: string, parentId: string | null, sort = 0, name = id): Department => ({
  id,
  name,
  parentId,
  headUserId: null,
  sort,
  memberCount: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
  version: 1,
});

describe('buildDepartmentTree', () => {
  it('nests children under parents and orders siblings by sort', () => {
    const tree = buildDepartmentTree([d('south', 'sales', 2), d('sales', null, 1), d('east', 'sales', 1), d('hq', null, 0)]);
    expect(tree.map((n) => n.id)).toEqual(['hq', 'sales']);
    expect(tree[1]?.children.map((n) => n.id)).toEqual(['east', 'south']);
  });

  it('keeps a department whose parent is missing at the top rather than losing it', () => {
    expect(buildDepartmentTree([d('orphan', 'gone')]).map((n) => n.id)).toEqual(['orphan']);
  });
});
