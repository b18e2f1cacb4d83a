import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Col, Flex, Form, type FormInstance, Input, InputNumber, Modal, Row, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { bookingApi, bookingKeys, FEE_BASES, FEE_UNITS, hhmm, type Resource, type ResourceBody, RESOURCE_KINDS } from '../../api/booking';
import { useFormErrors } from '../../components/useFormErrors';

type DayHours = ResourceBody['openingHours'][number];
/** The form's values: the price typed in 元 under the server's field name, specs as rows. */
export type ResourceValues = Omit<ResourceBody, 'specs' | 'priceFen'> & { priceFen: number; specs: { key: string; value: string }[] };

const HALF_HOURS = Array.from({ length: 49 }, (_, i) => ({ value: i * 30, label: hhmm(i * 30) }));
const WORKDAY = { open: 8 * 60, close: 22 * 60 };

/** One day's opening hours: closed, or from … to (half hours, 24:00 allowed). */
function DayHoursInput({ value, onChange, label }: { value?: DayHours; onChange?: (v: DayHours) => void; label: string }) {
  const { t } = useTranslation();
  return (
    <Space>
      <Checkbox checked={!!value} onChange={(e) => onChange?.(e.target.checked ? WORKDAY : null)} style={{ width: 72 }}>
        {label}
      </Checkbox>
      {value ? (
        <>
          <Select style={{ width: 90 }} value={value.open} options={HALF_HOURS.slice(0, -1)} onChange={(open) => onChange?.({ ...value, open })} />
          –
          <Select style={{ width: 90 }} value={value.close} options={HALF_HOURS.slice(1)} onChange={(close) => onChange?.({ ...value, close })} />
        </>
      ) : (
        <span>{t('booking.closed')}</span>
      )}
    </Space>
  );
}

export const toValues = (r: Resource): ResourceValues => ({
  kind: r.kind,
  name: r.name,
  category: r.category,
  location: r.location,
  description: r.description,
  feeBasis: r.feeBasis,
  feeUnit: r.feeUnit,
  priceFen: r.priceFen / 100,
  freeQuotaHours: r.freeQuotaHours,
  openingHours: r.openingHours,
  specs: Object.entries(r.specs).map(([key, value]) => ({ key, value })),
  active: r.active,
});

export const toBody = (v: ResourceValues): ResourceBody => ({
  ...v,
  description: v.description?.trim() || null,
  priceFen: Math.round((v.priceFen ?? 0) * 100),
  specs: Object.fromEntries((v.specs ?? []).filter((s) => s?.key?.trim()).map((s) => [s.key.trim(), (s.value ?? '').trim()])),
});

export const NEW_RESOURCE: Partial<ResourceValues> = {
  kind: 'equipment',
  feeBasis: 'cost_recovery',
  feeUnit: 'hour',
  priceFen: 0,
  freeQuotaHours: 0,
  openingHours: [WORKDAY, WORKDAY, WORKDAY, WORKDAY, WORKDAY, null, null],
  specs: [],
  active: true,
};

/** The resource's fields: kind, name, category, location, specs, fee basis and price, free quota, opening hours. */
export function ResourceFields({ form }: { form: FormInstance<ResourceValues> }) {
  const { t } = useTranslation();
  const unit = Form.useWatch('feeUnit', form);
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="kind" label={t('booking.kind')} rules={[{ required: true }]}>
            <Select options={RESOURCE_KINDS.map((k) => ({ value: k, label: t(`booking.kinds.${k}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="name" label={t('booking.name')} rules={[{ required: true, message: t('booking.form.nameRequired') }]}>
            <Input maxLength={100} data-testid="resource-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="category" label={t('booking.category')} rules={[{ required: true, message: t('booking.form.categoryRequired') }]}>
            <Input maxLength={50} placeholder={t('booking.find.categoryHint')} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="location" label={t('booking.location')} rules={[{ required: true, message: t('booking.form.locationRequired') }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="description" label={t('booking.description')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={6}>
          <Form.Item name="feeBasis" label={t('booking.form.feeBasis')}>
            <Select options={FEE_BASES.map((b) => ({ value: b, label: t(`booking.feeBases.${b}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="feeUnit" label={t('booking.form.feeUnit')}>
            <Select options={FEE_UNITS.map((u) => ({ value: u, label: t(`booking.units.${u}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          {/* Typed in 元 under the server's field name (priceFen), so its error shows here. */}
          <Form.Item name="priceFen" label={t('booking.form.price')}>
            <InputNumber min={0} max={1_000_000} precision={2} addonAfter={`元/${t(`booking.units.${unit ?? 'hour'}`)}`} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="freeQuotaHours" label={t('booking.form.freeQuota')} tooltip={t('booking.form.freeQuotaHint')}>
            <InputNumber min={0} max={744} precision={0} addonAfter={t('booking.form.hoursPerMonth')} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('booking.openingHours')} required>
        <Flex vertical gap={4}>
          {Array.from({ length: 7 }, (_, i) => (
            <Form.Item key={i} name={['openingHours', i]} noStyle>
              <DayHoursInput label={t(`booking.weekdays.${i}`)} />
            </Form.Item>
          ))}
        </Flex>
      </Form.Item>
      <Form.Item label={t('booking.form.specs')}>
        <Form.List name="specs">
          {(fields, { add, remove }) => (
            <Flex vertical gap={4}>
              {fields.map((f) => (
                <Space key={f.key}>
                  <Form.Item name={[f.name, 'key']} noStyle>
                    <Input placeholder={t('booking.form.specKey')} maxLength={50} style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'value']} noStyle>
                    <Input placeholder={t('booking.form.specValue')} maxLength={200} style={{ width: 280 }} />
                  </Form.Item>
                  <Button type="link" onClick={() => remove(f.name)}>
                    {t('booking.remove')}
                  </Button>
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ key: '', value: '' })} style={{ width: 200 }}>
                {t('booking.form.addSpec')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item name="active" label={t('booking.form.active')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </>
  );
}

/** 新增共享资源: on success opens the new resource to set its rules. */
export function ResourceModal({ spaceId, onClose }: { spaceId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ResourceValues>();
  const errors = useFormErrors(form);
  const [busy, setBusy] = useState(false);
  return (
    <Modal open width={860} title={t('booking.desk.newResource')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={t('booking.save')}>
      {errors.alert}
      <Form<ResourceValues>
        form={form}
        layout="vertical"
        initialValues={NEW_RESOURCE}
        onFinish={async (v) => {
          setBusy(true);
          try {
            const r = await bookingApi.createResource({ spaceId, body: toBody(v) });
            message.success(t('booking.form.created'));
            await queryClient.invalidateQueries({ queryKey: [bookingKeys.spaceResources] });
            onClose();
            navigate(`/app/resources/${r.id}`);
          } catch (err) {
            errors.onError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <ResourceFields form={form} />
      </Form>
    </Modal>
  );
}
