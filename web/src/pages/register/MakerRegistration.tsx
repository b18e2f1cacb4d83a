import { Col, Form, Input, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { registryApi } from '../../api/registry';
import { RegionCascader } from '../../components/RegionCascader';
import { MakerFields } from './MakerFields';
import { RegistrationForm } from './RegistrationForm';

interface Values {
  makerType: 'individual' | 'team';
  teamName?: string;
  members?: number;
  fields: string[];
  affiliation?: string;
  intro?: string;
  region: string[];
  mobile?: string;
  email?: string;
  username: string;
  displayName: string;
  password: string;
  confirm: string;
}

/** 创客注册: a maker alone or a team, with its account (POST /api/register/maker). */
export function MakerRegistration() {
  const { t } = useTranslation();
  return (
    <RegistrationForm<Values>
      name="register-maker"
      accountTitle={t('register.makerAccount')}
      initialValues={{ makerType: 'individual' }}
      send={({ region, confirm: _confirm, members, teamName, mobile, email, affiliation, intro, fields, ...rest }) =>
        registryApi.registerMaker({
          ...rest,
          fields: fields as Parameters<typeof registryApi.registerMaker>[0]['fields'],
          ...(rest.makerType === 'team' ? { teamName: teamName?.trim() ?? '', members } : {}),
          regionCode: region.at(-1) ?? '',
          mobile: mobile?.trim() || null,
          email: email?.trim() || null,
          affiliation: affiliation?.trim() || null,
          intro: intro?.trim() || null,
        })
      }
    >
      <MakerFields nameField="teamName" />
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item name="region" label={t('maker.region')} rules={[{ required: true, message: t('orgs.regionRequired') }]}>
            <RegionCascader />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="mobile" label={t('maker.mobile')} rules={[{ pattern: /^(\+?86)?[\s-]*1\d{2}[\s-]*\d{4}[\s-]*\d{4}$/, message: t('maker.mobileRule') }]}>
            <Input maxLength={32} autoComplete="tel" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="email" label={t('maker.email')} rules={[{ type: 'email', message: t('maker.emailRule') }]}>
            <Input maxLength={254} autoComplete="email" />
          </Form.Item>
        </Col>
      </Row>
    </RegistrationForm>
  );
}
