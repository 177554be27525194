import { App, Avatar, Badge, Button, Card, Dropdown, Flex, Input, Select, Table, Tag, TreeSelect, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, KeyOutlined, MoreOutlined, StopOutlined, CheckCircleOutlined, TeamOutlined } from '@ant-design/icons';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '@kairos/domain/roles';
import type { User } from '@kairos/domain/users';
import { ApiError } from '../../../lib/api';
import { useSession } from '../../../lib/auth';
import { departmentTreeOptions, useDepartments, useRoles } from '../../../lib/directory';
import { useErrorText } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/i18n';
import { roleColor, roleName } from '../../../lib/roles';
import { useIsPhone } from '../../../lib/use-is-phone';
import { GuideEmpty } from '../../../components/guide-empty';
import { QueryError } from '../../../components/query-error';
import { useUpdateUser, useUserList, type UserFilters } from '../api';

interface Props {
  onEdit: (user: User) => void;
  onResetPassword: (user: User) => void;
  emptyAction: ReactNode;
}

function StatusBadge({ status }: { status: User['status'] }) {
  const { t } = useTranslation();
  return <Badge status={status === 'active' ? 'success' : 'default'} text={t(`users.status.${status}`)} />;
}

/** Deactivate or reactivate, after a confirmation that says what it means. */
function useToggleStatus() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const errorText = useErrorText();
  const update = useUpdateUser();
  return (user: User) => {
    const deactivating = user.status === 'active';
    modal.confirm({
      title: deactivating ? t('users.deactivateTitle', { name: user.name }) : t('users.reactivateTitle', { name: user.name }),
      content: deactivating ? t('users.deactivateDesc') : t('users.reactivateDesc'),
      okText: deactivating ? t('users.deactivate') : t('users.reactivate'),
      okButtonProps: { danger: deactivating },
      cancelText: t('common.cancel'),
      onOk: () =>
        update
          .mutateAsync({ id: user.id, body: { version: user.version, status: deactivating ? 'deactivated' : 'active' } })
          .then(
            () => void message.success(deactivating ? t('users.deactivated') : t('users.reactivated')),
            (err: unknown) =>
              void (err instanceof ApiError && err.is('version_conflict')
                ? message.warning(t('errors.versionConflict'))
                : message.error(errorText(err))),
          ),
    });
  };
}

