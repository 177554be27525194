import { App, Button, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { MailOutlined } from '@ant-design/icons';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invitation } from '@kairos/domain/users';
import { useSession } from '../../../lib/auth';
import { useRoles } from '../../../lib/directory';
import { useErrorText } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/i18n';
import { roleColor, roleName } from '../../../lib/roles';
import { GuideEmpty } from '../../../components/guide-empty';
import { QueryError } from '../../../components/query-error';
import { useInvitations, useRevokeInvitation } from '../api';

type InvitationStatus = 'pending' | 'accepted' | 'expired';

function statusOf(invitation: Invitation): InvitationStatus {
  if (invitation.acceptedAt) return 'accepted';
  return Date.parse(invitation.expiresAt) <= Date.now() ? 'expired' : 'pending';
}

const STATUS_COLOR: Record<InvitationStatus, string> = { pending: 'processing', accepted: 'success', expired: 'default' };

export function InvitationsTab({ emptyAction }: { emptyAction: ReactNode }) {
  const { t } = useTranslation();
  const me = useSession();
  const locale = useLocale();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const invitations = useInvitations();
  const roles = useRoles();
  const revoke = useRevokeInvitation();
  const roleById = useMemo(() => new Map((roles.data?.items ?? []).map((r) => [r.id, r])), [roles.data]);
  const tz = me.workspace.timezone;

  const statusLabel: Record<InvitationStatus, string> = {
    pending: t('invitations.statusPending'),
    accepted: t('invitations.statusAccepted'),
    expired: t('invitations.statusExpired'),
  };

  const columns: TableColumnsType<Invitation> = [
    { title: t('invitations.colEmail'), dataIndex: 'email', render: (email: string) => <Typography.Text strong>{email}</Typography.Text> },
    {
      title: t('invitations.colRoles'),
      key: 'roles',
      render: (_, inv) =>
        inv.roleIds.map((id) => {
          const role = roleById.get(id);
          return role ? (
            <Tag key={id} color={roleColor(role.key)}>
              {roleName(role, locale)}
            </Tag>
          ) : null;
        }),
    },
    { title: t('invitations.colStatus'), key: 'status', render: (_, inv) => <Tag color={STATUS_COLOR[statusOf(inv)]}>{statusLabel[statusOf(inv)]}</Tag> },
    { title: t('invitations.colCreated'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, locale, tz) },
    { title: t('invitations.colExpires'), dataIndex: 'expiresAt', render: (v: string) => formatDateTime(v, locale, tz) },
    {
      title: t('common.actions'),
      key: 'actions',
      align: 'right',
      render: (_, inv) =>
        statusOf(inv) === 'pending' && (
          <Popconfirm
            title={t('invitations.revokeTitle', { email: inv.email })}
            description={t('invitations.revokeDesc')}
            okText={t('invitations.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              revoke.mutateAsync(inv.id).then(
                () => void message.success(t('invitations.revoked')),
                (err: unknown) => void message.error(errorText(err)),
              )
            }
          >
            <Button type="link" danger size="small">
              {t('invitations.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  if (invitations.isError) return <QueryError error={invitations.error} onRetry={() => void invitations.refetch()} />;
  return (
    <Table<Invitation>
      rowKey="id"
      columns={columns}
      dataSource={invitations.data?.items ?? []}
      loading={invitations.isPending}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{
        emptyText: <GuideEmpty icon={<MailOutlined />} title={t('invitations.emptyTitle')} description={t('invitations.emptyDesc')} action={emptyAction} />,
      }}
    />
  );
}
