import { Checkbox, Col, ConfigProvider, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space } from 'antd';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { type BasicInfo, isPersonalField, ORG_NATURES, type PersonalField } from '../../api/applications';
import { type Reveal, RevealButton } from '../../components/RevealButton';

type Key = keyof BasicInfo;
const MOBILE = /^1[3-9]\d{9}$/;
const PHONE = /^((0\d{2,3}-?)?\d{7,8}(-\d{1,6})?|1[3-9]\d{9})$/;
/** The server sends phones masked (138****1234) to whoever may not see them in full. */
const isMasked = (v: unknown) => typeof v === 'string' && v.includes('*');
/** A masked value sent back unchanged keeps the stored number (the server checks it is that number's mask). */
const phoneRule = (pattern: RegExp, message: string): Rule => ({
  validator: async (_, v?: string) => {
    if (v && !isMasked(v) && !pattern.test(v)) throw new Error(message);
  },
});

const TEXT_FIELDS: { key: Key; rules?: (t: TFunction) => Rule[]; wide?: boolean }[] = [
  { key: 'spaceName' },
  { key: 'operatorName' },
  { key: 'legalRepresentative' },
  { key: 'legalRepresentativePhone', rules: (t) => [phoneRule(PHONE, t('dossier.v.phone'))] },
  { key: 'principalName' },
  { key: 'principalMobile', rules: (t) => [phoneRule(MOBILE, t('dossier.v.mobile'))] },
  { key: 'contactName' },
  { key: 'contactMobile', rules: (t) => [phoneRule(MOBILE, t('dossier.v.mobile'))] },
  { key: 'address', wide: true },
  { key: 'email', rules: (t) => [{ type: 'email', message: t('dossier.v.email') }] },
  { key: 'professionalDirection' },
];

/** Counts (人/个/家/次) and measures with two decimals (平方米/万元); `notAbove` is the cross-field check. */
const NUMBER_FIELDS: { key: Key; unit: string; decimals?: boolean; notAbove?: Key }[] = [
  { key: 'teamTotal', unit: 'people' },
  { key: 'teamCollegePlus', unit: 'people', notAbove: 'teamTotal' },
  { key: 'mentors', unit: 'people' },
  { key: 'floorAreaM2', unit: 'm2', decimals: true },
  { key: 'publicServiceAreaM2', unit: 'm2', decimals: true, notAbove: 'floorAreaM2' },
  { key: 'angelFundWan', unit: 'wan', decimals: true },
  { key: 'residentProjects', unit: 'projects' },
  { key: 'residentEnterprises', unit: 'enterprises' },
  { key: 'eventsHeld', unit: 'times' },
];

const YES_NAME_FIELDS: Key[] = ['builtByEnterprise', 'builtByUniversity', 'builtByResearchInstitute', 'onlinePlatform', 'publicTechPlatform'];

const name = (key: Key, ...rest: string[]) => ['basicInfo', key, ...rest];

/** A "是/否（填写详细名称）" question of 附件2. */
function YesWithNameItem({ field }: { field: Key }) {
  const { t } = useTranslation();
  const yes = Form.useWatch(name(field, 'yes')) as boolean | undefined;
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item name={name(field, 'yes')} label={t(`dossier.f.${field}`)} rules={[{ required: true, message: t('dossier.v.choose') }]}>
          <Radio.Group
            options={[
              { value: true, label: t('common.yes') },
              { value: false, label: t('common.no') },
            ]}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        {yes && (
          <Form.Item name={name(field, 'name')} label={t('dossier.f.detailName')} rules={[{ required: true, whitespace: true, message: t('dossier.v.detailName') }]}>
            <Input maxLength={200} />
          </Form.Item>
        )}
      </Col>
    </Row>
  );
}

/** Below a masked phone: what saving it unchanged does, and "查看完整" for those who may ask. */
function MaskedExtra({ field, disabled, reveal }: { field: PersonalField; disabled: boolean; reveal: Reveal<PersonalField> | null }) {
  const { t } = useTranslation();
  const value = Form.useWatch(name(field)) as unknown;
  if (!isMasked(value)) return null;
  return (
    <Space size={4} wrap>
      {!disabled && <span>{t('dossier.maskedHint')}</span>}
      {reveal && <RevealButton reveal={reveal} field={field} label={t(`dossier.f.${field}`)} />}
    </Space>
  );
}

