import { Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ORG_NATURES } from '../../api/applications';
import type { MyOrganisation, ProfileBody } from '../../api/registry';

const MOBILE = /^(\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}$/;

/** The operator's profile (001 附件2 rows about the operator): registration and 我的机构 share it. */
export function ProfileFields() {
  const { t } = useTranslation();
  const mobile = { pattern: MOBILE, message: t('dossier.v.mobile') };
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item name="nature" label={t('org.nature')} rules={[{ required: true, message: t('dossier.v.required', { field: t('org.nature') }) }]}>
          <Select options={ORG_NATURES.map((n) => ({ value: n, label: t(`dossier.nature.${n}`) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="legalRepresentative" label={t('dossier.f.legalRepresentative')} rules={[{ required: true, whitespace: true, message: t('dossier.v.required', { field: t('dossier.f.legalRepresentative') }) }]}>
          <Input maxLength={50} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="principalName" label={t('dossier.f.principalName')}>
          <Input maxLength={50} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="principalMobile" label={t('dossier.f.principalMobile')} rules={[mobile]}>
          <Input maxLength={32} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="contactName" label={t('dossier.f.contactName')} rules={[{ required: true, whitespace: true, message: t('dossier.v.required', { field: t('dossier.f.contactName') }) }]}>
          <Input maxLength={50} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name="contactMobile"
          label={t('dossier.f.contactMobile')}
          rules={[{ required: true, message: t('dossier.v.required', { field: t('dossier.f.contactMobile') }) }, mobile]}
        >
          <Input maxLength={32} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="phone" label={t('org.phone')}>
          <Input maxLength={24} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="email" label={t('dossier.f.email')} rules={[{ type: 'email', message: t('dossier.v.email') }]}>
          <Input maxLength={254} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="address" label={t('dossier.f.address')}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** The profile rows as the form holds them (the required ones are checked by the form first). */
export interface ProfileValues {
  nature: ProfileBody['nature'];
  legalRepresentative: string;
  principalName?: string;
  principalMobile?: string;
  contactName: string;
  contactMobile: string;
  phone?: string;
  email?: string;
  address?: string;
}

const optional = (x: string | null | undefined) => x?.trim() || null;

/** Empty optional answers go as null (the server keeps them unset). */
export const profileBody = (v: ProfileValues): ProfileBody => ({
  nature: v.nature,
  legalRepresentative: v.legalRepresentative.trim(),
  principalName: optional(v.principalName),
  principalMobile: optional(v.principalMobile),
  contactName: v.contactName.trim(),
  contactMobile: v.contactMobile.trim(),
  phone: optional(v.phone),
  email: optional(v.email),
  address: optional(v.address),
});

/** The form's values for a saved profile (its unset rows left empty). */
export const profileValues = (o: MyOrganisation): Partial<ProfileValues> => ({
  nature: o.nature ?? undefined,
  legalRepresentative: o.legalRepresentative ?? undefined,
  principalName: o.principalName ?? undefined,
  principalMobile: o.principalMobile ?? undefined,
  contactName: o.contactName ?? undefined,
  contactMobile: o.contactMobile ?? undefined,
  phone: o.phone ?? undefined,
  email: o.email ?? undefined,
  address: o.address ?? undefined,
});
