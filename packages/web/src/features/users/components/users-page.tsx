import { Button, Card, Tabs } from 'antd';
import { MailOutlined, UserAddOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '@kairos/domain/users';
import { PageHeader } from '../../../components/page-header';
import { UserList } from './user-list';
import { UserDrawer } from './user-drawer';
import { ResetPasswordModal } from './reset-password-modal';
import { InvitationsTab } from './invitations-tab';
import { InviteModal } from './invite-modal';

/** Admin: the workspace's people, their roles and status, and the invitations still open. */
export function UsersPage() {
  const { t } = useTranslation();
  const [drawer, setDrawer] = useState<{ open: boolean; user: User | null }>({ open: false, user: null });
  const [resetting, setResetting] = useState<User | null>(null);
  const [inviting, setInviting] = useState(false);

  const newUser = (
    <Button type="primary" icon={<UserAddOutlined />} onClick={() => setDrawer({ open: true, user: null })}>
      {t('users.newUser')}
    </Button>
  );
  const invite = (
    <Button icon={<MailOutlined />} onClick={() => setInviting(true)}>
      {t('users.invite')}
    </Button>
  );

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        extra={
          <>
            {invite}
            {newUser}
          </>
        }
      />
      <Card variant="borderless" styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          items={[
            {
              key: 'members',
              label: t('users.tabMembers'),
              children: (
                <UserList
                  onEdit={(user) => setDrawer({ open: true, user })}
                  onResetPassword={setResetting}
                  emptyAction={
                    <>
                      {newUser} {invite}
                    </>
                  }
                />
              ),
            },
            { key: 'invitations', label: t('users.tabInvitations'), children: <InvitationsTab emptyAction={invite} /> },
          ]}
        />
      </Card>
      <UserDrawer open={drawer.open} user={drawer.user} onClose={() => setDrawer((d) => ({ ...d, open: false }))} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
      <InviteModal open={inviting} onClose={() => setInviting(false)} />
    </>
  );
}