export function UserList({ onEdit, onResetPassword, emptyAction }: Props) {
  const { t } = useTranslation();
  const me = useSession();
  const locale = useLocale();
  const isPhone = useIsPhone();
  const [search, setSearch] = useState('');
  const [filters, setFilters] = useState<UserFilters>({});
  const users = useUserList(filters);
  const roles = useRoles();
  const departments = useDepartments();
  const toggleStatus = useToggleStatus();
  const tz = me.workspace.timezone;

  const roleById = useMemo(() => new Map<string, Role>((roles.data?.items ?? []).map((r) => [r.id, r])), [roles.data]);
  const departmentName = useMemo(() => new Map((departments.data?.items ?? []).map((d) => [d.id, d.name])), [departments.data]);
  const treeData = useMemo(() => departmentTreeOptions(departments.data?.items ?? []), [departments.data]);
  const items = useMemo(() => users.data?.pages.flatMap((p) => p.items) ?? [], [users.data]);
  const filtered = !!(filters.q || filters.departmentId || filters.status);

  const roleTags = (user: User) => (
    <Flex gap={4} wrap>
      {user.roleIds.map((id) => {
        const role = roleById.get(id);
        return role ? (
          <Tag key={id} color={roleColor(role.key)} style={{ marginInlineEnd: 0 }}>
            {roleName(role, locale)}
          </Tag>
        ) : null;
      })}
    </Flex>
  );

  const nameCell = (user: User) => (
    <Flex align="center" gap={12} style={{ minWidth: 0 }}>
      <Avatar style={{ background: user.status === 'active' ? '#2f54eb' : '#bfbfbf', flex: 'none' }}>{user.name.slice(0, 1).toUpperCase()}</Avatar>
      <div style={{ minWidth: 0 }}>
        <Flex align="center" gap={6}>
          <Typography.Text strong ellipsis>
            {user.name}
          </Typography.Text>
          {user.id === me.user.id && (
            <Tag color="blue" variant="filled" style={{ marginInlineEnd: 0 }}>
              {t('users.you')}
            </Tag>
          )}
        </Flex>
        <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 13 }}>
          {user.email}
        </Typography.Text>
      </div>
    </Flex>
  );

  const actions = (user: User) => (
    <Flex gap={4} justify="flex-end">
      <Button size="small" type="link" icon={<EditOutlined />} onClick={() => onEdit(user)}>
        {t('common.edit')}
      </Button>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'reset', icon: <KeyOutlined />, label: t('users.resetPassword') },
            user.status === 'active'
              ? { key: 'toggle', icon: <StopOutlined />, label: t('users.deactivate'), danger: true, disabled: user.id === me.user.id }
              : { key: 'toggle', icon: <CheckCircleOutlined />, label: t('users.reactivate') },
          ],
          onClick: ({ key }) => (key === 'reset' ? onResetPassword(user) : toggleStatus(user)),
        }}
      >
        <Button size="small" type="text" icon={<MoreOutlined />} aria-label={t('common.more')} />
      </Dropdown>
    </Flex>
  );

  const columns: TableColumnsType<User> = [
    { title: t('users.colName'), key: 'name', render: (_, user) => nameCell(user), width: 280 },
    { title: t('users.colRoles'), key: 'roles', render: (_, user) => roleTags(user) },
    {
      title: t('users.colDepartment'),
      key: 'department',
      render: (_, user) =>
        user.departmentId ? departmentName.get(user.departmentId) : <Typography.Text type="secondary">—</Typography.Text>,
    },
    { title: t('users.colStatus'), key: 'status', render: (_, user) => <StatusBadge status={user.status} /> },
    {
      title: t('users.colLastSignIn'),
      key: 'lastSignInAt',
      render: (_, user) =>
        user.lastSignInAt ? formatDateTime(user.lastSignInAt, locale, tz) : <Typography.Text type="secondary">{t('common.never')}</Typography.Text>,
    },
    { title: t('common.actions'), key: 'actions', align: 'right', render: (_, user) => actions(user) },
  ];

  const empty = filtered ? (
    <GuideEmpty icon={<TeamOutlined />} title={t('users.noMatch')} description="" />
  ) : (
    <GuideEmpty icon={<TeamOutlined />} title={t('users.emptyTitle')} description={t('users.emptyDesc')} action={emptyAction} />
  );

  const filterBar = (
    <Flex gap={8} wrap style={{ marginBottom: 16 }}>
      <Input.Search
        allowClear
        placeholder={t('users.searchPlaceholder')}
        value={search}
        onChange={(e) => {
          setSearch(e.target.value);
          if (!e.target.value) setFilters((f) => ({ ...f, q: undefined }));
        }}
        onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
        style={{ width: isPhone ? '100%' : 260 }}
      />
      <TreeSelect
        allowClear
        treeData={treeData}
        treeDefaultExpandAll
        placeholder={t('users.filterDepartment')}
        value={filters.departmentId}
        onChange={(departmentId?: string) => setFilters((f) => ({ ...f, departmentId: departmentId || undefined }))}
        style={{ width: isPhone ? 'calc(50% - 4px)' : 200 }}
        popupMatchSelectWidth={false}
      />
      <Select
        allowClear
        placeholder={t('users.filterStatus')}
        value={filters.status}
        onChange={(status?: User['status']) => setFilters((f) => ({ ...f, status }))}
        options={[
          { value: 'active', label: t('users.status.active') },
          { value: 'deactivated', label: t('users.status.deactivated') },
        ]}
        style={{ width: isPhone ? 'calc(50% - 4px)' : 140 }}
      />
    </Flex>
  );

  const loadMore = users.hasNextPage && (
    <Flex justify="center" style={{ padding: 16 }}>
      <Button onClick={() => void users.fetchNextPage()} loading={users.isFetchingNextPage}>
        {t('common.loadMore')}
      </Button>
    </Flex>
  );

  if (users.isError) return <QueryError error={users.error} onRetry={() => void users.refetch()} />;

  // "Only me" counts as empty for guidance: the first admin sees how to add the team.
  const onlyMe = !filtered && items.length === 1 && items[0]?.id === me.user.id && !users.hasNextPage;

  if (isPhone) {
    return (
      <>
        {filterBar}
        <Flex vertical gap={12} data-testid="user-cards">
          {users.isPending && <Card loading />}
          {!users.isPending && items.length === 0 && empty}
          {items.map((user) => (
            <Card key={user.id} size="small">
              <Flex justify="space-between" align="flex-start" gap={8}>
                {nameCell(user)}
                {actions(user)}
              </Flex>
              <div className="kairos-card-meta">
                {roleTags(user)}
                <Flex gap={12} wrap>
                  <StatusBadge status={user.status} />
                  {user.departmentId && <Typography.Text type="secondary">{departmentName.get(user.departmentId)}</Typography.Text>}
                </Flex>
              </div>
            </Card>
          ))}
          {onlyMe && empty}
          {loadMore}
        </Flex>
      </>
    );
  }

  return (
    <>
      {filterBar}
      <Table<User>
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={users.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: empty }}
        footer={onlyMe ? () => empty : undefined}
        data-testid="users-table"
      />
      {loadMore}
    </>
  );
}