/**
 * 基础信息表 (001 附件2): every field, with units and the cross-field checks the server also makes.
 * `reveal`: how the viewer may ask for a masked phone in full, when it may.
 */
export function BasicInfoStep({ disabled, reveal }: { disabled: boolean; reveal: Reveal<PersonalField> | null }) {
  const { t } = useTranslation();
  const required = (key: Key): Rule => ({ required: true, whitespace: true, message: t('dossier.v.required', { field: t(`dossier.f.${key}`) }) });
  return (
    // Read-only through Ant Design's disabled context rather than a disabled <fieldset>: the browser
    // would disable every button inside too, "查看完整" included.
    <ConfigProvider componentDisabled={disabled}>
      <Row gutter={16}>
        {TEXT_FIELDS.slice(0, 1).map(({ key }) => (
          <Col xs={24} md={12} key={key}>
            <Form.Item name={name(key)} label={t(`dossier.f.${key}`)} rules={[required(key)]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        ))}
        <Col xs={24} md={12}>
          <Form.Item name={name('foundedOn')} label={t('dossier.f.foundedOn')} rules={[{ required: true, message: t('dossier.v.required', { field: t('dossier.f.foundedOn') }) }]}>
            <DatePicker style={{ width: '100%' }} disabled={disabled} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={name('operatorName')} label={t('dossier.f.operatorName')} rules={[required('operatorName')]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name={name('operatorNature')}
            label={t('dossier.f.operatorNature')}
            rules={[{ required: true, message: t('dossier.v.required', { field: t('dossier.f.operatorNature') }) }]}
          >
            <Select disabled={disabled} options={ORG_NATURES.map((n) => ({ value: n, label: t(`dossier.nature.${n}`) }))} />
          </Form.Item>
        </Col>
        {TEXT_FIELDS.slice(2).map(({ key, rules, wide }) => (
          <Col xs={24} md={wide ? 24 : 12} key={key}>
            <Form.Item
              name={name(key)}
              label={t(`dossier.f.${key}`)}
              rules={[required(key), ...(rules?.(t) ?? [])]}
              extra={isPersonalField(key) ? <MaskedExtra field={key} disabled={disabled} reveal={reveal} /> : undefined}
            >
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      {YES_NAME_FIELDS.slice(0, 3).map((f) => (
        <YesWithNameItem key={f} field={f} />
      ))}
      <Row gutter={16}>
        {NUMBER_FIELDS.map(({ key, unit, decimals, notAbove }) => (
          <Col xs={24} md={12} key={key}>
            <Form.Item
              name={name(key)}
              label={t(`dossier.f.${key}`)}
              dependencies={notAbove ? [name(notAbove)] : undefined}
              rules={[
                { required: true, message: t('dossier.v.required', { field: t(`dossier.f.${key}`) }) },
                ({ getFieldValue }) => ({
                  validator: async (_, value?: number | null) => {
                    const limit = notAbove && (getFieldValue(name(notAbove)) as number | null | undefined);
                    if (notAbove && value != null && limit != null && value > limit)
                      throw new Error(t('dossier.v.notAbove', { field: t(`dossier.f.${key}`), other: t(`dossier.f.${notAbove}`) }));
                  },
                }),
              ]}
            >
              <InputNumber
                min={0}
                precision={decimals ? 2 : 0}
                style={{ width: '100%' }}
                suffix={t(`dossier.unit.${unit}`)}
                disabled={disabled}
              />
            </Form.Item>
          </Col>
        ))}
      </Row>
      {YES_NAME_FIELDS.slice(3).map((f) => (
        <YesWithNameItem key={f} field={f} />
      ))}
      <Form.Item label={t('dossier.f.managementSystems')} required>
        <Row gutter={16} align="middle">
          {(['entryStandard', 'exitConditions', 'incubateeDatabase'] as const).map((k) => (
            <Col key={k}>
              <Form.Item name={name('managementSystems', k)} valuePropName="checked" noStyle>
                <Checkbox>{t(`dossier.f.ms.${k}`)}</Checkbox>
              </Form.Item>
            </Col>
          ))}
          <Col flex="auto">
            <Form.Item name={name('managementSystems', 'other')} noStyle>
              <Input placeholder={t('dossier.f.ms.other')} maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
      </Form.Item>
    </ConfigProvider>
  );
}
