import { Button, Card, Col, Empty, Input, Row, Tree, Typography, type TreeDataNode } from 'antd';
import { ApartmentOutlined, PlusOutlined, UserOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildDepartmentTree, type Department, type DepartmentNode } from '@kairos/domain/departments';
import { useDepartments, useUserOptions } from '../../../lib/directory';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { GuideEmpty } from '../../../components/guide-empty';
import { SectionSpin } from '../../../components/full-page-spin';
import { CreateDepartmentModal } from './create-department-modal';
import { DepartmentDetails } from './department-details';

/** Admin: the organisation as a tree on the left, the selected department's editor on the right. */
export function DepartmentsPage() {
  const { t } = useTranslation();
  const departments = useDepartments();
  const people = useUserOptions();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [creating, setCreating] = useState<{ open: boolean; parent: Department | null }>({ open: false, parent: null });
  const [filter, setFilter] = useState('');
  // Track what the user folded rather than what is open, so new departments appear expanded.
  const [folded, setFolded] = useState<ReadonlySet<string>>(new Set());

  const items = useMemo(() => departments.data?.items ?? [], [departments.data]);
  const personName = useMemo(() => new Map((people.data?.items ?? []).map((u) => [u.id, u.name])), [people.data]);
  const selected = items.find((d) => d.id === selectedId) ?? null;

  const treeData = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    // A node stays when it or any descendant matches, so matches are shown in context.
    const convert = (node: DepartmentNode): TreeDataNode | null => {
      const children = node.children.map(convert).filter((c): c is TreeDataNode => c !== null);
      if (needle && !node.name.toLowerCase().includes(needle) && children.length === 0) return null;
      const head = node.headUserId ? personName.get(node.headUserId) : undefined;
      return {
        key: node.id,
        children,
        title: (
          <span className="kairos-tree-node">
            <span className="kairos-tree-name">{node.name}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
              {head && (
                <>
                  <UserOutlined /> {head} ·{' '}
                </>
              )}
              {t('departments.members', { count: node.memberCount })}
            </Typography.Text>
          </span>
        ),
      };
    };
    return buildDepartmentTree(items)
      .map(convert)
      .filter((c): c is TreeDataNode => c !== null);
  }, [items, filter, personName, t]);

  const addRoot = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating({ open: true, parent: null })}>
      {t('departments.addRoot')}
    </Button>
  );

  let body;
  if (departments.isError) body = <QueryError error={departments.error} onRetry={() => void departments.refetch()} />;
  else if (departments.isPending) body = <Card variant="borderless"><SectionSpin /></Card>;
  else if (items.length === 0)
    body = (
      <Card variant="borderless">
        <GuideEmpty icon={<ApartmentOutlined />} title={t('departments.emptyTitle')} description={t('departments.emptyDesc')} action={addRoot} />
      </Card>
    );
  else
    body = (
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card variant="borderless" title={t('departments.structure')} styles={{ body: { paddingTop: 12 } }}>
            <Input.Search allowClear placeholder={t('departments.searchPlaceholder')} onChange={(e) => setFilter(e.target.value)} style={{ marginBottom: 12 }} />
            <Tree
              blockNode
              showLine
              treeData={treeData}
              expandedKeys={items.filter((d) => filter.trim() !== '' || !folded.has(d.id)).map((d) => d.id)}
              onExpand={(_, { expanded, node }) =>
                setFolded((prev) => {
                  const next = new Set(prev);
                  if (expanded) next.delete(String(node.key));
                  else next.add(String(node.key));
                  return next;
                })
              }
              selectedKeys={selectedId ? [selectedId] : []}
              onSelect={(keys) => setSelectedId(keys.length ? String(keys[0]) : selectedId)}
              data-testid="department-tree"
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card variant="borderless" title={t('departments.details')}>
            {selected ? (
              <DepartmentDetails
                department={selected}
                departments={items}
                onAddChild={(parent) => setCreating({ open: true, parent })}
                onDeleted={() => setSelectedId(null)}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('departments.selectHint')} />
            )}
          </Card>
        </Col>
      </Row>
    );

  return (
    <>
      <PageHeader title={t('departments.title')} subtitle={t('departments.subtitle')} extra={items.length > 0 && addRoot} />
      {body}
      <CreateDepartmentModal
        open={creating.open}
        parent={creating.parent}
        departments={items}
        onClose={() => setCreating((c) => ({ ...c, open: false }))}
        onCreated={(d) => setSelectedId(d.id)}
      />
    </>
  );
}
