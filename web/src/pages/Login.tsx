import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../api/client';
import { authApi, meKey } from '../api/session';
import type { LoginResult } from '../api/types';
import { LanguageSwitch } from '../components/LanguageSwitch';

/** Only paths inside the workspace are followed after sign-in (no open redirect). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/app') ? next : '/app';
}

export default function Login() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<LoginResult | null>(null);

  async function enter(result: LoginResult) {
    await queryClient.resetQueries({ queryKey: meKey });
    navigate(result.mustChangePassword ? '/change-password' : safeNext(params.get('next')), { replace: true });
  }

  const login = useMutation({
    mutationFn: (v: { username: string; password: string }) => authApi.login(v),
    onSuccess: (result) => (result.mfaRequired ? setPending(result) : enter(result)),
  });
  const mfa = useMutation({
    mutationFn: (v: { code: string }) => authApi.mfa(v),
    onSuccess: () => pending && enter(pending),
  });

  const error = pending ? mfa.error : login.error;
  const locked = error instanceof ApiError && error.code === 'ACCOUNT_LOCKED';

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', background: '#f0f2f5', padding: 16 }}>
      <Typography.Title level={1} style={{ fontSize: 26, marginBottom: 24 }}>
        <Link to="/" style={{ color: 'inherit' }}>
          {t('app.title')}
        </Link>
      </Typography.Title>
      <Card style={{ width: 380, maxWidth: '100%' }} title={pending ? t('login.mfaTitle') : t('login.title')} extra={<LanguageSwitch />}>
        {error && (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 16 }}
            title={locked ? t('login.locked') : errorMessage(error)}
            description={locked ? errorMessage(error) : undefined}
          />
        )}
        {pending ? (
          <Form layout="vertical" onFinish={(v: { code: string }) => mfa.mutate(v)} requiredMark={false}>
            <Typography.Paragraph type="secondary">{t('login.mfaHint')}</Typography.Paragraph>
            <Form.Item
              name="code"
              label={t('login.code')}
              rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.codeRequired') }]}
            >
              <Input.OTP length={6} autoFocus />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={mfa.isPending}>
              {t('login.verify')}
            </Button>
            <Button type="link" block onClick={() => setPending(null)}>
              {t('login.backToLogin')}
            </Button>
          </Form>
        ) : (
          <Form layout="vertical" onFinish={(v: { username: string; password: string }) => login.mutate(v)} requiredMark={false}>
            <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={login.isPending}>
              {t('login.submit')}
            </Button>
            <Flex justify="space-between" style={{ marginTop: 12 }}>
              <Link to="/forgot-password">{t('password.reset.forgotLink')}</Link>
              <Flex gap={16}>
                <Link to="/register?as=maker">{t('register.makerLink')}</Link>
                <Link to="/register">{t('register.link')}</Link>
              </Flex>
            </Flex>
          </Form>
        )}
      </Card>
    </Flex>
  );
}
