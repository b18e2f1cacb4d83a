import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, DatePicker, Drawer, Form, Input, InputNumber, Radio, Select, Space, Switch, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { filesApi } from '../../api/files';
import { KEY_INDUSTRIES } from '../../api/registry';
import { FOUNDER_TYPES, type Incubatee, type IncubateeBody, rosterApi, rosterKeys } from '../../api/roster';
import { UsccField } from '../../components/UsccField';
import { useFormErrors } from '../../components/useFormErrors';

/** A date field holding 'YYYY-MM-DD' while the picker shows a dayjs. */
export const dateField = {
  getValueProps: (v?: string | null) => ({ value: v ? dayjs(v) : undefined }),
  normalize: (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};

const EMPTY: Partial<IncubateeBody> = { kind: 'enterprise', founderTypes: [], jobs: 0, graduatesHired: 0, validIp: 0, inventionPatents: 0, newlyRegistered: false, hostIncubatee: false };

/** Registers an incubatee in `spaceId`, or edits `editing`: every field of the roster row. */
export function IncubateeDrawer({ open, spaceId, editing, onClose }: { open: boolean; spaceId?: string; editing?: Incubatee; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<IncubateeBody>();
  const errors = useFormErrors(form);
  const [busy, setBusy] = useState(false);
  const [agreementName, setAgreementName] = useState<string>();
  const newlyRegistered = Form.useWatch('newlyRegistered', form);

  useEffect(() => {
    if (!open) return;
    errors.clear();
    setAgreementName(undefined);
    form.resetFields();
    form.setFieldsValue(editing ? { ...editing } : EMPTY);
  }, [open, editing]);

  const upload = async (file: File) => {
    try {
      const meta = await filesApi.upload(file, file.name);
      form.setFieldValue('agreementFileId', meta.id);
      setAgreementName(meta.originalName);
    } catch (err) {
      errors.onError(err);
    }
  };

  const save = async (values: IncubateeBody) => {
    setBusy(true);
    try {
      const body = { ...values, uscc: values.uscc || null, registeredOn: values.newlyRegistered ? values.registeredOn : null };
      if (editing) await rosterApi.edit(editing.id, { ...body, revision: editing.revision });
      else await rosterApi.create(spaceId!, body);
      message.success(t('roster.saved'));
      await queryClient.invalidateQueries({ queryKey: [rosterKeys.list] });
      await queryClient.invalidateQueries({ queryKey: [rosterKeys.survival] });
      onClose();
    } catch (err) {
      errors.onError(err);
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, message: t('roster.form.required') }];
  const count = (name: keyof IncubateeBody, label: string) => (
    <Form.Item name={name} label={label} rules={required}>
      <InputNumber min={0} precision={0} style={{ width: 140 }} />
    </Form.Item>
  );
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size="large"
      title={editing ? `${t('roster.edit')}：${editing.name}` : t('roster.add')}
      destroyOnHidden
      extra={
        <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="incubatee-save">
          {t('roster.chain.save')}
        </Button>
      }
    >
      {errors.alert}
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item name="kind" label={t('roster.form.kind')} rules={required}>
          <Radio.Group options={(['enterprise', 'team'] as const).map((k) => ({ value: k, label: t(`roster.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('roster.form.name')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <UsccField />
        <Form.Item name="entryDate" label={t('roster.form.entryDate')} rules={required} {...dateField}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="agreementFileId" label={t('roster.form.agreement')}>
          <Space>
            <Upload accept=".pdf,.jpg,.jpeg,.png" showUploadList={false} beforeUpload={(f) => (void upload(f), false)}>
              <Button icon={<UploadOutlined />}>{t('roster.form.upload')}</Button>
            </Upload>
            {agreementName && t('roster.form.uploaded', { name: agreementName })}
          </Space>
        </Form.Item>
        <Space wrap>
          <Form.Item name="industry" label={t('roster.form.industry')}>
            <Select allowClear style={{ width: 180 }} options={KEY_INDUSTRIES.map((c) => ({ value: c, label: t(`spaces.industries.${c}`) }))} />
          </Form.Item>
          <Form.Item name="subField" label={t('roster.form.subField')}>
            <Input maxLength={100} style={{ width: 220 }} />
          </Form.Item>
        </Space>
        <Form.Item name="founderTypes" label={t('roster.form.founderTypes')}>
          <Checkbox.Group options={FOUNDER_TYPES.map((f) => ({ value: f, label: t(`roster.founders.${f}`) }))} />
        </Form.Item>
        <Space wrap>
          {count('jobs', t('roster.form.jobs'))}
          {count('graduatesHired', t('roster.form.graduatesHired'))}
          {count('validIp', t('roster.form.validIp'))}
          {count('inventionPatents', t('roster.form.inventionPatents'))}
        </Space>
        <Space wrap>
          <Form.Item name="newlyRegistered" label={t('roster.form.newlyRegistered')} valuePropName="checked">
            <Switch />
          </Form.Item>
          {newlyRegistered && (
            <Form.Item name="registeredOn" label={t('roster.form.registeredOn')} rules={required} {...dateField}>
              <DatePicker />
            </Form.Item>
          )}
        </Space>
        <Form.Item name="hostIncubatee" label={t('roster.form.hostIncubatee')} extra={t('roster.form.hostIncubateeHelp')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Space wrap>
          <Form.Item name="contactName" label={t('roster.form.contactName')}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="contactMobile" label={t('roster.form.contactMobile')}>
            <Input maxLength={30} />
          </Form.Item>
        </Space>
      </Form>
    </Drawer>
  );
}
