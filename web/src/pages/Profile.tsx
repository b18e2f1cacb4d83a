import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, QRCode, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { authApi, can, meKey } from '../api/session';
import { useCurrentUser } from '../app/currentUser';
import { ChangePasswordForm } from '../components/ChangePasswordForm';
import { useFormErrors } from '../components/useFormErrors';
import { MakerProfileCard } from './profile/MakerProfileCard';

function TotpEnrolment() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ code: string }>();
  const errors = useFormErrors(form);
  const start = useMutation({
    mutationFn: () => authApi.startTotp(),
    onMutate: errors.clear,
    onError: errors.onError,
  });
  const confirm = useMutation({
    mutationFn: (code: string) => authApi.confirmTotp({ secret: start.data?.secret ?? '', code }),
    onMutate: errors.clear,
    onSuccess: async () => {
      message.success(t('profile.totpDone'));
      start.reset();
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: meKey });
    },
    onError: errors.onError,
  });

  return (
    <>
      <Typography.Paragraph type="secondary">{t('profile.totpIntro')}</Typography.Paragraph>
      {errors.alert}
      {start.data ? (
        <Form form={form} layout="vertical" style={{ maxWidth: 560 }} onFinish={(v) => confirm.mutate(v.code)} requiredMark={false}>
          {/* Drawn here from the otpauth URI, so the secret never leaves the page for an image service. */}
          <Form.Item label={t('profile.totpQr')}>
            <QRCode value={start.data.otpauthUri} type="svg" size={184} errorLevel="M" data-testid="totp-qr" aria-label={t('profile.totpQr')} />
          </Form.Item>
          <Form.Item label={t('profile.totpSecret')}>
            <Typography.Text code copyable style={{ fontSize: 16, letterSpacing: 1 }} data-testid="totp-secret">
              {start.data.secret}
            </Typography.Text>
          </Form.Item>
          <Form.Item label={t('profile.totpUri')}>
            <Typography.Text copyable style={{ wordBreak: 'break-all' }}>
              {start.data.otpauthUri}
            </Typography.Text>
          </Form.Item>
          <Form.Item name="code" label={t('login.code')} rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.codeRequired') }]}>
            <Input.OTP length={6} />
          </Form.Item>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={confirm.isPending}>
              {t('profile.totpConfirm')}
            </Button>
            <Button onClick={() => start.mutate()} loading={start.isPending}>
              {t('profile.totpRestart')}
            </Button>
          </Flex>
        </Form>
      ) : (
        <Button type="primary" onClick={() => start.mutate()} loading={start.isPending}>
          {t('profile.totpStart')}
        </Button>
      )}
    </>
  );
}

export default function Profile() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  return (
    <Flex vertical gap={24}>
      <Card title={t('profile.account')}>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'username', label: t('profile.username'), children: me.user.username },
            { key: 'displayName', label: t('profile.displayName'), children: me.user.displayName },
            { key: 'org', label: t('profile.organisation'), children: me.organisation.name },
            { key: 'kind', label: t('profile.orgKind'), children: t(`orgKind.${me.organisation.kind}`) },
            { key: 'region', label: t('profile.region'), children: me.organisation.regionName },
            {
              key: 'roles',
              label: t('profile.roles'),
              children: me.roles.map((r) => (
                <Tag key={r} color="blue">
                  {t(`role.${r}`)}
                </Tag>
              )),
            },
            {
              key: 'mfa',
              label: t('profile.mfa'),
              children: me.user.mfaEnrolled ? (
                <Tag color="green">{t('profile.mfaEnrolled')}</Tag>
              ) : (
                <Tag>{t('profile.mfaNotEnrolled')}</Tag>
              ),
            },
          ]}
        />
      </Card>
      {can(me, 'maker.profile.edit') && <MakerProfileCard />}
      <Card title={t('password.change')}>
        <ChangePasswordForm onChanged={() => message.success(t('password.changed'))} />
      </Card>
      {!me.user.mfaEnrolled && (
        <Card title={t('profile.totpTitle')}>
          {me.user.mfaRecommended && <Alert type="info" showIcon title={t('profile.mfaRecommended')} style={{ marginBottom: 16 }} />}
          <TotpEnrolment />
        </Card>
      )}
    </Flex>
  );
}
