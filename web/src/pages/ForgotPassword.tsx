import { MailOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { passwordResetApi } from '../api/passwordReset';
import { PageSpinner } from '../components/PageSpinner';
import { QueryError } from '../components/QueryError';
import { useFormErrors } from '../components/useFormErrors';
import { PasswordResetFrame } from './PasswordResetFrame';

interface Values {
  username: string;
  email: string;
}

/**
 * "忘记密码": username and e-mail address; where the platform sends mail, a link is mailed. The
 * answer is the same whether or not they match an account. Without mail the page sends people to
 * the system administrator, who resets passwords.
 */
export default function ForgotPassword() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const availability = useQuery({ queryKey: ['password-reset'], queryFn: () => passwordResetApi.availability() });
  const request = useMutation({ mutationFn: (v: Values) => passwordResetApi.request(v), onMutate: errors.clear, onError: errors.onError });

  let body;
  if (availability.isPending) body = <PageSpinner />;
  else if (availability.isError) body = <QueryError error={availability.error} onRetry={() => void availability.refetch()} />;
  else if (!availability.data.byMail) body = <Alert type="info" showIcon title={t('password.reset.noMail')} description={t('password.reset.noMailHint')} />;
  else if (request.isSuccess)
    body = <Alert type="success" showIcon role="status" title={t('password.reset.sentTitle')} description={t('password.reset.sent', { minutes: availability.data.minutes })} />;
  else
    body = (
      <Form form={form} layout="vertical" onFinish={(v) => request.mutate(v)} requiredMark={false}>
        <Typography.Paragraph type="secondary">{t('password.reset.requestHint')}</Typography.Paragraph>
        {errors.alert}
        <Form.Item name="username" label={t('password.reset.username')} rules={[{ required: true, whitespace: true, message: t('password.reset.usernameRequired') }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('password.reset.email')}
          rules={[
            { required: true, message: t('password.reset.emailRequired') },
            { type: 'email', message: t('password.reset.emailInvalid') },
          ]}
        >
          <Input prefix={<MailOutlined />} autoComplete="email" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={request.isPending}>
          {t('password.reset.send')}
        </Button>
      </Form>
    );
  return <PasswordResetFrame title={t('password.reset.forgotTitle')}>{body}</PasswordResetFrame>;
}
