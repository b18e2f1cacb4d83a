import { Card, Col, Flex, Form, Input, Row, Segmented, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { registryApi } from '../api/registry';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { RegionCascader } from '../components/RegionCascader';
import { UsccField } from '../components/UsccField';
import { MakerRegistration } from './register/MakerRegistration';
import { RegistrationForm } from './register/RegistrationForm';
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

/** 注册: an operator registers its organisation and first admin account, or a maker itself (`?as=maker`). */
export default function Register() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asMaker = params.get('as') === 'maker';
  return (
    <Flex vertical align="center" style={{ minHeight: '100vh', background: '#f0f2f5', padding: 16 }}>
      <Typography.Title level={1} style={{ fontSize: 26, margin: '24px 0' }}>
        <Link to="/" style={{ color: 'inherit' }}>
          {t('app.title')}
        </Link>
      </Typography.Title>
      <Card style={{ width: 760, maxWidth: '100%' }} title={asMaker ? t('register.makerTitle') : t('register.title')} extra={<LanguageSwitch />}>
        <Segmented
          block
          style={{ marginBottom: 16 }}
          value={asMaker ? 'maker' : 'operator'}
          onChange={(v) => setParams(v === 'maker' ? { as: 'maker' } : {}, { replace: true })}
          options={[
            { value: 'operator', label: t('register.asOperator') },
            { value: 'maker', label: t('register.asMaker') },
          ]}
        />
        <Typography.Paragraph type="secondary">{asMaker ? t('register.makerHint') : t('register.hint')}</Typography.Paragraph>
        {asMaker ? <MakerRegistration /> : <OperatorRegistration />}
      </Card>
    </Flex>
  );
}

function OperatorRegistration() {
  const { t } = useTranslation();
  return (
    <RegistrationForm<Values>
      name="register"
      accountTitle={t('register.account')}
      send={({ region, confirm: _confirm, name, uscc, username, displayName, password, ...profile }) =>
        registryApi.register({ name: name.trim(), uscc, regionCode: region.at(-1) ?? '', username, displayName, password, ...profileBody(profile) })
      }
    >
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
    </RegistrationForm>
  );
}
