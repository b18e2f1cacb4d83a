import { Button, Flex, Layout, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { LanguageSwitch } from '../../components/LanguageSwitch';

/** The public portal's header (home link, language, registration, sign-in) and footer around its pages. */
export function PortalFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', paddingInline: 24 }}>
        <Link to="/">
          <Typography.Text style={{ color: '#fff', fontSize: 18, fontWeight: 600 }}>{t('app.short')}</Typography.Text>
        </Link>
        <Flex gap={8} style={{ marginLeft: 'auto' }}>
          <LanguageSwitch dark />
          <Button onClick={() => navigate('/register')}>{t('register.link')}</Button>
          <Button type="primary" onClick={() => navigate('/login')}>
            {t('common.login')}
          </Button>
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ padding: '32px 24px', maxWidth: 1200, width: '100%', margin: '0 auto' }}>{children}</Layout.Content>
      <Layout.Footer style={{ textAlign: 'center' }}>{t('portal.footer')}</Layout.Footer>
    </Layout>
  );
}
