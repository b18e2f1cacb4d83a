import { Col, Form, Input, Row } from 'antd';
import { useTranslation } from 'react-i18next';

/** The account every self-registration creates: username, name, password typed twice. */
export function AccountFields({ nameLabel }: { nameLabel?: string }) {
  const { t } = useTranslation();
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item name="username" label={t('login.username')} rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]{3,64}$/, message: t('register.usernameRule') }]}>
          <Input autoComplete="username" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="displayName" label={nameLabel ?? t('register.displayName')} rules={[{ required: true, whitespace: true, message: t('register.displayNameRequired') }]}>
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
  );
}
