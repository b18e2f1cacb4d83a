import { Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch';

/** The sign-in page's frame for the forgot-password pages: the platform's name, one card, a way back. */
export function PasswordResetFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', background: '#f0f2f5', padding: 16 }}>
      <Typography.Title level={1} style={{ fontSize: 26, marginBottom: 24 }}>
        <Link to="/" style={{ color: 'inherit' }}>
          {t('app.title')}
        </Link>
      </Typography.Title>
      <Card style={{ width: 420, maxWidth: '100%' }} title={title} extra={<LanguageSwitch />}>
        {children}
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Link to="/login">{t('password.reset.backToLogin')}</Link>
        </Flex>
      </Card>
    </Flex>
  );
}
