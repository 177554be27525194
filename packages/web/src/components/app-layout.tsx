import { useState, type ReactNode } from 'react';
import { Avatar, Button, Drawer, Dropdown, Layout, Menu, Typography, type MenuProps } from 'antd';
import { KeyOutlined, LockOutlined, LogoutOutlined, MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import type { Locale } from '@kairos/domain/locale';
import { hasPermission, useSession, useSignOut } from '../lib/auth';
import { useIsPhone } from '../lib/use-is-phone';
import { Brand } from './logo';
import { LanguageSwitch } from './language-switch';
import { LIVE_FEATURES, NAV_ICONS, UPCOMING_FEATURES } from './nav-icons';

const SIDER_WIDTH = 224;

/** The menu key for a path: the first one or two segments, matching the nav items' keys. */
function selectedKey(pathname: string): string {
  if (pathname === '/' || pathname === '') return '/';
  const parts = pathname.split('/').filter(Boolean);
  return parts[0] === 'admin' || parts[0] === 'account' ? `/${parts[0]}/${parts[1] ?? ''}` : `/${parts[0]}`;
}

function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const location = useLocation();

  const items: NonNullable<MenuProps['items']> = [
    { key: '/', icon: NAV_ICONS.home(), label: t('nav.home') },
    { key: '/mentions', icon: NAV_ICONS.mentions(), label: t('nav.mentions') },
    ...LIVE_FEATURES.map((f) => ({ key: `/${f}`, icon: NAV_ICONS[f](), label: t(`nav.${f}`) })),
    ...UPCOMING_FEATURES.map((f) => ({ key: `/${f}`, icon: NAV_ICONS[f](), label: t(`nav.${f}`) })),
  ];
  const admin = [
    hasPermission(me, 'users.manage') && { key: '/admin/users', icon: NAV_ICONS.users(), label: t('nav.users') },
    hasPermission(me, 'departments.manage') && { key: '/admin/departments', icon: NAV_ICONS.departments(), label: t('nav.departments') },
    hasPermission(me, 'workspace.manage') && { key: '/admin/settings', icon: NAV_ICONS.settings(), label: t('nav.settings') },
    hasPermission(me, 'workspace.manage') && { key: '/admin/fields', icon: NAV_ICONS.fields(), label: t('nav.fields') },
    hasPermission(me, 'pipelines.manage') && { key: '/admin/pipelines', icon: NAV_ICONS.pipelines(), label: t('pipelines.nav') },
  ].filter((x) => !!x);
  if (admin.length) items.push({ type: 'group', key: 'admin', label: t('nav.admin'), children: admin });

  return (
    <Menu
      theme="dark"
      mode="inline"
      items={items}
      selectedKeys={[selectedKey(location.pathname)]}
      onClick={({ key }) => {
        void navigate(key);
        onNavigate?.();
      }}
      style={{ borderInlineEnd: 0, background: 'transparent' }}
      data-testid="main-nav"
    />
  );
}

function UserMenu({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const signOut = useSignOut();

  const items: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      style: { cursor: 'default' },
      label: (
        <div style={{ padding: '2px 0', maxWidth: 240 }}>
          <Typography.Text strong ellipsis style={{ display: 'block' }}>
            {me.user.name}
          </Typography.Text>
          <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
            {me.user.email}
          </Typography.Text>
        </div>
      ),
    },
    { type: 'divider' },
    { key: '/account/profile', icon: <UserOutlined />, label: t('userMenu.profile') },
    { key: '/account/password', icon: <LockOutlined />, label: t('userMenu.password') },
    { key: '/account/tokens', icon: <KeyOutlined />, label: t('userMenu.tokens') },
    { type: 'divider' },
    { key: 'sign-out', icon: <LogoutOutlined />, label: t('userMenu.signOut'), danger: true },
  ];

  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      menu={{
        items,
        onClick: ({ key }) => {
          if (key === 'sign-out') {
            signOut.mutate();
          } else {
            void navigate(key);
          }
        },
      }}
    >
      <Button type="text" className="kairos-user-button" data-testid="user-menu" aria-label={me.user.name}>
        <Avatar size={28} style={{ background: '#2f54eb', flex: 'none' }}>
          {me.user.name.slice(0, 1).toUpperCase()}
        </Avatar>
        {!compact && <span className="kairos-user-name">{me.user.name}</span>}
      </Button>
    </Dropdown>
  );
}

/**
 * The signed-in frame: navigation (a Sider, or a Drawer on phones), header with workspace, search and the
 * notification bell (both handed in by the app, as they belong to features), language and user menu.
 */
export function AppLayout({
  onLocaleChange,
  search,
  inbox,
  children,
}: {
  onLocaleChange?: (locale: Locale) => void;
  search?: ReactNode;
  inbox?: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const me = useSession();
  const isPhone = useIsPhone();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!isPhone && (
        <Layout.Sider width={SIDER_WIDTH} collapsed={collapsed} collapsedWidth={64} className="kairos-sider" trigger={null}>
          <div className="kairos-sider-brand">
            <Brand size={30} inverse collapsed={collapsed} />
          </div>
          <NavMenu />
        </Layout.Sider>
      )}
      {isPhone && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={264}
          closable={false}
          styles={{ body: { padding: 0, background: '#0c1433' } }}
        >
          <div className="kairos-sider-brand">
            <Brand size={30} inverse />
          </div>
          <NavMenu onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
      <Layout>
        <Layout.Header className="kairos-header">
          {isPhone ? (
            <Button type="text" icon={<MenuOutlined />} onClick={() => setDrawerOpen(true)} aria-label={t('nav.toggle')} data-testid="nav-toggle" />
          ) : (
            <Button
              type="text"
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => setCollapsed((c) => !c)}
              aria-label={t('nav.toggle')}
            />
          )}
          <Typography.Text strong ellipsis className="kairos-workspace-name" data-testid="workspace-name">
            {me.workspace.name}
          </Typography.Text>
          <div className="kairos-header-search">{search}</div>
          {inbox}
          <LanguageSwitch compact={isPhone} onChange={onLocaleChange} />
          <UserMenu compact={isPhone} />
        </Layout.Header>
        <Layout.Content className="kairos-content">{children ?? <Outlet />}</Layout.Content>
      </Layout>
    </Layout>
  );
}
