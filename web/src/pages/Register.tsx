import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Col, Divider, Flex, Form, Input, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { registryApi } from '../api/registry';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { RegionCascader } from '../components/RegionCascader';
import { UsccField } from '../components/UsccField';
import { useFormErrors } from '../components/useFormErrors';
import { ProfileFields, profileBody, type ProfileValues } from './registry/ProfileFields';

interface Values extends ProfileValues {
  name: string;
  uscc: string;
  region: string[];
  username: string;
  displayName: string;
  password: string;
  confirm: string;
}

/** 申报单位注册: an operator registers its organisation and first admin account (POST /api/register). */
export default function Register() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const register = useMutation({
    mutationFn: ({ region, confirm: _confirm, name, uscc, username, displayName, password, ...profile }: Values) =>
      registryApi.register({ name: name.trim(), uscc, regionCode: region.at(-1) ?? '', username, displayName, password, ...profileBody(profile) }),
    onMutate: errors.clear,
    onSuccess: () => {
      message.success(t('register.done'));
      navigate('/login');
    },
    onError: errors.onError,
  });
  return (
    <Flex vertical align="center" style={{ minHeight: '100vh', background: '#f0f2f5', padding: 16 }}>
      <Typography.Title level={1} style={{ fontSize: 26, margin: '24px 0' }}>
        <Link to="/" style={{ color: 'inherit' }}>
          {t('app.title')}
        </Link>
      </Typography.Title>
      <Card style={{ width: 760, maxWidth: '100%' }} title={t('register.title')} extra={<LanguageSwitch />}>
        <Typography.Paragraph type="secondary">{t('register.hint')}</Typography.Paragraph>
        {errors.alert}
        <Form form={form} name="register" layout="vertical" onFinish={(v) => register.mutate(v)} requiredMark="optional">
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="name" label={t('dossier.f.operatorName')} rules={[{ required: true, whitespace: true, message: t('dossier.v.required', { field: t('dossier.f.operatorName') }) }]}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <UsccField required />
            </Col>
            <Col span={24}>
              <Form.Item name="region" label={t('orgs.region')} rules={[{ required: true, message: t('orgs.regionRequired') }]}>
                <RegionCascader />
              </Form.Item>
            </Col>
          </Row>
          <ProfileFields />
          <Divider titlePlacement="start">{t('register.account')}</Divider>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="username" label={t('login.username')} rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]{3,64}$/, message: t('register.usernameRule') }]}>
                <Input autoComplete="username" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="displayName" label={t('register.displayName')} rules={[{ required: true, whitespace: true, message: t('register.displayNameRequired') }]}>
                <Input maxLength={64} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="password" label={t('login.password')} extra={t('password.rules')} rules={[{ required: true, message: t('password.newRequired') }]}>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="confirm"
                label={t('password.confirm')}
                dependencies={['password']}
                rules={[
                  { required: true, message: t('password.confirmRequired') },
                  ({ getFieldValue }) => ({
                    validator: async (_, v?: string) => {
                      if (v && v !== getFieldValue('password')) throw new Error(t('password.mismatch'));
                    },
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
          </Row>
          <Flex justify="space-between" align="center">
            <Link to="/login">{t('register.haveAccount')}</Link>
            <Button type="primary" htmlType="submit" loading={register.isPending}>
              {t('register.submit')}
            </Button>
          </Flex>
        </Form>
      </Card>
    </Flex>
  );
}
