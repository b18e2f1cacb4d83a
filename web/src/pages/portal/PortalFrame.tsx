import { MenuOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Drawer, Flex, Grid, Layout, Menu, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { portalApi } from '../../api/portal';
import { LanguageSwitch } from '../../components/LanguageSwitch';

/** The portal's sections; an item is listed only once its page works. */
const NAV = [
  { key: '/', label: 'portal.nav.home' },
  { key: '/portal/calls', label: 'portal.calls' },
  { key: '/portal/notices', label: 'portal.notices' },
  { key: '/portal/filing-lists', label: 'portal.filings' },
  { key: '/portal/spaces', label: 'spacesite.nav' },
  { key: '/portal/activities', label: 'events.public.title' },
  { key: '/portal/policies', label: 'portal.policies' },
  { key: '/portal/supports', label: 'supports.public.nav' },
  { key: '/portal/crowd', label: 'crowd.portal.title' },
  { key: '/portal/pitches', label: 'pitches.portal.title' },
  { key: '/portal/statistics', label: 'dashboard.public.nav' },
] as const;

/** The section a path belongs to: the home page only at `/`, a section also on its detail pages. */
const sectionOf = (pathname: string) => NAV.find((n) => (n.key === '/' ? pathname === '/' : pathname === n.key || pathname.startsWith(`${n.key}/`)))?.key;

/** The MIIT register every ICP filing number links to. */
const ICP_REGISTER = 'https://beian.miit.gov.cn/';

/** Who runs the site and its ICP number (SITE_OPERATOR, SITE_ICP): fetched once per visit. */
function SiteFooter() {
  const { t } = useTranslation();
  const site = useQuery({ queryKey: ['portal-site'], queryFn: portalApi.site, staleTime: Infinity });
  return (
    <Layout.Footer style={{ textAlign: 'center', paddingInline: 16 }} data-testid="portal-footer">
      {site.data && (
        <Flex justify="center" wrap gap="4px 16px" style={{ marginBottom: 4 }}>
          <span>{t('portal.operator', { operator: site.data.operator })}</span>
          {site.data.icp && (
            <a href={ICP_REGISTER} target="_blank" rel="noreferrer">
              {site.data.icp}
            </a>
          )}
        </Flex>
      )}
      <Typography.Text type="secondary">{t('portal.footer')}</Typography.Text>
    </Layout.Footer>
  );
}

/**
 * The public portal's frame: the header with the site name, the sections, language, registration
 * and sign-in (on a phone the sections and the rest fold into a drawer), and the footer naming who
 * runs the site.
 */
export function PortalFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  // Before the first measurement every breakpoint is unknown: lay out for the desktop then.
  const narrow = Grid.useBreakpoint().md === false;
  const [drawer, setDrawer] = useState(false);
  const current = sectionOf(pathname);
  const items = NAV.map((n) => ({ key: n.key, label: <Link to={n.key}>{t(n.label)}</Link> }));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: narrow ? 16 : 24 }}>
        <Link to="/" style={{ flex: 'none' }}>
          <Typography.Text style={{ color: '#fff', fontSize: 18, fontWeight: 600, whiteSpace: 'nowrap' }}>{t('app.short')}</Typography.Text>
        </Link>
        {narrow ? (
          <Flex gap={8} align="center" style={{ marginLeft: 'auto' }}>
            <Button type="primary" onClick={() => navigate('/login')}>
              {t('common.login')}
            </Button>
            <Button type="text" icon={<MenuOutlined />} aria-label={t('portal.nav.menu')} style={{ color: '#fff' }} onClick={() => setDrawer(true)} />
          </Flex>
        ) : (
          <Flex gap={8} style={{ flex: 'none', marginLeft: 'auto' }}>
            <LanguageSwitch dark />
            <Button onClick={() => navigate('/register')}>{t('register.link')}</Button>
            <Button type="primary" onClick={() => navigate('/login')}>
              {t('common.login')}
            </Button>
          </Flex>
        )}
      </Layout.Header>
      {/* The sections get a bar of their own, the width of the window: beside the title and the buttons they did not fit. */}
      {!narrow && (
        <nav aria-label={t('portal.nav.label')} style={{ background: '#001529', borderTop: '1px solid rgba(255, 255, 255, 0.12)', paddingInline: 24 }}>
          <Menu theme="dark" mode="horizontal" selectedKeys={current ? [current] : []} items={items} style={{ borderBottom: 'none', lineHeight: '46px' }} />
        </nav>
      )}
      {narrow && (
        <Drawer open={drawer} onClose={() => setDrawer(false)} title={t('app.short')} size={280} styles={{ body: { padding: 0 } }}>
          <nav aria-label={t('portal.nav.label')}>
            <Menu mode="inline" selectedKeys={current ? [current] : []} items={items} onClick={() => setDrawer(false)} style={{ borderInlineEnd: 'none' }} />
          </nav>
          <Flex vertical gap={8} style={{ padding: 16 }}>
            <Button block onClick={() => navigate('/register')}>
              {t('register.link')}
            </Button>
            <LanguageSwitch />
          </Flex>
        </Drawer>
      )}
      <Layout.Content style={{ padding: narrow ? '20px 16px' : '32px 24px', maxWidth: 1200, width: '100%', margin: '0 auto' }}>{children}</Layout.Content>
      <SiteFooter />
    </Layout>
  );
}
