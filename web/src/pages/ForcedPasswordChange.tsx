import { useQueryClient } from '@tanstack/react-query';
import { App, Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { meKey } from '../api/session';
import { SessionGate } from '../app/SessionGate';
import { ChangePasswordForm } from '../components/ChangePasswordForm';
import { LanguageSwitch } from '../components/LanguageSwitch';

/** First sign-in or an administrator reset: nothing else opens until the password is changed. */
export default function ForcedPasswordChange() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  async function changed() {
    message.success(t('password.changed'));
    await queryClient.invalidateQueries({ queryKey: meKey });
    navigate('/app', { replace: true });
  }

  return (
    <SessionGate signIn="/login">
      {(me) => (
        <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', background: '#f0f2f5', padding: 16 }}>
          <Card title={t('password.forcedTitle')} extra={<LanguageSwitch />} style={{ width: 480, maxWidth: '100%' }}>
            <Typography.Paragraph type="secondary">
              {t('password.forcedHint', { name: me.user.displayName, username: me.user.username })}
            </Typography.Paragraph>
            <ChangePasswordForm onChanged={() => void changed()} />
          </Card>
        </Flex>
      )}
    </SessionGate>
  );
}
