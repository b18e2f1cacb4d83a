import { useMutation } from '@tanstack/react-query';
import { App, Button, Divider, Flex, Form } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useFormErrors } from '../../components/useFormErrors';
import { AccountFields } from './AccountFields';

/**
 * A self-registration form: what is registered (`children`), then the account, sent by `send`; a
 * refusal shows under the field the server names, success sends the visitor to sign in.
 */
export function RegistrationForm<V extends object>({
  name,
  accountTitle,
  send,
  initialValues,
  children,
}: {
  name: string;
  accountTitle: string;
  send: (values: V) => Promise<unknown>;
  initialValues?: Partial<V>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<V>();
  const errors = useFormErrors(form);
  const register = useMutation({
    mutationFn: send,
    onMutate: errors.clear,
    onSuccess: () => {
      message.success(t('register.done'));
      navigate('/login');
    },
    onError: errors.onError,
  });
  return (
    <>
      {errors.alert}
      <Form form={form} name={name} layout="vertical" onFinish={(v) => register.mutate(v)} requiredMark="optional" initialValues={initialValues}>
        {children}
        <Divider titlePlacement="start">{accountTitle}</Divider>
        <AccountFields />
        <Flex justify="space-between" align="center">
          <Link to="/login">{t('register.haveAccount')}</Link>
          <Button type="primary" htmlType="submit" loading={register.isPending}>
            {t('register.submit')}
          </Button>
        </Flex>
      </Form>
    </>
  );
}
