import { Col, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { KEY_INDUSTRIES } from '../../api/registry';

/** What a maker says of itself, at sign-up and on its profile: alone or a team, fields, school, introduction. */
export function MakerFields({ nameField }: { nameField: 'teamName' | 'name' }) {
  const { t } = useTranslation();
  const makerType = Form.useWatch<'individual' | 'team' | undefined>('makerType');
  const team = makerType === 'team';
  return (
    <Row gutter={16}>
      <Col span={24}>
        <Form.Item name="makerType" label={t('maker.type')} rules={[{ required: true, message: t('maker.typeRequired') }]}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'individual', label: t('maker.types.individual') },
              { value: 'team', label: t('maker.types.team') },
            ]}
          />
        </Form.Item>
      </Col>
      {(team || nameField === 'name') && (
        <Col xs={24} md={16}>
          <Form.Item
            name={nameField}
            label={team ? t('maker.teamName') : t('maker.ownName')}
            rules={[{ required: true, whitespace: true, min: 2, message: t('maker.nameRequired') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
        </Col>
      )}
      {team && (
        <Col xs={24} md={8}>
          <Form.Item name="members" label={t('maker.members')} extra={t('maker.membersHint')} rules={[{ required: true, type: 'number', min: 2, max: 200, message: t('maker.membersRule') }]}>
            <InputNumber precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      )}
      <Col span={24}>
        <Form.Item name="fields" label={t('maker.fields')} rules={[{ required: true, type: 'array', min: 1, max: 5, message: t('maker.fieldsRule') }]}>
          <Select mode="multiple" maxCount={5} options={KEY_INDUSTRIES.map((c) => ({ value: c, label: t(`spaces.industries.${c}`) }))} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="affiliation" label={t('maker.affiliation')}>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="intro" label={t('maker.intro')}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Col>
    </Row>
  );
}
