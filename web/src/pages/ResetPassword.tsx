import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { passwordResetApi } from '../api/passwordReset';
import { useFormErrors } from '../components/useFormErrors';
import { PasswordResetFrame } from './PasswordResetFrame';

interface Values {
  newPassword: string;
  confirm: string;
}

/** The page the mailed link opens: a new password under the platform's policy, once per link. */
export default function ResetPassword() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const complete = useMutation({
    mutationFn: (v: Values) => passwordResetApi.complete({ token, newPassword: v.newPassword }),
    onMutate: errors.clear,
    onError: errors.onError,
  });

  let body;
  if (!token) body = <Alert type="error" showIcon title={t('password.reset.noToken')} action={<Link to="/forgot-password">{t('password.reset.again')}</Link>} />;
  else if (complete.isSuccess)
    body = <Alert type="success" showIcon role="status" title={t('password.reset.doneTitle')} description={t('password.reset.done')} action={<Link to="/login">{t('password.reset.signIn')}</Link>} />;
  else
    body = (
      <Form form={form} layout="vertical" onFinish={(v) => complete.mutate(v)} requiredMark={false}>
        {errors.alert}
        <Form.Item name="newPassword" label={t('password.new')} extra={t('password.rules')} rules={[{ required: true, message: t('password.newRequired') }]}>
          <Input.Password autoComplete="new-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={complete.isPending}>
          {t('password.reset.set')}
        </Button>
      </Form>
    );
  return <PasswordResetFrame title={t('password.reset.resetTitle')}>{body}</PasswordResetFrame>;
}
