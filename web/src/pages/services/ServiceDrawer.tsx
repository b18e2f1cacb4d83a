import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Input, InputNumber, Radio, Select, Space, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRICE_BASES, SERVICE_KINDS, type Service, type ServiceBody, serviceKeys, servicesApi } from '../../api/services';
import { useFormErrors } from '../../components/useFormErrors';

type Values = Omit<ServiceBody, 'priceFen'> & { priceFen?: number | null };

/** Adds a service to `spaceId`'s catalogue, or edits `editing` (its price, lead time, listing). */
export function ServiceDrawer({ open, spaceId, editing, onClose }: { open: boolean; spaceId?: string; editing?: Service; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const [busy, setBusy] = useState(false);
  const basis = Form.useWatch('priceBasis', form);

  useEffect(() => {
    if (!open) return;
    errors.clear();
    form.resetFields();
    form.setFieldsValue(editing ? { ...editing, priceFen: editing.priceFen === null ? null : editing.priceFen / 100 } : { priceBasis: 'quote', leadDays: 7, active: true });
  }, [open, editing]);

  const save = async (v: Values) => {
    setBusy(true);
    try {
      // The form takes 元; the server keeps 分.
      const body: ServiceBody = { ...v, priceFen: v.priceBasis === 'fixed' && v.priceFen !== null && v.priceFen !== undefined ? Math.round(v.priceFen * 100) : null };
      if (editing) await servicesApi.edit(editing.id, { ...body, revision: editing.revision });
      else await servicesApi.create(spaceId!, body);
      message.success(t('services.saved'));
      await queryClient.invalidateQueries({ queryKey: [serviceKeys.catalogue] });
      onClose();
    } catch (err) {
      errors.onError(err);
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, message: t('services.form.required') }];
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size="large"
      title={editing ? `${t('services.edit')}：${editing.name}` : t('services.add')}
      destroyOnHidden
      extra={
        <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="service-save">
          {t('services.save')}
        </Button>
      }
    >
      {errors.alert}
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item name="name" label={t('services.form.name')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label={t('services.form.kind')} rules={required}>
          <Select style={{ width: 240 }} options={SERVICE_KINDS.map((k) => ({ value: k, label: t(`services.kinds.${k}`) }))} data-testid="service-kind" />
        </Form.Item>
        <Form.Item name="description" label={t('services.form.description')} rules={required}>
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
        <Form.Item name="priceBasis" label={t('services.form.priceBasis')} rules={required}>
          <Radio.Group options={PRICE_BASES.map((b) => ({ value: b, label: t(`services.bases.${b}`) }))} />
        </Form.Item>
        <Space wrap>
          {basis === 'fixed' && (
            <Form.Item name="priceFen" label={t('services.form.price')} rules={required}>
              <InputNumber min={0.01} precision={2} style={{ width: 180 }} />
            </Form.Item>
          )}
          <Form.Item name="leadDays" label={t('services.form.leadDays')} rules={required}>
            <InputNumber min={0} max={365} precision={0} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="active" label={t('services.form.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
      </Form>
    </Drawer>
  );
}
