import { BellOutlined, LogoutOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Flex, Layout, Menu, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { errorMessage } from '../api/client';
import { unreadCountKey, useUnreadCount } from '../api/notifications';
import { authApi } from '../api/session';
import type { Me } from '../api/types';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Breadcrumbs } from './breadcrumbs';
import { CurrentUserContext } from './currentUser';
import { navKeyOf, visibleNav } from './navigation';
import { SessionGate } from './SessionGate';

function UnreadBell({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  // A failed poll (e.g. during a deploy) just leaves the badge empty until the next one.
  const { data } = useUnreadCount({ poll: true, enabled });
  return (
    <Link to="/app/notifications" aria-label={t('layout.notifications')} title={t('layout.notifications')}>
      <Badge count={data?.count ?? 0} size="small">
        <BellOutlined style={{ fontSize: 18, color: '#fff' }} />
      </Badge>
    </Link>
  );
}

export default function AppLayout() {
  const location = useLocation();
  return (
    <SessionGate signIn={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}>
      {(me) => (me.user.mustChangePassword ? <Navigate to="/change-password" replace /> : <Workspace user={me} />)}
    </SessionGate>
  );
}

/** Header, role-built side menu and the current page. */
function Workspace({ user }: { user: Me }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [signingOut, setSigningOut] = useState(false);

  async function logout() {
    // The bell stops polling first and its request in flight is aborted: sent under the session and
    // answered after its end, it would be refused (a 401 in the console, and /api/me asked again).
    setSigningOut(true);
    await queryClient.cancelQueries({ queryKey: unreadCountKey });
    try {
      await authApi.logout();
    } catch (err) {
      setSigningOut(false);
      message.error(errorMessage(err));
      return;
    }
    navigate('/login', { replace: true });
    queryClient.clear();
  }

  const items = visibleNav(user).map((item) => ({
    key: item.path,
    icon: item.icon,
    label: <Link to={item.path}>{t(item.label)}</Link>,
  }));

  return (
    <CurrentUserContext value={user}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, paddingInline: 24 }}>
          <Link to="/app" style={{ color: '#fff', fontSize: 18, fontWeight: 600, whiteSpace: 'nowrap' }}>
            {t('app.title')}
          </Link>
          <Flex align="center" gap={20} style={{ marginLeft: 'auto' }}>
            <UnreadBell enabled={!signingOut} />
            <span style={{ color: '#fff', lineHeight: 1.3 }} data-testid="current-user">
              <Typography.Text strong style={{ color: '#fff' }}>
                {user.user.displayName}
              </Typography.Text>
              <br />
              <Typography.Text style={{ color: 'rgba(255,255,255,0.75)', fontSize: 12 }}>{user.organisation.name}</Typography.Text>
            </span>
            <Flex align="center">
              <LanguageSwitch dark />
              <Button type="text" icon={<LogoutOutlined />} onClick={() => void logout()} style={{ color: '#fff' }}>
                {t('common.logout')}
              </Button>
            </Flex>
          </Flex>
        </Layout.Header>
        <Layout>
          <Layout.Sider width={220} theme="light" breakpoint="lg" collapsedWidth={0}>
            <nav aria-label={t('layout.menu')}>
              <Menu mode="inline" selectedKeys={[navKeyOf(location.pathname)]} items={items} style={{ borderInlineEnd: 0 }} />
            </nav>
          </Layout.Sider>
          <Layout.Content style={{ padding: 24 }}>
            <Breadcrumbs user={user}>
              <Outlet />
            </Breadcrumbs>
          </Layout.Content>
        </Layout>
      </Layout>
    </CurrentUserContext>
  );
}
